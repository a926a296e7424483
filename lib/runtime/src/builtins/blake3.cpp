// BLAKE3 (default hash mode, 32-byte output), after the BLAKE3 specification (O'Connor, Aumasson,
// Neves, Wilcox-O'Hearn, 2020) §2: Debian ships no BLAKE3 library. The whole input is in memory,
// so the chunk tree is hashed recursively instead of with the specification's incremental stack.
#include <algorithm>
#include <bit>

#include "builtins.h"

namespace interlude::runtime::builtins {
namespace {

using Words8 = std::array<uint32_t, 8>;

/// IV: the SHA-256 initial hash value (specification §2.2); also the key of the hash mode.
constexpr Words8 kIv = {0x6A09E667, 0xBB67AE85, 0x3C6EF372, 0xA54FF53A, 0x510E527F, 0x9B05688C, 0x1F83D9AB, 0x5BE0CD19};
/// Message word permutation applied between rounds (specification Table 2).
constexpr uint8_t kPermutation[16] = {2, 6, 3, 10, 7, 0, 4, 13, 1, 11, 12, 5, 9, 14, 15, 8};
/// Domain flags (specification Table 3).
constexpr uint32_t kChunkStart = 1, kChunkEnd = 2, kParent = 4, kRoot = 8;
constexpr uint32_t kBlockLen = 64;    ///< bytes per compression.
constexpr uint32_t kChunkLen = 1024;  ///< bytes per chunk (leaf of the tree).

/// The quarter-round G (specification §2.2).
void g(uint32_t* v, int a, int b, int c, int d, uint32_t mx, uint32_t my) noexcept {
  v[a] += v[b] + mx;
  v[d] = std::rotr(v[d] ^ v[a], 16);
  v[c] += v[d];
  v[b] = std::rotr(v[b] ^ v[c], 12);
  v[a] += v[b] + my;
  v[d] = std::rotr(v[d] ^ v[a], 8);
  v[c] += v[d];
  v[b] = std::rotr(v[b] ^ v[c], 7);
}

/// The compression function, truncated to the 8-word chaining value (specification §2.2): cv is the
/// input chaining value, block 16 LE words, counter the chunk index (0 for parents), block_len the
/// bytes used in the block.
Words8 compress(const Words8& cv, const uint8_t (&block)[kBlockLen], uint64_t counter, uint32_t block_len,
                uint32_t flags) noexcept {
  uint32_t m[16];
  for (int i = 0; i < 16; ++i) m[i] = load_u32_le(block + 4 * i);
  uint32_t v[16] = {cv[0],
                    cv[1],
                    cv[2],
                    cv[3],
                    cv[4],
                    cv[5],
                    cv[6],
                    cv[7],
                    kIv[0],
                    kIv[1],
                    kIv[2],
                    kIv[3],
                    uint32_t(counter),
                    uint32_t(counter >> 32),
                    block_len,
                    flags};
  for (int round = 0; round < 7; ++round) {
    g(v, 0, 4, 8, 12, m[0], m[1]);  // columns
    g(v, 1, 5, 9, 13, m[2], m[3]);
    g(v, 2, 6, 10, 14, m[4], m[5]);
    g(v, 3, 7, 11, 15, m[6], m[7]);
    g(v, 0, 5, 10, 15, m[8], m[9]);  // diagonals
    g(v, 1, 6, 11, 12, m[10], m[11]);
    g(v, 2, 7, 8, 13, m[12], m[13]);
    g(v, 3, 4, 9, 14, m[14], m[15]);
    uint32_t permuted[16];
    for (int i = 0; i < 16; ++i) permuted[i] = m[kPermutation[i]];
    std::copy(permuted, permuted + 16, m);
  }
  Words8 out;
  for (int i = 0; i < 8; ++i) out[i] = v[i] ^ v[i + 8];
  return out;
}

/// Chaining value of one chunk (at most kChunkLen bytes, at least one possibly empty block).
/// `root` is kRoot when this chunk is the whole input, else 0.
Words8 chunk_cv(const uint8_t* data, uint64_t len, uint64_t chunk_index, uint32_t root) noexcept {
  Words8 cv = kIv;
  const uint64_t blocks = len == 0 ? 1 : (len + kBlockLen - 1) / kBlockLen;
  for (uint64_t i = 0; i < blocks; ++i) {
    uint8_t block[kBlockLen] = {};
    const uint64_t used = std::min<uint64_t>(kBlockLen, len - i * kBlockLen);
    std::copy(data + i * kBlockLen, data + i * kBlockLen + used, block);
    const uint32_t flags = (i == 0 ? kChunkStart : 0) | (i + 1 == blocks ? kChunkEnd | root : 0);
    cv = compress(cv, block, chunk_index, uint32_t(used), flags);
  }
  return cv;
}

/// Chaining value of the subtree over `len` bytes whose first chunk is `chunk_index` (specification
/// §2.5): the left subtree takes the largest power-of-two number of chunks that leaves at least
/// one byte for the right one.
Words8 subtree_cv(const uint8_t* data, uint64_t len, uint64_t chunk_index, uint32_t root) noexcept {
  if (len <= kChunkLen) return chunk_cv(data, len, chunk_index, root);
  uint64_t left = kChunkLen;
  while (2 * left < len) left *= 2;
  const Words8 l = subtree_cv(data, left, chunk_index, 0);
  const Words8 r = subtree_cv(data + left, len - left, chunk_index + left / kChunkLen, 0);
  uint8_t block[kBlockLen];
  for (int i = 0; i < 8; ++i) {
    store_u32_le(block + 4 * i, l[i]);
    store_u32_le(block + 32 + 4 * i, r[i]);
  }
  return compress(kIv, block, 0, kBlockLen, kParent | root);
}

}  // namespace

Bytes32 blake3(ByteView data) noexcept {
  const Words8 root = subtree_cv(data.data(), uint64_t(data.size()), 0, kRoot);
  Bytes32 digest;
  for (int i = 0; i < 8; ++i) store_u32_le(digest.data() + 4 * i, root[i]);
  return digest;
}

}  // namespace interlude::runtime::builtins
