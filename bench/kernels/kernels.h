#pragma once
/// Native builds of the benchmark kernels (bench/kernels/*.c, gcc -O2 -fno-tree-vectorize). Each
/// runs its kernel once and returns the 32-bit checksum the wasm32 build's `bench` export returns.
#include <cstdint>

extern "C" {
uint32_t kernel_keccak(void);        ///< 1,000 keccak-f[1600] permutations.
uint32_t kernel_sha256(void);        ///< 2,000 SHA-256 compressions.
uint32_t kernel_fib(void);           ///< recursive fib(27) = 196,418.
uint32_t kernel_sieve(void);         ///< primes below 2^20 in a 1 MiB sieve = 82,025.
uint32_t kernel_matmul(void);        ///< 128x128 i32 matrix product.
uint32_t kernel_mulmod(void);        ///< 20,000 256-bit Montgomery products mod the secp256k1 prime.
uint32_t kernel_statemachine(void);  ///< 1,000,000 steps of a br_table-driven automaton.
}
