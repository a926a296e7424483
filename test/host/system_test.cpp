// System mode in the root-STF (protocol.md §3.8, §5.3 step 4, §5.7 step 4, §5.8, §6, Interlude
// profile "system mode" and "static frames"): native precompiles, and wat/envelope_runtime.wat
// registered as a wasm system runtime through HostConfig.
#include "host_fixture.h"
#include "interlude/runtime/exit_code.h"
#include "runtime_accounts.h"
#include "system/envelope.h"

namespace interlude::host::test {
namespace {

using runtime::ExitCode;
using runtime::to_i32;
using system::ExecutionOutcome;

constexpr uint8_t kFinal = 0, kInterrupt = 1, kEcho = 2;
/// 10,000 gas of `_charge_fuel` per new frame of envelope_runtime.wat.
constexpr uint64_t kCharge = 200'000, kChargeGas = 10'000;

/// envelope_runtime.wat calldata.
Bytes command(uint8_t mode, ByteView payload = {}, int32_t exit_code = 0) {
  Bytes out(13 + payload.size());
  store_u64_le(out.data(), kCharge);
  store_u32_le(out.data() + 8, uint32_t(exit_code));
  out[12] = mode;
  std::copy(payload.begin(), payload.end(), out.begin() + 13);
  return out;
}
Bytes final_command(const ExecutionOutcome& outcome, int32_t exit_code = 0) {
  return command(kFinal, system::encode(outcome), exit_code);
}
Bytes32 topic(uint8_t b) {
  Bytes32 t;
  t.bytes.fill(b);
  return t;
}

class SystemTest : public HostTest {
 protected:
  const Address runtime = addr(0xe1);  ///< envelope_runtime.wat, a wasm system runtime; 1000 wei
  Host host{HostConfig{{{runtime, {U256(1), U256(2)}}}}};

