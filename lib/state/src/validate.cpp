#include "state_internal.h"

namespace interlude::state {

void validate_diff(const BlockDiff& diff) {
  for (const auto& [code_hash, code] : diff.codes)
    if (keccak256(code) != code_hash)
      throw StateError("block diff: code under key " + to_hex(code_hash) + " has keccak256 " +
                       to_hex(keccak256(code)));
  for (const auto& [address, account] : diff.accounts)
    if (!account.info && !account.storage.empty())
      throw StateError("block diff: account " + to_hex(address) + " is deleted but its storage is written");
}

}  // namespace interlude::state
