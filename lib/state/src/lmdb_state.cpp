// LMDB State: one LMDB environment per state directory holding the four tables below.
#include <lmdb.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <string_view>
#include <utility>

#include "state_internal.h"

namespace interlude::state {
namespace {

namespace fs = std::filesystem;

// Tables (LMDB named databases). Keys are raw bytes or big-endian integers, so LMDB's default key
// order (memcmp) is numeric order: cursors walk addresses and slots in ascending order.
//
// "accounts": key = address (20 B); value = nonce u64 BE (8) ‖ balance U256 BE (32) ‖ code_hash (32)
// "storage":  key = address (20 B) ‖ slot U256 BE (32); value = U256 BE (32), zero values never stored
// "code":     key = code_hash (32); value = code bytes, keccak256(value) == key; never deleted
// "meta":     key = ASCII name; "format" -> ASCII kFormat; "last_block" -> u64 BE (8)
constexpr const char* kAccountsTable = "accounts";
constexpr const char* kStorageTable = "storage";
constexpr const char* kCodeTable = "code";
constexpr const char* kMetaTable = "meta";
constexpr uint32_t kTableCount = 4;

constexpr std::string_view kFormatKey = "format";
constexpr std::string_view kFormat = "interlude-state-v1";
constexpr std::string_view kLastBlockKey = "last_block";

constexpr uint32_t kAccountValueSize = 8 + 32 + 32;
constexpr uint32_t kStorageKeySize = 20 + 32;

[[noreturn]] void fail(std::string_view call, int rc) {
  throw StateError("LMDB " + std::string(call) + ": " + mdb_strerror(rc));
}
void check(int rc, std::string_view call) {
  if (rc != MDB_SUCCESS) fail(call, rc);
}

MDB_val to_val(ByteView b) { return MDB_val{b.size(), const_cast<uint8_t*>(b.data())}; }
MDB_val to_val(std::string_view s) { return MDB_val{s.size(), const_cast<char*>(s.data())}; }
ByteView to_view(const MDB_val& v) { return ByteView(static_cast<const uint8_t*>(v.mv_data), v.mv_size); }

std::array<uint8_t, 8> u64_be(uint64_t v) {
  std::array<uint8_t, 8> out;
  for (uint32_t i = 0; i < 8; ++i) out[i] = uint8_t(v >> (56 - 8 * i));
  return out;
}
uint64_t load_u64_be(const uint8_t* p) {
  uint64_t v = 0;
  for (uint32_t i = 0; i < 8; ++i) v = v << 8 | p[i];
  return v;
}
Bytes32 word_at(ByteView b, uint32_t offset) { return *Bytes32::from(b.subspan(offset, 32)); }

std::array<uint8_t, kAccountValueSize> encode_account(const Account& account) {
  std::array<uint8_t, kAccountValueSize> out;
  const auto nonce = u64_be(account.nonce);
  const Bytes32 balance = account.balance.to_be();
  std::copy(nonce.begin(), nonce.end(), out.begin());
  std::copy(balance.bytes.begin(), balance.bytes.end(), out.begin() + 8);
  std::copy(account.code_hash.bytes.begin(), account.code_hash.bytes.end(), out.begin() + 40);
  return out;
}
Account decode_account(const Address& address, ByteView value) {
  if (value.size() != kAccountValueSize) throw StateError("corrupt account record for " + to_hex(address));
  return Account{load_u64_be(value.data()), U256::from_be(word_at(value, 8)), word_at(value, 40)};
}

std::array<uint8_t, kStorageKeySize> storage_key(const Address& address, const U256& slot) {
  std::array<uint8_t, kStorageKeySize> key;
  const Bytes32 slot_be = slot.to_be();
  std::copy(address.bytes.begin(), address.bytes.end(), key.begin());
  std::copy(slot_be.bytes.begin(), slot_be.bytes.end(), key.begin() + 20);
  return key;
}
bool has_prefix(const MDB_val& key, const Address& address) {
  return key.mv_size >= 20 && std::memcmp(key.mv_data, address.data(), 20) == 0;
}

/// A transaction, aborted on destruction unless committed.
class Txn {
 public:
  Txn(MDB_env* env, unsigned flags) { check(mdb_txn_begin(env, nullptr, flags, &txn_), "mdb_txn_begin"); }
  ~Txn() {
    if (txn_) mdb_txn_abort(txn_);
  }
  Txn(const Txn&) = delete;
  Txn& operator=(const Txn&) = delete;
  MDB_txn* get() const { return txn_; }
  /// LMDB frees the transaction whether or not the commit succeeds.
  void commit() { check(mdb_txn_commit(std::exchange(txn_, nullptr)), "mdb_txn_commit"); }

