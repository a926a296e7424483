// Adversarial cases §2.A (docs/adversarial-cases.md): exit codes, call_ids and `_resume`.
// Outcome classes follow protocol.md's "Interlude profile" where it differs from the reference.
#include <set>

#include "a_ops.h"
#include "adv_fixture.h"
#include "interlude/common/keccak.h"
#include "interlude/runtime/executor.h"

namespace interlude::host::test {
namespace {

using runtime::ExitCode;
using runtime::to_i32;
using adv::gas_of;

// T01. Profile difference: `_exit(x > 0)` halts with NonNegativeExitCode (-1005), not UnknownError
// (the reference's -1006); undefined negative codes halt with UnknownError.
TEST_F(AdvTest, T01_ExitPositiveAndUnknownCodes) {
  const std::pair<int32_t, ExitCode> cases[] = {
      {1, ExitCode::NonNegativeExitCode},          {5, ExitCode::NonNegativeExitCode},
      {0x7FFFFFFF, ExitCode::NonNegativeExitCode}, {-2, ExitCode::UnknownError},
      {-1000, ExitCode::UnknownError},             {INT32_MIN, ExitCode::UnknownError},
  };
  for (const auto& [x, code] : cases) {
    SCOPED_TRACE(x);
    RecordingTracer tracer;
    const Receipt r = run(Script().sstore(1, 1).write(bytes("AB")).exit(x), G, &tracer);
    expect_halt(r, code, G);
    // Only the STORAGE_WRITE was served: a positive exit code is never taken for a call_id.
    EXPECT_EQ(r.interruptions, 1u);
    EXPECT_EQ(tracer.events, (std::vector<std::string>{"start 0 CALL", "int 0 1 STORAGE_WRITE 0",
                                                        "end 0 " + std::to_string(to_i32(code))}));
    EXPECT_EQ(chain.storage(a, 1), U256(0));
  }
}

TEST_F(AdvTest, T02_ExitReservedFatalCodes) {
  for (int32_t x : {-3001, -3002}) {
    SCOPED_TRACE(x);
    expect_halt(run(Script().sstore(1, 1).exit(x)), ExitCode::UnknownError, kGas);  // 1,000,000 of 1,000,000
    // As a child: the parent's `_exec` returns -1006 and the parent continues.
    const Receipt r = run(Script().call(b, 0, Script().sstore(1, 1).exit(x)).sstore(2, 2), G);
    EXPECT_EQ(r.status, TxStatus::Success);
    EXPECT_EQ(r.output, cat({le32(-1006), le32(0)}));
    EXPECT_EQ(chain.storage(b, 1), U256(0));
    EXPECT_EQ(chain.storage(a, 2), U256(2));
    chain.put_storage(a, 2, 0);
  }
}

TEST_F(AdvTest, T04_RevertVsTrapSemantics) {
  const Script reverting = Script().sstore(1, 1).emit_log({}, bytes("L")).write(bytes("E")).exit(-1);
  const Receipt ra = run(reverting, G);
  EXPECT_EQ(ra.status, TxStatus::Revert);
  EXPECT_EQ(ra.exit_code, -1);
  EXPECT_EQ(ra.output, cat({le32(0), le32(0), bytes("E")}));
  EXPECT_TRUE(ra.logs.empty());
  // Unused gas is returned: exactly intrinsic + execution + SSTORE (22,100) + LOG0 with 1 byte.
  EXPECT_EQ(ra.gas_used, expected(reverting, {0, 0}, 22100 + 375 + 8));
  EXPECT_LT(ra.gas_used, G);

  const Receipt rb = run(Script().sstore(1, 1).emit_log({}, bytes("L")).write(bytes("E")).trap(), G);
  expect_halt(rb, ExitCode::UnreachableCodeReached, G);  // empty output: no revert data on a trap
  EXPECT_EQ(chain.storage(a, 1), U256(0));
}

TEST_F(AdvTest, T05_ResumeFromUserCode) {
  // (a) deploy: reference case 100,000,000 of 100,000,000.
  const Bytes init = with_custom_section(script, "input", Script().resume());
  const Receipt ra = chain.apply(create_tx(sender, init, 100'000'000));
  expect_halt(ra, ExitCode::RootCallOnly, 100'000'000);
  EXPECT_FALSE(ra.created_address);
  EXPECT_TRUE(chain.code(create_address(sender, 0)).empty());
  // (b) main.
  expect_halt(run(Script().sstore(1, 1).resume(), G), ExitCode::RootCallOnly, G);
  // (c) a child: it calls `_resume(1, …)` while the parent is suspended under call_id 1; the
  // parent is not resumed by it: its CALL returns -1002, then it continues and its write commits.
  RecordingTracer tracer;
  const Receipt rc = run(Script().call(b, 0, Script().resume()).sstore(2, 2), G, &tracer);
  EXPECT_EQ(rc.status, TxStatus::Success);
  EXPECT_EQ(rc.output, cat({le32(-1002), le32(0)}));
  EXPECT_EQ(chain.storage(a, 2), U256(2));
  EXPECT_EQ(tracer.events, (std::vector<std::string>{"start 0 CALL", "start 1 CALL", "end 1 -1002",
                                                      "int 0 1 CALL -1002", "int 0 2 STORAGE_WRITE 0",
                                                      "end 0 0"}));
}

TEST_F(AdvTest, T10_ManyInterruptionsSingleFrame) {
  const Address m = addr(0xc3), reader = addr(0xc2);
  chain.put(m, 1000, 1, wasm("a_many"));
  chain.put(reader, 0, 1, wasm("a_reader"));
  for (uint8_t k = 1; k <= 10; ++k) chain.put_storage(reader, k, k);
  RecordingTracer tracer;
  const Receipt r = chain.apply(call_tx(sender, m, {}, 100'000'000), &tracer);
  ASSERT_EQ(r.status, TxStatus::Success);
  // Every SELF_BALANCE returned 1000 and every CALL returned 1 + … + 10.
  EXPECT_EQ(r.output, cat({le32(5000), le32(50)}));
  EXPECT_EQ(r.interruptions, 5000u + 50u + 50u * 10u);
  // call_ids are never reused within the transaction: 1 … 5,550, each once.
  const std::set<uint32_t> ids(tracer.call_ids.begin(), tracer.call_ids.end());
  EXPECT_EQ(ids.size(), 5550u);
  EXPECT_EQ(*ids.begin(), 1u);
  EXPECT_EQ(*ids.rbegin(), 5550u);
  // Gas = intrinsic + the top frame's syscall gas (CALLs include their children) + Σ ceil(segment
  // fuel / 20) over its 5,051 segments. Syscalls: 5,000 × SELF_BALANCE (5) + 50 CALLs (2,600 cold,
  // then 100 warm) whose children do 10 SLOADs each (2,100 cold on the first visit, then 100).
  uint64_t top_syscalls = 0;
  for (uint64_t g : top_syscall_gas(tracer)) top_syscalls += g;
  EXPECT_GT(top_syscalls, 5000u * 5 + 2600 + 49 * 100 + 10 * 2100 + 490 * 100);
  // Segments of wat/a_many.wat (region costs as in its comments): the first up to the first CALL
  // (1 page 1024 + entry 1 + 5 + 30 + `_exec` of 52 bytes 120 = 1,180); after each CALL 915;
  // after a SELF_BALANCE followed by a SELF_BALANCE 927 (×4,950) or by a CALL 1,047 (×49); the
  // last 1,364.
  const uint64_t execution = gas_of(1180) + 50 * gas_of(915) + 4950 * gas_of(927) + 49 * gas_of(1047) + gas_of(1364);
  EXPECT_EQ(r.gas_used, 21000 + top_syscalls + execution);
  // Deterministic: the same transaction on a fresh chain uses the same gas.
  Chain again;
  again.put(sender, kWei);
  again.put(m, 1000, 1, wasm("a_many"));
  again.put(reader, 0, 1, wasm("a_reader"));
  for (uint8_t k = 1; k <= 10; ++k) again.put_storage(reader, k, k);
  EXPECT_EQ(again.apply(call_tx(sender, m, {}, 100'000'000)).gas_used, r.gas_used);
}

/// A runtime of a_ops that interrupts once (SELF_BALANCE), then returns that syscall's exit code.
runtime::ExecutionResult execute_self_balance(runtime::Executor& ex) {
  const Bytes code = wasm("a_ops");
  Ops p;
  p.exec(SELF_BALANCE, {}).op(Ops::LAST);
  return ex.execute({keccak256(code), code, p.executor_input(), 1'000'000});
}

// T11 (white-box, runtime level): call_ids are transaction-scoped and never overwrite a live
// entry.
TEST(T11, CallIdsAreFreshAndLiveEntriesAreKept) {
  runtime::Executor ex;
  auto exec_once = [&] { return execute_self_balance(ex); };
  EXPECT_EQ(exec_once().exit_code, 1);
  EXPECT_EQ(exec_once().exit_code, 2);  // the runtime under 1 stays suspended and keeps its id
  EXPECT_EQ(ex.suspended_count(), 2u);
  const runtime::ExecutionResult r1 = ex.resume(1, Bytes(32), 0, 0, 0);
  EXPECT_EQ(r1.exit_code, 0);
  EXPECT_EQ(r1.output, le32(0));
  EXPECT_EQ(ex.suspended_count(), 1u);
  EXPECT_EQ(exec_once().exit_code, 3);  // never reuses a freed id within the transaction
  ex.reset_call_id_counter();           // a new transaction
  EXPECT_EQ(ex.suspended_count(), 0u);
  EXPECT_EQ(exec_once().exit_code, 1);
}

// T11: the counter forced to the last positive call_id, then past it, then onto a live id.
TEST(T11, ExhaustedOrTakenCallIdFailsWithUnknownErrorAndKeepsTheLiveEntries) {
  runtime::Executor ex;
  auto exec_once = [&] { return execute_self_balance(ex); };
  const runtime::ExecutionResult first = exec_once();
  ASSERT_EQ(first.exit_code, 1);
  ex.set_next_call_id(uint32_t(INT32_MAX));
  EXPECT_EQ(exec_once().exit_code, INT32_MAX);  // the last positive call_id
  const runtime::ExecutionResult past = exec_once();  // 2^31 would wrap to a negative exit code
  EXPECT_EQ(past.exit_code, to_i32(ExitCode::UnknownError));
  EXPECT_EQ(past.fuel_consumed, first.fuel_consumed);  // the fuel spent up to the interruption
  ex.set_next_call_id(1);  // onto the live entry 1
  EXPECT_EQ(exec_once().exit_code, to_i32(ExitCode::UnknownError));
  EXPECT_EQ(ex.suspended_count(), 2u);
  const runtime::ExecutionResult r1 = ex.resume(1, Bytes(32), 0, 0, 0);  // entry 1 was kept intact
  EXPECT_EQ(r1.exit_code, 0);
  EXPECT_EQ(r1.output, le32(0));
  EXPECT_EQ(ex.resume(uint32_t(INT32_MAX), Bytes(32), 0, 0, 0).exit_code, 0);
}

// T12 (white-box): host invariant violations at the runtime boundary are deterministic failures,
// and the executor keeps working afterwards. The case's other two sub-cases: an envelope with
// new_metadata from a frame with no ownable account halts UnknownError in
// SystemTest.OwnableAccountsRunTheirOwnerWithMetadata (test/host/system_test.cpp);
// "a resume with no syscall result recorded" cannot be expressed here: Executor::resume takes the
// syscall result as its arguments, so there is no separate record to be missing.
TEST(T12, HostInvariantViolationsAreFailures) {
  runtime::Executor ex;
  const runtime::ExecutionResult r = ex.resume(77, {}, 0, 0, 0);  // resume of an id not suspended
  EXPECT_EQ(r.exit_code, to_i32(ExitCode::UnknownError));
  uint8_t buf[4];
  EXPECT_FALSE(ex.memory_read(77, 0, buf));  // guest-memory read for an unknown id
  // A positive status whose payload does not decode.
  EXPECT_FALSE(runtime::SyscallInvocationParams::decode(Bytes(63)));
  // A suspended runtime: a read past its memory fails (the host halts MemoryOutOfBounds); once the
  // host forgets it (a halted frame), resuming it is UnknownError.
  const Bytes code = wasm("a_ops");
  Ops s;
  s.exec(SELF_BALANCE, {});
  EXPECT_EQ(ex.execute({keccak256(code), code, s.executor_input(), 1'000'000}).exit_code, 1);
  EXPECT_TRUE(ex.memory_read(1, 65536 - 4, buf));
  EXPECT_FALSE(ex.memory_read(1, 65536 - 2, buf));
  ex.forget_runtime(1);
  EXPECT_EQ(ex.suspended_count(), 0u);
  EXPECT_EQ(ex.resume(1, {}, 0, 0, 0).exit_code, to_i32(ExitCode::UnknownError));
  // The next execution runs normally.
  Ops p;
  p.op(Ops::GROW, 1).op(Ops::LAST);
  const runtime::ExecutionResult ok = ex.execute({keccak256(code), code, p.executor_input(), 1'000'000});
  EXPECT_EQ(ok.exit_code, 0);
  EXPECT_EQ(ok.output, le32(1));
}

}  // namespace
}  // namespace interlude::host::test
