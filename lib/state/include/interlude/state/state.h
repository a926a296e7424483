#pragma once
/// World state: accounts, code by hash, storage (lib/state). Two implementations: in-memory and
/// LMDB on disk (the embedded default). Both iterate in key order; nothing depends on pointer
/// values or hash-map order.
///
/// The host reads through this interface and writes only through commit(): one call per block,
/// atomic (LMDB: a single write transaction), so after a crash the state is exactly the state
/// before or after the block.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "interlude/common/bytes.h"
#include "interlude/common/keccak.h"
#include "interlude/common/u256.h"

namespace interlude::state {

/// A storage backend failure (I/O, corruption, map full). Aborts the block; never an exit code.
class StateError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Account header. An account that does not exist reads as nullopt.
struct Account {
  uint64_t nonce = 0;
  U256 balance;
  Bytes32 code_hash = KECCAK_EMPTY;  ///< keccak256 of the code; KECCAK_EMPTY for no code.
  bool operator==(const Account&) const = default;
};

/// Changes to one account in a block.
struct AccountDiff {
  /// New header; nullopt deletes the account together with all of its storage.
  std::optional<Account> info;
  /// Delete all existing storage before applying `storage` (account destroyed and re-created).
  bool storage_cleared = false;
  /// slot -> new value; a zero value deletes the slot.
  std::map<U256, U256> storage;
};

/// Everything a block changes, applied atomically by State::commit.
struct BlockDiff {
  std::map<Address, AccountDiff> accounts;
  /// New code, keyed by keccak256(code). Code is never deleted (content-addressed).
  std::map<Bytes32, Bytes> codes;
  /// Number of the block these changes come from; recorded as the state's last block.
  std::optional<uint64_t> block_number;
};

class State {
 public:
  virtual ~State() = default;

  /// The account at `address`, or nullopt if absent. Throws StateError on backend failure.
  virtual std::optional<Account> account(const Address& address) const = 0;
  /// Value of `slot` of `address` (zero if absent).
  virtual U256 storage(const Address& address, const U256& slot) const = 0;
  /// Code with hash `code_hash`; an empty Bytes for KECCAK_EMPTY; nullopt if unknown.
  virtual std::optional<Bytes> code(const Bytes32& code_hash) const = 0;
  /// Number of the last committed block (nullopt if none).
  virtual std::optional<uint64_t> last_block() const = 0;
  /// True if the state holds no account.
  virtual bool empty() const = 0;

  /// Every account, in ascending address order.
  virtual void for_each_account(const std::function<void(const Address&, const Account&)>& fn) const = 0;
  /// Every non-zero slot of `address`, in ascending slot order.
  virtual void for_each_storage(const Address& address,
                                const std::function<void(const U256& slot, const U256& value)>& fn) const = 0;

  /// Applies `diff` atomically: all of it or none of it. Throws StateError on failure (then
  /// nothing was applied), including for a diff that contradicts itself: a code not keyed by its
  /// keccak256, or storage writes to an account the same diff deletes.
  virtual void commit(const BlockDiff& diff) = 0;
};

/// A fresh, empty in-memory state.
std::unique_ptr<State> make_memory_state();

/// Opens (creating if needed) the LMDB state in directory `dir`, which must exist.
/// Throws StateError naming the problem (missing directory, not an Interlude state, I/O error).
std::unique_ptr<State> open_lmdb_state(const std::filesystem::path& dir);

}  // namespace interlude::state
