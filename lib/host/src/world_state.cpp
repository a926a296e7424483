#include "world_state.h"

#include <string>
#include <type_traits>

#include "interlude/common/keccak.h"

namespace interlude::host {

void WorldState::begin_tx() {
  ++tx_;  // every slot record's warmth and original value are now stale
  warm_accounts_.clear();
  transient_.clear();
  logs_.clear();
  journal_.clear();
  created_.clear();
  destroyed_.clear();
}

void WorldState::end_tx() {
  for (const Address& address : destroyed_) {
    // The account's slot records, from slot 0 to slot 2^256 - 1 (SlotKeyLess orders by address first).
    storage_.erase(storage_.lower_bound({address, U256()}), storage_.upper_bound({address, U256::max()}));
    last_record_ = storage_.end();
    accounts_.erase(address);
    deleted_.insert(address);
  }
  destroyed_.clear();
}

std::optional<state::Account> WorldState::account(const Address& address) const {
  if (auto it = accounts_.find(address); it != accounts_.end()) return it->second;
  if (deleted_.count(address)) return std::nullopt;
  return base_.account(address);
}

state::Account WorldState::account_or_empty(const Address& address) const {
  return account(address).value_or(state::Account{});
}

bool WorldState::is_empty(const Address& address) const {
  auto acc = account(address);
  return !acc || (acc->nonce == 0 && acc->balance.is_zero() && acc->code_hash == KECCAK_EMPTY);
}

void WorldState::put_account(const Address& address, const state::Account& account) {
  auto it = accounts_.find(address);
  journal_.emplace_back(AccountChanged{address, it == accounts_.end() ? std::nullopt : std::optional(it->second)});
  accounts_[address] = account;
}

bool WorldState::has_balance(const Address& address, const U256& value) const {
  return value.is_zero() || account_or_empty(address).balance >= value;
}

void WorldState::transfer(const Address& from, const Address& to, const U256& value) {
  if (value.is_zero()) return;
  auto sender = account_or_empty(from);
  sender.balance -= value;
  put_account(from, sender);
  auto recipient = account_or_empty(to);
  recipient.balance += value;
  put_account(to, recipient);
}

U256 WorldState::storage(const Address& address, const U256& slot) const {
  return current_value(record({address, slot}));
}

WorldState::SlotRecords::iterator WorldState::record(const SlotKey& key) const {
  if (last_record_ != storage_.end() && same_key(last_record_->first, key)) return last_record_;
  return last_record_ = storage_.try_emplace(key).first;
}

const U256& WorldState::current_value(SlotRecords::iterator it) const {
  SlotRecord& r = it->second;
  if (!r.loaded) {
    r.value = storage_below_overlay(it->first.first, it->first.second);
    r.loaded = true;
  }
  return r.value;
}

void WorldState::Slot::warm_up() {
  if (warm()) return;
  ws_.journal_.emplace_back(SlotWarmed{it_->first});
  it_->second.warm_tx = ws_.tx_;
}

void WorldState::Slot::put(const U256& value) {
  const U256 prev = current();  // may throw: then nothing has changed
  SlotRecord& r = it_->second;
  if (r.original_tx != ws_.tx_) {
    r.original = prev;
    r.original_tx = ws_.tx_;
  }
  ws_.journal_.emplace_back(StorageChanged{it_->first, prev, r.written});
  r.value = value;
  r.written = true;
}

U256 WorldState::storage_below_overlay(const Address& address, const U256& slot) const {
  if (deleted_.count(address)) return U256();
  return base_.storage(address, slot);
}

U256 WorldState::original_storage(const Address& address, const U256& slot, const U256& current) const {
  auto it = storage_.find({address, slot});
  return it != storage_.end() && it->second.original_tx == tx_ ? it->second.original : current;
}

void WorldState::put_storage(const Address& address, const U256& slot, const U256& value) {
  this->slot(address, slot).put(value);
}

const Bytes& WorldState::code(const Bytes32& code_hash) const {
  if (auto it = code_cache_.find(code_hash); it != code_cache_.end()) return it->second;
  auto code = base_.code(code_hash);
  if (!code) throw state::StateError("code not found for code hash " + to_hex(code_hash));
  return code_cache_.emplace(code_hash, std::move(*code)).first->second;
}

Bytes32 WorldState::put_code(ByteView code) {
  Bytes32 hash = keccak256(code);
  if (new_codes_.count(hash) || base_.code(hash)) return hash;
  code_cache_.try_emplace(hash, code.begin(), code.end());
  new_codes_.insert(hash);
  journal_.emplace_back(CodeAdded{hash});
  return hash;
}

Bytes32 WorldState::set_code(const Address& address, ByteView code) {
  state::Account account = account_or_empty(address);
  account.code_hash = put_code(code);
  put_account(address, account);
  return account.code_hash;
}

void WorldState::mark_created(const Address& address) {
  if (created_.insert(address).second) journal_.emplace_back(AccountMarked{address, false});
}

void WorldState::self_destruct(const Address& address, const Address& beneficiary) {
  const bool created = created_.count(address) != 0;
  state::Account account = account_or_empty(address);
  if (address != beneficiary) {
    transfer(address, beneficiary, account.balance);
  } else if (created && !account.balance.is_zero()) {
    account.balance = U256();
    put_account(address, account);
  }
  if (created && destroyed_.insert(address).second) journal_.emplace_back(AccountMarked{address, true});
}

bool WorldState::is_warm_account(const Address& address) const { return warm_accounts_.count(address) != 0; }

void WorldState::warm_account(const Address& address) {
  if (warm_accounts_.insert(address).second) journal_.emplace_back(AccountWarmed{address});
}

bool WorldState::is_warm_slot(const Address& address, const U256& slot) const {
  auto it = storage_.find({address, slot});
  return it != storage_.end() && it->second.warm_tx == tx_;
}

void WorldState::warm_slot(const Address& address, const U256& slot) { this->slot(address, slot).warm_up(); }

U256 WorldState::transient(const Address& address, const U256& slot) const {
  auto it = transient_.find({address, slot});
  return it == transient_.end() ? U256() : it->second;
}

void WorldState::put_transient(const Address& address, const U256& slot, const U256& value) {
  U256& cell = transient_[{address, slot}];
  journal_.emplace_back(TransientChanged{{address, slot}, cell});
  cell = value;
}

void WorldState::add_log(Log log) { logs_.push_back(std::move(log)); }

std::vector<Log> WorldState::take_logs() { return std::move(logs_); }

void WorldState::revert(const Checkpoint& cp) {
  while (journal_.size() > cp.journal) {
    std::visit(
        [this](auto& e) {
          using E = std::decay_t<decltype(e)>;
          if constexpr (std::is_same_v<E, AccountChanged>) {
            if (e.prev) accounts_[e.address] = *e.prev;
            else accounts_.erase(e.address);
          } else if constexpr (std::is_same_v<E, StorageChanged>) {
            SlotRecord& r = storage_[e.key];  // present: records outlive the transaction's journal
            r.value = e.prev;
            r.written = e.prev_written;
          } else if constexpr (std::is_same_v<E, TransientChanged>) {
            transient_[e.key] = e.prev;
          } else if constexpr (std::is_same_v<E, AccountWarmed>) {
            warm_accounts_.erase(e.address);
          } else if constexpr (std::is_same_v<E, SlotWarmed>) {
            storage_[e.key].warm_tx = 0;
          } else if constexpr (std::is_same_v<E, CodeAdded>) {
            new_codes_.erase(e.code_hash);
          } else {
            (e.destroyed ? destroyed_ : created_).erase(e.address);
          }
        },
        journal_.back());
    journal_.pop_back();
  }
  logs_.resize(cp.logs);
}

state::BlockDiff WorldState::diff() const {
  state::BlockDiff d;
  for (const Address& address : deleted_) d.accounts[address].storage_cleared = true;  // info nullopt: deleted
  for (const auto& [address, account] : accounts_) d.accounts[address].info = account;
  for (const auto& [key, entry] : storage_) {
    if (!entry.written) continue;
    auto& acc = d.accounts[key.first];
    if (!acc.info) acc.info = account(key.first);
    acc.storage[key.second] = entry.value;
  }
  for (const auto& hash : new_codes_) d.codes.emplace(hash, code_cache_.at(hash));
  return d;
}

}  // namespace interlude::host
