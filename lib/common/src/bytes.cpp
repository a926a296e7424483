#include "interlude/common/bytes.h"

namespace interlude {

namespace {
int hex_digit(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
std::string_view strip_prefix(std::string_view t) noexcept {
  if (t.size() >= 2 && t[0] == '0' && (t[1] == 'x' || t[1] == 'X')) t.remove_prefix(2);
  return t;
}
}  // namespace

std::string to_hex(ByteView data) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string s;
  s.reserve(2 + data.size() * 2);
  s += "0x";
  for (uint8_t b : data) {
    s += kDigits[b >> 4];
    s += kDigits[b & 15];
  }
  return s;
}

std::optional<Bytes> from_hex(std::string_view text) {
  text = strip_prefix(text);
  if (text.size() % 2) return std::nullopt;
  Bytes out(text.size() / 2);
  for (size_t i = 0; i < out.size(); ++i) {
    int hi = hex_digit(text[2 * i]), lo = hex_digit(text[2 * i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out[i] = uint8_t(hi << 4 | lo);
  }
  return out;
}

template <size_t N>
static std::optional<FixedBytes<N>> fixed_from_hex(std::string_view text) {
  auto b = from_hex(text);
  if (!b) return std::nullopt;
  return FixedBytes<N>::from(*b);
}

std::optional<Address> address_from_hex(std::string_view text) { return fixed_from_hex<20>(text); }
std::optional<Bytes32> bytes32_from_hex(std::string_view text) { return fixed_from_hex<32>(text); }

}  // namespace interlude
