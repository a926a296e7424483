# The benchmark kernels (bench/kernels/*.c, see kernel.h), shared by bench/ and the fuel pin test:
#   - custom target `bench_kernels`: each kernel built with clang --target=wasm32 -O2 (no libc,
#     -fno-builtin, 2 MiB initial memory for the 1 MiB sieve, 64 KiB stack) to
#     ${INTERLUDE_BENCH_KERNEL_DIR}/<name>.wasm, exporting `memory` and `bench`;
#   - static library `interlude_bench_kernels`: the same sources built natively with
#     -O2 -fno-tree-vectorize (functions kernel_<name>, declared in kernels.h).
set(INTERLUDE_BENCH_KERNELS keccak sha256 fib sieve matmul mulmod statemachine)
set(INTERLUDE_BENCH_KERNEL_DIR ${CMAKE_BINARY_DIR}/bench-kernels)

if(NOT TARGET bench_kernels)
  set(src_dir ${PROJECT_SOURCE_DIR}/bench/kernels)
  file(MAKE_DIRECTORY ${INTERLUDE_BENCH_KERNEL_DIR})
  set(wasm_outputs)
  set(native_sources)
  foreach(k ${INTERLUDE_BENCH_KERNELS})
    set(out ${INTERLUDE_BENCH_KERNEL_DIR}/${k}.wasm)
    add_custom_command(
      OUTPUT ${out}
      COMMAND ${INTERLUDE_WASM_CC} --target=wasm32 -O2 -nostdlib -ffreestanding -fno-builtin
              -Wall -Wextra -Werror
              -Wl,--no-entry -Wl,--strip-all -Wl,--gc-sections
              -Wl,-z,stack-size=65536 -Wl,--initial-memory=2097152
              -o ${out} ${src_dir}/${k}.c
      DEPENDS ${src_dir}/${k}.c ${src_dir}/kernel.h
      COMMENT "Building bench kernel ${k}.wasm"
      VERBATIM)
    list(APPEND wasm_outputs ${out})
    list(APPEND native_sources ${src_dir}/${k}.c)
  endforeach()
  add_custom_target(bench_kernels DEPENDS ${wasm_outputs})

  add_library(interlude_bench_kernels STATIC ${native_sources})
  set_source_files_properties(${native_sources} TARGET_DIRECTORY interlude_bench_kernels
                              PROPERTIES COMPILE_OPTIONS "-O2;-fno-tree-vectorize")
  target_include_directories(interlude_bench_kernels PUBLIC ${src_dir})
endif()
