// _exec, suspension, call_ids, resume, return data and memory_read (protocol.md §3.3–§3.7).
#include "runtime_test.h"

namespace interlude::runtime::test {
namespace {

/// kMaxQuadraticX (protocol.md §8): the largest _exec input_len.
constexpr uint32_t kMaxQuadraticX = 1'310'720;
/// exec.wat before its _exec: 1 page, body 86, _read(96 bytes) 580, _write(4 bytes) 460.
constexpr uint64_t kExecSetup = 1024 + 86 + 580 + 460;
/// exec.wat after its _exec, with no return data: _write(20) 460, _output_size 400, _forward_output(0) 400.
constexpr uint64_t kExecTail = 460 + 400 + 400;

Bytes32 syscall_id() {
  Bytes32 id;
  for (uint8_t i = 0; i < 32; ++i) id[i] = uint8_t(0x40 + i);
  return id;
}

/// exec.wat input: _exec args at 0..20, syscall_id() at 32..64, the fuel16 buffer at 64..80.
Bytes exec_input(uint32_t input_ptr, uint32_t input_len, uint32_t fuel16_ptr, uint32_t state = STATE_MAIN,
                 uint64_t fuel16_request = 0, uint32_t hash32_ptr = 32) {
  Bytes tail(76, 0);  // args end at 20
  const Bytes32 id = syscall_id();
  std::copy(id.bytes.begin(), id.bytes.end(), tail.begin() + 12);
  store_u64_le(tail.data() + 44, fuel16_request);
  store_u64_le(tail.data() + 52, 0x0807060504030201);
  return make_input({hash32_ptr, input_ptr, input_len, fuel16_ptr, state}, tail);
}

/// The 4 bytes exec.wat writes before its _exec.
Bytes marker() { return Bytes{0x40, 0x41, 0x42, 0x43}; }

TEST_F(RuntimeTest, ExecSuspendsWithTheRequest) {
  const ExecutionResult r = run("exec", exec_input(500, 100, 0, STATE_MAIN), 1'000'000);
  ASSERT_EQ(r.exit_code, 1);
  // Quadratic on input_len 100: w = 4, (3*4 + 16/512) * 20 = 240.
  EXPECT_EQ(r.fuel_consumed, kExecSetup + 240);
  EXPECT_EQ(r.fuel_refunded, 0);
  SyscallInvocationParams expected;
  expected.code_hash = syscall_id();
  expected.fuel_limit = 1'000'000 - kExecSetup - 240;  // fuel16_ptr == 0: all remaining fuel
  expected.state = STATE_MAIN;
  expected.fuel16_ptr = 0;
  expected.input_start = 500;
  expected.input_end = 600;
  EXPECT_EQ(r.request.encode(), expected.encode());
  EXPECT_TRUE(r.output.empty());  // a contract's request is held inline, never in the output
  EXPECT_EQ(executor.suspended_count(), 1u);
}

TEST_F(RuntimeTest, ExecRecordsStateAndFuelRequest) {
  const struct {
    uint64_t request, fuel_limit;
  } cases[] = {{0, 0}, {5000, 5000}, {UINT64_MAX, 1'000'000 - kExecSetup}, {1ull << 63, 1'000'000 - kExecSetup}};
  for (const auto& c : cases) {
    const ExecutionResult r = run("exec", exec_input(0, 0, 64, 7, c.request), 1'000'000);
    ASSERT_GT(r.exit_code, 0);
    const SyscallInvocationParams& request = r.request;
    EXPECT_EQ(request.fuel_limit, c.fuel_limit);
    EXPECT_EQ(request.state, 7u);
    EXPECT_EQ(request.fuel16_ptr, 64u);
    EXPECT_EQ(request.input_start, 0u);
    EXPECT_EQ(request.input_end, 0u);
  }
}

TEST_F(RuntimeTest, ExecQuadraticFuelBound) {
  // The input range is recorded, never copied or checked against memory (1 page here).
  ExecutionResult r = run("exec", exec_input(500, kMaxQuadraticX, 0), 100'000'000);
  ASSERT_EQ(r.exit_code, 1);
  // w = 40960: (3 * 40960 + 40960^2 / 512) * 20 = 67,993,600.
  EXPECT_EQ(r.fuel_consumed, kExecSetup + 67'993'600);
  EXPECT_EQ(r.request.input_end, 500u + kMaxQuadraticX);

  r = run("exec", exec_input(500, kMaxQuadraticX + 1, 0), 100'000'000);
  EXPECT_EQ(r.exit_code, code(ExitCode::IntegerOverflow));
  EXPECT_EQ(r.fuel_consumed, kExecSetup);
  EXPECT_EQ(executor.suspended_count(), 1u);
}

TEST_F(RuntimeTest, ExecPointersOutOfBoundsTrap) {
  for (const Bytes& input : {exec_input(0, 0, 0, STATE_MAIN, 0, 65536 - 16), exec_input(0, 0, 65536 - 8),
                             exec_input(0, 0, 0xFFFFFFF8), exec_input(0, 0, 0, STATE_MAIN, 0, 0xFFFFFFFF)}) {
    const ExecutionResult r = run("exec", input);
    EXPECT_EQ(r.exit_code, code(ExitCode::MemoryOutOfBounds));
    EXPECT_EQ(r.fuel_consumed, kExecSetup);
  }
  // input_ptr + input_len overflows u32. Quadratic on input_len 1: 3 * 20.
  const ExecutionResult r = run("exec", exec_input(0xFFFFFFFF, 1, 0));
  EXPECT_EQ(r.exit_code, code(ExitCode::MemoryOutOfBounds));
  EXPECT_EQ(r.fuel_consumed, kExecSetup + 60);
  EXPECT_EQ(executor.suspended_count(), 0u);
  // The last byte of memory is a valid end of the input range.
  EXPECT_EQ(run("exec", exec_input(65535, 1, 0)).exit_code, 1);
}

TEST_F(RuntimeTest, ExecAtCallDepthZeroIsFatal) {
  const ExecutionResult r = run("exec", exec_input(0, 0, 0), kFuel, STATE_MAIN, 0);
  EXPECT_EQ(r.exit_code, code(ExitCode::UnexpectedFatalExecutionFailure));
  EXPECT_EQ(r.fuel_consumed, kExecSetup);
  EXPECT_EQ(executor.suspended_count(), 0u);
}

TEST_F(RuntimeTest, ResumeContinuesAfterExec) {
  ASSERT_EQ(run("exec", exec_input(0, 0, 0)).exit_code, 1);
  const ExecutionResult r = executor.resume(1, hex("78797a"), -1, 5000, 7);
  EXPECT_EQ(r.exit_code, code(ExitCode::Ok));
  // The output written before the suspension is kept; fuel16_ptr == 0 leaves the buffer as it was;
  // _exec returned -1; the return data is forwarded.
  EXPECT_EQ(r.output, concat({marker(), u64_le(0), u64_le(0x0807060504030201), u32_le(0xFFFFFFFF), hex("78797a")}));
  EXPECT_EQ(r.fuel_consumed, kExecTail + 60);  // _forward_output(3 bytes) costs 460
  EXPECT_EQ(executor.suspended_count(), 0u);
}

TEST_F(RuntimeTest, ResumeWritesTheFuelPairBack) {
  ASSERT_EQ(run("exec", exec_input(0, 0, 64, STATE_MAIN, UINT64_MAX)).exit_code, 1);
  const ExecutionResult r = executor.resume(1, {}, 0, 5000, -7);
  EXPECT_EQ(r.exit_code, code(ExitCode::Ok));
  EXPECT_EQ(r.output, concat({marker(), u64_le(5000), u64_le(uint64_t(-7)), u32_le(0)}));
  EXPECT_EQ(r.fuel_consumed, kExecTail);
}

TEST_F(RuntimeTest, ResumeChargesTheHostFuelOutsideTheSegment) {
  constexpr uint64_t limit = 10'000;
  constexpr uint64_t left = limit - kExecSetup;
  // Exactly enough: the host-charged fuel plus the tail.
  ASSERT_EQ(run("exec", exec_input(0, 0, 0), limit).exit_code, 1);
  ExecutionResult r = executor.resume(1, {}, 0, left - kExecTail, 0);
  EXPECT_EQ(r.exit_code, code(ExitCode::Ok));
  EXPECT_EQ(r.fuel_consumed, kExecTail);
  // One more: the last import runs out; the segment reports everything that remained.
  ASSERT_EQ(run("exec", exec_input(0, 0, 0), limit).exit_code, 2);
  r = executor.resume(2, {}, 0, left - kExecTail + 1, 0);
  EXPECT_EQ(r.exit_code, code(ExitCode::OutOfFuel));
  EXPECT_EQ(r.fuel_consumed, left);
  // More than remains: OutOfFuel before continuing.
  ASSERT_EQ(run("exec", exec_input(0, 0, 0), limit).exit_code, 3);
  r = executor.resume(3, {}, 0, left + 1, 0);
  EXPECT_EQ(r.exit_code, code(ExitCode::OutOfFuel));
  EXPECT_EQ(r.fuel_consumed, left);
  EXPECT_EQ(r.output, marker());
  EXPECT_EQ(executor.suspended_count(), 0u);
}

TEST_F(RuntimeTest, ResumeUnknownCallId) {
  const ExecutionResult r = executor.resume(42, hex("01"), 0, 1234, 5);
  EXPECT_EQ(r.exit_code, code(ExitCode::UnknownError));
  EXPECT_EQ(r.fuel_consumed, 1234u);
  EXPECT_EQ(r.fuel_refunded, 0);
  EXPECT_TRUE(r.output.empty());
}

TEST_F(RuntimeTest, CallIdsAreTransactionScoped) {
  for (int32_t expected : {1, 2, 3}) EXPECT_EQ(run("exec", exec_input(0, 0, 0)).exit_code, expected);
  EXPECT_EQ(executor.suspended_count(), 3u);
  executor.reset_call_id_counter();
  EXPECT_EQ(executor.suspended_count(), 0u);
  EXPECT_EQ(executor.resume(1, {}, 0, 0, 0).exit_code, code(ExitCode::UnknownError));
  EXPECT_EQ(run("exec", exec_input(0, 0, 0)).exit_code, 1);
}

TEST_F(RuntimeTest, EverySuspensionGetsANewCallId) {
  // exec_twice.wat: 1 page + body 48 before the first _exec; _write(8 bytes) 460 at the end.
  ExecutionResult r = run("exec_twice");
  ASSERT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.fuel_consumed, 1024u + 48);
  r = executor.resume(1, {}, 5, 0, 0);
  ASSERT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.fuel_consumed, 0u);
  EXPECT_EQ(executor.resume(1, {}, 0, 0, 0).exit_code, code(ExitCode::UnknownError));
  r = executor.resume(2, {}, -7, 0, 0);
  EXPECT_EQ(r.exit_code, code(ExitCode::Ok));
  EXPECT_EQ(r.output, concat({u32_le(5), u32_le(uint32_t(-7))}));
  EXPECT_EQ(r.fuel_consumed, 460u);
}

