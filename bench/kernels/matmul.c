/* 128x128 i32 matrix multiplication C = A x B (wrapping), A and B filled by an LCG with values in
 * [-128, 127]. Checksum: sum of C[i] * (i + 1), wrapping. */
#include "kernel.h"

#define DIM 128
static int32_t A[DIM * DIM], B[DIM * DIM], C[DIM * DIM];

KERNEL(matmul) {
  uint32_t x = kernel_seed;
  for (uint32_t i = 0; i < DIM * DIM; ++i) {
    x = x * 1103515245u + 12345u;
    A[i] = (int32_t)((x >> 16) & 0xff) - 128;
    x = x * 1103515245u + 12345u;
    B[i] = (int32_t)((x >> 16) & 0xff) - 128;
  }
  for (uint32_t i = 0; i < DIM; ++i) {
    int32_t* row = &C[i * DIM];
    for (uint32_t j = 0; j < DIM; ++j) row[j] = 0;
    for (uint32_t k = 0; k < DIM; ++k) {
      int32_t a = A[i * DIM + k];
      const int32_t* brow = &B[k * DIM];
      for (uint32_t j = 0; j < DIM; ++j) row[j] += a * brow[j];
    }
  }
  uint32_t sum = 0;
  for (uint32_t i = 0; i < DIM * DIM; ++i) sum += (uint32_t)C[i] * (i + 1);
  return sum;
}
