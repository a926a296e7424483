// create_address (RLP of [sender, nonce]) and create2_address (EIP-1014) known vectors.
#include <gtest/gtest.h>

#include "interlude/host/host.h"

namespace interlude::host {
namespace {

Address parse(const char* hex) { return *address_from_hex(hex); }

TEST(CreateAddress, KnownVectors) {
  const Address sender = parse("0x6ac7ea33f8831ea9dcc53393aaa88b25a785dbf0");
  EXPECT_EQ(create_address(sender, 0), parse("0xcd234a471b72ba2f1ccf0a70fcaba648a5eecd8d"));
  EXPECT_EQ(create_address(sender, 1), parse("0x343c43a37d37dff08ae8c4a11544c718abb4fcf8"));
  EXPECT_EQ(create_address(sender, 2), parse("0xf778b86fa74e846c4f0a1fbd1335fe81c00a0c91"));
  EXPECT_EQ(create_address(sender, 3), parse("0xfffd933a0bc612844eaf0c6fe3e5b8e9b6c1d19c"));
}

TEST(CreateAddress, MultiByteNonces) {
  // Nonces >= 0x80 are RLP strings (0x81 0x80, 0x82 0x01 0x00, ...). Expected values computed
  // independently (a Python Keccak-256 over the hand-built RLP).
  const Address zero;
  EXPECT_EQ(create_address(zero, 0x80), parse("0xc1784bd8a0ffebd60d0bc7099dcd811b57f30bc4"));
  EXPECT_EQ(create_address(zero, 0x100), parse("0x1183a5a83c1fa113618603abc4509077ec672699"));
  EXPECT_EQ(create_address(zero, UINT64_MAX - 1), parse("0x9e62200d49f674521a8da24ebe4d69e597ce84b6"));
}

TEST(Create2Address, Eip1014Examples) {
  // EIP-1014 examples 0, 1 and 5.
  const uint8_t zero_code[] = {0x00};
  EXPECT_EQ(create2_address(Address(), Bytes32(), zero_code), parse("0x4d1a2e2bb4f88f0250f26ffff098b0b30b26bf38"));
  EXPECT_EQ(create2_address(parse("0xdeadbeef00000000000000000000000000000000"), Bytes32(), zero_code),
            parse("0xB928f69Bb1D91Cd65274e3c79d8986362984fDA3"));
  const Bytes code = *from_hex("0xdeadbeef");
  EXPECT_EQ(create2_address(parse("0x00000000000000000000000000000000deadbeef"),
                            *bytes32_from_hex("0x00000000000000000000000000000000000000000000000000000000cafebabe"),
                            code),
            parse("0x60f3f640a8508fC6a86d45DF051962668E1e8AC7"));
}

}  // namespace
}  // namespace interlude::host
