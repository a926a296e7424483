// Hostile modules: bounded decoding, validation and compilation (engine.h Limits) and deterministic
// stack exhaustion at run time. The modules are written byte by byte (binary format, spec §5) by
// the small builder of wasm_binary.h. Each is either rejected with a CompileError naming the limit, or
// compiled with a heap peak within kHeapPerByte bytes per module byte plus kHeapBase: the
// deterministic, honest proxy for "memory linear in the module size" (no timed tests). Heap bytes
// are counted by the global operator new/delete of this test executable, replaced by
// test/adversarial/heap_counter.cpp (the engine allocates only through standard containers and
// make_shared/unique, i.e. operator new). Accepted modules also stay within the compile work budget
// (Module::compile_work); test/wasm/bounded_work_test.cpp checks what that figure counts.
#include <gtest/gtest.h>

#include <algorithm>
#include <initializer_list>
#include <string>
#include <vector>

#include "heap_counter.h"
#include "interlude/wasm/engine.h"
#include "wasm_binary.h"

namespace interlude::wasm {
namespace {

using host::test::adv::heap_live;
using namespace test::binary;

/// Heap bytes allocated at the peak since construction, above the level at construction.
class HeapPeak {
 public:
  HeapPeak() noexcept : base_(heap_live()) { host::test::adv::heap_peak_reset(); }
  uint64_t bytes() const noexcept { return host::test::adv::heap_peak() - base_; }

