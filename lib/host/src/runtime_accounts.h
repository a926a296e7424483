#pragma once
/// Accounts of the delegated-runtime model (protocol.md §7): the fixed runtime and precompile
/// addresses (§7.5, §7.6), the ownable-account code format (§7.1), the EVM runtime's metadata
/// (§7.7) and the metadata-account address derivation (§7.8). The one place that parses and
/// encodes these formats.
#include <cstdint>
#include <optional>

#include "interlude/common/bytes.h"

namespace interlude::host {

/// The address 0x00..00 ‖ `low` (the low 4 bytes big-endian), the form of the §7.5 constants.
constexpr Address low_address(uint32_t low) noexcept {
  Address a;
  for (int i = 0; i < 4; ++i) a.bytes[19 - i] = uint8_t(low >> (8 * i));
  return a;
}

// Delegated runtimes (§7.5, §7.6): the owners of ownable accounts; never called directly.
inline constexpr Address PRECOMPILE_EVM_RUNTIME = low_address(0x520001);
inline constexpr Address PRECOMPILE_SVM_RUNTIME = low_address(0x520003);
inline constexpr Address PRECOMPILE_UNIVERSAL_TOKEN_RUNTIME = low_address(0x520008);
inline constexpr Address PRECOMPILE_WASM_RUNTIME = low_address(0x520009);
/// The only account whose frames may issue UPGRADE_WASM_RUNTIME / UPGRADE_EVM_RUNTIME (§4.4).
inline constexpr Address PRECOMPILE_RUNTIME_UPGRADE = low_address(0x520010);
/// EVM precompile addresses 0x01..0x11 (ecrecover .. BLS12-381 map G2, §7.5).
inline constexpr uint32_t EVM_PRECOMPILE_LAST = 0x11;

/// True for the four delegated runtimes (EVM, SVM, Universal Token, WASM; §7.6): a frame whose
/// target or bytecode address is one of them halts NotSupportedBytecode (§5.3 step 3).
bool is_delegated_runtime(const Address& address) noexcept;
/// True for 0x..01 through 0x..11: CODE_SIZE, CODE_HASH and CODE_COPY read them as code-less,
/// CALL and DESTROY_ACCOUNT count them as empty accounts (§4.4).
bool is_evm_precompile(const Address& address) noexcept;

/// Ownable account code (§7.1): `EF 44` magic, version `00`, owner address (20), metadata (the
/// rest); at least 23 bytes. `metadata` views the parsed code.
struct OwnableAccount {
  static constexpr uint8_t MAGIC0 = 0xEF, MAGIC1 = 0x44, VERSION = 0x00;
  static constexpr uint32_t HEADER_SIZE = 23;
  Address owner;
  ByteView metadata;
};
/// Parses ownable-account code; nullopt for any other code (other magic, version != 0, < 23 bytes).
std::optional<OwnableAccount> parse_ownable_account(ByteView code) noexcept;
/// `EF 44 00 ‖ owner ‖ metadata`.
Bytes encode_ownable_account(const Address& owner, ByteView metadata);

/// The EVM code kept in the metadata of an ownable account owned by PRECOMPILE_EVM_RUNTIME
/// (EthereumMetadata, §7.7). Two layouts:
///   legacy:   code_hash(32) ‖ evm_code
///   analyzed: 31 zero bytes ‖ 0x01 (version marker) ‖ code_hash(32) ‖ original_len u64 LE ‖
///             padded_code (u64 LE length ‖ bytes) ‖ jump_table (u64 LE length ‖ bytes)
/// `code` is the unpadded EVM code (analyzed: the first original_len bytes of padded_code).
struct EvmCode {
  Bytes32 code_hash;
  ByteView code;
};
/// Parses EthereumMetadata; nullopt if shorter than 32 bytes or an analyzed record is truncated
/// or has original_len > the padded code length (trailing bytes are accepted).
std::optional<EvmCode> parse_ethereum_metadata(ByteView metadata) noexcept;

/// METADATA_CREATE address (§7.8): keccak256(0x44 ‖ owner(20) ‖ salt_be(32))[12..32].
Address metadata_account_address(const Address& owner, const Bytes32& salt_be) noexcept;

}  // namespace interlude::host
