// Bounded work (docs/embedding.md "Bounded work"): what a hostile module or a hostile run can cost
// the engine, stated as bounds and checked through deterministic proxies (no timed tests).
//
// Compile, for a binary of B bytes under the default Limits:
//  C1 Work. Decoding, validation and code generation do O(1) work per module byte consumed,
//     amortized, except where one use of a few bytes names many operands: the locals of a function
//     and the operands of a block, label or call type. Those are counted in compile work units
//     (Module::compile_work): one per local, per operand checked or pushed for a block/label/call
//     type, per value a br_table stub moves. compile_work() <= max(min_compile_work = 2^20,
//     compile_work_per_byte (16) x B), else the module is rejected with "limit compile work
//     exceeded" as soon as the count passes it. So compile time is O(B + compile_work) = O(B).
//     Every other loop of compile.cpp is paid by bytes: section entries, vector items, LEB
//     immediates and br_table targets are each read from the binary; the operand stack entries
//     that materialize_*, truncate and the pops visit were each pushed by an operator or counted
//     as work; forward jumps patched by bind() were each emitted by a branch operator; the
//     per-function scratch (local types, ref_head_) is at most max_locals and counted as work.
//     The sorted maps of type keys and export names compare a key O(log n) <= 16 times.
//  C2 Memory. Heap peak while compiling, and heap kept by the module, <= 32 B + 1 MiB
//     (hostile_modules.cpp checks it for every hostile module, accepted or rejected).
//
// Run, with fuel F (Config::fuel_metering):
//  R1 Termination. Control can only go back through br/br_if/br_table to a loop label (1 fuel
//     each) or through a call (10). Fuel is charged per straight-line region, by a `fuel` op before
//     the IR of the region's first costly operator, so every backward jump and every call is
//     preceded by a charge of >= 1 in its own region. Regions of only free operators (nop, block,
//     loop, end, else, drop, return, unreachable) emit no `fuel` op, but are entered only by
//     falling through from another region, by a charged branch or call, or on return from a
//     charged call. An invocation therefore runs at most F loop iterations and calls; with F spent
//     it traps OutOfFuel with 0 fuel left.
//  R2 Dispatches per fuel. Every IR op executed is the IR of a charged operator (at most one op
//     plus one constant move per operand), a move of an operand pushed by a charged operator
//     (local.get, *.const: 1 fuel, moved once per path), an `else` jump (after its `if`, 1 fuel), a
//     `ret` (after its call, 10), or a move of a label's or function's values at a branch, return
//     or function end (at most max_params = 1,000 per branch of 1 fuel or activation of 10). So at
//     most max_params + 4 IR ops run per fuel unit; ordinary code runs about one.
//  R3 Data per fuel. Work proportional to data is charged per unit of data before it is done:
//     memory.fill/copy/init 64 bytes per fuel, table.fill/copy/init/grow 16 elements per fuel,
//     memory.grow 1 page (64 KiB zeroed) per 1,024 fuel, declared locals 1 per fuel at function
//     entry; a grow past the limits allocates nothing. The value stack only grows (by doubling,
//     up to max_value_stack), so zero-filling it costs at most 8 MiB per instance in all.
//  R4 Memory. An instance holds memory_size() + 8 per value-stack cell + 16 per frame
//     (footprint_bytes), at most max_memory_pages x 64 KiB + 8 x max_value_stack + 16 x
//     max_call_depth = 72 MiB + 16 KiB by default; its heap peak while running stays within twice
//     that (vector growth holds the old and the new buffer while copying).
#include <gtest/gtest.h>

#include <string>

#include "heap_counter.h"
#include "interlude/wasm/engine.h"
#include "wasm_binary.h"
#include "wasm_test_util.h"