 private:
  MDB_txn* txn_ = nullptr;
};

/// A cursor; must be destroyed before its transaction ends.
class Cursor {
 public:
  Cursor(MDB_txn* txn, MDB_dbi dbi) { check(mdb_cursor_open(txn, dbi, &cursor_), "mdb_cursor_open"); }
  ~Cursor() { mdb_cursor_close(cursor_); }
  Cursor(const Cursor&) = delete;
  Cursor& operator=(const Cursor&) = delete;
  /// Moves the cursor by `op`; false when there is no such entry.
  bool get(MDB_val& key, MDB_val& value, MDB_cursor_op op) {
    const int rc = mdb_cursor_get(cursor_, &key, &value, op);
    if (rc == MDB_NOTFOUND) return false;
    check(rc, "mdb_cursor_get");
    return true;
  }
  void del() { check(mdb_cursor_del(cursor_, 0), "mdb_cursor_del"); }

 private:
  MDB_cursor* cursor_ = nullptr;
};

/// The value under `key`, valid until `txn` ends; nullopt if absent.
std::optional<ByteView> get(const Txn& txn, MDB_dbi dbi, MDB_val key) {
  MDB_val value;
  const int rc = mdb_get(txn.get(), dbi, &key, &value);
  if (rc == MDB_NOTFOUND) return std::nullopt;
  check(rc, "mdb_get");
  return to_view(value);
}
void put(const Txn& txn, MDB_dbi dbi, MDB_val key, MDB_val value) {
  check(mdb_put(txn.get(), dbi, &key, &value, 0), "mdb_put");
}
void del(const Txn& txn, MDB_dbi dbi, MDB_val key) {
  const int rc = mdb_del(txn.get(), dbi, &key, nullptr);
  if (rc != MDB_NOTFOUND) check(rc, "mdb_del");
}

/// Deleter of the LMDB environment handle.
struct EnvClose {
  void operator()(MDB_env* env) const { mdb_env_close(env); }
};

/// State in an LMDB environment (the tables above). Reads use one read-only transaction per call;
/// commit uses one write transaction per BlockDiff.
class LmdbState final : public State {
 public:
  LmdbState(const fs::path& dir, uint64_t map_size) {
    std::error_code ec;
    if (!fs::exists(dir, ec)) throw StateError("state directory does not exist: " + dir.string());
    if (!fs::is_directory(dir, ec)) throw StateError("state path is not a directory: " + dir.string());
    MDB_env* env = nullptr;
    check(mdb_env_create(&env), "mdb_env_create");
    env_.reset(env);
    check(mdb_env_set_maxdbs(env, kTableCount), "mdb_env_set_maxdbs");
    check(mdb_env_set_mapsize(env, map_size), "mdb_env_set_mapsize");
    // MDB_NOTLS: read transactions are not bound to the thread, so a for_each callback may read.
    if (int rc = mdb_env_open(env, dir.c_str(), MDB_NOTLS, 0644); rc != MDB_SUCCESS)
      throw StateError("cannot open the state in " + dir.string() + ": " + mdb_strerror(rc));

    Txn txn(env, 0);
    MDB_dbi main_table;
    MDB_stat stat;
    check(mdb_dbi_open(txn.get(), nullptr, 0, &main_table), "mdb_dbi_open");
    check(mdb_stat(txn.get(), main_table, &stat), "mdb_stat");
    const bool fresh = stat.ms_entries == 0;  // the main table lists the named tables
    if (!fresh) {
      std::optional<ByteView> format;
      const int rc = mdb_dbi_open(txn.get(), kMetaTable, 0, &meta_);
      if (rc == MDB_SUCCESS)
        format = get(txn, meta_, to_val(kFormatKey));
      else if (rc != MDB_NOTFOUND && rc != MDB_INCOMPATIBLE)
        fail("mdb_dbi_open", rc);
      if (!format || !std::equal(format->begin(), format->end(), kFormat.begin(), kFormat.end()))
        throw StateError(dir.string() +
                         " holds an LMDB database that is not an Interlude state (expected format " +
                         std::string(kFormat) + ")");
    }
    check(mdb_dbi_open(txn.get(), kAccountsTable, MDB_CREATE, &accounts_), "mdb_dbi_open");
    check(mdb_dbi_open(txn.get(), kStorageTable, MDB_CREATE, &storage_), "mdb_dbi_open");
    check(mdb_dbi_open(txn.get(), kCodeTable, MDB_CREATE, &code_), "mdb_dbi_open");
    check(mdb_dbi_open(txn.get(), kMetaTable, MDB_CREATE, &meta_), "mdb_dbi_open");
    if (fresh) put(txn, meta_, to_val(kFormatKey), to_val(kFormat));
    txn.commit();
  }

  std::optional<Account> account(const Address& address) const override {
    Txn txn(env_.get(), MDB_RDONLY);
    const auto value = get(txn, accounts_, to_val(address.view()));
    if (!value) return std::nullopt;
    return decode_account(address, *value);
  }