  SystemTest() {
    chain.put(runtime, 1000, 1, wasm("envelope_runtime"));
    chain.put_storage(runtime, U256(1), U256(7));
  }
  Receipt apply(const Transaction& tx, Tracer* tracer = nullptr) {
    return host.apply_block(chain.state(), chain.env, std::vector<Transaction>{tx}, tracer).receipts.at(0);
  }
  /// Calls `to` (the runtime by default) with `calldata`.
  Receipt call(ByteView calldata, const Address& to = addr(0xe1)) { return apply(call_tx(sender, to, calldata, kGas)); }
  /// gas_used of call(calldata) that spends `gas` besides the intrinsic gas.
  static uint64_t used(ByteView calldata, uint64_t gas) {
    const Transaction tx = call_tx(Address(), addr(0xe1), calldata, kGas);
    return std::max(intrinsic_gas(tx) + gas, floor_gas(tx));
  }
  /// Runs script contract `a` on this host.
  Receipt run_script(const Script& s, Tracer* tracer = nullptr) { return apply(call_tx(sender, a, s, kGas), tracer); }
};

TEST_F(SystemTest, NativeSha256AndIdentityPrecompiles) {
  // SHA256 (0x02): 60 + 12 per word; the precompile's address is cold (2600).
  RecordingTracer tracer;
  const Script sha = Script().call(addr(0x02), U256(), bytes("abc"));
  Receipt r = run_script(sha, &tracer);
  ASSERT_EQ(r.status, TxStatus::Success);
  EXPECT_EQ(r.output, cat({le32(0), from_hex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad").value()}));
  EXPECT_EQ(tracer.syscall_gas, std::vector<uint64_t>{2600 + 72});
  EXPECT_EQ(r.gas_used, expected(sha, {32}, 2600 + 72));
  // IDENTITY (0x04): 15 + 3 per word.
  const Bytes data(40, 0x5a);
  const Script id = Script().call(addr(0x04), U256(), data);
  r = run_script(id);
  EXPECT_EQ(r.output, cat({le32(0), data}));
  EXPECT_EQ(r.gas_used, expected(id, {40}, 2600 + 21));
  // Too little gas (a 1000-fuel limit is 50 gas): the precompile halts OutOfFuel with all of it.
  RecordingTracer oog;
  const Script starved = Script().call(addr(0x02), U256(), bytes("abc"), 1000);
  r = run_script(starved, &oog);
  EXPECT_EQ(r.output, le32(to_i32(ExitCode::OutOfFuel)));
  EXPECT_EQ(oog.syscall_gas, std::vector<uint64_t>{2600 + 50});
  // A transaction straight to a precompile.
  r = call(data, addr(0x04));
  EXPECT_EQ(r.status, TxStatus::Success);
  EXPECT_EQ(r.output, data);
}

TEST_F(SystemTest, NewFrameInputCarriesCalldataContextAndPreloadedStorage) {
  const Bytes calldata = command(kEcho);
  const Receipt r = call(calldata);
  ASSERT_EQ(r.status, TxStatus::Success);
  const auto input = system::decode_new_frame_input(r.output);
  ASSERT_TRUE(input);
  EXPECT_TRUE(input->metadata.empty());
  EXPECT_EQ(input->input, calldata);
  ASSERT_EQ(input->context.size(), 1024u);
  EXPECT_EQ(Bytes(input->context.begin() + 281, input->context.begin() + 301), Bytes(runtime.bytes.begin(), runtime.bytes.end()));
  // contract.gas_limit: the frame's gas before the preloads.
  EXPECT_EQ(load_u64_le(input->context.data() + 374), kGas - intrinsic_gas(call_tx(sender, runtime, calldata, kGas)));
  EXPECT_EQ(input->storage, (system::StorageMap{{U256(1), U256(7)}, {U256(2), U256(0)}}));
  // The outcome touches no slot: both preloads (2 x 2100) are given back.
  EXPECT_EQ(r.gas_used, used(calldata, kChargeGas));
}

TEST_F(SystemTest, AnOkOutcomeCommitsStorageAndLogs) {
  ExecutionOutcome outcome;
  outcome.output = bytes("done");
  outcome.storage = {{U256(5), U256(9)}, {U256(1), U256(0)}};
  outcome.logs = {{{topic(0xaa)}, bytes("d")}};
  outcome.touched_storage_slots = std::vector<U256>{U256(1)};
  const Bytes calldata = final_command(outcome);
  const Receipt r = call(calldata);
  ASSERT_EQ(r.status, TxStatus::Success);
  EXPECT_EQ(r.output, bytes("done"));
  EXPECT_EQ(chain.storage(runtime, U256(5)), U256(9));
  EXPECT_EQ(chain.storage(runtime, U256(1)), U256(0));
  ASSERT_EQ(r.logs.size(), 1u);
  EXPECT_EQ(r.logs[0].address, runtime);
  EXPECT_EQ(r.logs[0].topics, std::vector<Bytes32>{topic(0xaa)});
  EXPECT_EQ(r.logs[0].data, bytes("d"));
  // Slot 1 was touched: its preload (2100) stays paid; slot 2's is given back. The writes
  // themselves cost nothing more (§6.5 step 6).
  EXPECT_EQ(r.gas_used, used(calldata, kChargeGas + 2100));
}

TEST_F(SystemTest, EffectsNeedAnOkOutcome) {
  ExecutionOutcome outcome;
  outcome.exit_code = to_i32(ExitCode::Panic);
  outcome.output = bytes("no");
  outcome.storage = {{U256(5), U256(9)}};
  outcome.logs = {{{}, bytes("d")}};
  outcome.new_metadata = bytes("x");
  outcome.transfers = std::vector<system::Transfer>{{addr(0x77), U256(1)}};
  outcome.touched_storage_slots = std::vector<U256>{U256(1), U256(2)};
  // The runtime reverts: unused gas comes back, the preloads of touched slots stay paid.
  Bytes calldata = final_command(outcome, to_i32(ExitCode::Panic));
  Receipt r = call(calldata);
  EXPECT_EQ(r.status, TxStatus::Revert);
  EXPECT_EQ(r.output, bytes("no"));
  EXPECT_EQ(r.gas_used, used(calldata, kChargeGas + 2 * 2100));
  // The runtime ends Ok but its outcome does not: the frame succeeds without effects.
  calldata = final_command(outcome, 0);
  r = call(calldata);
  EXPECT_EQ(r.status, TxStatus::Success);
  EXPECT_EQ(r.output, bytes("no"));
  EXPECT_TRUE(r.logs.empty());
  EXPECT_EQ(chain.storage(runtime, U256(5)), U256(0));
  EXPECT_EQ(chain.balance(runtime), U256(1000));
  EXPECT_EQ(chain.code(runtime), wasm("envelope_runtime"));
}

TEST_F(SystemTest, EffectsInAStaticFrameHalt) {
  ExecutionOutcome writes;
  writes.storage = {{U256(5), U256(9)}};
  ExecutionOutcome reads;
  reads.output = bytes("fine");
  const Receipt r = run_script(Script().static_call(runtime, final_command(writes)).static_call(runtime, final_command(reads)));
  ASSERT_EQ(r.status, TxStatus::Success);
  EXPECT_EQ(r.output, cat({le32(to_i32(ExitCode::StateChangeDuringStaticCall)), le32(0), bytes("fine")}));
  EXPECT_EQ(chain.storage(runtime, U256(5)), U256(0));
}

TEST_F(SystemTest, TransfersMoveTheTargetsBalance) {
  ExecutionOutcome pay;
  pay.transfers = std::vector<system::Transfer>{{addr(0x77), U256(300)}, {addr(0x78), U256(200)}};
  ASSERT_EQ(call(final_command(pay)).status, TxStatus::Success);
  EXPECT_EQ(chain.balance(runtime), U256(500));
  EXPECT_EQ(chain.balance(addr(0x77)), U256(300));
  EXPECT_EQ(chain.balance(addr(0x78)), U256(200));

  // More than the balance: InsufficientBalance (revert class) undoes the storage writes too.
  ExecutionOutcome overdraw;
  overdraw.output = bytes("short");
  overdraw.storage = {{U256(5), U256(9)}};
  overdraw.transfers = std::vector<system::Transfer>{{addr(0x77), U256(300)}, {addr(0x78), U256(201)}};
  const Bytes calldata = final_command(overdraw);
  Receipt r = call(calldata);
  EXPECT_EQ(r.status, TxStatus::Revert);
  EXPECT_EQ(r.exit_code, to_i32(ExitCode::InsufficientBalance));
  EXPECT_EQ(r.output, bytes("short"));
  EXPECT_EQ(r.gas_used, used(calldata, kChargeGas));
  EXPECT_EQ(chain.storage(runtime, U256(5)), U256(0));
  EXPECT_EQ(chain.balance(runtime), U256(500));
  // A sum past 2^256 - 1: IntegerOverflow, a halt.
  ExecutionOutcome overflow;
  overflow.transfers = std::vector<system::Transfer>{{addr(0x77), U256::max()}, {addr(0x78), U256(1)}};
  r = call(final_command(overflow));
  EXPECT_EQ(r.status, TxStatus::Halt);
  EXPECT_EQ(r.exit_code, to_i32(ExitCode::IntegerOverflow));
  EXPECT_EQ(r.gas_used, kGas);
}

TEST_F(SystemTest, OwnableAccountsRunTheirOwnerWithMetadata) {
  // An ownable account (§7.1) owned by the runtime runs it in system mode with its metadata.
  const Address owned = addr(0x0a);
  chain.put(owned, 0, 1, encode_ownable_account(runtime, bytes("meta")));
  Receipt r = call(command(kEcho), owned);
  ASSERT_EQ(r.status, TxStatus::Success);
  const auto input = system::decode_new_frame_input(r.output);
  ASSERT_TRUE(input);
  EXPECT_EQ(input->metadata, bytes("meta"));
  EXPECT_EQ(input->storage, (system::StorageMap{{U256(1), U256(0)}, {U256(2), U256(0)}}));  // the account's own
  // new_metadata rewrites the account's code; a frame with no ownable account cannot take it.
  ExecutionOutcome rewrite;
  rewrite.new_metadata = bytes("fresh");
  ASSERT_EQ(call(final_command(rewrite), owned).status, TxStatus::Success);
  EXPECT_EQ(chain.code(owned), encode_ownable_account(runtime, bytes("fresh")));
  r = call(final_command(rewrite));
  EXPECT_EQ(r.status, TxStatus::Halt);
  EXPECT_EQ(r.exit_code, to_i32(ExitCode::UnknownError));
}

TEST_F(SystemTest, UndecodableOrFatalOutcomesCommitNothing) {
  ExecutionOutcome writes;
  writes.storage = {{U256(5), U256(9)}};
  const Bytes envelope = system::encode(writes);
  const struct {
    Bytes payload;
    int32_t exit_code, expected;
  } cases[] = {
      {bytes("garbage"), 0, to_i32(ExitCode::UnknownError)},
      {Bytes(envelope.begin(), envelope.end() - 1), 0, to_i32(ExitCode::UnknownError)},
      {envelope, to_i32(ExitCode::UnexpectedFatalExecutionFailure), to_i32(ExitCode::UnexpectedFatalExecutionFailure)},
  };
  for (const auto& c : cases) {
    const Receipt r = call(command(kFinal, c.payload, c.exit_code));
    EXPECT_EQ(r.status, TxStatus::Halt);
    EXPECT_EQ(r.exit_code, c.expected);
    EXPECT_EQ(r.gas_used, kGas);
    EXPECT_EQ(chain.storage(runtime, U256(5)), U256(0));
  }
}

TEST_F(SystemTest, InterruptionsResumeWithAnInterruptionOutcome) {
  // STORAGE_READ of slot 1, warm after its preload (100 gas): the runtime's return data is
  // RuntimeInterruptionOutcomeV1 (it returns it as its output).
  RecordingTracer tracer;
  Bytes calldata = command(kInterrupt, cat({Bytes{STORAGE_READ}, le256(U256(1))}));
  Receipt r = call(calldata);
  ASSERT_EQ(r.status, TxStatus::Success);
  EXPECT_EQ(r.output, system::encode(system::InterruptionOutcome{false, le256(U256(7)), 100 * 20, 0, 0}));
  EXPECT_EQ(r.gas_used, used(calldata, kChargeGas + 100));
  // A halting syscall (a STORAGE_READ input of 3 bytes) comes back as a result with halted_frame.
  calldata = command(kInterrupt, cat({Bytes{STORAGE_READ}, bytes("abc")}));
  r = apply(call_tx(sender, runtime, calldata, kGas), &tracer);
  ASSERT_EQ(r.status, TxStatus::Success);
  EXPECT_EQ(r.output, system::encode(system::InterruptionOutcome{
                          true, {}, 0, 0, to_i32(ExitCode::MalformedBuiltinParams)}));
  EXPECT_EQ(tracer.events, (std::vector<std::string>{"start 0 CALL", "int 0 1 STORAGE_READ -1003", "end 0 0"}));
}

TEST_F(SystemTest, ModeSelection) {
  // The same module outside the system set runs in contract mode, where its entries do not fit.
  const Address plain = addr(0xe2);
  chain.put(plain, 0, 1, wasm("envelope_runtime"));
  EXPECT_EQ(call(command(kEcho), plain).exit_code, to_i32(ExitCode::MalformedBuiltinParams));
  // A HostConfig entry replaces a reference one: 0x02 runs the stored module instead of SHA256.
  Host replaced{HostConfig{{{addr(0x02), {}}}}};
  chain.put(addr(0x02), 0, 1, wasm("envelope_runtime"));
  const Receipt r =
      replaced.apply_block(chain.state(), chain.env, std::vector<Transaction>{call_tx(sender, addr(0x02), command(kEcho), kGas)})
          .receipts.at(0);
  EXPECT_TRUE(system::decode_new_frame_input(r.output));
}

}  // namespace
}  // namespace interlude::host::test
