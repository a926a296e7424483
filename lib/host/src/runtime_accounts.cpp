#include "runtime_accounts.h"

#include <algorithm>
#include <array>

#include "interlude/common/keccak.h"

namespace interlude::host {

namespace {

/// Reads a u64 LE at `p`, advancing it; false if fewer than 8 bytes remain before `end`.
bool read_u64(const uint8_t*& p, const uint8_t* end, uint64_t& out) noexcept {
  if (end - p < 8) return false;
  out = load_u64_le(p);
  p += 8;
  return true;
}

/// Reads a bincode byte string (u64 LE length ‖ bytes) at `p`, advancing it.
bool read_bytes(const uint8_t*& p, const uint8_t* end, ByteView& out) noexcept {
  uint64_t len = 0;
  if (!read_u64(p, end, len) || len > uint64_t(end - p)) return false;
  out = ByteView(p, len);
  p += len;
  return true;
}

}  // namespace

bool is_delegated_runtime(const Address& address) noexcept {
  return address == PRECOMPILE_EVM_RUNTIME || address == PRECOMPILE_SVM_RUNTIME ||
         address == PRECOMPILE_UNIVERSAL_TOKEN_RUNTIME || address == PRECOMPILE_WASM_RUNTIME;
}

bool is_evm_precompile(const Address& address) noexcept {
  return std::all_of(address.data(), address.data() + 19, [](uint8_t b) { return b == 0; }) && address[19] >= 1 &&
         address[19] <= EVM_PRECOMPILE_LAST;
}

std::optional<OwnableAccount> parse_ownable_account(ByteView code) noexcept {
  if (code.size() < OwnableAccount::HEADER_SIZE || code[0] != OwnableAccount::MAGIC0 ||
      code[1] != OwnableAccount::MAGIC1 || code[2] != OwnableAccount::VERSION)
    return std::nullopt;
  OwnableAccount account;
  std::copy(code.begin() + 3, code.begin() + 23, account.owner.data());
  account.metadata = code.subspan(OwnableAccount::HEADER_SIZE);
  return account;
}

Bytes encode_ownable_account(const Address& owner, ByteView metadata) {
  Bytes code(OwnableAccount::HEADER_SIZE + metadata.size());
  code[0] = OwnableAccount::MAGIC0;
  code[1] = OwnableAccount::MAGIC1;
  code[2] = OwnableAccount::VERSION;
  std::copy(owner.bytes.begin(), owner.bytes.end(), code.begin() + 3);
  std::copy(metadata.begin(), metadata.end(), code.begin() + OwnableAccount::HEADER_SIZE);
  return code;
}

std::optional<EvmCode> parse_ethereum_metadata(ByteView metadata) noexcept {
  if (metadata.size() < 32) return std::nullopt;
  const Bytes32 head = *Bytes32::from(metadata.first(32));
  Bytes32 analyzed_marker;
  analyzed_marker[31] = 0x01;
  if (head != analyzed_marker) return EvmCode{head, metadata.subspan(32)};
  const uint8_t* p = metadata.data() + 32;
  const uint8_t* end = metadata.data() + metadata.size();
  if (end - p < 32) return std::nullopt;
  EvmCode evm;
  std::copy(p, p + 32, evm.code_hash.data());
  p += 32;
  uint64_t original_len = 0;
  ByteView padded, jump_table;
  if (!read_u64(p, end, original_len) || !read_bytes(p, end, padded) || !read_bytes(p, end, jump_table) ||
      original_len > padded.size())
    return std::nullopt;
  evm.code = padded.first(original_len);
  return evm;
}

Address metadata_account_address(const Address& owner, const Bytes32& salt_be) noexcept {
  std::array<uint8_t, 53> buf{};
  buf[0] = 0x44;
  std::copy(owner.bytes.begin(), owner.bytes.end(), buf.begin() + 1);
  std::copy(salt_be.bytes.begin(), salt_be.bytes.end(), buf.begin() + 21);
  const Bytes32 h = keccak256(buf);
  Address a;
  std::copy(h.bytes.begin() + 12, h.bytes.end(), a.data());
  return a;
}

}  // namespace interlude::host
