// The contract SDK's pure helpers (sdk/include/interlude/contract.h), compiled natively as C++:
// uint256 arithmetic and codecs, ABI words, context header offsets. Cross-checked with lib/common.
#include <gtest/gtest.h>

#include "interlude/common/u256.h"
#include "interlude/contract.h"

namespace interlude {
namespace {

U256 from_sdk(const il_u256& v) {
  U256 r;
  for (int i = 0; i < 4; ++i) r.limb[i] = v.limb[i];
  return r;
}

il_u256 to_sdk(const U256& v) {
  il_u256 r;
  for (int i = 0; i < 4; ++i) r.limb[i] = v.limb[i];
  return r;
}

TEST(Sdk, U256AddAndSubReportCarryAndBorrow) {
  il_u256 a = to_sdk(*U256::parse("0xffffffffffffffffffffffffffffffff")), one = il_u256_from_u64(1), r;
  EXPECT_EQ(il_u256_add(&r, &a, &one), 0u);
  EXPECT_EQ(from_sdk(r), *U256::parse("0x100000000000000000000000000000000"));
  EXPECT_EQ(il_u256_sub(&r, &r, &one), 0u);
  EXPECT_EQ(from_sdk(r), from_sdk(a));

  il_u256 max = il_u256_max();
  EXPECT_EQ(il_u256_add(&r, &max, &one), 1u);
  EXPECT_TRUE(il_u256_is_zero(&r));
  EXPECT_EQ(il_u256_sub(&r, &r, &one), 1u);
  EXPECT_EQ(from_sdk(r), U256::max());

  // add/sub agree with lib/common's U256 on a value with carries across every limb.
  const U256 x = *U256::parse("0x8000000000000000ffffffffffffffff0123456789abcdefffffffffffffffff");
  const U256 y = *U256::parse("0x80000000000000000000000000000001fedcba98765432100000000000000001");
  il_u256 sx = to_sdk(x), sy = to_sdk(y);
  EXPECT_EQ(il_u256_add(&r, &sx, &sy), 1u);
  EXPECT_EQ(from_sdk(r), x + y);
  EXPECT_EQ(il_u256_sub(&r, &sx, &sy), 0u);  // x > y
  EXPECT_EQ(from_sdk(r), x - y);
  EXPECT_EQ(il_u256_sub(&r, &sy, &sx), 1u);
  EXPECT_EQ(from_sdk(r), y - x);
}

TEST(Sdk, U256CompareAndU64) {
  il_u256 a = il_u256_from_u64(7), b = to_sdk(*U256::parse("0x10000000000000000"));
  EXPECT_EQ(il_u256_cmp(&a, &b), -1);
  EXPECT_EQ(il_u256_cmp(&b, &a), 1);
  EXPECT_EQ(il_u256_cmp(&a, &a), 0);
  EXPECT_EQ(il_u256_to_u64(&a), 7u);
  EXPECT_EQ(il_u256_to_u64(&b), 0u);  // the low 64 bits
  EXPECT_FALSE(il_u256_is_zero(&b));
}

TEST(Sdk, U256CodecsMatchTheAbiAndSyscallByteOrders) {
  const U256 v = *U256::parse("0x0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20");
  il_u256 s = to_sdk(v);
  uint8_t be[32], le[32];
  il_u256_to_be(&s, be);
  il_u256_to_le(&s, le);
  EXPECT_EQ(to_hex(ByteView(be, 32)), to_hex(v.to_be()));
  EXPECT_EQ(to_hex(ByteView(le, 32)), to_hex(v.to_le()));
  EXPECT_EQ(from_sdk(il_u256_from_be(be)), v);
  EXPECT_EQ(from_sdk(il_u256_from_le(le)), v);
}

TEST(Sdk, AddressWordAndEquality) {
  il_address a, b;
  for (uint8_t i = 0; i < 20; ++i) a.bytes[i] = b.bytes[i] = uint8_t(0xa0 + i);
  uint8_t w[32];
  il_fill(w, 0xff, 32);
  il_address_to_word(&a, w);
  EXPECT_EQ(to_hex(ByteView(w, 32)), "0x000000000000000000000000a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3");
  EXPECT_TRUE(il_address_eq(&a, &b));
  b.bytes[19] = 0;
  EXPECT_FALSE(il_address_eq(&a, &b));
}

TEST(Sdk, ContextHeaderOffsetsFollowTheLayout) {
  // protocol.md §9.2: {offset, size} in header order; each field starts where the previous one
  // ends, and 642 reserved bytes complete the 1024-byte header.
  const int fields[][2] = {
      {IL_CTX_BLOCK_CHAIN_ID, 8},           {IL_CTX_BLOCK_COINBASE, 20},
      {IL_CTX_BLOCK_TIMESTAMP, 8},          {IL_CTX_BLOCK_NUMBER, 8},
      {IL_CTX_BLOCK_DIFFICULTY, 32},        {IL_CTX_BLOCK_PREV_RANDAO, 32},
      {IL_CTX_BLOCK_GAS_LIMIT, 8},          {IL_CTX_BLOCK_BASE_FEE, 32},
      {IL_CTX_TX_GAS_LIMIT, 8},             {IL_CTX_TX_NONCE, 8},
      {IL_CTX_TX_GAS_PRICE, 32},            {IL_CTX_TX_GAS_PRIORITY_FEE_SET, 1},
      {IL_CTX_TX_GAS_PRIORITY_FEE, 32},     {IL_CTX_TX_ORIGIN, 20},
      {IL_CTX_TX_VALUE, 32},                {IL_CTX_CONTRACT_ADDRESS, 20},
      {IL_CTX_CONTRACT_BYTECODE_ADDRESS, 20}, {IL_CTX_CONTRACT_CALLER, 20},
      {IL_CTX_CONTRACT_IS_STATIC, 1},       {IL_CTX_CONTRACT_VALUE, 32},
      {IL_CTX_CONTRACT_GAS_LIMIT, 8},       {IL_CTX_CONTRACT_GAS_LIMIT + 8, 642},
  };
  int next = 0;
  for (const auto& [offset, size] : fields) {
    EXPECT_EQ(offset, next);
    next = offset + size;
  }
  EXPECT_EQ(next, int(IL_CTX_SIZE));
}

}  // namespace
}  // namespace interlude
