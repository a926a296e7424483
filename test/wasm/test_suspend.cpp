// Host imports: Continue, Suspend/resume across nested wasm frames, Halt, Trap, unbound imports.
#include "wasm_test_util.h"

namespace interlude::wasm::test {
namespace {

struct HostLog {
  std::vector<Value> args;
  HostSignal signal = HostSignal::Suspend;
  Value result = 0;
  int calls = 0;
};

HostResult host_fn(void* env, Instance&, const Value* args, Value* results) noexcept {
  auto& log = *static_cast<HostLog*>(env);
  ++log.calls;
  log.args.assign(args, args + 2);
  if (log.signal == HostSignal::Continue) results[0] = log.result;
  if (log.signal == HostSignal::Trap) return HostResult::trapped(Trap::IntegerOverflow);
  return {log.signal, Trap::Unreachable};
}

HostResult halt_fn(void* env, Instance&, const Value* args, Value*) noexcept {
  static_cast<HostLog*>(env)->args.assign(args, args + 1);
  return HostResult::halt();
}

std::vector<HostImport> imports(HostLog& log) { return {{host_fn, &log}, {halt_fn, &log}, {nullptr, nullptr}}; }

TEST(Suspend, ResumeAcrossThreeFrames) {
  HostLog log;
  auto inst = instantiate(load("suspend"), imports(log));
  RunResult r = invoke(*inst, "main", {4});
  ASSERT_EQ(r.status, RunStatus::Suspended);
  EXPECT_TRUE(inst->suspended());
  EXPECT_EQ(log.args, (std::vector<Value>{5, 7}));
  // A second call while suspended is refused and keeps the suspension.
  EXPECT_EQ(invoke(*inst, "main", {4}).status, RunStatus::Trapped);
  EXPECT_TRUE(inst->suspended());
  const Value result = 10;
  r = inst->resume({&result, 1});
  ASSERT_EQ(r.status, RunStatus::Returned);
  EXPECT_FALSE(inst->suspended());
  // main = f1(4) - 3; f1 = f2 + 5; f2 = f3(5) * 2; f3 = host(5, 7) + 1000
  EXPECT_EQ(inst->results()[0], (10u + 1000u) * 2u + 5u - 3u);
}

TEST(Suspend, ContinueReturnsResultDirectly) {
  HostLog log;
  log.signal = HostSignal::Continue;
  log.result = 0x700000001ull;  // an i32 result: only the low 32 bits count
  auto inst = instantiate(load("suspend"), imports(log));
  EXPECT_EQ(call1(*inst, "main", {0}), 1001u * 2 + 5 - 3);
  EXPECT_EQ(log.calls, 1);
}

TEST(Suspend, ImportCalledDirectly) {
  HostLog log;
  log.signal = HostSignal::Continue;
  log.result = 77;
  auto inst = instantiate(load("suspend"), imports(log));
  EXPECT_EQ(call1(*inst, "host", {1, 2}), 77u);  // the export is the import itself
  EXPECT_EQ(log.args, (std::vector<Value>{1, 2}));
  log.signal = HostSignal::Suspend;
  ASSERT_EQ(invoke(*inst, "host", {3, 4}).status, RunStatus::Suspended);
  const Value r = 5;
  ASSERT_EQ(inst->resume({&r, 1}).status, RunStatus::Returned);
  EXPECT_EQ(inst->results()[0], 5u);
}

TEST(Suspend, ResumeWithWrongResultCountIsRefused) {
  HostLog log;
  auto inst = instantiate(load("suspend"), imports(log));
  ASSERT_EQ(invoke(*inst, "main", {0}).status, RunStatus::Suspended);
  EXPECT_EQ(inst->resume({}).status, RunStatus::Trapped);
  EXPECT_TRUE(inst->suspended());
}

TEST(Suspend, HostTrapEndsInvocation) {
  HostLog log;
  log.signal = HostSignal::Trap;
  auto inst = instantiate(load("suspend"), imports(log));
  EXPECT_EQ(trap_of(*inst, "main", {0}), Trap::IntegerOverflow);
  EXPECT_FALSE(inst->suspended());
}

TEST(Suspend, HaltStopsBeforeTheRestOfTheFunction) {
  HostLog log;
  auto inst = instantiate(load("suspend"), imports(log));
  EXPECT_EQ(invoke(*inst, "halt_then_store").status, RunStatus::Halted);
  EXPECT_EQ(log.args, (std::vector<Value>{42}));
  EXPECT_EQ(inst->memory_data()[0], 0);  // the store after the halting call never ran
  EXPECT_FALSE(inst->suspended());
}

TEST(Suspend, UnboundImportTraps) {
  HostLog log;
  auto inst = instantiate(load("suspend"), imports(log));
  EXPECT_EQ(trap_of(*inst, "call_unbound"), Trap::UnknownExternalFunction);
}

TEST(Suspend, ImportCountMismatchIsALinkError) {
  auto r = Instance::instantiate(load("suspend"), {}, 0);
  EXPECT_EQ(r.instance, nullptr);
  EXPECT_NE(r.error.find("import count"), std::string::npos) << r.error;
}

}  // namespace
}  // namespace interlude::wasm::test
