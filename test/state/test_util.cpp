#include "test_util.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace interlude::state::test {

Address addr(uint8_t hi, uint8_t lo) {
  Address a;
  a[18] = hi;
  a[19] = lo;
  return a;
}

std::filesystem::path fresh_test_dir() {
  const auto* info = testing::UnitTest::GetInstance()->current_test_info();
  std::string name = std::string(info->test_suite_name()) + "." + info->name();
  std::replace(name.begin(), name.end(), '/', '_');
  const auto dir = std::filesystem::path(INTERLUDE_STATE_TEST_TMP) / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

std::string dump(const State& state) {
  std::string out = "last_block " + (state.last_block() ? std::to_string(*state.last_block()) : "-") + "\n";
  state.for_each_account([&](const Address& address, const Account& account) {
    const auto code = state.code(account.code_hash);
    out += to_hex(address) + " nonce " + std::to_string(account.nonce) + " balance " +
           account.balance.to_hex() + " code " + (code ? to_hex(*code) : "missing") + "\n";
    state.for_each_storage(address, [&](const U256& slot, const U256& value) {
      out += "  " + slot.to_hex() + " = " + value.to_hex() + "\n";
    });
  });
  return out;
}

}  // namespace interlude::state::test
