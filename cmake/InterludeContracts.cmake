# interlude_add_contract(NAME SOURCES...)
#
# Builds a contract written in C to a wasm32 module with clang (--target=wasm32 -O2, no libc),
# against the SDK header in sdk/include. The module lands in ${CMAKE_BINARY_DIR}/contracts/NAME.wasm
# and exports whatever the sources mark with __attribute__((export_name(...))) (main and deploy).
# A custom target `contract-NAME` builds it; the aggregate target `contracts` builds them all.
find_program(INTERLUDE_WASM_CC NAMES clang-14 clang REQUIRED)
find_program(INTERLUDE_WASM_LD NAMES wasm-ld-14 wasm-ld REQUIRED)
set(INTERLUDE_CONTRACT_DIR ${CMAKE_BINARY_DIR}/contracts)
file(MAKE_DIRECTORY ${INTERLUDE_CONTRACT_DIR})
if(NOT TARGET contracts)
  add_custom_target(contracts ALL)
endif()

function(interlude_add_contract name)
  set(out ${INTERLUDE_CONTRACT_DIR}/${name}.wasm)
  set(srcs)
  foreach(s ${ARGN})
    get_filename_component(abs ${s} ABSOLUTE)
    list(APPEND srcs ${abs})
  endforeach()
  file(GLOB sdk_headers ${PROJECT_SOURCE_DIR}/sdk/include/interlude/*.h)
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${INTERLUDE_WASM_CC} --target=wasm32 -O2 -nostdlib -ffreestanding
            -Wall -Wextra -Werror -I${PROJECT_SOURCE_DIR}/sdk/include
            -Wl,--no-entry -Wl,--export-dynamic -Wl,--strip-all
            -Wl,-z,stack-size=65536 -Wl,--initial-memory=131072
            -o ${out} ${srcs}
    DEPENDS ${srcs} ${sdk_headers}
    COMMENT "Building contract ${name}.wasm"
    VERBATIM)
  add_custom_target(contract-${name} DEPENDS ${out})
  add_dependencies(contracts contract-${name})
endfunction()
