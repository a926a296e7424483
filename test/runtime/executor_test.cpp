// Executor: module checks, entry points, traps, instantiation, the module cache, and the
// 64-byte SyscallInvocationParams encoding (protocol.md §1.1, §2.3, §3.2, §3.4).
#include "runtime_test.h"

namespace interlude::runtime::test {
namespace {

TEST(SyscallInvocationParams, EncodesTheWireLayout) {
  SyscallInvocationParams p;
  for (uint8_t i = 0; i < 32; ++i) p.code_hash[i] = i;
  p.fuel_limit = 0x0102030405060708;
  p.state = 1;
  p.fuel16_ptr = 0xAABBCCDD;
  p.input_start = 0x10;
  p.input_end = 0x1122334455667788;
  const auto encoded = p.encode();
  EXPECT_EQ(Bytes(encoded.begin(), encoded.end()),
            hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
                "0807060504030201"
                "01000000"
                "ddccbbaa"
                "1000000000000000"
                "8877665544332211"));
}

TEST(SyscallInvocationParams, DecodeRoundTripsAndAcceptsTrailingBytes) {
  SyscallInvocationParams p;
  p.code_hash[0] = 0x5a;
  p.code_hash[31] = 0xa5;
  p.fuel_limit = UINT64_MAX;
  p.state = 0xFFFFFFFF;
  p.fuel16_ptr = 64;
  p.input_start = 500;
  p.input_end = 600;
  const auto encoded = p.encode();
  Bytes longer(encoded.begin(), encoded.end());
  longer.push_back(0xEE);
  for (ByteView bytes : {ByteView(encoded), ByteView(longer)}) {
    const auto d = SyscallInvocationParams::decode(bytes);
    ASSERT_TRUE(d);
    EXPECT_EQ(d->code_hash, p.code_hash);
    EXPECT_EQ(d->fuel_limit, p.fuel_limit);
    EXPECT_EQ(d->state, p.state);
    EXPECT_EQ(d->fuel16_ptr, p.fuel16_ptr);
    EXPECT_EQ(d->input_start, p.input_start);
    EXPECT_EQ(d->input_end, p.input_end);
  }
  EXPECT_FALSE(SyscallInvocationParams::decode(ByteView(encoded).first(63)));
  EXPECT_FALSE(SyscallInvocationParams::decode({}));
}

TEST_F(RuntimeTest, CheckModuleAcceptsAContract) {
  EXPECT_EQ(executor.check_module(wasm_module("state")), ExitCode::Ok);
  EXPECT_EQ(executor.check_module(wasm_module("exec")), ExitCode::Ok);
}

TEST_F(RuntimeTest, ImportsOutsideTheTableAreRejected) {
  for (const char* name : {"import_other_module", "import_unknown_name", "import_wrong_params",
                           "import_wrong_results", "import_memory"}) {
    SCOPED_TRACE(name);
    EXPECT_EQ(executor.check_module(wasm_module(name)), ExitCode::MalformedBuiltinParams);
    const ExecutionResult r = run(name, make_input({}), 5000);
    EXPECT_EQ(r.exit_code, code(ExitCode::MalformedBuiltinParams));
    EXPECT_EQ(r.fuel_consumed, 5000u);
    EXPECT_EQ(executor.suspended_count(), 0u);
  }
}

TEST_F(RuntimeTest, SimdIsNotSupportedBytecode) {
  EXPECT_EQ(executor.check_module(wasm_module("simd")), ExitCode::NotSupportedBytecode);
  EXPECT_EQ(run("simd").exit_code, code(ExitCode::NotSupportedBytecode));
}

TEST_F(RuntimeTest, InvalidModuleIsMalformed) {
  const Bytes garbage = hex("0061736d02000000");  // wrong version
  EXPECT_EQ(executor.check_module(garbage), ExitCode::MalformedBuiltinParams);
  EXPECT_EQ(executor.check_module({}), ExitCode::MalformedBuiltinParams);
  const ExecutionResult r = executor.execute({keccak256(garbage), garbage, make_input({}), 777});
  EXPECT_EQ(r.exit_code, code(ExitCode::MalformedBuiltinParams));
  EXPECT_EQ(r.fuel_consumed, 777u);
}

TEST_F(RuntimeTest, EntryPointsMustBeExportedAsNullaryFunctions) {
  EXPECT_EQ(executor.check_module(wasm_module("deploy_only")), ExitCode::MalformedBuiltinParams);
  EXPECT_EQ(executor.check_module(wasm_module("main_with_params")), ExitCode::MalformedBuiltinParams);
  EXPECT_EQ(run("deploy_only").exit_code, code(ExitCode::MalformedBuiltinParams));
  EXPECT_EQ(run("main_with_params").exit_code, code(ExitCode::MalformedBuiltinParams));
  const ExecutionResult deployed = run("deploy_only", make_input({}), kFuel, STATE_DEPLOY);
  EXPECT_EQ(deployed.exit_code, code(ExitCode::Ok));
  EXPECT_EQ(deployed.fuel_consumed, 0u);
}

TEST_F(RuntimeTest, InvalidStateIsMalformed) {
  EXPECT_EQ(run("state", make_input({}), kFuel, 2).exit_code, code(ExitCode::MalformedBuiltinParams));
}

TEST_F(RuntimeTest, CallDepthAboveTheLimitOverflows) {
  EXPECT_EQ(run("state", make_input({}), kFuel, STATE_MAIN, CALL_STACK_LIMIT + 1).exit_code,
            code(ExitCode::CallDepthOverflow));
  EXPECT_EQ(run("state", make_input({}), kFuel, STATE_MAIN, CALL_STACK_LIMIT).exit_code, code(ExitCode::Ok));
}

TEST_F(RuntimeTest, ModulesAreCachedByCodeHash) {
  const Bytes& module = wasm_module("state");
  ASSERT_EQ(executor.check_module(module), ExitCode::Ok);
  // The cached module runs without its bytes.
  const ExecutionResult r = executor.execute({keccak256(module), {}, make_input({}), kFuel});
  EXPECT_EQ(r.exit_code, code(ExitCode::Ok));
  EXPECT_EQ(r.output, u32_le(STATE_MAIN));
}

TEST_F(RuntimeTest, InfiniteLoopRunsOutOfFuel) {
  const ExecutionResult r = run("loop", make_input({}), 123'457);
  EXPECT_EQ(r.exit_code, code(ExitCode::OutOfFuel));
  EXPECT_EQ(r.fuel_consumed, 123'457u);
}

TEST_F(RuntimeTest, TrapsMapToExitCodes) {
  const ExecutionResult r = run("unreachable");
  EXPECT_EQ(r.exit_code, code(ExitCode::UnreachableCodeReached));
  EXPECT_EQ(r.fuel_consumed, 0u);
}

TEST_F(RuntimeTest, InstantiationTrapsConsumeTheFuelLimit) {
  // 1 initial page costs 1024 fuel.
  ExecutionResult r = run("state", make_input({}), 1023);
  EXPECT_EQ(r.exit_code, code(ExitCode::OutOfFuel));
  EXPECT_EQ(r.fuel_consumed, 1023u);
  r = run("data_oob", make_input({}), 50'000);
  EXPECT_EQ(r.exit_code, code(ExitCode::MemoryOutOfBounds));
  EXPECT_EQ(r.fuel_consumed, 50'000u);
}

TEST_F(RuntimeTest, StartFunctionRunsBeforeTheEntry) {
  // 1 page; start: body 12 + _write(1 byte) 460; main: the same.
  const ExecutionResult r = run("start_write");
  EXPECT_EQ(r.exit_code, code(ExitCode::Ok));
  EXPECT_EQ(r.output, hex("736d"));
  EXPECT_EQ(r.fuel_consumed, 1024u + 2 * (12 + 460));
}

TEST_F(RuntimeTest, ExitInTheStartFunctionEndsTheFrame) {
  // 1 page; start: body 23 + _write(1 byte) 460; main never runs.
  const ExecutionResult r = run("start_exit");
  EXPECT_EQ(r.exit_code, code(ExitCode::Panic));
  EXPECT_EQ(r.output, hex("73"));
  EXPECT_EQ(r.fuel_consumed, 1024u + 23 + 460);
}

TEST_F(RuntimeTest, ExecInTheStartFunctionIsMalformed) {
  const ExecutionResult r = run("start_exec", make_input({}), 40'000);
  EXPECT_EQ(r.exit_code, code(ExitCode::MalformedBuiltinParams));
  EXPECT_EQ(r.fuel_consumed, 40'000u);
  EXPECT_EQ(executor.suspended_count(), 0u);
}

TEST_F(RuntimeTest, ContractValueStackIsBounded) {
  // 100 levels of 200 locals fit; 400 levels exceed CONTRACT_MAX_VALUE_STACK before the call-depth
  // limit and trap StackOverflow, so a suspended frame's stack stays small.
  EXPECT_EQ(run("deep_frames", make_input({100})).exit_code, code(ExitCode::Ok));
  EXPECT_EQ(run("deep_frames", make_input({400})).exit_code, code(ExitCode::StackOverflow));
}

TEST_F(RuntimeTest, InFlightMemoryIsCapped) {
  // 24 suspended runtimes of 1023 pages, with their stacks and inputs, fit under
  // MAX_IN_FLIGHT_MEMORY_BYTES (adversarial case T30); a 25th does not.
  constexpr uint32_t kFull = 24;
  for (uint32_t i = 1; i <= kFull; ++i) ASSERT_EQ(run("big_memory", make_input({}), 2'000'000).exit_code, int32_t(i));
  ExecutionResult r = run("big_memory", make_input({}), 2'000'000);
  EXPECT_EQ(r.exit_code, code(ExitCode::OutOfMemory));
  EXPECT_EQ(r.fuel_consumed, 2'000'000u);
  // The cap counts stacks and inputs too: a runtime with a 1 MiB input does not fit either.
  r = run("unreachable", Bytes(CONTEXT_HEADER_SIZE + (1u << 20)), 30'000);
  EXPECT_EQ(r.exit_code, code(ExitCode::OutOfMemory));
  // Finishing one suspended runtime frees its share.
  EXPECT_EQ(executor.resume(kFull, {}, 0, 0, 0).exit_code, code(ExitCode::Ok));
  EXPECT_EQ(run("state").exit_code, code(ExitCode::Ok));
}

}  // namespace
}  // namespace interlude::runtime::test
