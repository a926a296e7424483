/* Sieve of Eratosthenes over 1 MiB (one byte per number below 2^20). Checksum: the number of
 * primes below 2^20 (82,025). */
#include "kernel.h"

#define SIEVE_SIZE (1u << 20)
static uint8_t sieve[SIEVE_SIZE];

KERNEL(sieve) {
  uint32_t odd = kernel_seed;
  for (uint32_t i = 0; i < SIEVE_SIZE; ++i) sieve[i] = (uint8_t)(i & odd); /* the odd numbers */
  sieve[1] = 0;
  sieve[2] = 1;
  for (uint32_t i = 3; i * i < SIEVE_SIZE; i += 2)
    if (sieve[i])
      for (uint32_t j = i * i; j < SIEVE_SIZE; j += 2 * i) sieve[j] = 0;
  uint32_t count = 0;
  for (uint32_t i = 0; i < SIEVE_SIZE; ++i) count += sieve[i];
  return count;
}