TEST_F(RuntimeTest, MemoryReadOfASuspendedRuntime) {
  ASSERT_EQ(run("exec", exec_input(0, 0, 0)).exit_code, 1);
  Bytes32 id;
  ASSERT_TRUE(executor.memory_read(1, 32, id.bytes));
  EXPECT_EQ(id, syscall_id());
  std::array<uint8_t, 16> buffer{};
  EXPECT_TRUE(executor.memory_read(1, 65536 - 16, buffer));
  EXPECT_FALSE(executor.memory_read(1, 65536 - 15, buffer));
  EXPECT_FALSE(executor.memory_read(1, UINT64_MAX, buffer));
  EXPECT_FALSE(executor.memory_read(2, 0, buffer));
  executor.forget_runtime(1);
  EXPECT_EQ(executor.suspended_count(), 0u);
  EXPECT_FALSE(executor.memory_read(1, 0, buffer));
  EXPECT_EQ(executor.resume(1, {}, 0, 0, 0).exit_code, code(ExitCode::UnknownError));
}

TEST_F(RuntimeTest, ReturnDataThroughReadOutputAndForwardOutput) {
  // return_data.wat: args (target, offset, length, fwd_offset, fwd_length); 32 bytes of return data.
  Bytes return_data(32);
  for (uint8_t i = 0; i < 32; ++i) return_data[i] = i;
  ExecutionResult r = run("return_data", make_input({300, 30, 2, 1, 3}));
  ASSERT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.fuel_consumed, 1024u + 104 + 460);  // 1 page, body 104, _read(20 bytes)
  r = executor.resume(1, return_data, 0, 0, 0);
  EXPECT_EQ(r.exit_code, code(ExitCode::Ok));
  EXPECT_EQ(r.output, concat({u32_le(32), hex("1e1f"), hex("010203")}));
  // _output_size 400, _write(4) 460, _read_output(2) 460, _write(2) 460, _forward_output(3) 460.
  EXPECT_EQ(r.fuel_consumed, 400u + 4 * 460);
}

