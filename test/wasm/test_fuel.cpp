// Exact fuel (protocol.md "Interlude profile", per-instruction fuel; regions in compile.cpp).
#include "wasm_test_util.h"

namespace interlude::wasm::test {
namespace {

constexpr uint64_t kLimit = 1'000'000;
constexpr uint64_t kInitialMemory = 1024;  // 1 page

std::unique_ptr<Instance> fuel_instance(uint64_t limit = kLimit) {
  return instantiate(load("fuel", test_config(true)), {}, limit);
}

/// Fuel consumed by one call of `name` (excluding instantiation).
uint64_t cost(const std::string& name, std::vector<Value> args = {}) {
  auto inst = fuel_instance();
  const uint64_t before = inst->fuel_consumed();
  EXPECT_EQ(before, kInitialMemory);
  RunResult r = invoke(*inst, name, std::move(args));
  EXPECT_EQ(r.status, RunStatus::Returned) << trap_message(r.trap);
  return inst->fuel_consumed() - before;
}

TEST(Fuel, StraightLine) {
  EXPECT_EQ(cost("local_const_drop"), 2u);  // 1 local + i32.const 1; drop and end are free
  EXPECT_EQ(cost("empty"), 0u);
  EXPECT_EQ(cost("add", {1, 2}), 3u);  // 2 local.get + i32.add
  // i32.store(2) + i32.const + local.get, i32.load(2) + i32.const, global.set(3), global.get(3)
  EXPECT_EQ(cost("mem", {5}), 2u + 2 + 2 + 1 + 3 + 3);
}

TEST(Fuel, LoopPerIteration) {
  // entry: 1 local; each iteration: local.get, i32.const, i32.add, local.set, local.get,
  // local.get, i32.lt_u, br_if = 8
  EXPECT_EQ(cost("loop", {1}), 1u + 8);
  EXPECT_EQ(cost("loop", {10}), 1u + 8 * 10);
  EXPECT_EQ(cost("loop", {1000}), 1u + 8 * 1000);
}

TEST(Fuel, Calls) {
  // caller: i32.const 1 + call 10; callee: 2 locals + local.get + i32.const + i32.add
  EXPECT_EQ(cost("call"), 1u + 10 + 2 + 3);
}

TEST(Fuel, IfElse) {
  // local.get + if = 2; then: i32.const = 1; else: 2 const + add = 3
  EXPECT_EQ(cost("if", {1}), 2u + 1);
  EXPECT_EQ(cost("if", {0}), 2u + 3);
}

TEST(Fuel, MemoryGrowChargesPerPageBeforeGrowing) {
  auto inst = fuel_instance();
  EXPECT_EQ(call1(*inst, "grow", {2}), 1u);
  EXPECT_EQ(inst->fuel_consumed(), kInitialMemory + 1 + 3 + 2 * 1024);
  // Over the declared max (4 pages): returns -1 and costs only the static fuel (T28).
  EXPECT_EQ(call1(*inst, "grow", {2}), 0xFFFFFFFFu);
  EXPECT_EQ(inst->fuel_consumed(), kInitialMemory + 2 * (1 + 3) + 2 * 1024);
  EXPECT_EQ(inst->memory_size(), 3 * 65536u);
}

TEST(Fuel, BulkMemoryPer64Bytes) {
  EXPECT_EQ(cost("fill", {0}), 3u + 3);        // 2 const + local.get + memory.fill
  EXPECT_EQ(cost("fill", {1}), 3u + 3 + 1);
  EXPECT_EQ(cost("fill", {64}), 3u + 3 + 1);
  EXPECT_EQ(cost("fill", {65}), 3u + 3 + 2);
}

TEST(Fuel, TableBulkPer16Elements) {
  EXPECT_EQ(cost("table_fill", {0}), 3u + 3);  // i32.const, ref.null, local.get + table.fill
  EXPECT_EQ(cost("table_fill", {15}), 3u + 3 + 1);
  EXPECT_EQ(cost("table_fill", {16}), 3u + 3 + 1);
  EXPECT_EQ(cost("table_fill", {17}), 3u + 3 + 2);
}

TEST(Fuel, InfiniteLoopRunsOutOfFuel) {
  auto inst = fuel_instance(kInitialMemory + 5000);
  EXPECT_EQ(trap_of(*inst, "infinite"), Trap::OutOfFuel);
  EXPECT_EQ(inst->fuel_remaining(), 0u);
  EXPECT_EQ(inst->fuel_consumed(), kInitialMemory + 5000);
}

TEST(Fuel, RegionIsChargedOnEntry) {
  // "add" needs 3: with 2 left the region traps before running, and fuel drops to 0.
  auto inst = fuel_instance(kInitialMemory + 2);
  EXPECT_EQ(trap_of(*inst, "add", {1, 2}), Trap::OutOfFuel);
  EXPECT_EQ(inst->fuel_remaining(), 0u);
}

TEST(Fuel, InitialMemoryChargedAtInstantiation) {
  auto r = Instance::instantiate(load("fuel", test_config(true)), {}, kInitialMemory - 1);
  EXPECT_EQ(r.instance, nullptr);
  EXPECT_EQ(r.trap, Trap::OutOfFuel);
  auto ok = Instance::instantiate(load("fuel", test_config(true)), {}, kInitialMemory);
  ASSERT_NE(ok.instance, nullptr);
  EXPECT_EQ(ok.instance->fuel_remaining(), 0u);
}

TEST(Fuel, ConsumeFuelFromHost) {
  auto inst = fuel_instance(kInitialMemory + 10);
  EXPECT_TRUE(inst->consume_fuel(4));
  EXPECT_EQ(inst->fuel_remaining(), 6u);
  EXPECT_FALSE(inst->consume_fuel(7));
  EXPECT_EQ(inst->fuel_remaining(), 0u);
}

TEST(Fuel, MeteringOffNeverChecks) {
  auto inst = instantiate(load("fuel"), {}, 0);
  EXPECT_EQ(inst->fuel_remaining(), UINT64_MAX);
  EXPECT_EQ(call1(*inst, "add", {1, 2}), 3u);
  EXPECT_TRUE(inst->consume_fuel(UINT64_MAX));
  EXPECT_EQ(inst->fuel_consumed(), 0u);
}

}  // namespace
}  // namespace interlude::wasm::test
