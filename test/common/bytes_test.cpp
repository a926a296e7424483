// Tests of interlude/common/bytes.h: hex codec, Address and Bytes32 parsing, LE load/store.
#include <gtest/gtest.h>

#include <cstring>

#include "interlude/common/bytes.h"

namespace interlude {
namespace {

TEST(Hex, RoundTrip) {
  const Bytes data{0x00, 0x01, 0x7f, 0x80, 0xab, 0xff};
  EXPECT_EQ(to_hex(data), "0x00017f80abff");
  EXPECT_EQ(from_hex("0x00017f80abff"), data);
  EXPECT_EQ(from_hex(to_hex(data)), data);
}

TEST(Hex, EmptyInput) {
  EXPECT_EQ(to_hex(Bytes{}), "0x");
  EXPECT_EQ(from_hex("0x"), Bytes{});
  EXPECT_EQ(from_hex(""), Bytes{});
}

TEST(Hex, PrefixIsOptionalAndDigitsAreCaseInsensitive) {
  const Bytes expected{0xde, 0xad, 0xbe, 0xef};
  EXPECT_EQ(from_hex("deadbeef"), expected);
  EXPECT_EQ(from_hex("0XDEADBEEF"), expected);
  EXPECT_EQ(from_hex("0xDeAdBeEf"), expected);
}

TEST(Hex, RejectsOddLength) {
  EXPECT_EQ(from_hex("0x123"), std::nullopt);
  EXPECT_EQ(from_hex("f"), std::nullopt);
}

TEST(Hex, RejectsBadDigit) {
  EXPECT_EQ(from_hex("0x12g4"), std::nullopt);
  EXPECT_EQ(from_hex("0x12 4"), std::nullopt);
  EXPECT_EQ(from_hex("0x0x12"), std::nullopt);
  EXPECT_EQ(from_hex("-1"), std::nullopt);
}

TEST(Address, ParsesExactly40Digits) {
  const auto a = address_from_hex("0x00000000000000000000000000000000000000fF");
  ASSERT_TRUE(a);
  Address expected;
  expected[19] = 0xff;
  EXPECT_EQ(*a, expected);
  EXPECT_EQ(to_hex(*a), "0x00000000000000000000000000000000000000ff");
  EXPECT_EQ(address_from_hex("1000000000000000000000000000000000000001"),
            address_from_hex("0x1000000000000000000000000000000000000001"));
}

TEST(Address, RejectsWrongLengthAndBadDigits) {
  EXPECT_EQ(address_from_hex("0x" + std::string(38, '1')), std::nullopt);
  EXPECT_EQ(address_from_hex("0x" + std::string(42, '1')), std::nullopt);
  EXPECT_EQ(address_from_hex("0x" + std::string(39, '1')), std::nullopt);
  EXPECT_EQ(address_from_hex("0x" + std::string(39, '1') + "z"), std::nullopt);
}

TEST(Bytes32, ParsesExactly64Digits) {
  const std::string text = "0x0102030405060708091011121314151617181920212223242526272829303132";
  const auto w = bytes32_from_hex(text);
  ASSERT_TRUE(w);
  EXPECT_EQ((*w)[0], 0x01);
  EXPECT_EQ((*w)[31], 0x32);
  EXPECT_EQ(to_hex(*w), text);
  EXPECT_EQ(bytes32_from_hex(text.substr(0, 64)), std::nullopt);  // 62 digits
  EXPECT_EQ(bytes32_from_hex(text + "00"), std::nullopt);
}

TEST(FixedBytes, FromChecksSizeAndOrderIsLexicographic) {
  const Bytes three{1, 2, 3};
  EXPECT_EQ(Address::from(three), std::nullopt);
  Address lo, hi;
  lo[19] = 0xff;
  hi[0] = 0x01;
  EXPECT_LT(lo, hi);
  EXPECT_TRUE(Address().is_zero());
  EXPECT_FALSE(lo.is_zero());
}

// operator<=> compares 8-byte big-endian words, then a 4-byte word, then bytes: every position
// of a 20- and a 32-byte value must order as memcmp does, including bytes with the high bit set
// (unsigned) and differences only in the tail.
template <size_t N>
void expect_memcmp_order() {
  for (size_t at = 0; at < N; ++at)
    for (const auto& [x, y] : {std::pair<uint8_t, uint8_t>{0x00, 0x01}, {0x7f, 0x80}, {0x01, 0xff}, {0xfe, 0xff}}) {
      FixedBytes<N> a, b;
      for (size_t i = 0; i < N; ++i) a[i] = b[i] = uint8_t(0x5a + i);
      a[at] = x, b[at] = y;
      if (at + 1 < N) a[at + 1] = 0xff, b[at + 1] = 0x00;  // a later byte must not decide
      SCOPED_TRACE(testing::Message() << "N " << N << " byte " << at << " " << int(x) << " vs " << int(y));
      EXPECT_LT(std::memcmp(a.data(), b.data(), N), 0);
      EXPECT_TRUE(a < b);
      EXPECT_FALSE(b < a);
      EXPECT_FALSE(a == b);
      EXPECT_EQ(a <=> a, std::strong_ordering::equal);
      EXPECT_TRUE(a == FixedBytes<N>(a));
    }
}

TEST(FixedBytes, OrderIsMemcmpOrderAtEveryByte) {
  expect_memcmp_order<20>();
  expect_memcmp_order<32>();
  expect_memcmp_order<4>();
  expect_memcmp_order<3>();
}

TEST(LittleEndian, LoadStore) {
  uint8_t buf[8];
  store_u64_le(buf, 0x0102030405060708ull);
  EXPECT_EQ(buf[0], 0x08);
  EXPECT_EQ(buf[7], 0x01);
  EXPECT_EQ(load_u64_le(buf), 0x0102030405060708ull);
  store_u32_le(buf, 0xa1b2c3d4u);
  EXPECT_EQ(buf[0], 0xd4);
  EXPECT_EQ(buf[3], 0xa1);
  EXPECT_EQ(load_u32_le(buf), 0xa1b2c3d4u);
}

}  // namespace
}  // namespace interlude
