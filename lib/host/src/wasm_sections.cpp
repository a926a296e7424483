#include "wasm_sections.h"

namespace interlude::host {

namespace {
/// Reads a u32 LEB128 (at most 5 bytes) at `pos`; nullopt if truncated or too long.
std::optional<uint32_t> read_u32_leb(ByteView bytes, size_t& pos) noexcept {
  uint64_t value = 0;
  for (unsigned shift = 0; shift < 35 && pos < bytes.size(); shift += 7) {
    uint8_t b = bytes[pos++];
    value |= uint64_t(b & 0x7f) << shift;
    if (!(b & 0x80)) return value <= UINT32_MAX ? std::optional<uint32_t>(uint32_t(value)) : std::nullopt;
  }
  return std::nullopt;
}
}  // namespace

bool is_wasm(ByteView code) noexcept {
  return code.size() > 4 && code[0] == 0x00 && code[1] == 0x61 && code[2] == 0x73 && code[3] == 0x6d;
}

std::optional<ByteView> wasm_custom_section(ByteView module, std::string_view name) noexcept {
  size_t pos = 8;  // magic "\0asm" and version
  while (pos < module.size()) {
    uint8_t id = module[pos++];
    auto size = read_u32_leb(module, pos);
    if (!size || *size > module.size() - pos) return std::nullopt;
    ByteView section = module.subspan(pos, *size);
    pos += *size;
    if (id != 0) continue;
    size_t name_pos = 0;
    auto name_len = read_u32_leb(section, name_pos);
    if (!name_len || *name_len > section.size() - name_pos) return std::nullopt;
    std::string_view section_name(reinterpret_cast<const char*>(section.data() + name_pos), *name_len);
    if (section_name == name) return section.subspan(name_pos + *name_len);
  }
  return std::nullopt;
}

}  // namespace interlude::host
