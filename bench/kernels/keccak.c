/* keccak-f[1600] (FIPS 202 §3): 1,000 permutations of a state seeded with lane 0 = 1.
 * Checksum: the 25 lanes folded to 32 bits by XOR. */
#include "kernel.h"

static const uint64_t RC[24] = {
    0x0000000000000001ull, 0x0000000000008082ull, 0x800000000000808Aull, 0x8000000080008000ull,
    0x000000000000808Bull, 0x0000000080000001ull, 0x8000000080008081ull, 0x8000000000008009ull,
    0x000000000000008Aull, 0x0000000000000088ull, 0x0000000080008009ull, 0x000000008000000Aull,
    0x000000008000808Bull, 0x800000000000008Bull, 0x8000000000008089ull, 0x8000000000008003ull,
    0x8000000000008002ull, 0x8000000000000080ull, 0x000000000000800Aull, 0x800000008000000Aull,
    0x8000000080008081ull, 0x8000000000008080ull, 0x0000000080000001ull, 0x8000000080008008ull};
/* Loops over constant tables carry `#pragma GCC unroll` (honoured by gcc and clang) so that both
 * builds get straight-line code. rho and pi as one walk: lane PILN[i] receives the previous lane rotated by ROTC[i]. */
static const uint8_t ROTC[24] = {1, 3, 6, 10, 15, 21, 28, 36, 45, 55, 2, 14, 27, 41, 56, 8, 25, 43, 62, 18, 39, 61, 20, 44};
static const uint8_t PILN[24] = {10, 7, 11, 17, 18, 3, 5, 16, 8, 21, 24, 4, 15, 23, 19, 13, 12, 2, 20, 14, 22, 9, 6, 1};

static uint64_t rol(uint64_t v, unsigned n) { return (v << n) | (v >> ((64 - n) & 63)); }

static void keccak_f(uint64_t a[25]) {
  for (int round = 0; round < 24; ++round) {
    uint64_t c[5];
    for (int x = 0; x < 5; ++x) c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
#pragma GCC unroll 5
    for (int x = 0; x < 5; ++x) {
      uint64_t d = c[(x + 4) % 5] ^ rol(c[(x + 1) % 5], 1);
      for (int y = 0; y < 25; y += 5) a[x + y] ^= d;
    }
    uint64_t t = a[1];
#pragma GCC unroll 24
    for (int i = 0; i < 24; ++i) {
      uint64_t next = a[PILN[i]];
      a[PILN[i]] = rol(t, ROTC[i]);
      t = next;
    }
    for (int y = 0; y < 25; y += 5) {
      uint64_t b0 = a[y], b1 = a[y + 1], b2 = a[y + 2], b3 = a[y + 3], b4 = a[y + 4];
      a[y] = b0 ^ (~b1 & b2), a[y + 1] = b1 ^ (~b2 & b3), a[y + 2] = b2 ^ (~b3 & b4);
      a[y + 3] = b3 ^ (~b4 & b0), a[y + 4] = b4 ^ (~b0 & b1);
    }
    a[0] ^= RC[round];
  }
}

KERNEL(keccak) {
  uint64_t a[25];
  for (int i = 0; i < 25; ++i) a[i] = i ? 0 : kernel_seed;
  for (int i = 0; i < 1000; ++i) keccak_f(a);
  uint64_t fold = 0;
  for (int i = 0; i < 25; ++i) fold ^= a[i];
  return (uint32_t)(fold ^ (fold >> 32));
}
