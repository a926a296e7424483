# interlude_add_contract(NAME SOURCES... [INCLUDE_DIRS dirs...] [DEPENDS files...])
#
# Builds a contract written in C to a wasm32 module with clang (--target=wasm32 -O2, no libc),
# against the SDK header in sdk/include (plus INCLUDE_DIRS; DEPENDS lists extra inputs such as
# generated headers). The module lands in ${CMAKE_BINARY_DIR}/contracts/NAME.wasm and exports
# `memory` and whatever the sources mark with IL_EXPORT / __attribute__((export_name(...))) (main
# and deploy): no --export-dynamic, so helper functions stay internal. Linking: 64 KiB stack,
# 2 pages (128 KiB) of initial memory (instantiation costs 1024 fuel per page), names and custom
# sections stripped.
# A custom target `contract-NAME` builds it; the aggregate target `contracts` builds them all.
find_program(INTERLUDE_WASM_CC NAMES clang-14 clang REQUIRED)
find_program(INTERLUDE_WASM_LD NAMES wasm-ld-14 wasm-ld REQUIRED)
set(INTERLUDE_CONTRACT_DIR ${CMAKE_BINARY_DIR}/contracts)
file(MAKE_DIRECTORY ${INTERLUDE_CONTRACT_DIR})
if(NOT TARGET contracts)
  add_custom_target(contracts ALL)
endif()

function(interlude_add_contract name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "INCLUDE_DIRS;DEPENDS")
  set(out ${INTERLUDE_CONTRACT_DIR}/${name}.wasm)
  set(srcs)
  foreach(s ${arg_UNPARSED_ARGUMENTS})
    get_filename_component(abs ${s} ABSOLUTE)
    list(APPEND srcs ${abs})
  endforeach()
  set(includes -I${PROJECT_SOURCE_DIR}/sdk/include)
  foreach(d ${arg_INCLUDE_DIRS})
    list(APPEND includes -I${d})
  endforeach()
  file(GLOB sdk_headers ${PROJECT_SOURCE_DIR}/sdk/include/interlude/*.h)
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${INTERLUDE_WASM_CC} --target=wasm32 -O2 -nostdlib -ffreestanding
            -Wall -Wextra -Werror ${includes}
            -Wl,--no-entry -Wl,--strip-all -Wl,--gc-sections
            -Wl,-z,stack-size=65536 -Wl,--initial-memory=131072
            -o ${out} ${srcs}
    DEPENDS ${srcs} ${sdk_headers} ${arg_DEPENDS}
    COMMENT "Building contract ${name}.wasm"
    VERBATIM)
  add_custom_target(contract-${name} DEPENDS ${out})
  add_dependencies(contracts contract-${name})
endfunction()

# interlude_embed_bytes(INPUT OUTPUT NAME): a custom command generating the C header OUTPUT that
# holds the bytes of INPUT as `static const unsigned char NAME[NAME_SIZE]` (cmake/EmbedBytes.cmake).
function(interlude_embed_bytes input output name)
  add_custom_command(
    OUTPUT ${output}
    COMMAND ${CMAKE_COMMAND} -DINPUT=${input} -DOUTPUT=${output} -DNAME=${name}
            -P ${PROJECT_SOURCE_DIR}/cmake/EmbedBytes.cmake
    DEPENDS ${input} ${PROJECT_SOURCE_DIR}/cmake/EmbedBytes.cmake
    COMMENT "Embedding ${input} as ${name}"
    VERBATIM)
endfunction()
