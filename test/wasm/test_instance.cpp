// Instantiation: globals, start function, segment traps, independence of instances, stack limits.
#include "wasm_test_util.h"

namespace interlude::wasm::test {
namespace {

TEST(Instance, GlobalsAndStartFunction) {
  auto inst = instantiate(load("globals"));
  EXPECT_EQ(call1(*inst, "bump"), 12u);  // 10, +1 by the start function, +1 by bump
  EXPECT_EQ(call1(*inst, "k"), static_cast<Value>(-5));
  EXPECT_EQ(call1(*inst, "fl"), 0x4008000000000000ull);  // 3.0
}

TEST(Instance, TwoInstancesOfOneModuleAreIndependent) {
  auto m = load("globals");
  auto a = instantiate(m);
  auto b = instantiate(m);
  EXPECT_EQ(call1(*a, "bump"), 12u);
  EXPECT_EQ(call1(*a, "bump"), 13u);
  EXPECT_EQ(call1(*b, "bump"), 12u);
  EXPECT_EQ(call1(*a, "mem0"), 2u);
  EXPECT_EQ(call1(*b, "mem0"), 1u);
}

TEST(Instance, DataSegmentOutOfBoundsTraps) {
  auto r = Instance::instantiate(load("bad_segments"), {}, 0);
  EXPECT_EQ(r.instance, nullptr);
  EXPECT_EQ(r.trap, Trap::MemoryOutOfBounds);
}

TEST(Instance, StartFunctionTrap) {
  auto r = Instance::instantiate(load("start_trap"), {}, 0);
  EXPECT_EQ(r.instance, nullptr);
  EXPECT_EQ(r.trap, Trap::Unreachable);
}

TEST(Instance, CallDepthLimit) {
  Config cfg = test_config();
  cfg.limits.max_call_depth = 100;
  auto inst = instantiate(load("control", cfg));
  EXPECT_EQ(call1(*inst, "recurse", {98}), 98u);  // recurse + 99 countdown frames = 100
  EXPECT_EQ(trap_of(*inst, "recurse", {99}), Trap::StackOverflow);
}

TEST(Instance, ValueStackLimit) {
  Config cfg = test_config();
  cfg.limits.max_value_stack = 5000;
  auto inst = instantiate(load("control", cfg));
  EXPECT_EQ(trap_of(*inst, "recurse", {5000}), Trap::StackOverflow);
  EXPECT_EQ(call1(*inst, "recurse", {10}), 10u);
}

TEST(Instance, ApiMisuseIsRefused) {
  auto inst = instantiate(load("control"));
  const Value one = 1;
  EXPECT_EQ(inst->call(9999, {}).status, RunStatus::Trapped);
  EXPECT_EQ(inst->call(*inst->module().exported_function("add"), {&one, 1}).status, RunStatus::Trapped);
  EXPECT_EQ(inst->resume({}).status, RunStatus::Trapped);
  EXPECT_EQ(call1(*inst, "add", {1, 2}), 3u);
}

TEST(Instance, ModuleIntrospection) {
  auto m = load("suspend");
  ASSERT_EQ(m->imports().size(), 3u);
  EXPECT_EQ(m->imports()[0].module, "env");
  EXPECT_EQ(m->imports()[0].name, "host");
  EXPECT_EQ(m->function_count(), 9u);
  EXPECT_EQ(m->function_type(0)->params.size(), 2u);
  EXPECT_EQ(m->function_type(9), nullptr);
  EXPECT_TRUE(m->has_memory());
  EXPECT_EQ(m->initial_memory_pages(), 1u);
  EXPECT_EQ(m->exported_function("main"), 6u);
  EXPECT_FALSE(m->exported_function("nope").has_value());
}

}  // namespace
}  // namespace interlude::wasm::test
