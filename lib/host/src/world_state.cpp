#include "world_state.h"

#include <string>
#include <type_traits>

#include "interlude/common/keccak.h"

namespace interlude::host {

void WorldState::begin_tx() {
  tx_original_.clear();
  warm_accounts_.clear();
  warm_slots_.clear();
  transient_.clear();
  logs_.clear();
  journal_.clear();
  created_.clear();
  destroyed_.clear();
}

void WorldState::end_tx() {
  for (const Address& address : destroyed_) {
    accounts_.erase(address);
    storage_.erase(address);
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
  if (auto acc = storage_.find(address); acc != storage_.end())
    if (auto it = acc->second.find(slot); it != acc->second.end()) return it->second;
  return storage_below_overlay(address, slot);
}

U256 WorldState::storage_below_overlay(const Address& address, const U256& slot) const {
  if (deleted_.count(address)) return U256();
  return base_.storage(address, slot);
}

U256 WorldState::original_storage(const Address& address, const U256& slot, const U256& current) const {
  auto it = tx_original_.find({address, slot});
  return it != tx_original_.end() ? it->second : current;
}

void WorldState::put_storage(const Address& address, const U256& slot, const U256& value) {
  auto& slots = storage_[address];
  const auto [it, inserted] = slots.try_emplace(slot, value);
  const std::optional<U256> prev = inserted ? std::nullopt : std::optional(it->second);
  if (auto [orig, added] = tx_original_.try_emplace({address, slot}); added)
    orig->second = prev ? *prev : storage_below_overlay(address, slot);
  journal_.emplace_back(StorageChanged{address, slot, prev});
  it->second = value;
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
  return warm_slots_.count({address, slot}) != 0;
}

void WorldState::warm_slot(const Address& address, const U256& slot) {
  if (warm_slots_.insert({address, slot}).second) journal_.emplace_back(SlotWarmed{{address, slot}});
}

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
            auto& slots = storage_[e.address];
            if (e.prev) slots[e.slot] = *e.prev;
            else slots.erase(e.slot);
            if (slots.empty()) storage_.erase(e.address);
          } else if constexpr (std::is_same_v<E, TransientChanged>) {
            transient_[e.key] = e.prev;
          } else if constexpr (std::is_same_v<E, AccountWarmed>) {
            warm_accounts_.erase(e.address);
          } else if constexpr (std::is_same_v<E, SlotWarmed>) {
            warm_slots_.erase(e.key);
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
  for (const auto& [address, slots] : storage_) {
    auto& acc = d.accounts[address];
    if (!acc.info) acc.info = account(address);
    acc.storage = slots;
  }
  for (const auto& hash : new_codes_) d.codes.emplace(hash, code_cache_.at(hash));
  return d;
}

}  // namespace interlude::host
