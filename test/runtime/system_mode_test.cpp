// System mode (protocol.md §3.8 with the Interlude profile "system mode"): self-metering, the
// (i32, i32) -> i32 / () -> i32 entries, exit codes, interruption by returning -3 and re-entry.
#include "runtime_test.h"

namespace interlude::runtime::test {
namespace {

constexpr uint8_t kReturn = 0, kExit = 1, kInterrupt = 2, kExec = 3, kTrap = 4, kFuelLeft = 5, kArgs = 6;

/// system.wat input: charge u64, code i32, action u8, then the request of kInterrupt.
Bytes system_input(uint64_t charge, int32_t exit_code, uint8_t action, ByteView request = {}) {
  return concat({u64_le(charge), u32_le(uint32_t(exit_code)), Bytes{action}, Bytes(request.begin(), request.end())});
}

/// A request as a system runtime writes it (§6.4): fuel16_ptr 0, its input in its own memory.
Bytes request_bytes() {
  SyscallInvocationParams request;
  request.code_hash[31] = 0x03;
  request.fuel_limit = UINT64_MAX;
  request.input_start = 13;
  request.input_end = 77;
  const auto encoded = request.encode();
  return Bytes(encoded.begin(), encoded.end());
}

class SystemModeTest : public RuntimeTest {
 protected:
  ExecutionResult run_system(Bytes input, uint64_t fuel_limit = kFuel, uint32_t state = STATE_MAIN,
                             uint32_t call_depth = 1, const std::string& name = "system") {
    const Bytes& module = wasm_module(name);
    return executor.execute(
        {keccak256(module), module, std::move(input), fuel_limit, state, call_depth, ExecutionMode::System});
  }
};

TEST_F(SystemModeTest, EntriesGetTheirParamsAndReturnTheExitCode) {
  // main(0, 0); only _charge_fuel counts: no operator fuel, no import fuel procedures.
  ExecutionResult r = run_system(system_input(1234, -1, kArgs));
  EXPECT_EQ(r.exit_code, code(ExitCode::Panic));
  EXPECT_EQ(r.output, concat({u32_le(0), u32_le(0)}));
  EXPECT_EQ(r.fuel_consumed, 1234u);
  EXPECT_EQ(r.fuel_refunded, 0);
  // deploy() -> i32 for STATE_DEPLOY.
  r = run_system(system_input(0, 0, kArgs), kFuel, STATE_DEPLOY);
  EXPECT_EQ(r.exit_code, code(ExitCode::Ok));
  EXPECT_EQ(r.output, concat({u32_le(7), u32_le(8)}));
  EXPECT_EQ(r.fuel_consumed, 0u);
  EXPECT_EQ(executor.suspended_count(), 0u);
}

TEST_F(SystemModeTest, ExitCodesKeepTheFatalClasses) {
  const struct {
    int32_t code, expected;
  } cases[] = {
      {0, 0},
      {-1, -1},
      {-1010, -1010},
      {-3001, -3001},
      {-3002, -3002},
      {5, code(ExitCode::NonNegativeExitCode)},
      {-2, code(ExitCode::UnknownError)},
      {INT32_MIN, code(ExitCode::UnknownError)},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(run_system(system_input(0, c.code, kReturn)).exit_code, c.expected) << "return " << c.code;
    EXPECT_EQ(run_system(system_input(0, c.code, kExit)).exit_code, c.expected) << "_exit " << c.code;
  }
  // `_exit(-3)` interrupts like returning -3 (here with an empty request).
  const ExecutionResult r = run_system(system_input(0, -3, kExit));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(r.output.empty());
  EXPECT_EQ(executor.suspended_count(), 1u);
}

TEST_F(SystemModeTest, ChargeFuelIsTheFuelConsumed) {
  ExecutionResult r = run_system(system_input(5000, 0, kReturn), 5000);
  EXPECT_EQ(r.exit_code, code(ExitCode::Ok));
  EXPECT_EQ(r.fuel_consumed, 5000u);
  // One more than the limit: OutOfFuel, reporting the whole limit.
  r = run_system(system_input(5001, 0, kReturn), 5000);
  EXPECT_EQ(r.exit_code, code(ExitCode::OutOfFuel));
  EXPECT_EQ(r.fuel_consumed, 5000u);
  // _fuel() is the limit minus the charges so far.
  r = run_system(system_input(100, 0, kFuelLeft), 1000);
  EXPECT_EQ(r.output, u64_le(900));
  EXPECT_EQ(r.fuel_consumed, 100u);
}

TEST_F(SystemModeTest, InterruptionReturnsTheRuntimesRequestAndResumeReentersTheEntry) {
  const Bytes request = request_bytes();
  ExecutionResult r = run_system(system_input(50, 0, kInterrupt, request), 1000);
  ASSERT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.output, request);
  EXPECT_EQ(r.fuel_consumed, 50u);
  EXPECT_EQ(executor.suspended_count(), 1u);
  // The request's input range lies in the runtime's own memory (its input was copied to 0).
  Bytes in_memory(64);
  ASSERT_TRUE(executor.memory_read(1, 13, in_memory));
  EXPECT_EQ(in_memory, request);

