#pragma once
// Shared helpers of the adversarial cases (docs/adversarial-cases.md §2): the host test fixture
// (test/host/host_fixture.h: sender, script contracts a and b) plus a few encoders.
#include <gtest/gtest.h>

#include "host_fixture.h"
#include "interlude/common/keccak.h"
#include "interlude/runtime/exit_code.h"

namespace interlude::host::test::adv {

using runtime::ExitCode;
using runtime::to_i32;

/// Gas of `fuel` fuel, rounded up (protocol.md §5.5).
inline uint64_t gas_of(uint64_t fuel) { return (fuel + 19) / 20; }
/// Raw bytes of an address, hash or topic.
template <size_t N>
Bytes raw(const FixedBytes<N>& x) {
  return Bytes(x.bytes.begin(), x.bytes.end());
}
/// i32 LE of an exit code (how the script contract reports an _exec result).
inline Bytes code(ExitCode c) { return le32(to_i32(c)); }
/// 0x00..00 ‖ `low` (protocol.md §7.5 runtime and precompile addresses).
inline Address runtime_address(uint32_t low) {
  Address x;
  for (int i = 0; i < 4; ++i) x[19 - i] = uint8_t(low >> (8 * i));
  return x;
}
/// Ownable account code (protocol.md §7.1): EF 44 00 ‖ owner ‖ metadata.
inline Bytes ownable(const Address& owner, ByteView metadata) {
  return cat({Bytes{0xEF, 0x44, 0x00}, raw(owner), metadata});
}
/// METADATA_COPY input: address ‖ offset u32 LE ‖ length u32 LE.
inline Bytes copy_input(const Address& who, uint32_t offset, uint32_t len) {
  return cat({raw(who), le32(int32_t(offset)), le32(int32_t(len))});
}
/// A topic whose 32 bytes are all `b`.
inline Bytes32 topic(uint8_t b) {
  Bytes32 t;
  t.bytes.fill(b);
  return t;
}

/// Unsigned LEB128 (wasm spec §5.2.2).
inline Bytes leb(uint64_t v) {
  Bytes out;
  do {
    uint8_t byte = v & 0x7f;
    v >>= 7;
    out.push_back(byte | (v ? 0x80 : 0));
  } while (v);
  return out;
}
/// A wasm section (§5.5.2): id ‖ size LEB ‖ body.
inline Bytes section(uint8_t id, ByteView body) { return cat({Bytes{id}, leb(body.size()), body}); }
/// A wasm binary module (§5.5.16): type 0 `() -> ()`; functions `main` (funcidx 0, body
/// `main_body`: locals vector, instructions, `end`) and an empty `deploy` (funcidx 1), both
/// exported; a memory section with body `memories` (default: one memory of one page).
inline Bytes module_with_main(ByteView main_body, ByteView memories = Bytes{0x01, 0x00, 0x01}) {
  const Bytes empty_body{0x00, 0x0b};
  return cat({Bytes{0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00},  // magic, version 1
              section(1, Bytes{0x01, 0x60, 0x00, 0x00}),              // type 0: () -> ()
              section(3, Bytes{0x02, 0x00, 0x00}),                    // funcs 0 and 1: type 0
              section(5, memories),
              section(7, cat({Bytes{0x02, 0x04}, bytes("main"), Bytes{0x00, 0x00}, Bytes{0x06}, bytes("deploy"),
                              Bytes{0x00, 0x01}})),
              section(10, cat({Bytes{0x02}, leb(main_body.size()), main_body, leb(empty_body.size()), empty_body}))});
}

inline constexpr uint32_t kEvmRuntime = 0x520001, kWasmRuntime = 0x520009, kRuntimeUpgrade = 0x520010;

}  // namespace interlude::host::test::adv