 private:
  uint64_t base_;
};

// A compile may use at most kHeapPerByte heap bytes per module byte, plus kHeapBase. kHeapBase
// covers the per-function scratch that the Limits bound regardless of module size (local types
// and per-local state up to max_locals, the control stack up to max_nesting_depth: ~220 KB
// measured). The largest ratios measured are ~32 for br_table targets (1 module byte each: the
// target list, the IR jump table, vector growth) and ~28 for empty passive data segments.
constexpr uint64_t kHeapPerByte = 32;
constexpr uint64_t kHeapBase = 1u << 20;

Config config() {
  Config c;
  c.fuel_metering = false;
  return c;
}

/// Compiles `bytes`; expects a CompileError whose message contains `limit`.
void expect_rejected(const std::vector<uint8_t>& bytes, const std::string& limit, const Config& c = config()) {
  CompileError err;
  HeapPeak heap;
  EXPECT_EQ(Module::compile(bytes, c, &err), nullptr) << "accepted; expected " << limit;
  EXPECT_NE(err.message.find(limit), std::string::npos) << "message: " << err.message;
  EXPECT_LE(heap.bytes(), kHeapPerByte * bytes.size() + kHeapBase) << "heap for a rejected module";
}

/// Compiles `bytes`; expects success within the linear heap bound, while compiling and after.
std::shared_ptr<const Module> expect_compiled(const std::vector<uint8_t>& bytes, const Config& c = config()) {
  CompileError err;
  HeapPeak heap;
  const uint64_t live_before = heap_live();
  auto m = Module::compile(bytes, c, &err);
  EXPECT_NE(m, nullptr) << err.message << " at " << err.offset;
  const uint64_t bound = kHeapPerByte * bytes.size() + kHeapBase;
  EXPECT_LE(heap.bytes(), bound) << "compile heap peak for " << bytes.size() << " module bytes";
  EXPECT_LE(heap_live() - live_before, bound) << "heap held by the compiled module";
  if (m != nullptr) {
    const uint64_t budget = std::max<uint64_t>(c.limits.min_compile_work,
                                               uint64_t{c.limits.compile_work_per_byte} * bytes.size());
    EXPECT_LE(m->compile_work(), budget) << "compile work for " << bytes.size() << " module bytes";
  }
  return m;
}

// ---- function bodies and locals ----

TEST(HostileModules, LocalsOf32767InEachOf1000FunctionsExceedTheCompileWorkBudget) {
  // 6 bytes per function declare 32,767 locals each: 32.8 M locals to set up from a 7 KB module.
  const Bin body = Bin{0x01}.leb(32767).u8(kI32).u8(kEnd);
  expect_rejected(functions(one_type({}, {}), body, 1000), "compile work");
}

TEST(HostileModules, CompileWorkBudgetIsTheConfiguredOne) {
  // Declared locals count as work: 3 x 32,767 fits a budget of 100,000 units, 4 x 32,767 not.
  Config c = config();
  c.limits.min_compile_work = 100000;
  const Bin body = Bin{0x01}.leb(32767).u8(kI32).u8(kEnd);
  expect_compiled(functions(one_type({}, {}), body, 3), c);
  expect_rejected(functions(one_type({}, {}), body, 4), "limit compile work exceeded", c);
}

TEST(HostileModules, LocalsOf32767InOneFunctionCompileAndRun) {
  const Bin body = Bin{0x01}.leb(32767).u8(kI32).add({0x20}).leb(32766).u8(kEnd);  // local.get 32766
  auto m = expect_compiled(functions(one_type({}, {kI32}), body));
  ASSERT_NE(m, nullptr);
  auto inst = Instance::instantiate(m, {}, UINT64_MAX).instance;
  ASSERT_NE(inst, nullptr);
  ASSERT_EQ(inst->call(0, {}).status, RunStatus::Returned);
  EXPECT_EQ(inst->results()[0], 0u);
}

TEST(HostileModules, LocalCountsWhoseSumOverflowsU32AreRejected) {
  // 0xFFFFFFFF + 2 locals: 1 if summed in 32 bits.
  const Bin body = Bin{0x02}.leb(0xFFFFFFFF).u8(kI32).leb(2).u8(kI32).u8(kEnd);
  expect_rejected(functions(one_type({}, {}), body), "max_locals");
}

TEST(HostileModules, ManyLocalGroupsOverMaxLocalsAreRejected) {
  const Bin body = Bin{}.vec(Bin{0x01, kI32}, 100000).u8(kEnd);  // 100,000 groups of one local
  expect_rejected(functions(one_type({}, {}), body), "max_locals");
}

TEST(HostileModules, AMillionEmptyLocalGroupsCompile) {
  const Bin body = Bin{}.vec(Bin{0x00, kI32}, 1000000).u8(kEnd);  // 2 MB of groups of 0 locals
  Config c = config();
  c.limits.max_function_body_size = 4u << 20;
  expect_compiled(functions(one_type({}, {}), body), c);
}

TEST(HostileModules, ParamsOverMaxParamsAreRejected) {
  expect_rejected(functions(one_type(std::vector<uint8_t>(1001, kI32), {}), Bin{0x00, kEnd}), "max_params");
}

TEST(HostileModules, BodyOf1MiBOfConstDropCompilesAndOneByteMoreIsRejected) {
  // 1 (no locals) + 349,524 x (i32.const 0; drop) + 2 nops + end = 1,048,576 bytes.
  Bin body = Bin{0x00}.repeat(Bin{0x41, 0x00, 0x1A}, 349524).add({0x01, 0x01, kEnd});
  ASSERT_EQ(body.b.size(), 1u << 20);
  expect_compiled(functions(one_type({}, {}), body));
  body.b.insert(body.b.begin() + 1, 0x01);
  expect_rejected(functions(one_type({}, {}), body), "max_function_body_size");
}

TEST(HostileModules, BodyOf1MiBOfLocalArithmeticCompilesAndRuns) {
  // (local i32) + 149,795 x (local.set 0 (i32.add (local.get 0) (i32.const 1))) + 5 nops +
  // (local.get 0) = 1,048,576 bytes, compiled to IR that is run once.
  Bin body = Bin{0x01, 0x01, kI32}.repeat(Bin{0x20, 0x00, 0x41, 0x01, 0x6A, 0x21, 0x00}, 149795);
  body.repeat(Bin{0x01}, 5).add({0x20, 0x00, kEnd});
  ASSERT_EQ(body.b.size(), 1u << 20);
  auto m = expect_compiled(functions(one_type({}, {kI32}), body));
  ASSERT_NE(m, nullptr);
  auto inst = Instance::instantiate(m, {}, UINT64_MAX).instance;
  ASSERT_NE(inst, nullptr);
  ASSERT_EQ(inst->call(0, {}).status, RunStatus::Returned);
  EXPECT_EQ(inst->results()[0], 149795u);
}

TEST(HostileModules, ValueStackOverTheLimitIsRejectedAtCompileTime) {
  Config c = config();
  c.limits.max_value_stack = 1000;
  // 600 locals, then 401 values pushed: 1,001 slots.
  const Bin body = Bin{0x01}.leb(600).u8(kI32).repeat(Bin{0x41, 0x00}, 401).repeat(Bin{0x1A}, 401).u8(kEnd);
  expect_rejected(functions(one_type({}, {}), body), "max_value_stack", c);
}

// ---- control flow ----

/// A body of `depth` nested `open ... end` constructs around `inner`.
Bin nested(const Bin& open, uint64_t depth, const Bin& inner = {}) {
  return Bin{0x00}.repeat(open, depth).add(inner).repeat(Bin{kEnd}, depth).u8(kEnd);
}

TEST(HostileModules, NestingDepthCountsTheFunctionBlock) {
  // max_nesting_depth 1024 includes the function body's own block: 1,023 nested blocks fit.
  expect_compiled(functions(one_type({}, {}), nested(Bin{0x02, 0x40}, 1023)));
  expect_rejected(functions(one_type({}, {}), nested(Bin{0x02, 0x40}, 1024)), "max_nesting_depth");
}

TEST(HostileModules, HundredThousandNestedBlocksAreRejected) {
  expect_rejected(functions(one_type({}, {}), nested(Bin{0x02, 0x40}, 100000)), "max_nesting_depth");
  expect_rejected(functions(one_type({}, {}), nested(Bin{0x03, 0x40}, 100000)), "max_nesting_depth");
}

TEST(HostileModules, DeepIfElseNesting) {
  // (i32.const 1) (if (then ...nested... ) (else)) per level.
  const auto if_else = [](uint64_t depth) {
    Bin body{0x00};
    body.repeat(Bin{0x41, 0x01, 0x04, 0x40}, depth).repeat(Bin{0x05, kEnd}, depth).u8(kEnd);
    return functions(one_type({}, {}), body);
  };
  auto m = expect_compiled(if_else(1023));
  ASSERT_NE(m, nullptr);
  auto inst = Instance::instantiate(m, {}, UINT64_MAX).instance;
  ASSERT_NE(inst, nullptr);
  EXPECT_EQ(inst->call(0, {}).status, RunStatus::Returned);
  expect_rejected(if_else(1024), "max_nesting_depth");
  expect_rejected(if_else(100000), "max_nesting_depth");
}

/// Body: block ... (i32.const 0) br_table with `targets` labels (all 0) and default 0 ... end.
Bin br_table_body(uint64_t targets) {
  return Bin{0x00, 0x02, 0x40, 0x41, 0x00, 0x0E}.leb(targets).repeat(Bin{0x00}, targets + 1).add({kEnd, kEnd});
}

TEST(HostileModules, BrTableWithAMillionTargetsIsRejected) {
  expect_rejected(functions(one_type({}, {}), br_table_body(1000000)), "max_br_table_targets");
  // The count alone is checked before any target is read or stored.
  expect_rejected(functions(one_type({}, {}), Bin{0x00, 0x02, 0x40, 0x41, 0x00, 0x0E}.leb(0xFFFFFFFF)),
                  "max_br_table_targets");
}

TEST(HostileModules, BrTableAtTheTargetLimitCompilesAndRuns) {
  auto m = expect_compiled(functions(one_type({}, {}), br_table_body(1u << 16)));
  ASSERT_NE(m, nullptr);
  auto inst = Instance::instantiate(m, {}, UINT64_MAX).instance;
  ASSERT_NE(inst, nullptr);
  EXPECT_EQ(inst->call(0, {}).status, RunStatus::Returned);
}

TEST(HostileModules, BranchesToWideLabelsExceedTheCompileWorkBudget) {
  // Type 0 = [] -> [1000 x i32], for the function and for a block of 1,000 constants followed by
  // 100,000 `br 0` in dead code: every br checks 1,000 label types for 2 module bytes.
  const Bin type = Bin{0x01, 0x60, 0x00}.leb(1000).repeat(Bin{kI32}, 1000);
  Bin body{0x00, 0x02, 0x00};  // block of type 0
  body.repeat(Bin{0x41, 0x00}, 1000).repeat(Bin{0x0C, 0x00}, 100000).add({kEnd, kEnd});  // results: the block's
  expect_rejected(module({{1, type}, {3, Bin{0x01, 0x00}}, {10, Bin{}.vec(Bin{}.sized(body), 1)}}), "compile work");
}

// ---- module-level counts and sizes ----

TEST(HostileModules, CountsOverTheLimitsAreRejectedBeforeReadingEntries) {
  expect_rejected(module({{1, Bin{}.leb(0xFFFFFFFF)}}), "max_types");
  expect_rejected(module({{2, Bin{}.leb(70000)}}), "max_imports");
  expect_rejected(module({{1, one_type({}, {})}, {3, Bin{}.leb(70000)}}), "max_functions");
  expect_rejected(module({{4, Bin{}.leb(101)}}), "max_tables");
  expect_rejected(module({{6, Bin{}.leb(70000)}}), "max_globals");
  expect_rejected(module({{7, Bin{}.leb(70000)}}), "max_exports");
  expect_rejected(module({{9, Bin{}.leb(70000)}}), "max_segments");
  expect_rejected(module({{12, Bin{}.leb(70000)}}), "max_segments");
  expect_rejected(module({{11, Bin{}.leb(70000)}}), "max_segments");
}

TEST(HostileModules, CountsBeyondTheRemainingBytesAllocateNothing) {
  // Counts within the limits, but no entries follow: rejected without reserving for them.
  for (uint8_t id : {1, 2, 3, 6, 7, 9, 11}) {
    CompileError err;
    HeapPeak heap;
    EXPECT_EQ(Module::compile(module({{id, Bin{}.leb(65536)}}), config(), &err), nullptr);
    EXPECT_EQ(err.message, "length out of bounds") << "section " << int{id};
    EXPECT_LT(heap.bytes(), 64u << 10) << "section " << int{id};
  }
}

TEST(HostileModules, ImportedPlusDefinedFunctionsShareMaxFunctions) {
  Config c = config();
  c.limits.max_functions = 3;
  const Bin import = Bin{0x01, 'm', 0x01, 'f', 0x00, 0x00};  // (import "m" "f" (func (type 0)))
  const auto mod = [&](uint64_t imports, uint64_t defined) {
    return module({{1, one_type({}, {})},
                   {2, Bin{}.vec(import, imports)},
                   {3, Bin{}.vec(Bin{0x00}, defined)},
                   {10, Bin{}.vec(Bin{0x02, 0x00, kEnd}, defined)}});
  };
  expect_compiled(mod(2, 1), c);
  expect_rejected(mod(2, 2), "max_functions", c);
  expect_rejected(mod(4, 0), "max_functions", c);
}

TEST(HostileModules, TypesFunctionsGlobalsAndSegmentsAtTheLimitsCompile) {
  const uint32_t n = 1u << 16;
  expect_compiled(module({{1, Bin{}.vec(Bin{0x60, 0x00, 0x00}, n)}}));
  expect_compiled(functions(one_type({}, {}), Bin{0x00, kEnd}, n));
  expect_compiled(module({{6, Bin{}.vec(Bin{kI32, 0x00, 0x41, 0x00, kEnd}, n)}}));  // (global i32 (i32.const 0))
  // Passive data segments (flag 1) of 0 bytes; passive element segments of 0 funcidx.
  expect_compiled(module({{12, Bin{}.leb(n)}, {11, Bin{}.vec(Bin{0x01, 0x00}, n)}}));
  expect_compiled(module({{9, Bin{}.vec(Bin{0x01, 0x00, 0x00}, n)}}));
}

TEST(HostileModules, SegmentAndTableSizesOverTheLimitsAreRejected) {
  // Passive data segment declaring max_segment_size + 1 bytes, none present.
  expect_rejected(module({{11, Bin{0x01, 0x01}.leb((16u << 20) + 1)}}), "max_segment_size");
  // Passive element segment declaring max_segment_size + 1 entries.
  expect_rejected(module({{9, Bin{0x01, 0x01, 0x00}.leb((16u << 20) + 1)}}), "max_segment_size");
  // (table funcref max_table_size + 1), (memory max_memory_pages + 1).
  expect_rejected(module({{4, Bin{0x01, 0x70, 0x00}.leb((1u << 20) + 1)}}), "max_table_size");
  expect_rejected(module({{5, Bin{0x01, 0x00}.leb(1025)}}), "max_memory_pages");
}

TEST(HostileModules, ModuleOverMaxModuleSizeIsRejected) {
  std::vector<uint8_t> bytes = module({{0, Bin{0x01, 'x'}}});
  bytes.resize((16u << 20) + 1);  // the custom section's size no longer matches: never looked at
  expect_rejected(bytes, "max_module_size");
}

// ---- run-time stack exhaustion ----

/// (func (param i32) (result i32) (local nlocals x i32)
///   (if (result i32) (local.get 0) (then (i32.add (i32.const 1) (call 0 (i32.sub (local.get 0) (i32.const 1)))))
///       (else (i32.const 0))))
/// Returns its argument: one activation per unit.
std::shared_ptr<const Module> recursion(uint32_t nlocals) {
  Bin body = nlocals ? Bin{0x01}.leb(nlocals).u8(kI32) : Bin{0x00};
  body.add({0x20, 0x00, 0x04, kI32, 0x41, 0x01, 0x20, 0x00, 0x41, 0x01, 0x6B, 0x10, 0x00, 0x6A, 0x05, 0x41, 0x00,
            kEnd, kEnd});
  return expect_compiled(functions(one_type({kI32}, {kI32}), body));
}

RunResult call_with(Instance& inst, Value arg) { return inst.call(0, std::span<const Value>(&arg, 1)); }

TEST(HostileModules, RecursionStopsExactlyAtMaxCallDepth) {
  auto m = recursion(0);
  ASSERT_NE(m, nullptr);
  auto inst = Instance::instantiate(m, {}, UINT64_MAX).instance;
  ASSERT_NE(inst, nullptr);
  ASSERT_EQ(m->config().limits.max_call_depth, 1024u);
  // f(n) runs n + 1 activations.
  ASSERT_EQ(call_with(*inst, 1023).status, RunStatus::Returned);
  EXPECT_EQ(inst->results()[0], 1023u);
  const RunResult r = call_with(*inst, 1024);
  EXPECT_EQ(r.status, RunStatus::Trapped);
  EXPECT_EQ(r.trap, Trap::StackOverflow);
  ASSERT_EQ(call_with(*inst, 10).status, RunStatus::Returned);  // the instance is usable again
  EXPECT_EQ(inst->results()[0], 10u);
}

TEST(HostileModules, RecursionWithBigFramesExhaustsTheValueStack) {
  // 40,000 locals per frame: the 1 Mi-slot value stack holds about 26 frames, far below the call
  // depth limit, so the trap must come from the value stack.
  auto m = recursion(40000);
  ASSERT_NE(m, nullptr);
  auto inst = Instance::instantiate(m, {}, UINT64_MAX).instance;
  ASSERT_NE(inst, nullptr);
  ASSERT_EQ(call_with(*inst, 20).status, RunStatus::Returned);
  EXPECT_EQ(inst->results()[0], 20u);
  const RunResult r = call_with(*inst, 100);
  EXPECT_EQ(r.status, RunStatus::Trapped);
  EXPECT_EQ(r.trap, Trap::StackOverflow);
  EXPECT_LE(inst->footprint_bytes(), 8ull * (1u << 20) + 16 * 1024);  // stacks stayed within their limits
}

TEST(HostileModules, InfiniteRecursionWithManyParamsTraps) {
  // (func (param 1000 x i32) ... (call 0 with 1000 constants)): frames of >= 2,000 slots.
  Bin body{0x00};
  body.repeat(Bin{0x41, 0x00}, 1000).add({0x10, 0x00, kEnd});
  auto m = expect_compiled(functions(one_type(std::vector<uint8_t>(1000, kI32), {}), body));
  ASSERT_NE(m, nullptr);
  auto inst = Instance::instantiate(m, {}, UINT64_MAX).instance;
  ASSERT_NE(inst, nullptr);
  const std::vector<Value> args(1000, 0);
  const RunResult r = inst->call(0, args);
  EXPECT_EQ(r.status, RunStatus::Trapped);
  EXPECT_EQ(r.trap, Trap::StackOverflow);
}

}  // namespace
}  // namespace interlude::wasm
