// End-to-end tests: the example contracts (examples/*, built to build/contracts/*.wasm with the C
// SDK) deployed and called through Host::apply_block on an in-memory state.
#include <map>

#include "e2e_util.h"

namespace interlude::e2e {
namespace {

using host::TxStatus;

// Selectors (keccak256 of the signature, first 4 bytes BE); checked in Selectors below.
constexpr uint32_t NAME = 0x06fdde03, SYMBOL = 0x95d89b41, DECIMALS = 0x313ce567, TOTAL_SUPPLY = 0x18160ddd,
                   BALANCE_OF = 0x70a08231, TRANSFER = 0xa9059cbb, APPROVE = 0x095ea7b3,
                   TRANSFER_FROM = 0x23b872dd, ALLOWANCE = 0xdd62ed3e, INCREMENT = 0xd09de08a, GET = 0x6d4ce63c,
                   TRANSFER_VIA = 0xb85c4f28, BALANCE_VIA = 0xf67ba3ed, DEPLOY_COUNTER = 0x8f90742d,
                   DEPLOY_COUNTER2 = 0x77b569e7;

const U256 SUPPLY = ETHER * U256(1'000'000);  // the token's initial supply: 10^24 base units
const Bytes32 TRANSFER_EVENT = signature_hash("Transfer(address,address,uint256)");
const Bytes32 APPROVAL_EVENT = signature_hash("Approval(address,address,uint256)");
const Bytes32 COUNTER_DEPLOYED_EVENT = signature_hash("CounterDeployed(address)");

/// Intrinsic gas (Prague): 21000 + 16 per non-zero and 4 per zero byte of input; a creation adds
/// 32000 + 2 per 32-byte word of init code (EIP-3860). Used to decompose the pinned gas totals.
uint64_t intrinsic_gas(const Bytes& input, bool creation) {
  uint64_t gas = 21000;
  for (uint8_t b : input) gas += b ? 16 : 4;
  if (creation) gas += 32000 + 2 * ((input.size() + 31) / 32);
  return gas;
}

/// LOGn gas: 375 + 375 per topic + 8 per data byte.
constexpr uint64_t log_gas(uint64_t topics, uint64_t data_len) { return 375 + 375 * topics + 8 * data_len; }

// EIP-2929 / EIP-2200 storage costs as the host charges them (protocol.md §4.4).
constexpr uint64_t SLOAD_COLD = 2100;
constexpr uint64_t SSTORE_COLD_NEW = 100 + 2100 + 19900;  // cold slot, 0 -> non-zero
constexpr uint64_t SSTORE_WARM_NEW = 100 + 19900;         // warm slot (read before), 0 -> non-zero
constexpr uint64_t SSTORE_WARM_UPDATE = 100 + 2800;       // warm slot, non-zero -> other non-zero

std::map<U256, U256> storage_of(const state::State& state, const Address& a) {
  std::map<U256, U256> out;
  state.for_each_storage(a, [&](const U256& slot, const U256& value) { out[slot] = value; });
  return out;
}

Bytes bytes_of(const Bytes32& w) { return Bytes(w.bytes.begin(), w.bytes.end()); }

TEST(Selectors, MatchTheSignatures) {
  const std::pair<uint32_t, const char*> selectors[] = {
      {NAME, "name()"},
      {SYMBOL, "symbol()"},
      {DECIMALS, "decimals()"},
      {TOTAL_SUPPLY, "totalSupply()"},
      {BALANCE_OF, "balanceOf(address)"},
      {TRANSFER, "transfer(address,uint256)"},
      {APPROVE, "approve(address,uint256)"},
      {TRANSFER_FROM, "transferFrom(address,address,uint256)"},
      {ALLOWANCE, "allowance(address,address)"},
      {INCREMENT, "increment()"},
      {GET, "get()"},
      {TRANSFER_VIA, "transferVia(address,address,uint256)"},
      {BALANCE_VIA, "balanceVia(address,address)"},
      {DEPLOY_COUNTER, "deployCounter()"},
      {DEPLOY_COUNTER2, "deployCounter2(bytes32)"},
  };
  for (const auto& [selector, signature] : selectors) {
    Bytes32 h = signature_hash(signature);
    EXPECT_EQ(selector, uint32_t(h[0]) << 24 | uint32_t(h[1]) << 16 | uint32_t(h[2]) << 8 | h[3]) << signature;
  }
  EXPECT_EQ(to_hex(TRANSFER_EVENT), "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef");
  EXPECT_EQ(to_hex(APPROVAL_EVENT), "0x8c5be1e5ebec7d5bd14f71427d1e84f3dd0314c0f7b2291e5b200ac8c7c3b925");
}

// ---- counter ---------------------------------------------------------------------------------

TEST_F(E2ETest, CounterIncrementsViaSelectorAndPlainCall) {
  Address counter = deploy("counter");
  EXPECT_EQ(to_hex(view(counter, abi_call(GET))), to_hex(word(U256(0))));

  host::Receipt r = send(BOB, counter, abi_call(INCREMENT));
  EXPECT_EQ(r.status, TxStatus::Success);
  EXPECT_TRUE(r.output.empty());
  EXPECT_EQ(r.interruptions, 2u);  // STORAGE_READ, STORAGE_WRITE
  EXPECT_EQ(state_->storage(counter, U256(0)), U256(1));

  r = send(BOB, counter, {});  // empty calldata increments too
  EXPECT_EQ(r.status, TxStatus::Success);
  EXPECT_EQ(to_hex(view(counter, abi_call(GET))), to_hex(word(U256(2))));

  r = send(BOB, counter, abi_call(0xdeadbeef));
  EXPECT_EQ(r.status, TxStatus::Revert);
  EXPECT_EQ(r.exit_code, -1);
  EXPECT_TRUE(r.output.empty());
  EXPECT_EQ(state_->storage(counter, U256(0)), U256(2));
}

// ---- token -----------------------------------------------------------------------------------

TEST_F(E2ETest, TokenDeployMintsTheSupplyToTheDeployer) {
  const Bytes code = contract_code("token");
  host::Receipt r = create(ALICE, code);
  ASSERT_EQ(r.status, TxStatus::Success) << r.exit_code;
  const Address token = host::create_address(ALICE, 0);
  EXPECT_EQ(r.created_address, token);
  EXPECT_EQ(r.interruptions, 3u);  // STORAGE_WRITE balance, STORAGE_WRITE totalSupply, EMIT_LOG
  ASSERT_EQ(r.logs.size(), 1u);
  expect_log(r.logs[0], token, {TRANSFER_EVENT, word(Address{}), word(ALICE)}, bytes_of(word(SUPPLY)));

  const std::map<U256, U256> expected_storage{{mapping_slot(word(ALICE), U256(0)), SUPPLY}, {U256(2), SUPPLY}};
  EXPECT_EQ(storage_of(*state_, token), expected_storage);
  auto account = state_->account(token);
  ASSERT_TRUE(account.has_value());
  EXPECT_EQ(account->code_hash, keccak256(code));
  EXPECT_EQ(account->nonce, 1u);

  // Intrinsic gas + 50 gas per init code byte (the wasm deploy charge, protocol.md profile) + two
  // fresh SSTOREs + LOG3 with one data word + the deploy frame's fuel (ceil(fuel / 20) per segment).
  constexpr uint64_t DEPLOY_EXECUTION_GAS = 325;
  EXPECT_EQ(r.gas_used, intrinsic_gas(code, true) + 50 * code.size() + 2 * SSTORE_COLD_NEW + log_gas(3, 32) +
                            DEPLOY_EXECUTION_GAS);
}

TEST_F(E2ETest, TokenViewsReturnAbiEncodedValues) {
  const Address token = deploy("token");
  EXPECT_EQ(to_hex(view(token, abi_call(NAME))), to_hex(abi_string("Interlude Token")));
  EXPECT_EQ(to_hex(view(token, abi_call(SYMBOL))), to_hex(abi_string("ILT")));
  EXPECT_EQ(to_hex(view(token, abi_call(DECIMALS))), to_hex(word(U256(18))));
  EXPECT_EQ(to_hex(view(token, abi_call(TOTAL_SUPPLY))), to_hex(word(SUPPLY)));
  EXPECT_EQ(to_hex(view(token, abi_call(BALANCE_OF, {word(ALICE)}))), to_hex(word(SUPPLY)));
  EXPECT_EQ(to_hex(view(token, abi_call(BALANCE_OF, {word(BOB)}))), to_hex(word(U256(0))));
  EXPECT_EQ(to_hex(view(token, abi_call(ALLOWANCE, {word(ALICE), word(BOB)}))), to_hex(word(U256(0))));
}

TEST_F(E2ETest, TokenTransferMovesBalanceAndEmitsTransfer) {
  const Address token = deploy("token");
  const U256 amount = ETHER * U256(1000);
  const Bytes input = abi_call(TRANSFER, {word(BOB), word(amount)});
  host::Receipt r = send(ALICE, token, input);
  ASSERT_EQ(r.status, TxStatus::Success) << r.exit_code;
  EXPECT_EQ(to_hex(r.output), to_hex(word(U256(1))));
  EXPECT_EQ(r.interruptions, 5u);  // SLOAD, SSTORE (sender), SLOAD, SSTORE (recipient), LOG3
  ASSERT_EQ(r.logs.size(), 1u);
  expect_log(r.logs[0], token, {TRANSFER_EVENT, word(ALICE), word(BOB)}, bytes_of(word(amount)));
  EXPECT_EQ(token_balance(token, ALICE), SUPPLY - amount);
  EXPECT_EQ(token_balance(token, BOB), amount);

  // Intrinsic gas + cold SLOAD and update of the sender's slot + cold SLOAD and 0 -> non-zero
  // SSTORE of the recipient's slot + LOG3 + the frame's fuel.
  constexpr uint64_t TRANSFER_EXECUTION_GAS = 636;
  EXPECT_EQ(r.gas_used, intrinsic_gas(input, false) + SLOAD_COLD + SSTORE_WARM_UPDATE + SLOAD_COLD +
                            SSTORE_WARM_NEW + log_gas(3, 32) + TRANSFER_EXECUTION_GAS);
}

TEST_F(E2ETest, TokenTransferOverBalanceRevertsWithErrorString) {
  const Address token = deploy("token");
  host::Receipt r = send(BOB, token, abi_call(TRANSFER, {word(ALICE), word(U256(1))}), 200'000);
  EXPECT_EQ(r.status, TxStatus::Revert);
  EXPECT_EQ(r.exit_code, -1);
  EXPECT_EQ(to_hex(r.output), to_hex(error_string("insufficient balance")));
  EXPECT_TRUE(r.logs.empty());
  EXPECT_LT(r.gas_used, 200'000u);  // a revert returns the unused gas
  EXPECT_EQ(token_balance(token, ALICE), SUPPLY);
  EXPECT_EQ(token_balance(token, BOB), U256(0));
}

TEST_F(E2ETest, TokenApproveAndTransferFrom) {
  const Address token = deploy("token");
  const U256 allowance = U256(100);
  host::Receipt r = send(ALICE, token, abi_call(APPROVE, {word(BOB), word(allowance)}));
  ASSERT_EQ(r.status, TxStatus::Success) << r.exit_code;
  EXPECT_EQ(to_hex(r.output), to_hex(word(U256(1))));
  ASSERT_EQ(r.logs.size(), 1u);
  expect_log(r.logs[0], token, {APPROVAL_EVENT, word(ALICE), word(BOB)}, bytes_of(word(allowance)));
  const U256 allowance_slot = mapping_slot(word(BOB), mapping_slot(word(ALICE), U256(1)));
  EXPECT_EQ(state_->storage(token, allowance_slot), allowance);
  EXPECT_EQ(to_hex(view(token, abi_call(ALLOWANCE, {word(ALICE), word(BOB)}))), to_hex(word(allowance)));

  r = send(BOB, token, abi_call(TRANSFER_FROM, {word(ALICE), word(BOB), word(U256(101))}));
  EXPECT_EQ(r.status, TxStatus::Revert);
  EXPECT_EQ(to_hex(r.output), to_hex(error_string("insufficient allowance")));

  r = send(BOB, token, abi_call(TRANSFER_FROM, {word(ALICE), word(BOB), word(U256(60))}));
  ASSERT_EQ(r.status, TxStatus::Success) << r.exit_code;
  ASSERT_EQ(r.logs.size(), 1u);
  expect_log(r.logs[0], token, {TRANSFER_EVENT, word(ALICE), word(BOB)}, bytes_of(word(U256(60))));
  EXPECT_EQ(state_->storage(token, allowance_slot), U256(40));
  EXPECT_EQ(token_balance(token, BOB), U256(60));
  EXPECT_EQ(token_balance(token, ALICE), SUPPLY - U256(60));
}

TEST_F(E2ETest, TokenRejectsUnknownSelectorAndShortCalldata) {
  const Address token = deploy("token");
  for (const Bytes& input : {abi_call(0x12345678), Bytes{}, abi_call(BALANCE_OF), Bytes{0xa9, 0x05}}) {
    host::Receipt r = send(ALICE, token, input, 200'000);
    EXPECT_EQ(r.status, TxStatus::Revert) << to_hex(input);
    EXPECT_EQ(r.exit_code, -1) << to_hex(input);
    EXPECT_TRUE(r.output.empty()) << to_hex(input);
  }
}

// ---- router: nested CALL and STATIC_CALL -----------------------------------------------------

class RouterTest : public E2ETest {
 protected:
  RouterTest() {
    token = deploy("token");
    router = deploy("router");
    host::Receipt r = send(ALICE, token, abi_call(TRANSFER, {word(router), word(ETHER * U256(500))}));
    EXPECT_EQ(r.status, TxStatus::Success);
  }
  Bytes transfer_via(const U256& amount) const {
    return abi_call(TRANSFER_VIA, {word(token), word(BOB), word(amount)});
  }
  Address token, router;
};

TEST_F(RouterTest, TransferViaPaysFromTheRouter) {
  RecordingTracer tracer;
  host::Receipt r = send(BOB, router, transfer_via(ETHER * U256(100)), 1'000'000, &tracer);
  ASSERT_EQ(r.status, TxStatus::Success) << r.exit_code;
  EXPECT_EQ(to_hex(r.output), to_hex(word(U256(1))));  // the token's return data
  ASSERT_EQ(r.logs.size(), 1u);
  expect_log(r.logs[0], token, {TRANSFER_EVENT, word(router), word(BOB)}, bytes_of(word(ETHER * U256(100))));
  EXPECT_EQ(token_balance(token, router), ETHER * U256(400));
  EXPECT_EQ(token_balance(token, BOB), ETHER * U256(100));
  EXPECT_EQ(state_->storage(router, U256(0)), U256(1));  // routed-transfer counter
  // Router: SLOAD, SSTORE, CALL; token: SLOAD, SSTORE, SLOAD, SSTORE, LOG3. call_ids count every
  // suspension of the transaction: the router's CALL is #3, the token's follow from #4.
  EXPECT_EQ(r.interruptions, 8u);
  const std::vector<std::string> expected{
      "frame_start 0 CALL",
      "interruption 0 1 STORAGE_READ 0",
      "interruption 0 2 STORAGE_WRITE 0",
      "frame_start 1 CALL",
      "interruption 1 4 STORAGE_READ 0",
      "interruption 1 5 STORAGE_WRITE 0",
      "interruption 1 6 STORAGE_READ 0",
      "interruption 1 7 STORAGE_WRITE 0",
      "interruption 1 8 EMIT_LOG 0",
      "frame_end 1 0",
      "interruption 0 3 CALL 0",
      "frame_end 0 0",
  };
  EXPECT_EQ(tracer.lines, expected);

  // call_ids restart at 1 in the next transaction.
  RecordingTracer next;
  r = send(BOB, router, abi_call(BALANCE_VIA, {word(token), word(BOB)}), 1'000'000, &next);
  ASSERT_EQ(r.status, TxStatus::Success) << r.exit_code;
  EXPECT_EQ(to_hex(r.output), to_hex(word(ETHER * U256(100))));
  const std::vector<std::string> expected_next{
      "frame_start 0 CALL",       "frame_start 1 STATICCALL",        "interruption 1 2 STORAGE_READ 0",
      "frame_end 1 0",            "interruption 0 1 STATIC_CALL 0", "frame_end 0 0",
  };
  EXPECT_EQ(next.lines, expected_next);
}

TEST_F(RouterTest, FailedTransferViaPropagatesTheRevertAndRollsBack) {
  host::Receipt r = send(BOB, router, transfer_via(ETHER * U256(1000)), 1'000'000);
  EXPECT_EQ(r.status, TxStatus::Revert);
  EXPECT_EQ(r.exit_code, -1);
  EXPECT_EQ(to_hex(r.output), to_hex(error_string("insufficient balance")));  // the token's revert data
  EXPECT_TRUE(r.logs.empty());
  EXPECT_EQ(r.interruptions, 4u);  // router SLOAD, SSTORE, CALL; token SLOAD
  EXPECT_LT(r.gas_used, 1'000'000u);
  // The router wrote its counter before the call; the revert rolled that write back.
  EXPECT_EQ(state_->storage(router, U256(0)), U256(0));
  EXPECT_EQ(token_balance(token, router), ETHER * U256(500));
  EXPECT_EQ(token_balance(token, BOB), U256(0));
}

TEST_F(RouterTest, BalanceViaReturnsTheTokenBalance) {
  EXPECT_EQ(to_hex(view(router, abi_call(BALANCE_VIA, {word(token), word(router)}))),
            to_hex(word(ETHER * U256(500))));
  EXPECT_EQ(to_hex(view(router, abi_call(BALANCE_VIA, {word(token), word(BOB)}))), to_hex(word(U256(0))));
}

// ---- factory: CREATE and CREATE2 from a contract ---------------------------------------------

TEST_F(E2ETest, FactoryDeploysCountersWithCreate2AndCreate) {
  const Address factory = deploy("factory");
  const Bytes counter_code = contract_code("counter");
  const Bytes32 salt = word(U256(42));

  host::Receipt r = send(ALICE, factory, abi_call(DEPLOY_COUNTER2, {salt}));
  ASSERT_EQ(r.status, TxStatus::Success) << r.exit_code;
  const Address counter2 = host::create2_address(factory, salt, counter_code);
  EXPECT_EQ(to_hex(r.output), to_hex(word(counter2)));
  EXPECT_EQ(r.interruptions, 2u);  // CREATE2, EMIT_LOG (the counter's deploy issues none)
  ASSERT_EQ(r.logs.size(), 1u);
  expect_log(r.logs[0], factory, {COUNTER_DEPLOYED_EVENT, word(counter2)}, {});
  auto account = state_->account(counter2);
  ASSERT_TRUE(account.has_value());
  EXPECT_EQ(account->code_hash, keccak256(counter_code));
  EXPECT_EQ(account->nonce, 1u);
  EXPECT_EQ(state_->account(factory)->nonce, 2u);  // 1 at creation (EIP-161), +1 for CREATE2

  // The created counter works through its own address.
  r = send(BOB, counter2, abi_call(INCREMENT));
  EXPECT_EQ(r.status, TxStatus::Success);
  EXPECT_EQ(state_->storage(counter2, U256(0)), U256(1));
  EXPECT_EQ(to_hex(view(counter2, abi_call(GET))), to_hex(word(U256(1))));

  r = send(ALICE, factory, abi_call(DEPLOY_COUNTER));
  ASSERT_EQ(r.status, TxStatus::Success) << r.exit_code;
  const Address counter = host::create_address(factory, 2);
  EXPECT_EQ(to_hex(r.output), to_hex(word(counter)));
  expect_log(r.logs.at(0), factory, {COUNTER_DEPLOYED_EVENT, word(counter)}, {});
  EXPECT_EQ(state_->account(counter)->code_hash, keccak256(counter_code));

  // CREATE2 with the same salt collides: the factory reverts and its nonce bump is undone.
  r = send(ALICE, factory, abi_call(DEPLOY_COUNTER2, {salt}));
  EXPECT_EQ(r.status, TxStatus::Revert);
  EXPECT_TRUE(r.output.empty());
  EXPECT_TRUE(r.logs.empty());
  EXPECT_EQ(state_->account(factory)->nonce, 3u);
  EXPECT_EQ(state_->storage(counter2, U256(0)), U256(1));
}

}  // namespace
}  // namespace interlude::e2e
