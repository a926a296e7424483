/* Benchmark kernels (issue 5): plain C written for this project, built twice from the same source:
 *   - to wasm32 with clang-14 -O2 (bench/kernels/kernels.cmake): the module exports `memory` and
 *     `bench` () -> i32, which runs the kernel once and returns its checksum;
 *   - natively with gcc -O2 -fno-tree-vectorize: `uint32_t kernel_<name>(void)`, same checksum.
 * Every kernel (re)initialises the memory it uses, so `bench` can be called repeatedly on one
 * instance. A volatile seed keeps either compiler from folding a kernel to its result. */
#ifndef INTERLUDE_BENCH_KERNEL_H
#define INTERLUDE_BENCH_KERNEL_H
#include <stdint.h>

#if defined(__wasm__)
#define KERNEL(name) __attribute__((export_name("bench"))) uint32_t kernel_##name(void)
#else
#define KERNEL(name) uint32_t kernel_##name(void)
#endif

/* Always 1; volatile so the inputs are unknown at compile time. */
static volatile uint32_t kernel_seed = 1;

#endif
