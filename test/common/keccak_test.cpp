// Tests of interlude/common/keccak.h: keccak256 known answers and KECCAK_EMPTY.
#include <gtest/gtest.h>

#include <string_view>

#include "interlude/common/keccak.h"

namespace interlude {
namespace {

ByteView ascii(std::string_view s) { return ByteView(reinterpret_cast<const uint8_t*>(s.data()), s.size()); }

// Read during static initialisation of this translation unit, which may run before keccak.cpp's:
// KECCAK_EMPTY must already hold its value then (constant initialisation).
const Bytes32 kEmptyAtStartup = KECCAK_EMPTY;

TEST(Keccak256, EmptyString) {
  EXPECT_EQ(to_hex(keccak256(ByteView())),
            "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
}

TEST(Keccak256, Abc) {
  EXPECT_EQ(to_hex(keccak256(ascii("abc"))),
            "0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
}

TEST(Keccak256, QuickBrownFox) {
  EXPECT_EQ(to_hex(keccak256(ascii("The quick brown fox jumps over the lazy dog"))),
            "0x4d741b6f1eb29cb2a9b9911c82f56fa8d73b04959d3d9d222895df6c0b28aa15");
}

// Inputs around the 136-byte rate: 135 bytes pad within one block, 136 need a second block,
// 200 span two blocks. Answers from an independent Keccak-f[1600] implementation.
TEST(Keccak256, AroundTheRate) {
  Bytes ramp(136);
  for (uint32_t i = 0; i < 136; ++i) ramp[i] = uint8_t(i);
  EXPECT_EQ(to_hex(keccak256(ByteView(ramp).first(135))),
            "0xcbdfd9dee5faad3818d6b06f95a219fd290b0e1706f6a82e5a595b9ce9faca62");
  EXPECT_EQ(to_hex(keccak256(ramp)), "0x7ce759f1ab7f9ce437719970c26b0a66ff11fe3e38e17df89cf5d29c7d7f807e");
  EXPECT_EQ(to_hex(keccak256(Bytes(200, 0))),
            "0xe1bb54e1bc3af48d01e5dbfc81015c98152a574f6428c6948aa4837c9c0baad9");
}

TEST(Keccak256, KeccakEmptyConstant) {
  EXPECT_EQ(KECCAK_EMPTY, keccak256(ByteView()));
  EXPECT_EQ(kEmptyAtStartup, keccak256(ByteView()));
}

}  // namespace
}  // namespace interlude
