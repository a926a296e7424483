/* 256-bit modular multiplication: 20,000 Montgomery products (CIOS, 8 x 32-bit limbs, little
 * endian) modulo the secp256k1 field prime p = 2^256 - 2^32 - 977: x <- x * y * R^-1 mod p.
 * Checksum: the XOR of the result's limbs. */
#include "kernel.h"

#define LIMBS 8
static const uint32_t P[LIMBS] = {0xFFFFFC2F, 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFF,
                                  0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF};

static void mont_mul(uint32_t r[LIMBS], const uint32_t a[LIMBS], const uint32_t b[LIMBS], uint32_t pinv) {
  uint32_t t[LIMBS + 2] = {0};
  for (int i = 0; i < LIMBS; ++i) {
    uint64_t c = 0;
    for (int j = 0; j < LIMBS; ++j) {
      c = (uint64_t)t[j] + (uint64_t)a[j] * b[i] + (c >> 32);
      t[j] = (uint32_t)c;
    }
    c = (uint64_t)t[LIMBS] + (c >> 32);
    t[LIMBS] = (uint32_t)c;
    t[LIMBS + 1] = (uint32_t)(c >> 32);
    uint32_t m = t[0] * pinv;
    c = (uint64_t)t[0] + (uint64_t)m * P[0];
    for (int j = 1; j < LIMBS; ++j) {
      c = (uint64_t)t[j] + (uint64_t)m * P[j] + (c >> 32);
      t[j - 1] = (uint32_t)c;
    }
    c = (uint64_t)t[LIMBS] + (c >> 32);
    t[LIMBS - 1] = (uint32_t)c;
    t[LIMBS] = t[LIMBS + 1] + (uint32_t)(c >> 32);
  }
  /* t < 2p: subtract p once if t >= p. */
  uint32_t d[LIMBS];
  uint64_t borrow = 0;
  for (int j = 0; j < LIMBS; ++j) {
    uint64_t s = (uint64_t)t[j] - P[j] - borrow;
    d[j] = (uint32_t)s;
    borrow = (s >> 32) & 1;
  }
  int take = t[LIMBS] != 0 || borrow == 0;
  for (int j = 0; j < LIMBS; ++j) r[j] = take ? d[j] : t[j];
}

KERNEL(mulmod) {
  uint32_t inv = 1;  /* Newton iteration: inv = P[0]^-1 mod 2^32 */
  for (int i = 0; i < 5; ++i) inv *= 2 - P[0] * inv;
  uint32_t pinv = 0u - inv;
  uint32_t x[LIMBS], y[LIMBS];
  for (int i = 0; i < LIMBS; ++i) {
    x[i] = kernel_seed * 0x9E3779B9u * (uint32_t)(i + 1);
    y[i] = 0x7F4A7C15u ^ (uint32_t)i;
  }
  for (int n = 0; n < 20000; ++n) mont_mul(x, x, y, pinv);
  uint32_t fold = 0;
  for (int i = 0; i < LIMBS; ++i) fold ^= x[i];
  return fold;
}
