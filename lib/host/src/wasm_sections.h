#pragma once
/// Reading custom sections straight from a wasm binary, for the Interlude "wasm deploy": the
/// constructor parameters are the contents of the module's custom section named `input`.
#include <optional>
#include <string_view>

#include "interlude/common/bytes.h"

namespace interlude::host {

/// Interlude profile "wasm deploy": init code is a wasm module when it starts with "\0asm" and is
/// longer than 4 bytes (protocol.md §7.3).
bool is_wasm(ByteView code) noexcept;

/// Contents of the first custom section named `name` (WebAssembly spec §5.5.3: section id 0,
/// size u32 LEB128, name as u32 LEB128 length + UTF-8 bytes, then the contents), or nullopt if
/// absent or if the binary is malformed before it is found.
std::optional<ByteView> wasm_custom_section(ByteView module, std::string_view name) noexcept;

}  // namespace interlude::host
