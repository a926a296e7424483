#pragma once
/// The journaled view of the world state used while a block executes: an overlay over a read-only
/// state::State holding the block's writes (accounts, storage, code), the per-transaction data
/// (EIP-2929 warm sets, EIP-1153 transient storage, EIP-2200 original values, logs) and a journal
/// that undoes everything after a checkpoint when a frame reverts or halts (protocol.md §2.4, §5.2).
///
/// Reads fall through to the State (which may throw state::StateError; storage reads are then
/// cached in the overlay); writes never reach it: diff() turns the overlay into the block's single
/// BlockDiff.
#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <utility>
#include <variant>
#include <vector>

#include "interlude/common/bytes.h"
#include "interlude/common/u256.h"
#include "interlude/host/host.h"
#include "interlude/state/state.h"

namespace interlude::host {

class WorldState {
 public:
  /// A position in the journal and in the log list; revert() returns to it.
  struct Checkpoint {
    size_t journal = 0;
    size_t logs = 0;
  };

  explicit WorldState(const state::State& base) : base_(base) {}
  // last_record_ points into storage_.
  WorldState(const WorldState&) = delete;
  WorldState& operator=(const WorldState&) = delete;

  /// Starts a transaction: clears the warm sets, transient storage, original values, logs,
  /// the EIP-6780 created/destroyed sets and the journal (the previous transaction's changes stay
  /// in the overlay).
  void begin_tx();
  /// Ends a transaction: deletes the accounts self-destructed in it, header and storage
  /// (EIP-6780). Not journaled: nothing reverts after the transaction's fees are settled.
  void end_tx();

  /// The account header, or nullopt if it does not exist.
  std::optional<state::Account> account(const Address& address) const;
  /// The account header, or a default (empty) account.
  state::Account account_or_empty(const Address& address) const;
  /// EIP-161 emptiness: absent, or nonce 0, balance 0 and no code.
  bool is_empty(const Address& address) const;
  void put_account(const Address& address, const state::Account& account);
  /// True if `address` holds at least `value` wei.
  bool has_balance(const Address& address, const U256& value) const;
  /// Moves `value` wei; requires has_balance(from, value). A zero value touches nothing.
  void transfer(const Address& from, const Address& to, const U256& value);

  /// Current value of a storage slot.
  U256 storage(const Address& address, const U256& slot) const;
  /// Value of the slot at the start of the transaction (EIP-2200 "original value"), given its
  /// `current` value (storage(address, slot)), which it is unless the transaction wrote the slot.
  U256 original_storage(const Address& address, const U256& slot, const U256& current) const;
  void put_storage(const Address& address, const U256& slot, const U256& value);

  /// Code by hash (empty for KECCAK_EMPTY). Throws state::StateError if the hash is unknown.
  /// The reference stays valid for the life of this object.
  const Bytes& code(const Bytes32& code_hash) const;
  /// Stores `code` (content-addressed) and returns keccak256(code).
  Bytes32 put_code(ByteView code);
  /// Stores `code` and makes it the code of `address`; the rest of the header is kept (an
  /// absent account gets nonce 0 and balance 0). Returns keccak256(code).
  Bytes32 set_code(const Address& address, ByteView code);

  /// EIP-6780: `address` was created by a CREATE/CREATE2 frame of the current transaction.
  void mark_created(const Address& address);
  /// SELFDESTRUCT with EIP-6780 semantics: moves the whole balance of `address` to `beneficiary`
  /// (nothing moves when they are the same account). An account created in this transaction is
  /// also deleted by end_tx(), and a balance it sends to itself is burned.
  void self_destruct(const Address& address, const Address& beneficiary);

  /// EIP-2929 warm set of accounts (cleared by begin_tx).
  bool is_warm_account(const Address& address) const;
  void warm_account(const Address& address);
  bool is_warm_slot(const Address& address, const U256& slot) const;
  void warm_slot(const Address& address, const U256& slot);

  /// EIP-1153 transient storage (cleared by begin_tx).
  U256 transient(const Address& address, const U256& slot) const;
  void put_transient(const Address& address, const U256& slot, const U256& value);

  void add_log(Log log);
  /// Moves out the logs of the current transaction.
  std::vector<Log> take_logs();

  Checkpoint checkpoint() const noexcept { return {journal_.size(), logs_.size()}; }
  /// Undoes every change made after `cp` (in reverse order).
  void revert(const Checkpoint& cp);

  /// Every write of the block so far, as one BlockDiff (without block_number).
  state::BlockDiff diff() const;