namespace interlude::wasm::test {
namespace {

using namespace binary;
namespace heap = host::test::adv;

// ---- C1: compile work ----

uint64_t compile_work(const std::vector<uint8_t>& bytes, const Config& c = test_config()) {
  CompileError err;
  auto m = Module::compile(bytes, c, &err);
  EXPECT_NE(m, nullptr) << err.message;
  return m ? m->compile_work() : 0;
}

TEST(BoundedWork, CompileWorkCountsLocals) {
  // 7 functions of (param i32 i32) with 1,000 declared locals: 1,002 locals each.
  const Bin body = Bin{0x01}.leb(1000).u8(kI32).u8(kEnd);
  EXPECT_EQ(compile_work(functions(one_type({kI32, kI32}, {}), body, 7)), 7u * 1002);
}

/// Type 0 = [] -> [k x i32] for the function and for a block of k constants followed by `brs`
/// times `br 0`.
std::vector<uint8_t> wide_branches(uint64_t k, uint64_t brs) {
  const Bin type = Bin{0x01, 0x60, 0x00}.leb(k).repeat(Bin{kI32}, k);
  Bin body{0x00, 0x02, 0x00};
  body.repeat(Bin{0x41, 0x00}, k).repeat(Bin{0x0C, 0x00}, brs).add({kEnd, kEnd});
  return module({{1, type}, {3, Bin{0x01, 0x00}}, {10, Bin{}.vec(Bin{}.sized(body), 1)}});
}

TEST(BoundedWork, CompileWorkCountsLabelOperands) {
  // Each br checks the block's 500 results (and, in the dead code after the first, pushes them
  // back); the block end and the function end check 500 results each.
  EXPECT_EQ(compile_work(wide_branches(500, 1)), 3u * 500);
  EXPECT_EQ(compile_work(wide_branches(500, 300)), 302u * 500);
}

TEST(BoundedWork, CompileWorkCountsCallOperands) {
  // (func $f (param 300 x i32) (result 300 x i32) ...): 300 locals; its body calls itself once:
  // 300 params checked, 300 results pushed, and its end checks 300 results.
  const std::vector<uint8_t> many(300, kI32);
  Bin body{0x00};
  body.repeat(Bin{0x41, 0x00}, 300).add({0x10, 0x00, kEnd});
  EXPECT_EQ(compile_work(functions(one_type(many, many), body)), 4u * 300);
}

TEST(BoundedWork, CompileWorkBudgetIsExact) {
  // The budget is compared with exactly the figure compile_work() reports.
  const std::vector<uint8_t> bytes = wide_branches(1000, 500);
  ASSERT_EQ(compile_work(bytes), 502u * 1000);
  Config c = test_config();
  c.limits.compile_work_per_byte = 0;
  c.limits.min_compile_work = 502u * 1000;
  CompileError err;
  EXPECT_NE(Module::compile(bytes, c, &err), nullptr) << err.message;
  c.limits.min_compile_work -= 1;
  EXPECT_EQ(Module::compile(bytes, c, &err), nullptr);
  EXPECT_EQ(err.message, "limit compile work exceeded");
}

TEST(BoundedWork, DefaultCompileWorkBudgetIsTheFloorOr16PerByte) {
  CompileError err;
  // 1,000-value labels: 1,000 units per 2-byte br, so the 2^20 floor decides: (1,046 + 2) x 1,000
  // units fit, (1,047 + 2) x 1,000 do not.
  EXPECT_EQ(compile_work(wide_branches(1000, 1046)), 1048u * 1000);
  EXPECT_EQ(Module::compile(wide_branches(1000, 1047), test_config(), &err), nullptr);
  EXPECT_EQ(err.message, "limit compile work exceeded");
  // 30-value labels: 30 units per 2 bytes stay under 16 per byte however many brs there are; 40 do not.
  const std::vector<uint8_t> fits = wide_branches(30, 100000);
  EXPECT_EQ(compile_work(fits), 100002u * 30);
  EXPECT_GT(100002u * 30, 1u << 20);
  EXPECT_LE(100002u * 30, 16 * fits.size());
  const std::vector<uint8_t> over = wide_branches(40, 200000);
  EXPECT_GT(200002u * 40, 16 * over.size());
  EXPECT_EQ(Module::compile(over, test_config(), &err), nullptr);
  EXPECT_EQ(err.message, "limit compile work exceeded");
}

// ---- R1-R3: hostile loops end by fuel, having run exactly the iterations their fuel paid ----

constexpr uint64_t kInitialMemoryFuel = 1024;  // the module's one page, charged at instantiation

/// Iterations counted by the module's global "n".
Value iterations(Instance& inst) {
  const std::optional<Extern> n = inst.exported("n");
  EXPECT_TRUE(n.has_value());
  return n ? inst.store().global_get(*n).value_or(0) : 0;
}

struct Loop {
  const char* name;
  uint64_t entry;      ///< fuel charged once at function entry
  uint64_t iteration;  ///< fuel of one iteration (wat/bounded_loops.wat)
};

TEST(BoundedWork, HostileLoopsRunExactlyTheIterationsTheirFuelPays) {
  const Loop loops[] = {{"free_ops", 0, 9},        {"local_drop", 1, 10},   {"br_if_spin", 0, 10},
                        {"br_table_spin", 0, 10}, {"bulk_zero", 0, 21},    {"bulk_page", 0, 1039},
                        {"table_zero", 0, 15},    {"call_indirect_spin", 0, 20}, {"recurse", 0, 18}};
  auto m = load("bounded_loops", test_config(true));
  ASSERT_NE(m, nullptr);
  for (const Loop& l : loops) {
    for (uint64_t fuel : {uint64_t{5000}, uint64_t{12345}}) {
      SCOPED_TRACE(std::string(l.name) + " with fuel " + std::to_string(fuel));
      auto inst = instantiate(m, {}, kInitialMemoryFuel + fuel);
      ASSERT_NE(inst, nullptr);
      const RunResult r = invoke(*inst, l.name);
      EXPECT_EQ(r.status, RunStatus::Trapped);
      EXPECT_EQ(r.trap, Trap::OutOfFuel);
      EXPECT_EQ(inst->fuel_remaining(), 0u);
      EXPECT_EQ(iterations(*inst), (fuel - l.entry) / l.iteration);
    }
  }
}

TEST(BoundedWork, RecursionEndsAtTheCallDepthWhateverTheFuel) {
  auto m = load("bounded_loops", test_config(true));
  ASSERT_NE(m, nullptr);
  auto inst = instantiate(m, {}, UINT64_MAX);
  ASSERT_NE(inst, nullptr);
  const RunResult r = invoke(*inst, "recurse");
  EXPECT_EQ(r.trap, Trap::StackOverflow);
  EXPECT_EQ(iterations(*inst), m->config().limits.max_call_depth);
  EXPECT_EQ(inst->fuel_consumed(), kInitialMemoryFuel + 18 * iterations(*inst));
}

TEST(BoundedWork, BranchMovingAThousandValuesCostsItsFuel) {
  // The most IR per fuel unit: (loop (param 1000 x i32) (tick) (i32.const 0) (br 0)) moves 1,000
  // values (999 copies and a constant) on every iteration for 1 + 1 + 8 fuel.
  const Bin type = Bin{0x02, 0x60}.leb(1000).repeat(Bin{kI32}, 1000).u8(0x00).add({0x60, 0x00, 0x00});
  const Bin tick{0x23, 0x00, 0x41, 0x01, 0x6A, 0x24, 0x00};  // global 0 += 1
  Bin body{0x00};
  body.repeat(Bin{0x41, 0x00}, 1000).add({0x03, 0x00}).add(tick).add({0x41, 0x00, 0x0C, 0x00, kEnd, kEnd});
  const std::vector<uint8_t> bytes = module({{1, type},
                                             {3, Bin{0x01, 0x01}},
                                             {6, Bin{0x01, kI32, 0x01, 0x41, 0x00, kEnd}},
                                             {7, Bin{0x02, 0x01, 'f', 0x00, 0x00, 0x01, 'n', 0x03, 0x00}},
                                             {10, Bin{}.vec(Bin{}.sized(body), 1)}});
  CompileError err;
  auto m = Module::compile(bytes, test_config(true), &err);
  ASSERT_NE(m, nullptr) << err.message;
  const uint64_t fuel = 1000 + 10 * 7777 + 9;  // the constants, 7,777 iterations, and not one more
  auto inst = instantiate(m, {}, fuel);
  ASSERT_NE(inst, nullptr);
  const RunResult r = invoke(*inst, "f");
  EXPECT_EQ(r.trap, Trap::OutOfFuel);
  EXPECT_EQ(iterations(*inst), 7777u);
}

// ---- R3-R4: memory ----

TEST(BoundedWork, GrowingMemoryStopsAtTheLimitWithinTheHeapBound) {
  auto m = load("bounded_loops", test_config(true));
  ASSERT_NE(m, nullptr);
  const Limits& lim = m->config().limits;
  const uint64_t grown = lim.max_memory_pages - 1;
  // Every page grown costs 13 + 1,024; then the loop spins at 13 per iteration without growing.
  const uint64_t fuel = grown * (13 + 1024) + 13 * 1000;
  const uint64_t base = heap::heap_live();
  heap::heap_peak_reset();
  auto inst = instantiate(m, {}, kInitialMemoryFuel + fuel);
  ASSERT_NE(inst, nullptr);
  const RunResult r = invoke(*inst, "grow_spin");
  EXPECT_EQ(r.trap, Trap::OutOfFuel);
  EXPECT_EQ(iterations(*inst), grown + 1000);
  EXPECT_EQ(inst->memory_size(), uint64_t{lim.max_memory_pages} * 65536);
  const uint64_t bound = uint64_t{lim.max_memory_pages} * 65536 + 8 * uint64_t{lim.max_value_stack} +
                         16 * uint64_t{lim.max_call_depth};
  EXPECT_LE(inst->footprint_bytes(), bound);
  EXPECT_LE(heap::heap_peak() - base, 2 * bound);
}

TEST(BoundedWork, DeepBigFramesStayWithinTheStackLimits) {
  // Unmetered: only the limits stop 1,000-parameter recursion (frames of >= 2,000 slots).
  const std::vector<uint8_t> params(1000, kI32);
  Bin body{0x00};
  body.repeat(Bin{0x41, 0x00}, 1000).add({0x10, 0x00, kEnd});
  CompileError err;
  auto m = Module::compile(functions(one_type(params, {}), body), test_config(), &err);
  ASSERT_NE(m, nullptr) << err.message;
  const Limits& lim = m->config().limits;
  const uint64_t base = heap::heap_live();
  heap::heap_peak_reset();
  auto inst = instantiate(m);
  ASSERT_NE(inst, nullptr);
  const std::vector<Value> args(1000, 0);
  EXPECT_EQ(inst->call(0, args).trap, Trap::StackOverflow);
  const uint64_t bound = 8 * uint64_t{lim.max_value_stack} + 16 * uint64_t{lim.max_call_depth};
  EXPECT_LE(inst->footprint_bytes(), bound);
  EXPECT_LE(heap::heap_peak() - base, 2 * bound);
}

}  // namespace
}  // namespace interlude::wasm::test