// The executor reuses the Frame of an ended runtime for the next one: nothing of the first
// (return data, output, state) may reach the second.
TEST_F(RuntimeTest, AReusedFrameStartsEmpty) {
  ExecutionResult r = run("return_data", make_input({300, 30, 2, 1, 3}));
  ASSERT_EQ(r.exit_code, 1);
  r = executor.resume(1, Bytes(32, 0xab), 0, 0, 0);
  ASSERT_EQ(r.exit_code, code(ExitCode::Ok));
  r = run("output_size", make_input({}), kFuel, STATE_DEPLOY);
  ASSERT_EQ(r.exit_code, code(ExitCode::Ok));
  EXPECT_EQ(r.output, concat({u32_le(0), u32_le(STATE_DEPLOY)}));
}

TEST_F(RuntimeTest, ReturnDataBounds) {
  const struct {
    uint32_t target, offset, length, fwd_offset, fwd_length;
    int32_t expected;
  } cases[] = {
      {0, 30, 4, 0, 0, code(ExitCode::InputOutputOutOfBounds)},
      {0, 0xFFFFFFF0, 0x20, 0, 0, code(ExitCode::InputOutputOutOfBounds)},
      {65535, 0, 2, 0, 0, code(ExitCode::MemoryOutOfBounds)},
      {0, 0, 0, 0xFFFFFFFF, 2, code(ExitCode::InputOutputOutOfBounds)},
      {0, 0, 0, 1, 32, code(ExitCode::InputOutputOutOfBounds)},
      {65536, 32, 0, 32, 0, code(ExitCode::Ok)},
  };
  for (const auto& c : cases) {
    executor.reset_call_id_counter();
    ASSERT_EQ(run("return_data", make_input({c.target, c.offset, c.length, c.fwd_offset, c.fwd_length})).exit_code, 1);
    const ExecutionResult r = executor.resume(1, Bytes(32, 0xAB), 0, 0, 0);
    EXPECT_EQ(r.exit_code, c.expected) << c.target << " " << c.offset << " " << c.length;
    EXPECT_EQ(r.output, u32_le(32));  // only the size was written
  }
}

}  // namespace
}  // namespace interlude::runtime::test
