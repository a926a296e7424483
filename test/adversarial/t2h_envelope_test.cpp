// docs/adversarial-cases.md §2.H: system-runtime envelopes (protocol.md §6.4, §6.5, Interlude
// profile "system mode"). The runtime is test/host/wat/envelope_runtime.wat registered as a wasm
// system runtime with preloaded slots 1 and 2; its calldata is a command (see that file).
#include "adv_fixture.h"
#include "heap_counter.h"
#include "interlude/common/bytes.h"
#include "system/envelope.h"

namespace interlude::host::test::adv {
namespace {

using system::ExecutionOutcome;

/// envelope_runtime.wat: charge u64 ‖ code i32 ‖ mode u8 ‖ payload; mode 0 writes the payload
/// and returns `exit_code`. It charges kCharge fuel (kChargeGas gas) per new frame.
constexpr uint64_t kCharge = 200'000, kChargeGas = 10'000;
Bytes final_command(ByteView payload, int32_t exit_code = 0) {
  Bytes out(13 + payload.size());
  store_u64_le(out.data(), kCharge);
  store_u32_le(out.data() + 8, uint32_t(exit_code));
  std::copy(payload.begin(), payload.end(), out.begin() + 13);
  return out;
}

class EnvelopeTest : public HostTest {
 protected:
  const Address runtime = addr(0xe1);  ///< 1000 wei, slot 1 = 7
  Host host{HostConfig{{{runtime, {U256(1), U256(2)}}}}};