  // The exit code and the fuel pair are ignored; the entry runs again with the return data.
  r = executor.resume(1, hex("78797a"), -1, 999, 5);
  EXPECT_EQ(r.exit_code, code(ExitCode::Ok));
  EXPECT_EQ(r.output, concat({hex("52"), hex("78797a")}));
  EXPECT_EQ(r.fuel_consumed, 50u);
  EXPECT_EQ(executor.suspended_count(), 0u);

  // The charges of all segments count toward the limit: 2 x 600 > 1000.
  ASSERT_EQ(run_system(system_input(600, 0, kInterrupt, request), 1000).exit_code, 2);
  r = executor.resume(2, hex("01"), 0, 0, 0);
  EXPECT_EQ(r.exit_code, code(ExitCode::OutOfFuel));
  EXPECT_EQ(r.fuel_consumed, 400u);
}

TEST_F(SystemModeTest, AbnormalEndsAreFatal) {
  // A suspension at `_exec` and a trap end the frame with UnexpectedFatalExecutionFailure.
  ExecutionResult r = run_system(system_input(7, 0, kExec));
  EXPECT_EQ(r.exit_code, code(ExitCode::UnexpectedFatalExecutionFailure));
  EXPECT_EQ(r.fuel_consumed, 7u);
  EXPECT_EQ(executor.suspended_count(), 0u);
  EXPECT_EQ(run_system(system_input(7, 0, kTrap)).exit_code, code(ExitCode::UnexpectedFatalExecutionFailure));
  // A module without the system entries: fatal, all fuel consumed. A system module in
  // contract mode has the wrong entry types: MalformedBuiltinParams.
  r = run_system(make_input({0}), 5000, STATE_MAIN, 1, "exit");
  EXPECT_EQ(r.exit_code, code(ExitCode::UnexpectedFatalExecutionFailure));
  EXPECT_EQ(r.fuel_consumed, 5000u);
  EXPECT_EQ(run("system", system_input(0, 0, kReturn)).exit_code, code(ExitCode::MalformedBuiltinParams));
  // A root (depth 0) system runtime may not interrupt (§3.4).
  r = run_system(system_input(0, 0, kInterrupt, request_bytes()), kFuel, STATE_MAIN, 0);
  EXPECT_EQ(r.exit_code, code(ExitCode::UnexpectedFatalExecutionFailure));
  EXPECT_EQ(executor.suspended_count(), 0u);
}

TEST_F(SystemModeTest, SystemFramesDoNotCountTowardTheInFlightCap) {
  // 24 suspended 1023-page contract runtimes fill MAX_IN_FLIGHT_MEMORY_BYTES (executor_test,
  // InFlightMemoryIsCapped). Suspended system runtimes take no share, and a system frame still
  // starts when the cap is reached.
  const Bytes interrupt = system_input(0, 0, kInterrupt, request_bytes());
  for (int32_t i = 1; i <= 23; ++i) ASSERT_EQ(run("big_memory", make_input({}), 2'000'000).exit_code, i);
  ASSERT_EQ(run_system(interrupt).exit_code, 24);
  ASSERT_EQ(run("big_memory", make_input({}), 2'000'000).exit_code, 25);
  EXPECT_EQ(run_system(interrupt).exit_code, 26);
  EXPECT_EQ(run("big_memory", make_input({}), 2'000'000).exit_code, code(ExitCode::OutOfMemory));
}

}  // namespace
}  // namespace interlude::runtime::test
