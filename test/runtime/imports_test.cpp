// The fluentbase_v1preview imports without suspension: semantics and exact fuel (protocol.md §1.2,
// §1.4, Interlude profile). Operator fuel: const/local 1, load/store 2, call 10; 1024 per initial page.
#include "runtime_test.h"

namespace interlude::runtime::test {
namespace {

constexpr uint64_t kPage = 1024;  // initial-memory fuel per page

TEST_F(RuntimeTest, StateReturnsMainOrDeploy) {
  // call $report 10 + body 25 + _state 400 + _write(4 bytes) 460 + 1 page.
  for (uint32_t state : {STATE_MAIN, STATE_DEPLOY}) {
    const ExecutionResult r = run("state", make_input({}), kFuel, state);
    EXPECT_EQ(r.exit_code, code(ExitCode::Ok));
    EXPECT_EQ(r.output, u32_le(state));
    EXPECT_EQ(r.fuel_consumed, kPage + 10 + 25 + 400 + 460);
  }
}

TEST_F(RuntimeTest, InputSizeIncludesTheContextHeader) {
  const ExecutionResult r = run("input_size", make_input({1, 2}, hex("abcdef")));
  EXPECT_EQ(r.exit_code, code(ExitCode::Ok));
  EXPECT_EQ(r.output, u32_le(CONTEXT_HEADER_SIZE + 8 + 3));
  EXPECT_EQ(r.fuel_consumed, kPage + 25 + 400 + 460);
}

TEST_F(RuntimeTest, ExitCodesFollowTheInterludeProfile) {
  const struct {
    int32_t exit, expected;
  } cases[] = {
      {0, 0},
      {1, code(ExitCode::NonNegativeExitCode)},
      {INT32_MAX, code(ExitCode::NonNegativeExitCode)},
      {-1, code(ExitCode::Panic)},
      {-2, code(ExitCode::UnknownError)},
      {-3, code(ExitCode::UnknownError)},
      {-1003, code(ExitCode::MalformedBuiltinParams)},
      {-1005, code(ExitCode::NonNegativeExitCode)},
      {-2010, code(ExitCode::OutOfFuel)},
      {-3001, code(ExitCode::UnknownError)},
      {-3002, code(ExitCode::UnknownError)},
      {-12345, code(ExitCode::UnknownError)},
      {INT32_MIN, code(ExitCode::UnknownError)},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.exit);
    const ExecutionResult r = run("exit", make_input({static_cast<uint32_t>(c.exit)}));
    EXPECT_EQ(r.exit_code, c.expected);
    // body 26 + _read(4 bytes) 460 + 1 page; _exit costs nothing.
    EXPECT_EQ(r.fuel_consumed, kPage + 26 + 460);
    EXPECT_TRUE(r.output.empty());
  }
}

TEST_F(RuntimeTest, ReadCopiesInput) {
  // read.wat: args (target, offset, length) at input[1024..1036], payload after them.
  const ExecutionResult r = run("read", make_input({100, 1036, 5}, hex("0102030405060708")));
  EXPECT_EQ(r.exit_code, code(ExitCode::Ok));
  EXPECT_EQ(r.output, hex("0102030405"));
  EXPECT_EQ(r.fuel_consumed, kPage + 48 + 460 * 3);
}

TEST_F(RuntimeTest, ReadBounds) {
  const uint32_t size = CONTEXT_HEADER_SIZE + 12;
  EXPECT_EQ(run("read", make_input({0, size - 1, 2})).exit_code, code(ExitCode::InputOutputOutOfBounds));
  EXPECT_EQ(run("read", make_input({0, 0xFFFFFFFF, 100})).exit_code, code(ExitCode::InputOutputOutOfBounds));
  EXPECT_EQ(run("read", make_input({0, 0xFFFFFFF0, 0x20})).exit_code, code(ExitCode::InputOutputOutOfBounds));
  EXPECT_EQ(run("read", make_input({65536 - 4, 0, 8})).exit_code, code(ExitCode::MemoryOutOfBounds));
  const ExecutionResult empty = run("read", make_input({65536, size, 0}));
  EXPECT_EQ(empty.exit_code, code(ExitCode::Ok));
  EXPECT_TRUE(empty.output.empty());
  // Linear fuel bound: a length above 2^27 traps IntegerOverflow before the bounds check.
  EXPECT_EQ(run("read", make_input({0, 0, (1u << 27) + 1})).exit_code, code(ExitCode::IntegerOverflow));
}

TEST_F(RuntimeTest, WriteIsCappedPerFrame) {
  // write.wat: 32 pages; body 45; _read(16 bytes) 460.
  constexpr uint64_t setup = 32 * kPage + 45 + 460;
  constexpr uint64_t write_1mib = 400 + (MAX_FRAME_OUTPUT_BYTES / 32) * 60;
  ExecutionResult r = run("write", make_input({0, uint32_t(MAX_FRAME_OUTPUT_BYTES), 0, 0}));
  EXPECT_EQ(r.exit_code, code(ExitCode::Ok));
  EXPECT_EQ(r.fuel_consumed, setup + write_1mib + 400);
  ASSERT_EQ(r.output.size(), MAX_FRAME_OUTPUT_BYTES);
  EXPECT_EQ(Bytes(r.output.begin(), r.output.begin() + 8), concat({u32_le(0), u32_le(1u << 20)}));

  r = run("write", make_input({0, uint32_t(MAX_FRAME_OUTPUT_BYTES), 0, 1}));
  EXPECT_EQ(r.exit_code, code(ExitCode::OutOfMemory));
  EXPECT_EQ(r.fuel_consumed, setup + write_1mib + 460);
  EXPECT_EQ(r.output.size(), MAX_FRAME_OUTPUT_BYTES);  // nothing of the second write

  r = run("write", make_input({0, uint32_t(MAX_FRAME_OUTPUT_BYTES) + 1, 0, 0}));
  EXPECT_EQ(r.exit_code, code(ExitCode::OutOfMemory));
  EXPECT_TRUE(r.output.empty());
}

TEST_F(RuntimeTest, WriteBoundsAndLinearOverflow) {
  EXPECT_EQ(run("write", make_input({(32u << 16) - 1, 2, 0, 0})).exit_code, code(ExitCode::MemoryOutOfBounds));
  // 2^27 passes the fuel procedure (400 + 2^22 * 60 fuel) and then reads outside the 2 MiB memory.
  ExecutionResult r = run("write", make_input({0, 1u << 27, 0, 0}), 300'000'000);
  EXPECT_EQ(r.exit_code, code(ExitCode::MemoryOutOfBounds));
  EXPECT_EQ(r.fuel_consumed, 32 * kPage + 45 + 460 + 400 + (1ull << 22) * 60);
  r = run("write", make_input({0, (1u << 27) + 1, 0, 0}), 300'000'000);
  EXPECT_EQ(r.exit_code, code(ExitCode::IntegerOverflow));
  EXPECT_EQ(r.fuel_consumed, 32 * kPage + 45 + 460);
}

TEST_F(RuntimeTest, FuelReturnsTheRemainingFuel) {
  // body 25 (charged on entry) + _fuel 400 before the value is taken; then _write(8 bytes) 460.
  const ExecutionResult r = run("fuel", make_input({}), 100'000);
  EXPECT_EQ(r.exit_code, code(ExitCode::Ok));
  EXPECT_EQ(r.output, u64_le(100'000 - kPage - 25 - 400));
  EXPECT_EQ(r.fuel_consumed, kPage + 25 + 400 + 460);
}

TEST_F(RuntimeTest, ChargeFuelConsumesItsArgument) {
  // body 11 + 400 + 1000.
  ExecutionResult r = run("charge_fuel", make_input({}), 1411);
  EXPECT_EQ(r.exit_code, code(ExitCode::Ok));
  EXPECT_EQ(r.fuel_consumed, 1411u);
  r = run("charge_fuel", make_input({}), 1410);
  EXPECT_EQ(r.exit_code, code(ExitCode::OutOfFuel));
  EXPECT_EQ(r.fuel_consumed, 1410u);
  r = run("charge_fuel", make_input({}), 410);  // the Const 400 itself does not fit
  EXPECT_EQ(r.exit_code, code(ExitCode::OutOfFuel));
  EXPECT_EQ(r.fuel_consumed, 410u);
}

struct LogCapture {
  std::vector<Bytes> messages;
  static void sink(void* env, std::span<const uint8_t> message) noexcept {
    static_cast<LogCapture*>(env)->messages.emplace_back(message.begin(), message.end());
  }
};

TEST_F(RuntimeTest, DebugLogReachesTheSinkOnly) {
  // body 29 + _read(8 bytes) 460 + _debug_log(8 bytes) 1000 + 320.
  const Bytes input = make_input({0, 8});
  constexpr uint64_t fuel = kPage + 29 + 460 + 1320;
  ExecutionResult r = run("debug_log", input);
  EXPECT_EQ(r.exit_code, code(ExitCode::Ok));
  EXPECT_EQ(r.fuel_consumed, fuel);

  LogCapture capture;
  executor.set_debug_log_sink(&LogCapture::sink, &capture);
  r = run("debug_log", input);
  EXPECT_EQ(r.exit_code, code(ExitCode::Ok));
  EXPECT_EQ(r.fuel_consumed, fuel);
  EXPECT_TRUE(r.output.empty());
  ASSERT_EQ(capture.messages.size(), 1u);
  EXPECT_EQ(capture.messages[0], concat({u32_le(0), u32_le(8)}));

  EXPECT_EQ(run("debug_log", make_input({65535, 2})).exit_code, code(ExitCode::MemoryOutOfBounds));
  EXPECT_EQ(capture.messages.size(), 1u);
}

TEST_F(RuntimeTest, Keccak256) {
  // keccak256.wat: args (data_ptr, data_len, out32_ptr); hashes its own 12 argument bytes.
  const ExecutionResult r = run("keccak256", make_input({0, 12, 64}));
  EXPECT_EQ(r.exit_code, code(ExitCode::Ok));
  const Bytes args = concat({u32_le(0), u32_le(12), u32_le(64)});
  const Bytes32 digest = keccak256(args);
  EXPECT_EQ(r.output, Bytes(digest.bytes.begin(), digest.bytes.end()));
  // body 46 + _read(12) 460 + _keccak256(12 bytes) 600 + 120 + _write(32) 460.
  EXPECT_EQ(r.fuel_consumed, kPage + 46 + 460 + 720 + 460);
}

TEST_F(RuntimeTest, Keccak256FuelDependsOnDataLength) {
  // Linear(depth 2): data_len above 2^27 overflows; a large out32_ptr does not.
  EXPECT_EQ(run("keccak256", make_input({0, (1u << 27) + 1, 64})).exit_code, code(ExitCode::IntegerOverflow));
  const ExecutionResult r = run("keccak256", make_input({0, 4, 0x10000000}));
  EXPECT_EQ(r.exit_code, code(ExitCode::MemoryOutOfBounds));
  EXPECT_EQ(r.fuel_consumed, kPage + 46 + 460 + 720);
  EXPECT_EQ(run("keccak256", make_input({65530, 8, 0})).exit_code, code(ExitCode::MemoryOutOfBounds));
}

TEST_F(RuntimeTest, ResumeFromAContractIsRootCallOnly) {
  // The return-data pointer is outside memory: _resume halts before reading it. body 15, _resume free.
  for (uint32_t state : {STATE_MAIN, STATE_DEPLOY}) {
    const ExecutionResult r = run("resume", make_input({}), kFuel, state);
    EXPECT_EQ(r.exit_code, code(ExitCode::RootCallOnly));
    EXPECT_EQ(r.fuel_consumed, 15u);
  }
}

}  // namespace
}  // namespace interlude::runtime::test