  EnvelopeTest() {
    chain.put(runtime, 1000, 1, wasm("envelope_runtime"));
    chain.put_storage(runtime, U256(1), U256(7));
  }
  Receipt call(ByteView calldata, uint64_t gas = kGas) {
    const std::vector<Transaction> txs{call_tx(sender, runtime, calldata, gas)};
    return host.apply_block(chain.state(), chain.env, txs).receipts.at(0);
  }
  /// gas_used of call(calldata) that spends `gas` besides the intrinsic gas.
  uint64_t used(ByteView calldata, uint64_t gas) const {
    const Transaction tx = call_tx(sender, runtime, calldata, kGas);
    return std::max(intrinsic_gas(tx) + gas, floor_gas(tx));
  }
  void expect_no_effects() {
    EXPECT_EQ(chain.storage(runtime, U256(1)), U256(7));
    EXPECT_EQ(chain.storage(runtime, U256(5)), U256(0));
    EXPECT_EQ(chain.balance(runtime), U256(1000));
    EXPECT_FALSE(chain.state().account(addr(0x77)));
    EXPECT_EQ(chain.code(runtime), wasm("envelope_runtime"));
  }
  /// An outcome with every kind of effect.
  static ExecutionOutcome effects(int32_t exit_code) {
    ExecutionOutcome o;
    o.exit_code = exit_code;
    o.output = bytes("out");
    o.storage = {{U256(5), U256(9)}, {U256(1), U256(8)}};
    o.logs = {{{topic(1)}, bytes("d")}};
    o.new_metadata = bytes("md");
    o.touched_storage_slots = std::vector<U256>{U256(1), U256(2)};
    o.transfers = std::vector<system::Transfer>{{addr(0x77), U256(1)}};
    return o;
  }
};

/// An envelope head (exit code 0, empty output, no storage) whose log count claims `logs`
/// entries, followed by a 10-byte body.
Bytes huge_log_count(uint64_t logs) {
  Bytes out(4 + 8 + 4 + 8 + 10, 0xAB);
  store_u32_le(out.data(), 0);
  store_u64_le(out.data() + 4, 0);
  store_u32_le(out.data() + 12, 0);
  store_u64_le(out.data() + 16, logs);
  return out;
}

TEST_F(EnvelopeTest, T72_EnvelopeDecodeFailures) {
  ExecutionOutcome writes;
  writes.storage = {{U256(5), U256(9)}};
  const Bytes envelope = system::encode(writes);
  Bytes huge_storage(4 + 8 + 4 + 10, 0xCD);  // storage count 2^32 - 1, 10 bytes of body
  store_u32_le(huge_storage.data(), 0);
  store_u64_le(huge_storage.data() + 4, 0);
  store_u32_le(huge_storage.data() + 12, 0xFFFFFFFF);
  // The decoder is bounded: a claimed 2^40 logs or 2^32 - 1 slots with a 10-byte body fails after
  // the body runs out, and its heap peak stays tiny (no reserve from the claimed count).
  for (const Bytes& claim : {huge_log_count(uint64_t(1) << 40), huge_storage}) {
    heap_peak_reset();
    const uint64_t base = heap_live();
    EXPECT_FALSE(system::decode_execution_outcome(claim));
    EXPECT_LT(heap_peak() - base, 4096u);
  }
  // Through the host: undecodable outputs commit nothing and halt UnknownError (-1006, Interlude's
  // documented code for an output that is not an envelope; all gas); a fatal exit code
  // (-3001) is not decoded at all and halts with that code.
  const struct {
    const char* name;
    Bytes payload;
    int32_t exit_code;
    ExitCode expected;
  } cases[] = {
      {"random bytes", bytes("\x13\x37 random garbage"), 0, ExitCode::UnknownError},
      {"truncated", Bytes(envelope.begin(), envelope.end() - 1), 0, ExitCode::UnknownError},
      {"2^40 logs", huge_log_count(uint64_t(1) << 40), 0, ExitCode::UnknownError},
      {"2^32-1 slots", huge_storage, 0, ExitCode::UnknownError},
      {"fatal", envelope, to_i32(ExitCode::UnexpectedFatalExecutionFailure), ExitCode::UnexpectedFatalExecutionFailure},
  };
  for (const auto& c : cases) {
    const Receipt r = call(final_command(c.payload, c.exit_code));
    EXPECT_EQ(r.status, TxStatus::Halt) << c.name;
    EXPECT_EQ(r.exit_code, to_i32(c.expected)) << c.name;
    EXPECT_EQ(r.gas_used, kGas) << c.name;
    EXPECT_TRUE(r.logs.empty()) << c.name;
    expect_no_effects();
  }
}

TEST_F(EnvelopeTest, T73_EnvelopeNonOkExitWithEffects) {
  // The runtime itself reverts (Panic) or fails (MemoryOutOfBounds): REVERT returns unused gas,
  // HALT consumes all; the envelope's effects are never committed. Preloads of slots 1 and 2
  // (2 × 2100) stay paid: both are listed as touched, so nothing is refunded.
  {
    const Bytes calldata = final_command(system::encode(effects(to_i32(ExitCode::Panic))), to_i32(ExitCode::Panic));
    const Receipt r = call(calldata);
    EXPECT_EQ(r.status, TxStatus::Revert);
    EXPECT_EQ(r.exit_code, to_i32(ExitCode::Panic));
    EXPECT_EQ(r.output, bytes("out"));
    EXPECT_EQ(r.gas_used, used(calldata, kChargeGas + 2 * 2100));
    expect_no_effects();
  }
  {
    const int32_t oob = to_i32(ExitCode::MemoryOutOfBounds);
    const Receipt r = call(final_command(system::encode(effects(oob)), oob));
    EXPECT_EQ(r.status, TxStatus::Halt);
    EXPECT_EQ(r.exit_code, oob);
    EXPECT_EQ(r.gas_used, kGas);
    expect_no_effects();
  }
  // The runtime ends Ok but the envelope's exit code is Panic (§6.5 step 5): the frame succeeds
  // with the envelope's output and no effects. Slot 1 is listed twice as touched and slot 2 not at
  // all: slot 2's preload (2100) is refunded exactly once, slot 1's never.
  ExecutionOutcome o = effects(to_i32(ExitCode::Panic));
  o.touched_storage_slots = std::vector<U256>{U256(1), U256(1)};
  const Bytes calldata = final_command(system::encode(o));
  const Receipt r = call(calldata);
  EXPECT_EQ(r.status, TxStatus::Success);
  EXPECT_EQ(r.output, bytes("out"));
  EXPECT_TRUE(r.logs.empty());
  EXPECT_EQ(r.gas_used, used(calldata, kChargeGas + 2100));
  expect_no_effects();
}

TEST_F(EnvelopeTest, T75_EnvelopeStoragePricing) {
  // Interlude deliberately keeps the reference pricing of the system-runtime path (protocol.md
  // §6.5 step 6, reference FLU-1160): envelope storage writes are applied without SSTORE pricing
  // (the preload SLOADs are the only storage gas) and envelope logs are not charged. The exact gas
  // is pinned so that any change is a deliberate fork. Interlude has no Universal Token runtime
  // (profile "other init code"), so the envelope runtime stands in for it.
  ExecutionOutcome o;
  for (uint32_t i = 0; i < 100; ++i) o.storage[U256(1000 + i)] = U256(1);
  o.logs = {{{topic(1), topic(2), topic(3)}, Bytes(32)}};
  o.touched_storage_slots = std::vector<U256>{U256(1), U256(2)};
  const Bytes calldata = final_command(system::encode(o));
  const Receipt r = call(calldata, 10'000'000);
  ASSERT_EQ(r.status, TxStatus::Success);
  EXPECT_EQ(r.gas_used, used(calldata, kChargeGas + 2 * 2100));
  for (uint32_t i = 0; i < 100; ++i) EXPECT_EQ(chain.storage(runtime, U256(1000 + i)), U256(1));
  ASSERT_EQ(r.logs.size(), 1u);
  // The same 100 fresh-slot writes as contract SSTOREs cost 22,100 each (cold SSTORE set), and the
  // LOG3 with 32 bytes 375 + 3 × 375 + 8 × 32 = 1,756.
  Script s;
  for (uint32_t i = 0; i < 100; ++i) s.sstore(1000 + i, 1);
  s.emit_log({topic(1), topic(2), topic(3)}, Bytes(32));
  std::vector<uint64_t> returns(101, 0);
  const Receipt evm = chain.apply(call_tx(sender, a, s, 10'000'000));
  ASSERT_EQ(evm.status, TxStatus::Success);
  EXPECT_EQ(evm.gas_used, intrinsic_gas(call_tx(sender, a, s, 0)) + s.execution_gas(returns) + 100 * 22100 + 1756);
}

}  // namespace
}  // namespace interlude::host::test::adv
