// Transactions: validation and rejections, intrinsic gas and the EIP-7623 floor, fees
// (EIP-1559), EIP-3529 refunds, top-level creation, Host::call, and database errors.
#include <gtest/gtest.h>

#include "host_fixture.h"
#include "interlude/common/keccak.h"
#include "interlude/runtime/exit_code.h"

namespace interlude::host::test {
namespace {

using runtime::ExitCode;
using runtime::to_i32;

TEST_F(HostTest, PlainCallWritesOutputAndPaysTheCalldataFloor) {
  const Script s = Script().write(bytes("hello"));  // calldata 03 05000000 "hello": 3 zero, 7 non-zero bytes
  const Receipt r = run(s);
  EXPECT_EQ(r.status, TxStatus::Success);
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.output, bytes("hello"));
  EXPECT_EQ(r.interruptions, 0u);
  // One segment: 1024 memory + 10 main + 37 entry + 400 _input_size + 460 _read(10 B) + 10 loop
  // + 24 WRITE + 460 _write(5 B) + 4 end = 2429 fuel -> 122 gas. 21000 + 3*4 + 7*16 + 122 = 21246
  // is below the EIP-7623 floor 21000 + 10 * (3 + 4 * 7) = 21310.
  EXPECT_EQ(s.execution_gas({}), 122u);
  EXPECT_EQ(r.gas_used, 21310u);
  EXPECT_EQ(r.cumulative_gas_used, 21310u);
  EXPECT_EQ(chain.nonce(sender), 1u);
}

TEST_F(HostTest, ValueTransferToAnEoaAndCumulativeGas) {
  const Address x = addr(0x77);
  const BlockResult block = chain.apply({call_tx(sender, x, {}, 21000, 5), call_tx(sender, x, {}, 30000, 6)});
  ASSERT_EQ(block.receipts.size(), 2u);
  EXPECT_EQ(block.receipts[0].status, TxStatus::Success);
  EXPECT_EQ(block.receipts[0].gas_used, 21000u);
  EXPECT_EQ(block.receipts[1].cumulative_gas_used, 42000u);
  EXPECT_EQ(block.gas_used, 42000u);
  EXPECT_EQ(chain.balance(x), U256(11));
  EXPECT_EQ(chain.balance(sender), U256(kWei - 11));
  EXPECT_EQ(chain.nonce(sender), 2u);
  EXPECT_EQ(chain.state().last_block(), chain.env.number);
}

TEST_F(HostTest, LegacyFeesGoToTheCoinbaseAboveTheBaseFee) {
  chain.env.base_fee = 7;
  Transaction tx = call_tx(sender, a, Script().write(bytes("fee")), kGas);
  tx.gas_price = 10;
  const Receipt r = chain.apply(tx);
  ASSERT_EQ(r.status, TxStatus::Success);
  EXPECT_EQ(r.effective_gas_price, U256(10));
  EXPECT_EQ(chain.balance(sender), U256(kWei - r.gas_used * 10));
  EXPECT_EQ(chain.balance(chain.env.coinbase), U256(r.gas_used * 3));  // 7 per gas is burned
}

TEST_F(HostTest, Eip1559EffectivePriceIsCappedByTheMaxFee) {
  chain.env.base_fee = 7;
  Transaction tx = call_tx(sender, a, Script().write(bytes("fee")), kGas);
  tx.gas_price = 20;  // max fee per gas
  tx.max_priority_fee_per_gas = U256(2);
  Receipt r = chain.apply(tx);
  ASSERT_EQ(r.status, TxStatus::Success);
  EXPECT_EQ(r.effective_gas_price, U256(9));  // min(20, 7 + 2)
  EXPECT_EQ(chain.balance(sender), U256(kWei - r.gas_used * 9));
  EXPECT_EQ(chain.balance(chain.env.coinbase), U256(r.gas_used * 2));

  tx.nonce = 1;
  tx.gas_price = 8;  // min(8, 7 + 2) = 8: the coinbase gets 1 per gas
  const uint64_t coinbase_before = chain.balance(chain.env.coinbase).low_u64();
  r = chain.apply(tx);
  ASSERT_EQ(r.status, TxStatus::Success);
  EXPECT_EQ(r.effective_gas_price, U256(8));
  EXPECT_EQ(chain.balance(chain.env.coinbase), U256(coinbase_before + r.gas_used));
}

/// Every rejection leaves the state untouched and uses no block gas.
class RejectionTest : public HostTest {
 protected:
  void expect_rejected(const Transaction& tx, const std::string& error_prefix) {
    const BlockResult block = chain.apply(std::vector<Transaction>{tx});
    ASSERT_EQ(block.receipts.size(), 1u);
    EXPECT_EQ(block.receipts[0].status, TxStatus::Rejected);
    EXPECT_EQ(block.receipts[0].error.rfind(error_prefix, 0), 0u) << block.receipts[0].error;
    EXPECT_EQ(block.gas_used, 0u);
    EXPECT_EQ(chain.nonce(sender), 0u);
    EXPECT_EQ(chain.balance(sender), U256(kWei));
  }
};

TEST_F(RejectionTest, Nonce) {
  Transaction tx = call_tx(sender, a, {}, kGas);
  tx.nonce = 1;
  expect_rejected(tx, "nonce too high: address 0x000000000000000000000000000000000000005e, tx: 1 state: 0");
  chain.put(sender, kWei, 3);
  tx.nonce = 2;
  const Receipt r = chain.apply(tx);
  EXPECT_EQ(r.status, TxStatus::Rejected);
  EXPECT_EQ(r.error, "nonce too low: address 0x000000000000000000000000000000000000005e, tx: 2 state: 3");
}

TEST_F(RejectionTest, InsufficientFundsForGasAndValue) {
  Transaction tx = call_tx(sender, addr(0x77), {}, 21000, kWei);
  tx.gas_price = 1;
  expect_rejected(tx, "insufficient funds for gas * price + value");
}

TEST_F(RejectionTest, IntrinsicGasAndFloor) {
  expect_rejected(call_tx(sender, addr(0x77), {}, 20999), "intrinsic gas too low: have 20999, want 21000");
  // 100 non-zero bytes: intrinsic 21000 + 1600 = 22600, floor 21000 + 10 * 400 = 25000.
  const Bytes data(100, 0xff);
  expect_rejected(call_tx(sender, addr(0x77), data, 24999),
                  "insufficient gas for floor data gas cost: have 24999, want 25000");
  // Creation: + 32000 + 2 per word of init code (EIP-3860).
  expect_rejected(create_tx(sender, data, 21000 + 1600 + 32000 + 2 * 4 - 1), "intrinsic gas too low");
}

TEST_F(RejectionTest, FeeBelowBaseFee) {
  chain.env.base_fee = 7;
  Transaction tx = call_tx(sender, addr(0x77), {}, 21000);
  tx.gas_price = 6;
  expect_rejected(tx, "max fee per gas less than block base fee");
  tx.gas_price = 7;
  tx.max_priority_fee_per_gas = U256(8);
  expect_rejected(tx, "max priority fee per gas higher than max fee per gas");
}

TEST_F(RejectionTest, SenderWithCode) {
  chain.put(sender, kWei, 0, script);  // EIP-3607
  const Receipt r = chain.apply(call_tx(sender, addr(0x77), {}, 21000));
  EXPECT_EQ(r.status, TxStatus::Rejected);
  EXPECT_EQ(r.error.rfind("sender not an eoa", 0), 0u);
}

TEST_F(HostTest, BlockGasLimitRejectsTheTransactionThatDoesNotFit) {
  chain.env.gas_limit = 50'000;
  const BlockResult block =
      chain.apply({call_tx(sender, addr(0x77), {}, 30'000), call_tx(sender, addr(0x77), {}, 29'001)});
  EXPECT_EQ(block.receipts[0].status, TxStatus::Success);
  EXPECT_EQ(block.receipts[1].status, TxStatus::Rejected);  // 50000 - 21000 = 29000 left
  EXPECT_EQ(block.receipts[1].error, "gas limit reached");
  EXPECT_EQ(block.receipts[1].cumulative_gas_used, 21'000u);
  EXPECT_EQ(block.gas_used, 21'000u);
}

TEST_F(HostTest, RefundIsCappedAtOneFifthOfGasUsed) {
  // Slot 3 holds 5 at genesis; clearing it costs 2100 (cold) + 100 + 2800 and refunds 4800.
  chain.put_storage(a, 3, 5);
  // After the refund the EIP-7623 floor (22150 for this calldata) applies.
  const Script clear = Script().sstore(3, 0);
  const Transaction clear_tx = call_tx(sender, a, clear, kGas);
  Receipt r = chain.apply(clear_tx);
  ASSERT_EQ(r.status, TxStatus::Success);
  const uint64_t used = expected(clear, {0}, 5000);
  ASSERT_GE(used / 5, 4800u);
  EXPECT_EQ(r.gas_refunded, 4800u);
  ASSERT_LT(used - 4800, floor_gas(clear_tx));
  EXPECT_EQ(r.gas_used, floor_gas(clear_tx));
  EXPECT_EQ(r.gas_used, 22150u);

  // Set and restore within one transaction: 22100 + 100, refund 19900 > gas_used / 5.
  const Script restore = Script().sstore(1, 1).sstore(1, 0);
  r = chain.apply(call_tx(sender, a, restore, kGas));
  const uint64_t before_refund = expected(restore, {0, 0}, 22100 + 100);
  EXPECT_EQ(r.gas_refunded, before_refund / 5);
  EXPECT_EQ(r.gas_used, before_refund - before_refund / 5);
  EXPECT_EQ(chain.storage(a, 1), U256(0));
}

TEST_F(HostTest, TopLevelCreationRunsDeployWithTheInputSection) {
  const Script ctor = Script().sstore(1, 7).write(bytes("ok"));
  const Bytes init = with_custom_section(script, "input", ctor);
  const Transaction tx = create_tx(sender, init, 2'000'000, 100);
  const Receipt r = chain.apply(tx);
  ASSERT_EQ(r.status, TxStatus::Success) << r.exit_code;
  const Address created = create_address(sender, 0);
  EXPECT_EQ(r.created_address, created);
  EXPECT_EQ(r.output, cat({le32(0), bytes("ok")}));
  EXPECT_EQ(chain.code(created), init);  // the module itself is the account code
  EXPECT_EQ(chain.nonce(created), 1u);
  EXPECT_EQ(chain.balance(created), U256(100));
  EXPECT_EQ(chain.storage(created, 1), U256(7));
  EXPECT_EQ(chain.nonce(sender), 1u);
  // 50 gas per byte of init code, the constructor's execution, and a cold SSTORE 0 -> 7.
  EXPECT_EQ(r.gas_used, intrinsic_gas(tx) + 50 * init.size() + ctor.execution_gas({0}) + 22100);
  EXPECT_EQ(r.interruptions, 1u);
}

TEST_F(HostTest, TopLevelCreationFailuresHaltAndBumpTheNonce) {
  const uint8_t evm_code[] = {0x60, 0x00, 0x60, 0x00, 0xf3};
  Receipt r = chain.apply(create_tx(sender, evm_code, 100'000));
  EXPECT_EQ(r.status, TxStatus::Halt);
  EXPECT_EQ(r.exit_code, to_i32(ExitCode::NotSupportedBytecode));
  EXPECT_EQ(r.gas_used, 100'000u);
  EXPECT_FALSE(r.created_address);
  EXPECT_FALSE(chain.state().account(create_address(sender, 0)));

  r = chain.apply(create_tx(sender, wasm("bad_import"), 100'000));
  EXPECT_EQ(r.status, TxStatus::Halt);
  EXPECT_EQ(r.exit_code, to_i32(ExitCode::MalformedBuiltinParams));
  EXPECT_EQ(r.gas_used, 100'000u);
  EXPECT_FALSE(chain.state().account(create_address(sender, 1)));
  EXPECT_EQ(chain.nonce(sender), 2u);

  // Not enough gas for 50 gas per byte: OutOfFuel before the module is checked.
  const Transaction tx = create_tx(sender, script, 0);
  r = chain.apply(create_tx(sender, script, intrinsic_gas(tx) + 50 * script.size() - 1));
  EXPECT_EQ(r.exit_code, to_i32(ExitCode::OutOfFuel));
}

TEST_F(HostTest, OversizedCreationPaysTheCalldataSurchargeAndHitsTheSizeLimit) {
  // "\0asm" and zeros, 1 MiB + 1 bytes: 1048574 zero and 3 non-zero bytes. Intrinsic gas
  // 21000 + 4 * 1048574 + 16 * 3 + 32000 + 2 * 32769 words, plus the protocol.md §5.1 surcharge for
  // w = ceil((1048577 - 131072) / 32) = 28673 words: 3w + w^2 / 30 = 86019 + 27404697.
  Bytes init(1048577, 0);
  init[1] = 0x61, init[2] = 0x73, init[3] = 0x6d;
  chain.env.gas_limit = 100'000'000;
  Receipt r = chain.apply(create_tx(sender, init, 31'803'597));
  EXPECT_EQ(r.status, TxStatus::Rejected);
  EXPECT_EQ(r.error, "intrinsic gas too low: have 31803597, want 31803598");
  r = chain.apply(create_tx(sender, init, 31'900'000));
  EXPECT_EQ(r.status, TxStatus::Halt);
  EXPECT_EQ(r.exit_code, to_i32(ExitCode::CreateContractSizeLimit));
  EXPECT_EQ(r.gas_used, 31'900'000u);
}

TEST_F(HostTest, CallDoesNotCommit) {
  const Receipt r = chain.host.call(chain.state(), chain.env, call_tx(sender, a, Script().sstore(1, 1), kGas));
  EXPECT_EQ(r.status, TxStatus::Success);
  EXPECT_EQ(r.gas_used, expected(Script().sstore(1, 1), {0}, 22100));
  EXPECT_EQ(chain.storage(a, 1), U256(0));
  EXPECT_EQ(chain.nonce(sender), 0u);
  EXPECT_EQ(chain.balance(sender), U256(kWei));
  EXPECT_FALSE(chain.state().last_block());
  // eth_call skips fee checks but a value transfer still needs funds.
  const Receipt poor = chain.host.call(chain.state(), chain.env, call_tx(addr(0x55), a, {}, kGas, 1));
  EXPECT_EQ(poor.status, TxStatus::Rejected);
  EXPECT_EQ(poor.error.rfind("insufficient funds for transfer", 0), 0u);
}

/// A State whose storage reads fail, as a broken database would.
class FailingStorage : public state::State {
 public:
  explicit FailingStorage(state::State& inner) : inner_(inner) {}
  std::optional<state::Account> account(const Address& a) const override { return inner_.account(a); }
  U256 storage(const Address&, const U256&) const override { throw state::StateError("disk on fire"); }
  std::optional<Bytes> code(const Bytes32& h) const override { return inner_.code(h); }
  std::optional<uint64_t> last_block() const override { return inner_.last_block(); }
  bool empty() const override { return inner_.empty(); }
  void for_each_account(const std::function<void(const Address&, const state::Account&)>& fn) const override {
    inner_.for_each_account(fn);
  }
  void for_each_storage(const Address& a, const std::function<void(const U256&, const U256&)>& fn) const override {
    inner_.for_each_storage(a, fn);
  }
  void commit(const state::BlockDiff& diff) override { inner_.commit(diff); }

 private:
  state::State& inner_;
};

TEST_F(HostTest, DatabaseErrorsPropagateAndNothingIsCommitted) {
  FailingStorage failing(chain.state());
  const std::vector<Transaction> txs = {call_tx(sender, addr(0x77), {}, 21000, 1),
                                        call_tx(sender, a, Script().sload(1), kGas)};
  EXPECT_THROW(chain.host.apply_block(failing, chain.env, txs), state::StateError);
  EXPECT_EQ(chain.balance(addr(0x77)), U256(0));
  EXPECT_EQ(chain.nonce(sender), 0u);
  EXPECT_FALSE(chain.state().last_block());
  // The host keeps working afterwards.
  EXPECT_EQ(chain.apply(call_tx(sender, a, Script().sload(1), kGas)).status, TxStatus::Success);
}

}  // namespace
}  // namespace interlude::host::test
