#include "state_internal.h"

namespace interlude::state {
namespace {

/// State in ordered maps (std::map), so iteration follows key order as the interface requires.
class MemoryState final : public State {
 public:
  std::optional<Account> account(const Address& address) const override {
    auto it = accounts_.find(address);
    if (it == accounts_.end()) return std::nullopt;
    return it->second;
  }

  U256 storage(const Address& address, const U256& slot) const override {
    auto account = storage_.find(address);
    if (account == storage_.end()) return U256();
    auto it = account->second.find(slot);
    return it == account->second.end() ? U256() : it->second;
  }

  std::optional<Bytes> code(const Bytes32& code_hash) const override {
    if (code_hash == KECCAK_EMPTY) return Bytes();
    auto it = codes_.find(code_hash);
    if (it == codes_.end()) return std::nullopt;
    return it->second;
  }

  std::optional<uint64_t> last_block() const override { return last_block_; }
  bool empty() const override { return accounts_.empty(); }

  void for_each_account(const std::function<void(const Address&, const Account&)>& fn) const override {
    for (const auto& [address, account] : accounts_) fn(address, account);
  }

  void for_each_storage(const Address& address,
                        const std::function<void(const U256& slot, const U256& value)>& fn) const override {
    auto account = storage_.find(address);
    if (account == storage_.end()) return;
    for (const auto& [slot, value] : account->second) fn(slot, value);
  }

  // After validation nothing here can fail except memory allocation (std::bad_alloc).
  void commit(const BlockDiff& diff) override {
    validate_diff(diff);
    for (const auto& [address, change] : diff.accounts) {
      if (!change.info || change.storage_cleared) storage_.erase(address);
      if (!change.info) {
        accounts_.erase(address);
        continue;
      }
      accounts_[address] = *change.info;
      for (const auto& [slot, value] : change.storage) {
        if (!value.is_zero()) {
          storage_[address][slot] = value;
          continue;
        }
        auto account = storage_.find(address);
        if (account == storage_.end()) continue;
        account->second.erase(slot);
        if (account->second.empty()) storage_.erase(account);
      }
    }
    for (const auto& [code_hash, code] : diff.codes) codes_.emplace(code_hash, code);
    if (diff.block_number) last_block_ = diff.block_number;
  }

 private:
  std::map<Address, Account> accounts_;
  std::map<Address, std::map<U256, U256>> storage_;  ///< non-zero slots only; no empty inner maps
  std::map<Bytes32, Bytes> codes_;
  std::optional<uint64_t> last_block_;
};

}  // namespace

std::unique_ptr<State> make_memory_state() { return std::make_unique<MemoryState>(); }

}  // namespace interlude::state