 private:
  using SlotKey = std::pair<Address, U256>;
  /// A strict weak order on SlotKey that is cheap to evaluate: the address as three little-endian
  /// words, then the slot's limbs. It is not byte order, which is fine because no map keyed by
  /// SlotKey lets its order reach a result (diff() copies into BlockDiff's own ordered maps); it
  /// keeps an account's slots together, so end_tx() erases them as one range.
  struct SlotKeyLess {
    bool operator()(const SlotKey& a, const SlotKey& b) const noexcept {
      const uint8_t *p = a.first.data(), *q = b.first.data();
      uint64_t x = load_u64_le(p), y = load_u64_le(q);
      if (x != y) return x < y;
      x = load_u64_le(p + 8), y = load_u64_le(q + 8);
      if (x != y) return x < y;
      x = load_u32_le(p + 16), y = load_u32_le(q + 16);
      if (x != y) return x < y;
      for (int i = 3; i >= 0; --i)
        if (a.second.limb[i] != b.second.limb[i]) return a.second.limb[i] < b.second.limb[i];
      return false;
    }
  };
  /// a == b, word by word (the address as three little-endian words, then the limbs).
  static bool same_key(const SlotKey& a, const SlotKey& b) noexcept {
    const uint8_t *p = a.first.data(), *q = b.first.data();
    return ((load_u64_le(p) ^ load_u64_le(q)) | (load_u64_le(p + 8) ^ load_u64_le(q + 8)) |
            (load_u32_le(p + 16) ^ load_u32_le(q + 16)) | (a.second.limb[0] ^ b.second.limb[0]) |
            (a.second.limb[1] ^ b.second.limb[1]) | (a.second.limb[2] ^ b.second.limb[2]) |
            (a.second.limb[3] ^ b.second.limb[3])) == 0;
  }
  /// One slot: the block overlay (the value written in the block, or a cached read of the value
  /// below the overlay: the State does not change while this object lives) and the current
  /// transaction's EIP-2929 warmth and EIP-2200 original value, which count only while `warm_tx`
  /// and `original_tx` equal tx_ (begin_tx() starts a new number instead of clearing them).
  struct SlotRecord {
    U256 value;
    U256 original;
    uint64_t warm_tx = 0;      ///< journaled: revert() sets it back to 0
    uint64_t original_tx = 0;  ///< set by the transaction's first write; never reverted
    bool loaded = false;       ///< `value` holds the slot's value (read below the overlay, or written)
    bool written = false;      ///< written in the block (part of diff())
  };
  using SlotRecords = std::map<SlotKey, SlotRecord, SlotKeyLess>;
  /// The slot's value below the block overlay: zero for an account deleted in the block, else the State's.
  U256 storage_below_overlay(const Address& address, const U256& slot) const;
  /// The record of `key`, inserted (unloaded) if there is none.
  SlotRecords::iterator record(const SlotKey& key) const;
  /// The current value of the record at `it`, first reading it below the overlay if it is not
  /// loaded (nothing changes if that read throws).
  const U256& current_value(SlotRecords::iterator it) const;

 public:
  /// One storage slot, found with one lookup for one SLOAD or SSTORE: warmth, current value,
  /// original value and the write. Valid until the next revert() or end_tx(); nothing is read
  /// from the State until a value is needed.
  class Slot {
   public:
    /// EIP-2929: accessed earlier in this transaction.
    bool warm() const noexcept { return it_->second.warm_tx == ws_.tx_; }
    /// Makes the slot warm (journaled).
    void warm_up();
    /// The current value.
    const U256& current() { return ws_.current_value(it_); }
    /// EIP-2200 original value: the value at the start of the transaction.
    const U256& original() { return it_->second.original_tx == ws_.tx_ ? it_->second.original : current(); }
    /// Writes `value` (journaled); the first write of the transaction records the original value.
    void put(const U256& value);

   private:
    friend class WorldState;
    Slot(WorldState& ws, SlotRecords::iterator it) noexcept : ws_(ws), it_(it) {}
    WorldState& ws_;
    SlotRecords::iterator it_;
  };
  /// The slot `slot` of `address`.
  Slot slot(const Address& address, const U256& slot) { return {*this, record({address, slot})}; }

 private:
  struct AccountChanged {
    Address address;
    std::optional<state::Account> prev;  ///< nullopt: the overlay had no entry.
  };
  struct StorageChanged {
    SlotKey key;
    U256 prev;          ///< the value before the write
    bool prev_written;  ///< whether it was written in the block
  };
  struct TransientChanged {
    SlotKey key;
    U256 prev;
  };
  struct AccountWarmed {
    Address address;
  };
  struct SlotWarmed {
    SlotKey key;
  };
  struct CodeAdded {
    Bytes32 code_hash;
  };
  struct AccountMarked {
    Address address;
    bool destroyed;  ///< false: added to created_, true: added to destroyed_
  };
  using JournalEntry = std::variant<AccountChanged, StorageChanged, TransientChanged, AccountWarmed, SlotWarmed,
                                    CodeAdded, AccountMarked>;

  // Ordered containers throughout: a lookup stays O(log n) whatever keys a transaction chooses
  // (a hash table would let a transaction choose colliding keys).
  const state::State& base_;
  // Block-level overlay: written values (and, for storage, cached reads and the per-transaction
  // slot data of the transaction numbered tx_).
  std::map<Address, state::Account> accounts_;
  mutable SlotRecords storage_;
  /// The record record() returned last (storage_.end() if none or erased): an SSTORE usually
  /// follows an SLOAD of the same slot (read-modify-write), and then finds it without a lookup.
  mutable SlotRecords::iterator last_record_ = storage_.end();
  uint64_t tx_ = 1;
  std::set<Bytes32> new_codes_;
  /// Accounts deleted earlier in the block (EIP-6780): absent, with no storage below the
  /// overlay, unless `accounts_` holds a re-created header.
  std::set<Address> deleted_;
  mutable std::map<Bytes32, Bytes> code_cache_;  ///< every code read or written (never erased)
  // Transaction-level data.
  std::set<Address> warm_accounts_;
  std::map<SlotKey, U256, SlotKeyLess> transient_;
  std::set<Address> created_;    ///< EIP-6780: created in this transaction
  std::set<Address> destroyed_;  ///< self-destructed and created in this transaction
  std::vector<Log> logs_;
  std::vector<JournalEntry> journal_;
};

}  // namespace interlude::host
