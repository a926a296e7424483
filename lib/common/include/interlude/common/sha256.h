#pragma once
/// SHA-256 (FIPS 180-4), via Crypto++. Used by the `_sha256` import and the SHA256 precompile (0x02).
#include "interlude/common/bytes.h"

namespace interlude {

/// sha256(data): 32-byte digest.
Bytes32 sha256(ByteView data) noexcept;

}  // namespace interlude
