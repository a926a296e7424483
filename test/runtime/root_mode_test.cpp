// Root mode (Interlude profile "root mode", protocol.md §3.4, §3.6): Executor::execute_root runs
// wat/root.wat at depth 0; its `_exec` runs contracts by code hash and its `_resume` continues them.
#include <utility>

#include "runtime_test.h"

namespace interlude::runtime::test {
namespace {

/// One call of root.wat: op 1 (`_exec`) or 2 (`_resume`) and the import's five arguments.
struct Call {
  uint32_t op, a, b, c, d, e;
};
constexpr uint32_t kExecOp = 1, kResumeOp = 2;
/// Where root_input places things in the root's memory.
constexpr uint32_t kFuel16 = 224, kFuel16b = 240, kHash = 256, kReturnData = 400, kChildInput = 512;

/// root.wat input: the zero context header, then the root's memory image: the call count and
/// records at 0, and each of `data` at its offset.
Bytes root_input(std::initializer_list<Call> calls, std::initializer_list<std::pair<uint32_t, Bytes>> data) {
  Bytes memory(kChildInput);
  store_u32_le(memory.data(), uint32_t(calls.size()));
  uint32_t at = 4;
  for (const Call& c : calls)
    for (uint32_t word : {c.op, c.a, c.b, c.c, c.d, c.e}) {
      store_u32_le(memory.data() + at, word);
      at += 4;
    }
  for (const auto& [offset, bytes] : data) {
    if (memory.size() < offset + bytes.size()) memory.resize(offset + bytes.size());
    std::copy(bytes.begin(), bytes.end(), memory.begin() + offset);
  }
  return concat({Bytes(CONTEXT_HEADER_SIZE, 0), memory});
}

/// What root.wat writes for one call.
Bytes call_output(int32_t exit_code, uint64_t fuel_consumed, int64_t fuel_refunded, const Bytes& return_data) {
  return concat({u32_le(uint32_t(exit_code)), u64_le(fuel_consumed), u64_le(uint64_t(fuel_refunded)),
                 u32_le(uint32_t(return_data.size())), return_data});
}

Bytes bytes_of(const Bytes32& b) { return Bytes(b.bytes.begin(), b.bytes.end()); }
Bytes fuel16(uint64_t first, uint64_t second) { return concat({u64_le(first), u64_le(second)}); }

/// exec.wat input suspending at `_exec(id at 32, input [32, 64), fuel16_ptr 0)`: the input is the id.
Bytes exec_child_input() {
  Bytes tail(76, 0);
  for (uint8_t i = 0; i < 32; ++i) tail[12 + i] = uint8_t(0x40 + i);
  return make_input({32, 32, 32, 0, STATE_MAIN}, tail);
}

class RootModeTest : public RuntimeTest {
 protected:
  /// Makes wat/NAME.wasm available to the root by its code hash.
  Bytes32 add(const std::string& name) {
    const Bytes& module = wasm_module(name);
    codes[keccak256(module)] = &module;
    return keccak256(module);
  }
  ExecutionResult run_root(Bytes input, uint64_t fuel_limit = kFuel) {
    const Bytes& root = wasm_module("root");
    return executor.execute_root({keccak256(root), root, std::move(input), fuel_limit}, &code_of, &codes);
  }
  /// The same contract run directly at depth 1 on a separate executor, for expected values.
  ExecutionResult reference_run(const std::string& name, Bytes input, uint64_t fuel_limit = kFuel) {
    const Bytes& module = wasm_module(name);
    return reference.execute({keccak256(module), module, std::move(input), fuel_limit});
  }

  static std::optional<std::span<const uint8_t>> code_of(void* env, const Bytes32& hash) noexcept {
    const auto& codes = *static_cast<const std::map<Bytes32, const Bytes*>*>(env);
    const auto it = codes.find(hash);
    if (it == codes.end()) return std::nullopt;
    return std::span<const uint8_t>(*it->second);
  }

