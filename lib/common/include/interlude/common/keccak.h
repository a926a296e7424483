#pragma once
/// Keccak-256 (the original Keccak padding used by Ethereum, not FIPS-202 SHA3-256), via Crypto++.
#include "interlude/common/bytes.h"

namespace interlude {

/// keccak256(data): 32-byte digest.
Bytes32 keccak256(ByteView data) noexcept;

/// keccak256 of the empty string (KECCAK_EMPTY, the code hash of an account without code).
extern const Bytes32 KECCAK_EMPTY;

}  // namespace interlude