  U256 storage(const Address& address, const U256& slot) const override {
    Txn txn(env_.get(), MDB_RDONLY);
    const auto value = get(txn, storage_, to_val(storage_key(address, slot)));
    if (!value) return U256();
    return decode_slot_value(address, *value);
  }

  std::optional<Bytes> code(const Bytes32& code_hash) const override {
    if (code_hash == KECCAK_EMPTY) return Bytes();
    Txn txn(env_.get(), MDB_RDONLY);
    const auto value = get(txn, code_, to_val(code_hash.view()));
    if (!value) return std::nullopt;
    return Bytes(value->begin(), value->end());
  }

  std::optional<uint64_t> last_block() const override {
    Txn txn(env_.get(), MDB_RDONLY);
    const auto value = get(txn, meta_, to_val(kLastBlockKey));
    if (!value) return std::nullopt;
    if (value->size() != 8) throw StateError("corrupt last_block record");
    return load_u64_be(value->data());
  }

  bool empty() const override {
    Txn txn(env_.get(), MDB_RDONLY);
    MDB_stat stat;
    check(mdb_stat(txn.get(), accounts_, &stat), "mdb_stat");
    return stat.ms_entries == 0;
  }

  void for_each_account(const std::function<void(const Address&, const Account&)>& fn) const override {
    Txn txn(env_.get(), MDB_RDONLY);
    Cursor cursor(txn.get(), accounts_);
    MDB_val key, value;
    for (bool found = cursor.get(key, value, MDB_FIRST); found; found = cursor.get(key, value, MDB_NEXT)) {
      const auto address = Address::from(to_view(key));
      if (!address) throw StateError("corrupt account key");
      fn(*address, decode_account(*address, to_view(value)));
    }
  }

  void for_each_storage(const Address& address,
                        const std::function<void(const U256& slot, const U256& value)>& fn) const override {
    Txn txn(env_.get(), MDB_RDONLY);
    Cursor cursor(txn.get(), storage_);
    const auto start = storage_key(address, U256());
    MDB_val key = to_val(start), value;
    for (bool found = cursor.get(key, value, MDB_SET_RANGE); found && has_prefix(key, address);
         found = cursor.get(key, value, MDB_NEXT)) {
      if (key.mv_size != kStorageKeySize) throw StateError("corrupt storage key of " + to_hex(address));
      fn(U256::from_be(word_at(to_view(key), 20)), decode_slot_value(address, to_view(value)));
    }
  }

  // One write transaction for the whole diff: any failure aborts it, leaving nothing applied.
  void commit(const BlockDiff& diff) override {
    validate_diff(diff);
    Txn txn(env_.get(), 0);
    for (const auto& [address, change] : diff.accounts) {
      if (!change.info || change.storage_cleared) wipe_storage(txn, address);
      if (!change.info) {
        del(txn, accounts_, to_val(address.view()));
        continue;
      }
      put(txn, accounts_, to_val(address.view()), to_val(encode_account(*change.info)));
      for (const auto& [slot, value] : change.storage) {
        const auto key = storage_key(address, slot);
        if (value.is_zero())
          del(txn, storage_, to_val(key));
        else
          put(txn, storage_, to_val(key), to_val(value.to_be().view()));
      }
    }
    for (const auto& [code_hash, code] : diff.codes) {
      MDB_val key = to_val(code_hash.view()), value = to_val(code);
      const int rc = mdb_put(txn.get(), code_, &key, &value, MDB_NOOVERWRITE);  // same hash, same code
      if (rc != MDB_KEYEXIST) check(rc, "mdb_put");
    }
    if (diff.block_number) put(txn, meta_, to_val(kLastBlockKey), to_val(u64_be(*diff.block_number)));
    txn.commit();
  }

 private:
  static U256 decode_slot_value(const Address& address, ByteView value) {
    if (value.size() != 32) throw StateError("corrupt storage value of " + to_hex(address));
    return U256::from_be(word_at(value, 0));
  }

  /// Deletes every slot of `address`, seeking to its first remaining slot after each delete.
  void wipe_storage(const Txn& txn, const Address& address) const {
    Cursor cursor(txn.get(), storage_);
    const auto start = storage_key(address, U256());
    MDB_val key = to_val(start), value;
    while (cursor.get(key, value, MDB_SET_RANGE) && has_prefix(key, address)) {
      cursor.del();
      key = to_val(start);
    }
  }

  std::unique_ptr<MDB_env, EnvClose> env_;
  MDB_dbi accounts_ = 0, storage_ = 0, code_ = 0, meta_ = 0;
};

}  // namespace

std::unique_ptr<State> open_lmdb_state(const fs::path& dir, uint64_t map_size) {
  return std::make_unique<LmdbState>(dir, map_size);
}

std::unique_ptr<State> open_lmdb_state(const fs::path& dir) { return open_lmdb_state(dir, kLmdbMapSize); }

}  // namespace interlude::state