  std::map<Bytes32, const Bytes*> codes;
  Executor reference;
};

TEST_F(RootModeTest, ExecRunsTheContractWhoseCodeHasTheHash) {
  const Bytes32 hash = add("input_size");
  const ExecutionResult r = run_root(root_input({{kExecOp, kHash, kChildInput, 1024, kFuel16, STATE_MAIN}},
                                                {{kHash, bytes_of(hash)},
                                                 {kFuel16, fuel16(UINT64_MAX, 0)},
                                                 {kChildInput, Bytes(1024, 0)}}));
  const ExecutionResult child = reference_run("input_size", Bytes(1024, 0));
  ASSERT_EQ(child.output, u32_le(1024));
  EXPECT_EQ(r.exit_code, code(ExitCode::Ok));
  // The child's output is the root's return data; its fuel pair is in the root's fuel16 buffer.
  EXPECT_EQ(r.output, call_output(0, child.fuel_consumed, 0, u32_le(1024)));
  EXPECT_EQ(executor.suspended_count(), 0u);
}

TEST_F(RootModeTest, AnUnknownCodeHashIsMalformed) {
  Bytes32 unknown;
  unknown.bytes.fill(0x11);
  const ExecutionResult r = run_root(root_input({{kExecOp, kHash, kChildInput, 4, kFuel16, STATE_MAIN}},
                                                {{kHash, bytes_of(unknown)}, {kFuel16, fuel16(77, 77)}}));
  EXPECT_EQ(r.exit_code, code(ExitCode::Ok));
  EXPECT_EQ(r.output, call_output(code(ExitCode::MalformedBuiltinParams), 0, 0, {}));
}

TEST_F(RootModeTest, InterruptionGivesTheRequestAndItsInputThenResumeContinues) {
  const Bytes32 hash = add("exec");
  const Bytes child_input = exec_child_input();
  const ExecutionResult r = run_root(
      root_input({{kExecOp, kHash, kChildInput, uint32_t(child_input.size()), kFuel16, STATE_MAIN},
                  {kResumeOp, 1, kReturnData, 3, uint32_t(-1), kFuel16b}},
                 {{kHash, bytes_of(hash)},
                  {kFuel16, fuel16(1'000'000, 0)},
                  {kFuel16b, fuel16(5000, 7)},
                  {kReturnData, hex("78797a")},
                  {kChildInput, child_input}}));
  ASSERT_EQ(r.exit_code, code(ExitCode::Ok));

  // The child got the requested fuel limit (1,000,000) and suspended with call_id 1.
  const ExecutionResult first = reference_run("exec", child_input, 1'000'000);
  ASSERT_EQ(first.exit_code, 1);
  EXPECT_EQ(first.request.input_start, 32u);
  EXPECT_EQ(first.request.input_end, 64u);
  Bytes id(32);
  for (uint8_t i = 0; i < 32; ++i) id[i] = uint8_t(0x40 + i);
  // `_resume(1, "xyz", -1, fuel16 = {5000, 7})` continues it to its end.
  const ExecutionResult second = reference.resume(1, hex("78797a"), -1, 5000, 7);
  ASSERT_EQ(second.exit_code, code(ExitCode::Ok));
  EXPECT_EQ(second.output, concat({hex("40414243"), u64_le(0), u64_le(0), u32_le(uint32_t(-1)), hex("78797a")}));

  const auto request = first.request.encode();
  EXPECT_EQ(r.output, concat({call_output(1, first.fuel_consumed, 0, concat({Bytes(request.begin(), request.end()), id})),
                              call_output(0, second.fuel_consumed, 0, second.output)}));
  EXPECT_EQ(executor.suspended_count(), 0u);
}

TEST_F(RootModeTest, TheRootPaysForTheSegmentsItRuns) {
  // Two runs that differ only in the code hash: `exit.wat` (no output) or an unknown hash.
  const Bytes32 hash = add("exit");
  Bytes32 unknown;
  unknown.bytes.fill(0x11);
  const auto run_with = [&](const Bytes32& h) {
    return run_root(root_input({{kExecOp, kHash, kChildInput, 1028, kFuel16, STATE_MAIN}},
                               {{kHash, bytes_of(h)}, {kFuel16, fuel16(UINT64_MAX, 0)}, {kChildInput, Bytes(1028, 0)}}));
  };
  const ExecutionResult with_child = run_with(hash);
  const ExecutionResult without = run_with(unknown);
  const ExecutionResult child = reference_run("exit", Bytes(1028, 0));
  ASSERT_EQ(child.exit_code, code(ExitCode::Ok));
  EXPECT_EQ(with_child.output, call_output(0, child.fuel_consumed, 0, {}));
  EXPECT_EQ(with_child.fuel_consumed - without.fuel_consumed, child.fuel_consumed);

  // Resuming an unknown call_id reports the given fuel_consumed, which the root pays too.
  const ExecutionResult unknown_id =
      run_root(root_input({{kResumeOp, 42, kReturnData, 0, 0, kFuel16b}}, {{kFuel16b, fuel16(5000, 7)}}));
  EXPECT_EQ(unknown_id.output, call_output(code(ExitCode::UnknownError), 5000, 0, {}));
  const ExecutionResult unknown_id_free =
      run_root(root_input({{kResumeOp, 42, kReturnData, 0, 0, kFuel16b}}, {{kFuel16b, fuel16(0, 7)}}));
  EXPECT_EQ(unknown_id.fuel_consumed - unknown_id_free.fuel_consumed, 5000u);
}

TEST_F(RootModeTest, NestedRuntimesCannotResumeAndBadPointersTrap) {
  // A contract at depth 1 calling `_resume` halts RootCallOnly; the root continues.
  const Bytes32 hash = add("resume");
  ExecutionResult r = run_root(root_input({{kExecOp, kHash, kChildInput, 1024, 0, STATE_MAIN}},
                                          {{kHash, bytes_of(hash)}, {kChildInput, Bytes(1024, 0)}}));
  EXPECT_EQ(r.exit_code, code(ExitCode::Ok));
  ASSERT_EQ(r.output.size(), 24u);
  EXPECT_EQ(load_u32_le(r.output.data()), uint32_t(code(ExitCode::RootCallOnly)));
  // `_exec` input and `_resume` return data outside the root's memory trap MemoryOutOfBounds.
  r = run_root(root_input({{kExecOp, kHash, 65000, 1000, 0, STATE_MAIN}}, {{kHash, bytes_of(hash)}}));
  EXPECT_EQ(r.exit_code, code(ExitCode::MemoryOutOfBounds));
  r = run_root(root_input({{kResumeOp, 1, 65530, 7, 0, 0}}, {}));
  EXPECT_EQ(r.exit_code, code(ExitCode::MemoryOutOfBounds));
  // Outside root mode a depth-0 `_resume` is fatal, as a depth-0 `_exec` is (§3.4).
  const Bytes& root = wasm_module("root");
  r = executor.execute({keccak256(root), root, root_input({{kResumeOp, 1, 0, 0, 0, 0}}, {}), kFuel, STATE_MAIN, 0});
  EXPECT_EQ(r.exit_code, code(ExitCode::UnexpectedFatalExecutionFailure));
}

}  // namespace
}  // namespace interlude::runtime::test
