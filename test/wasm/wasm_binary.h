#pragma once
// A byte-level builder of wasm binaries (binary format, spec §5) for tests that need modules no
// text-format tool would write: oversized counts, 1 MiB bodies, 100,000 nested blocks.
#include <cstdint>
#include <initializer_list>
#include <utility>
#include <vector>

namespace interlude::wasm::test::binary {

/// Bytes of a wasm binary under construction.
struct Bin {
  std::vector<uint8_t> b;

  Bin() = default;
  Bin(std::initializer_list<uint8_t> bytes) : b(bytes) {}
  Bin& u8(uint8_t v) {
    b.push_back(v);
    return *this;
  }
  /// Unsigned LEB128 (spec §5.2.2), up to 64 bits so that tests can write oversized counts.
  Bin& leb(uint64_t v) {
    do {
      const uint8_t byte = v & 0x7F;
      v >>= 7;
      b.push_back(byte | (v ? 0x80 : 0));
    } while (v);
    return *this;
  }
  Bin& add(const Bin& o) {
    b.insert(b.end(), o.b.begin(), o.b.end());
    return *this;
  }
  Bin& repeat(const Bin& o, uint64_t n) {
    for (uint64_t i = 0; i < n; ++i) add(o);
    return *this;
  }
  /// A vector (spec §5.1.3): LEB count, then `n` copies of `item`.
  Bin& vec(const Bin& item, uint64_t n) { return leb(n).repeat(item, n); }
  /// A size-prefixed entry: code body (§5.5.13) or section contents.
  Bin& sized(const Bin& o) { return leb(o.b.size()).add(o); }
};

constexpr uint8_t kI32 = 0x7F;
constexpr uint8_t kEnd = 0x0B;

/// A module from (section id, contents) pairs, in order (spec §5.5.2).
inline std::vector<uint8_t> module(std::initializer_list<std::pair<uint8_t, Bin>> sections) {
  Bin m{0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00};
  for (const auto& [id, contents] : sections) m.u8(id).sized(contents);
  return m.b;
}

/// Type section holding one functype: params and results are valtype bytes.
inline Bin one_type(const std::vector<uint8_t>& params, const std::vector<uint8_t>& results) {
  Bin t{0x60};
  t.leb(params.size());
  for (uint8_t p : params) t.u8(p);
  t.leb(results.size());
  for (uint8_t r : results) t.u8(r);
  return Bin{}.vec(t, 1);
}

/// A module of `n` functions of type 0 = `type`, every body `body` (locals declarations included),
/// the first one exported as "f".
inline std::vector<uint8_t> functions(const Bin& type, const Bin& body, uint64_t n = 1) {
  return module({{1, type},
                 {3, Bin{}.vec(Bin{0x00}, n)},
                 {7, Bin{0x01, 0x01, 'f', 0x00, 0x00}},
                 {10, Bin{}.vec(Bin{}.sized(body), n)}});
}

}  // namespace interlude::wasm::test::binary
