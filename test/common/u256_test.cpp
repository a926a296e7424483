// Tests of interlude/common/u256.h: wrapping and checked arithmetic, byte codecs, text codecs.
#include <gtest/gtest.h>

#include "interlude/common/u256.h"

namespace interlude {
namespace {

const std::string kMaxDec = "115792089237316195423570985008687907853269984665640564039457584007913129639935";

U256 pow2(int n) {
  U256 r;
  r.limb[n / 64] = uint64_t(1) << (n % 64);
  return r;
}

TEST(U256, AddCarriesAndWraps) {
  EXPECT_EQ(U256(~0ull) + 1, pow2(64));
  EXPECT_EQ(U256::max() + 1, U256());
  EXPECT_EQ(U256::max() + U256::max(), U256::max() - 1);
  U256 v = 40;
  v += 2;
  EXPECT_EQ(v, U256(42));
}

TEST(U256, SubBorrowsAndWraps) {
  EXPECT_EQ(pow2(64) - 1, U256(~0ull));
  EXPECT_EQ(U256() - 1, U256::max());
  EXPECT_EQ(U256(5) - 7, U256::max() - 1);
  U256 v = 42;
  v -= 2;
  EXPECT_EQ(v, U256(40));
}

TEST(U256, MulWraps) {
  EXPECT_EQ(U256(6) * 7, U256(42));
  EXPECT_EQ((pow2(64) + 1) * (pow2(64) - 1), pow2(128) - 1);
  EXPECT_EQ(pow2(128) * pow2(127), pow2(255));
  EXPECT_EQ(pow2(128) * pow2(128), U256());
  EXPECT_EQ(U256::max() * U256::max(), U256(1));  // (-1)(-1) mod 2^256
  // Both factors below 2^64 (a 128-bit product): the carry into the second limb.
  EXPECT_EQ(U256(~0ull) * U256(~0ull), pow2(128) - pow2(65) + 1);
  EXPECT_EQ(U256::checked_mul(U256(~0ull), U256(~0ull)), pow2(128) - pow2(65) + 1);
  EXPECT_EQ(U256(1ull << 63) * U256(2), pow2(64));
}

TEST(U256, DivMod) {
  EXPECT_EQ(U256(42) / 5, U256(8));
  EXPECT_EQ(U256(42) % 5, U256(2));
  EXPECT_EQ((U256::max() / 3).to_hex(), "0x" + std::string(64, '5'));
  EXPECT_EQ(U256::max() % 3, U256());
  EXPECT_EQ((pow2(200) + 5) % pow2(100), U256(5));
  EXPECT_EQ((pow2(200) + 5) / pow2(100), pow2(100));
  EXPECT_EQ(U256::max() / U256::max(), U256(1));
  EXPECT_EQ(U256(7) / pow2(255), U256());
  EXPECT_EQ(U256(7) % pow2(255), U256(7));
}

TEST(U256, DivModByZeroIsZero) {
  EXPECT_EQ(U256(10) / 0, U256());
  EXPECT_EQ(U256(10) % 0, U256());
  EXPECT_EQ(U256::max() / 0, U256());
  EXPECT_EQ(U256::max() % 0, U256());
}

TEST(U256, CheckedAdd) {
  EXPECT_EQ(U256::checked_add(U256::max() - 1, 1), U256::max());
  EXPECT_EQ(U256::checked_add(U256::max(), 1), std::nullopt);
  EXPECT_EQ(U256::checked_add(pow2(255), pow2(255)), std::nullopt);
  EXPECT_EQ(U256::checked_add(U256::max(), 0), U256::max());
}

TEST(U256, CheckedMul) {
  EXPECT_EQ(U256::checked_mul(pow2(128), pow2(127)), pow2(255));
  EXPECT_EQ(U256::checked_mul(pow2(128), pow2(128)), std::nullopt);
  EXPECT_EQ(U256::checked_mul(pow2(255), 2), std::nullopt);
  EXPECT_EQ(U256::checked_mul(U256::max(), 1), U256::max());
  EXPECT_EQ(U256::checked_mul(U256::max(), 0), U256());
}

TEST(U256, Ordering) {
  EXPECT_LT(U256(~0ull), pow2(64));
  EXPECT_LT(pow2(191), pow2(192) - pow2(128));
  EXPECT_GT(U256::max(), pow2(255));
  EXPECT_TRUE(U256(~0ull).fits_u64());
  EXPECT_FALSE(pow2(64).fits_u64());
  EXPECT_EQ((pow2(64) + 9).low_u64(), 9u);
}

TEST(U256, BigEndianBytes) {
  const U256 v = pow2(248) * 0x01 + pow2(8) * 0x1f + 0x20;  // bytes 0x01, ..., 0x1f, 0x20
  const Bytes32 be = v.to_be();
  EXPECT_EQ(to_hex(be), "0x0100000000000000000000000000000000000000000000000000000000001f20");
  EXPECT_EQ(U256::from_be(be), v);
  EXPECT_EQ(U256::from_be_bytes(Bytes{0x1f, 0x20}), U256(0x1f20));
  EXPECT_EQ(U256::from_be_bytes(Bytes{}), U256());
  EXPECT_EQ(U256::from_be_bytes(be.view()), v);
  EXPECT_EQ(U256::from_be_bytes(Bytes(33, 0)), std::nullopt);
}

TEST(U256, LittleEndianBytes) {
  const U256 v = pow2(248) * 0x01 + pow2(8) * 0x1f + 0x20;
  const Bytes32 le = v.to_le();
  EXPECT_EQ(to_hex(le), "0x201f000000000000000000000000000000000000000000000000000000000001");
  EXPECT_EQ(U256::from_le(le), v);
  uint8_t buf[32];
  v.store_le(buf);
  EXPECT_EQ(U256::from_le_ptr(buf), v);
  EXPECT_EQ(buf[0], 0x20);
  EXPECT_EQ(buf[31], 0x01);
}

TEST(U256, ToHexIsMinimal) {
  EXPECT_EQ(U256().to_hex(), "0x0");
  EXPECT_EQ(U256(1).to_hex(), "0x1");
  EXPECT_EQ(U256(255).to_hex(), "0xff");
  EXPECT_EQ(U256(0x100).to_hex(), "0x100");
  EXPECT_EQ(pow2(64).to_hex(), "0x10000000000000000");
  EXPECT_EQ(U256::max().to_hex(), "0x" + std::string(64, 'f'));
}

TEST(U256, ToDec) {
  EXPECT_EQ(U256().to_dec(), "0");
  EXPECT_EQ(U256(1234567890).to_dec(), "1234567890");
  EXPECT_EQ(pow2(64).to_dec(), "18446744073709551616");
  EXPECT_EQ(U256::max().to_dec(), kMaxDec);
}

TEST(U256, ParseHex) {
  EXPECT_EQ(U256::parse("0x0"), U256());
  EXPECT_EQ(U256::parse("0X1F"), U256(31));
  EXPECT_EQ(U256::parse("0x0000ff"), U256(255));
  EXPECT_EQ(U256::parse("0x10000000000000000"), pow2(64));
  EXPECT_EQ(U256::parse("0x" + std::string(64, 'f')), U256::max());
  EXPECT_EQ(U256::parse("0x"), std::nullopt);
  EXPECT_EQ(U256::parse("0x1" + std::string(64, '0')), std::nullopt);  // 65 digits: 2^256
  EXPECT_EQ(U256::parse("0x0" + std::string(64, 'f')), std::nullopt);  // more than 64 digits
  EXPECT_EQ(U256::parse("0xfg"), std::nullopt);
}

TEST(U256, ParseDecimal) {
  EXPECT_EQ(U256::parse("0"), U256());
  EXPECT_EQ(U256::parse("42"), U256(42));
  EXPECT_EQ(U256::parse("18446744073709551616"), pow2(64));
  EXPECT_EQ(U256::parse(kMaxDec), U256::max());
  EXPECT_EQ(U256::parse("115792089237316195423570985008687907853269984665640564039457584007913129639936"),
            std::nullopt);  // 2^256
  EXPECT_EQ(U256::parse(kMaxDec + "0"), std::nullopt);
  EXPECT_EQ(U256::parse(""), std::nullopt);
  EXPECT_EQ(U256::parse("-1"), std::nullopt);
  EXPECT_EQ(U256::parse("12a"), std::nullopt);
  EXPECT_EQ(U256::parse(" 1"), std::nullopt);
}

TEST(U256, TextRoundTrip) {
  const U256 v = pow2(200) + pow2(77) + 12345;
  EXPECT_EQ(U256::parse(v.to_hex()), v);
  EXPECT_EQ(U256::parse(v.to_dec()), v);
}

}  // namespace
}  // namespace interlude
