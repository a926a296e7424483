// Adversarial cases §2.C (docs/adversarial-cases.md): fuel and gas settlement.
#include <map>

#include "a_ops.h"
#include "adv_fixture.h"

namespace interlude::host::test {
namespace {

using runtime::ExitCode;
using runtime::to_i32;

/// Fuel the ops contract spends on one command before its body: the loop region (5 argument
/// loads at 4, pc advance 4, dispatch 6) (wat/a_ops.wat).
constexpr uint64_t kOpsDispatch = 30;

/// The guest-visible fuel readings (FUEL commands, u64 LE each) of an ops run whose output holds
/// only them.
std::vector<uint64_t> readings(const Receipt& r) {
  std::vector<uint64_t> out;
  for (size_t at = 0; at + 8 <= r.output.size(); at += 8) out.push_back(u64_at(r.output, at));
  return out;
}

TEST_F(AdvTest, T31_InfiniteLoop) {
  for (int run_no = 0; run_no < 2; ++run_no) {
    const Receipt r = run(Script().sstore(1, 1).spin(), G);
    expect_halt(r, ExitCode::OutOfFuel, G);
    EXPECT_EQ(chain.storage(a, 1), U256(0));
  }
}

TEST_F(AdvTest, T32_ChargeFuelNegativeAndOverflow) {
  const std::pair<uint32_t, uint32_t> halves[] = {{0xFFFFFFFF, 0xFFFFFFFF},   // -1
                                                  {0, 0x80000000},            // INT64_MIN
                                                  {0xFFFFFFFF, 0x7FFFFFFF}};  // INT64_MAX
  for (const auto& [lo, hi] : halves) {
    Ops p;
    p.op(Ops::CHARGE, lo, hi);
    const Receipt r = run_ops(p);
    expect_halt(r, ExitCode::OutOfFuel, G);  // a huge unsigned charge, never a refund
    EXPECT_EQ(r.gas_refunded, 0u);
  }
  // Three `_charge_fuel(0)`: each costs its import schedule (400) and the command's instructions:
  // dispatch + 7 BASE + CALL (10) + br (1).
  Ops p;
  p.op(Ops::FUEL).op(Ops::FUEL).op(Ops::CHARGE).op(Ops::CHARGE).op(Ops::CHARGE).op(Ops::FUEL);
  const Receipt r = run_ops(p);
  ASSERT_EQ(r.status, TxStatus::Success);
  EXPECT_EQ(r.gas_refunded, 0u);
  const std::vector<uint64_t> f = readings(r);
  ASSERT_EQ(f.size(), 3u);
  const uint64_t fuel_cmd = f[0] - f[1];  // one FUEL command, measured between two readings
  EXPECT_EQ(f[1] - f[2] - fuel_cmd, 3 * (400 + kOpsDispatch + 7 + 10 + 1));
}

TEST_F(AdvTest, T35_SyscallOogHaltsFrame) {
  const Address v = addr(0xfe);
  chain.put(v, 0, 1, wasm("a_veridise"));
  RecordingTracer tracer;
  const Receipt r = chain.apply(call_tx(sender, v, {}, 250'000), &tracer);
  expect_halt(r, ExitCode::OutOfFuel, 250'000);
  // 10 cold fresh SSTOREs (22,100 each) were served; the 11th halted the frame.
  ASSERT_EQ(tracer.events.size(), 1u + 11u + 1u);
  EXPECT_EQ(tracer.events[10], "int 0 10 STORAGE_WRITE 0");
  EXPECT_EQ(tracer.events[11], "int 0 11 STORAGE_WRITE -2010");
  for (uint8_t n = 1; n <= 11; ++n) EXPECT_EQ(chain.storage(v, n), U256(0));
}

TEST_F(AdvTest, T36_SyscallOogInChildIsIsolated) {
  Script inner;
  for (uint8_t s = 1; s <= 10; ++s) inner.sstore(s, 1);
  const Script outer = Script().sstore(1, 1).call(b, 0, inner, 30'000 * 20).sstore(2, 1);
  RecordingTracer tracer;
  const Receipt r = run(outer, G, &tracer);
  ASSERT_EQ(r.status, TxStatus::Success);
  EXPECT_EQ(r.output, cat({le32(0), le32(-2010), le32(0)}));  // A's `_exec(CALL)` returned -2010
  EXPECT_EQ(chain.storage(a, 1), U256(1));
  EXPECT_EQ(chain.storage(a, 2), U256(1));
  for (uint8_t s = 1; s <= 10; ++s) EXPECT_EQ(chain.storage(b, s), U256(0));
  // The CALL: cold account access 2,600 + the 30,000 forwarded, all consumed by B.
  EXPECT_EQ(top_syscall_gas(tracer), (std::vector<uint64_t>{22100, 2600 + 30000, 22100}));
  EXPECT_EQ(r.gas_used, expected(outer, {0, 0, 0}, 22100 + 2600 + 30000 + 22100));
}

// The cold SLOAD is visible in the guest's fuel and charged once: receipt gas = intrinsic + the
// fuel consumed up to the last reading / 20 + the few instructions after it. A final
// `_charge_fuel(400,000)` (20,000 gas) lifts gas_used above the EIP-7623 floor of the ops
// contract's 3 KiB calldata.
TEST_F(AdvTest, T38_FuelVisibilityAndNoDoubleCharge) {
  Ops p;
  p.op(Ops::FUEL).op(Ops::FUEL).exec(STORAGE_READ, le256(5)).op(Ops::FUEL).op(Ops::CHARGE, 400'000);
  const Receipt r = run_ops(p);
  ASSERT_EQ(r.status, TxStatus::Success);
  const std::vector<uint64_t> f = readings(r);
  ASSERT_EQ(f.size(), 3u);
  const uint64_t fuel_cmd = f[0] - f[1];
  // EXEC command: dispatch + 5 BASE + CALL 10 + global.set 3 + br 1; `_exec` schedule for 32 bytes.
  EXPECT_EQ(f[1] - f[2] - fuel_cmd, 2100 * 20 + exec_fuel(32) + kOpsDispatch + 5 + 10 + 3 + 1);
  const uint64_t intrinsic = intrinsic_gas(call_tx(sender, o, p.bytes(), G));
  const uint64_t consumed = (G - intrinsic) * 20 - f[2];  // fuel consumed up to the last reading
  // After the reading: FUEL's `_write` (460), CHARGE (30 + 18 + 400 + 400,000), STOP (30); each of
  // the two segments rounds up once (a second 2,100 would be far outside).
  const uint64_t after = 460 + kOpsDispatch + 18 + 400 + 400'000 + kOpsDispatch;
  EXPECT_GE(r.gas_used, intrinsic + (consumed + after + 19) / 20);
  EXPECT_LE(r.gas_used, intrinsic + (consumed + after + 19) / 20 + 1);  // a second 2,100 would not fit
}

TEST_F(AdvTest, T39_ExecInputQuadraticPricing) {
  const Address callee = addr(0x5a);
  chain.put(callee, 0, 1, wasm("a_size"));
  auto run_call = [&](uint32_t payload) {
    Ops p;
    const uint32_t in = p.data(cat({callee.bytes, Bytes(32)}));  // address ‖ value 0, then zeros
    p.op(Ops::GROW, 24).op(Ops::FUEL).op(Ops::EXEC, p.syscall_id(CALL), in, 52 + payload, 0, 0).op(Ops::FUEL);
    p.op(Ops::LAST).op(Ops::ROUT, 16, 0, 4).op(Ops::WRITE, 16, 4);
    return run_ops(p);
  };
  uint64_t prev_extra = 0;
  double prev_per_byte = 0;
  for (uint32_t payload : {4u << 10, 64u << 10, 1u << 20}) {
    SCOPED_TRACE(payload);
    const Receipt r = run_call(payload);
    ASSERT_EQ(r.status, TxStatus::Success);
    ASSERT_EQ(r.output.size(), 24u);
    EXPECT_EQ(Bytes(r.output.begin() + 16, r.output.end()), cat({le32(0), le32(int32_t(1024 + payload))}));
    const uint64_t spent = u64_at(r.output, 0) - u64_at(r.output, 8);
    const uint64_t schedule = exec_fuel(52 + payload);  // (3w + w²/512) × 20
    ASSERT_GE(spent, schedule);
    // Nothing but the schedule depends on the payload size (the child only reads its size).
    if (prev_extra) {
      EXPECT_EQ(spent - schedule, prev_extra);
    }
    prev_extra = spent - schedule;
    const double per_byte = double(schedule) / payload;
    EXPECT_GE(per_byte, prev_per_byte);
    prev_per_byte = per_byte;
  }
  EXPECT_EQ(exec_fuel(52 + (1u << 20)), 2'195'718u * 20);
  // 52 + P = 1,310,721 bytes: above the quadratic bound, the fuel procedure traps before copying.
  const Receipt r = run_call(1'310'720 - 51);
  expect_halt(r, ExitCode::IntegerOverflow, G);
  EXPECT_EQ(r.interruptions, 0u);
}

// Bulk memory costs 1 fuel per 64 bytes (rounded up) and table bulk ops 1 per 16 elements, on
// top of ENTITY (3): measured as the fuel of a command minus the same command with n = 0. The
// bulk ops work above the first page, where the program is.
TEST_F(AdvTest, T40_BulkMemoryAndTableMetering) {
  auto cost = [&](Ops::Op op, uint32_t n) {
    Ops p;
    p.op(Ops::GROW, 1023).op(Ops::FUEL).op(Ops::FUEL);
    if (op == Ops::TFILL) {
      p.op(op, 0, n);
    } else {
      p.op(op, 65536, 65536, n);
    }
    p.op(Ops::FUEL);
    const Receipt r = run_ops(p);
    EXPECT_EQ(r.status, TxStatus::Success);
    const std::vector<uint64_t> f = readings(r);
    return f[1] - f[2] - (f[0] - f[1]);
  };
  constexpr uint32_t kBig = (64u << 20) - 65536;  // all of memory above the first page
  for (Ops::Op op : {Ops::FILL, Ops::COPY}) {
    const uint64_t base = cost(op, 0);
    EXPECT_EQ(cost(op, 63) - base, 1u);
    EXPECT_EQ(cost(op, 64) - base, 1u);
    EXPECT_EQ(cost(op, 65) - base, 2u);
    EXPECT_EQ(cost(op, kBig) - base, kBig / 64);
  }
  const uint64_t tbase = cost(Ops::TFILL, 0);
  EXPECT_EQ(cost(Ops::TFILL, 15) - tbase, 1u);
  EXPECT_EQ(cost(Ops::TFILL, 16) - tbase, 1u);
  // 64 fills of 63 MiB: at least 64 × 1,047,552 fuel.
  Ops many;
  many.op(Ops::GROW, 1023);
  for (int i = 0; i < 64; ++i) many.op(Ops::FILL, 65536, 0, kBig);
  const Receipt r = run_ops(many);
  ASSERT_EQ(r.status, TxStatus::Success);
  EXPECT_GT(r.gas_used, 64u * (kBig / 64) / 20);
}

/// A module with `nfuncs` functions of `nlocals` i64 locals each and `main`, which calls function
/// 0 `calls` times (nfuncs == 1, calls < 2^13) or each function once; no imports, no memory.
Bytes locals_module(uint32_t nfuncs, uint32_t nlocals, uint32_t calls) {
  using adv::leb;
  Bytes funcs = leb(nfuncs + 1);
  funcs.resize(funcs.size() + nfuncs + 1, 0);  // all of type 0
  const Bytes f = cat({Bytes{0x01}, leb(nlocals), Bytes{0x7e, 0x0b}});  // nlocals × i64; end
  Bytes code = leb(nfuncs + 1);
  for (uint32_t i = 0; i < nfuncs; ++i) code = cat({code, leb(f.size()), f});
  Bytes body;
  if (nfuncs == 1) {  // local i32 i; loop: call 0; i = i + 1; br_if (i < calls)
    body = cat({Bytes{0x01, 0x01, 0x7f, 0x03, 0x40, 0x10, 0x00, 0x20, 0x00, 0x41, 0x01, 0x6a, 0x22, 0x00, 0x41},
                leb(calls), Bytes{0x49, 0x0d, 0x00, 0x0b, 0x0b}});
  } else {
    body = {0x00};
    for (uint32_t i = 0; i < nfuncs; ++i) body = cat({body, Bytes{0x10}, leb(i)});
    body.push_back(0x0b);
  }
  code = cat({code, leb(body.size()), body});
  return cat({Bytes{0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00}, adv::section(1, Bytes{0x01, 0x60, 0x00, 0x00}),
              adv::section(3, funcs),
              adv::section(7, cat({Bytes{0x02, 0x04}, bytes("main"), Bytes{0x00}, leb(nfuncs), Bytes{0x06},
                                   bytes("deploy"), Bytes{0x00}, leb(nfuncs)})),
              adv::section(10, code)});
}

TEST_F(AdvTest, T42_LocalsAndParamsAmplification) {
  // (a) 1,000 calls of a function with 4,096 i64 locals: 1 fuel per declared local at entry.
  auto call_gas = [&](uint32_t nlocals) {
    const Address at = addr(0x42);
    chain.put(at, 0, 1, locals_module(1, nlocals, 1000));
    const Receipt r = chain.apply(call_tx(sender, at, {}, G));
    EXPECT_EQ(r.status, TxStatus::Success);
    return r.gas_used;
  };
  EXPECT_EQ(call_gas(4096) - call_gas(0), 1000u * 4096 / 20);
  // (b) 16 × 32,767 locals (the Cantina PoC): Interlude stores the wasm module itself, not a
  // compiled artifact; deploy costs 50 gas per byte and the locals are paid at every entry.
  const Bytes poc = locals_module(16, 32767, 0);
  const Receipt d = chain.apply(create_tx(sender, poc, G));
  ASSERT_EQ(d.status, TxStatus::Success);
  EXPECT_EQ(chain.code(*d.created_address), poc);
  const Receipt r = chain.apply(call_tx(sender, *d.created_address, {}, G));
  ASSERT_EQ(r.status, TxStatus::Success);
  EXPECT_GE(r.gas_used, 21000 + 16u * 32767 / 20);
  // (c) 1,000 × 32,767 locals: REJECT — the validation work budget (1 unit per local, at most
  // max(2^20, 16 per module byte); wasm::Limits) keeps compile time linear in the module size.
  const Receipt c = chain.apply(create_tx(sender, locals_module(1000, 32767, 0), G));
  expect_halt(c, ExitCode::MalformedBuiltinParams, G);
  EXPECT_FALSE(c.created_address);
}

// Interlude has no native blake2f, modexp or bn256 pairing: as in the reference (protocol.md §5.1,
// "no native precompiles"), those addresses hold system runtimes installed at genesis. Here each
// holds a runtime that fails on its (malformed) input; the CALL with 100,000 gas loses all of it.
TEST_F(AdvTest, T43_PrecompileFailureConsumesGas) {
  const std::pair<uint8_t, Bytes> cases[] = {{0x09, Bytes(212)}, {0x05, Bytes(96, 0xff)}, {0x08, Bytes(191)}};
  for (const auto& [precompile, input] : cases) {
    SCOPED_TRACE(int(precompile));
    chain.put(addr(precompile), 0, 1, wasm("a_trap"));
    RecordingTracer tracer;
    const Receipt r = run(Script().call(addr(precompile), 0, input, 100'000 * 20).sstore(1, 1), G, &tracer);
    ASSERT_EQ(r.status, TxStatus::Success);  // the parent continues
    // A trap in a system runtime reaches the caller as UnexpectedFatalExecutionFailure (-3001):
    // the rewrite to UnknownError applies only to contracts (protocol.md profile, `_exit`).
    EXPECT_EQ(r.output, cat({le32(to_i32(ExitCode::UnexpectedFatalExecutionFailure)), le32(0)}));
    // Cold account (2,600) + all 100,000 forwarded.
    EXPECT_EQ(top_syscall_gas(tracer), (std::vector<uint64_t>{2600 + 100'000, 22100}));
    EXPECT_EQ(chain.storage(a, 1), U256(1));
    chain.put_storage(a, 1, 0);
  }
}

/// A State that counts storage reads per (address, slot).
class CountingState : public state::State {
 public:
  explicit CountingState(state::State& inner) : inner_(inner) {}
  mutable std::map<std::pair<Address, U256>, int> storage_reads;
  mutable std::map<Address, int> account_reads;
  std::optional<state::Account> account(const Address& address) const override {
    ++account_reads[address];
    return inner_.account(address);
  }
  U256 storage(const Address& address, const U256& slot) const override {
    ++storage_reads[{address, slot}];
    return inner_.storage(address, slot);
  }
  std::optional<Bytes> code(const Bytes32& code_hash) const override { return inner_.code(code_hash); }
  std::optional<uint64_t> last_block() const override { return inner_.last_block(); }
  bool empty() const override { return inner_.empty(); }
  void for_each_account(const std::function<void(const Address&, const state::Account&)>& fn) const override {
    inner_.for_each_account(fn);
  }
  void for_each_storage(const Address& address,
                        const std::function<void(const U256&, const U256&)>& fn) const override {
    inner_.for_each_storage(address, fn);
  }
  void commit(const state::BlockDiff& diff) override { inner_.commit(diff); }

 private:
  state::State& inner_;
};

// The child runs out of gas at the access charge, before any state read; the control with enough
// gas shows the same access does read the state. An account the starved child tried to touch is
// still cold for the parent afterwards (BALANCE costs it 2,600).
TEST_F(AdvTest, T44_ColdAccessChargedBeforeIo) {
  CountingState counting(chain.state());
  const Address cold = addr(0x77);
  chain.put(cold, 5, 1, Bytes{0x00});
  const Bytes who(cold.bytes.begin(), cold.bytes.end());
  struct Case {
    Script child;
    uint64_t gas;
    bool account;  ///< touches `cold` (else b's slot 9)
  };
  const Case cases[] = {
      {Script().sload(9), 2000, false},
      {Script().exec(BALANCE, who), 2500, true},
      {Script().exec(CODE_SIZE, who), 2500, true},
      {Script().call(cold, 0, {}), 2500, true},
  };
  auto reads = [&](const Case& c) {
    return c.account ? counting.account_reads[cold] : counting.storage_reads[{b, U256(9)}];
  };
  for (const Case& c : cases) {
    for (const uint64_t gas : {c.gas, uint64_t(100'000)}) {
      SCOPED_TRACE(gas);
      counting.storage_reads.clear();
      counting.account_reads.clear();
      Script parent = Script().call(b, 0, c.child, gas * 20);
      if (c.account) parent.exec(BALANCE, who);
      const Transaction tx = call_tx(sender, a, parent, G);
      RecordingTracer tracer;
      const Receipt r = chain.host.apply_block(counting, chain.env, std::span(&tx, 1), &tracer).receipts.at(0);
      ASSERT_EQ(r.status, TxStatus::Success);
      if (gas == c.gas) {
        EXPECT_EQ(Bytes(r.output.begin(), r.output.begin() + 4), le32(-2010));
        EXPECT_EQ(reads(c), c.account ? 1 : 0);  // the parent's own BALANCE is the only account read
        if (c.account) {
          EXPECT_EQ(top_syscall_gas(tracer), (std::vector<uint64_t>{2600 + c.gas, 2600}));
        }
      } else {
        EXPECT_EQ(Bytes(r.output.begin(), r.output.begin() + 4), le32(0));
        EXPECT_GE(reads(c), 1);
      }
    }
  }
}

TEST_F(AdvTest, T45_ResumeAfterChildExhaustsParent) {
  Ops p;
  const uint32_t in = p.data(cat({b.bytes, Bytes(32), Script().spin().bytes()}));
  p.op(Ops::EXEC, p.syscall_id(CALL), in, 52 + uint32_t(Script().spin().bytes().size()), 0, 0);
  p.op(Ops::WRITE, 0, 65536);  // 400 + 60 × 2,048 fuel = 6,164 gas: more than A kept (1/64)
  RecordingTracer tracer;
  const Receipt r = run_ops(p, 64'000, &tracer);
  expect_halt(r, ExitCode::OutOfFuel, 64'000);
  EXPECT_EQ(tracer.events, (std::vector<std::string>{"start 0 CALL", "start 1 CALL", "end 1 -2010",
                                                      "int 0 1 CALL -2010", "end 0 -2010"}));
}

}  // namespace
}  // namespace interlude::host::test
