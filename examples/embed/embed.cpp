// interlude-embed-example: the engine's embedding API (interlude/wasm/engine.h, docs/embedding.md)
// step by step on two tiny modules (app.wat, lib.wat, built with wat2wasm):
//   1. decode + validate + compile        4. suspend at a host import and resume
//   2. instantiate with host functions    5. fuel: metering and OutOfFuel
//   3. call exports                       6. limits: call depth -> StackOverflow
//                                         7. link two instances through a Store
// Usage: interlude-embed-example [MODULE_DIR]  (default: the build tree's module folder).
// Prints what happens; exits 0 if every step gives the expected result, 1 otherwise.
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "interlude/wasm/engine.h"

using namespace interlude::wasm;

namespace {

int failures = 0;

void check(bool ok, const char* what) {
  std::printf("%s %s\n", ok ? "  ok  " : "  FAIL", what);
  failures += !ok;
}

std::shared_ptr<const Module> compile(const std::string& path, const Config& config) {
  std::ifstream in(path, std::ios::binary);
  const std::vector<uint8_t> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  CompileError error;
  auto module = Module::compile(bytes, config, &error);
  if (!module) std::printf("compile %s: %s at byte %llu\n", path.c_str(), error.message.c_str(),
                           static_cast<unsigned long long>(error.offset));
  return module;
}

// Host functions: HostFunction signature, arguments and results as raw bits (i32 in the low 32).
HostResult log_i32(void*, Instance&, const Value* args, Value*) noexcept {
  std::printf("  guest logs %u\n", static_cast<uint32_t>(args[0]));
  return HostResult::ok();
}
HostResult ask(void* env, Instance&, const Value* args, Value*) noexcept {
  *static_cast<uint32_t*>(env) = static_cast<uint32_t>(args[0]);  // remember the question
  return HostResult::suspend();  // the answer comes later, through Instance::resume
}

}  // namespace

int main(int argc, char** argv) {
  const std::string dir = argc > 1 ? argv[1] : INTERLUDE_EMBED_MODULE_DIR;

  std::printf("1. compile app.wasm with fuel metering and canonical NaNs (the contract settings)\n");
  Config config;  // defaults: fuel_metering, canonical_nan, Limits for contracts
  auto app = compile(dir + "/app.wasm", config);
  if (!app) return 1;
  check(app->imports().size() == 2 && app->exported_function("add").has_value(), "2 imports, export `add`");

  std::printf("2. instantiate with host functions, 10000 fuel\n");
  uint32_t question = 0;
  const HostImport imports[] = {{log_i32, nullptr}, {ask, &question}};  // in import order
  InstantiateResult made = Instance::instantiate(app, imports, 10'000);
  if (!made.instance) return 1;
  Instance& inst = *made.instance;
  check(inst.fuel_consumed() == 1024, "instantiation charged 1024 fuel for the initial memory page");

  std::printf("3. call add(2, 3)\n");
  const Value args[] = {2, 3};
  RunResult r = inst.call(*app->exported_function("add"), args);
  check(r.status == RunStatus::Returned && inst.results()[0] == 5, "returned 5");
  check(inst.fuel_consumed() == 1024 + 14, "it cost 14 fuel (call 10, four operators 1 each)");

  std::printf("4. ask_twice: the host answers each `ask` later\n");
  r = inst.call(*app->exported_function("ask_twice"), {});
  check(r.status == RunStatus::Suspended && question == 1 && inst.suspended(), "suspended at ask(1)");
  const Value forty = 40, two = 2;
  r = inst.resume({&forty, 1});
  check(r.status == RunStatus::Suspended && question == 2, "resumed with 40, suspended again at ask(2)");
  r = inst.resume({&two, 1});
  check(r.status == RunStatus::Returned && inst.results()[0] == 42, "resumed with 2, returned 42");

  std::printf("5. spin forever: the fuel runs out\n");
  r = inst.call(*app->exported_function("spin"), {});
  check(r.status == RunStatus::Trapped && r.trap == Trap::OutOfFuel && inst.fuel_remaining() == 0,
        "trapped OutOfFuel with 0 fuel left");

  std::printf("6. limits: max_call_depth 100, no fuel metering\n");
  Config limited;
  limited.fuel_metering = false;
  limited.limits.max_call_depth = 100;
  auto deep = Instance::instantiate(compile(dir + "/app.wasm", limited), imports, 0).instance;
  if (!deep) return 1;
  const Value ok_depth = 50, too_deep = 500;
  r = deep->call(*app->exported_function("depth"), {&ok_depth, 1});
  check(r.status == RunStatus::Returned && deep->results()[0] == 50, "depth(50) returned 50");
  r = deep->call(*app->exported_function("depth"), {&too_deep, 1});
  check(r.status == RunStatus::Trapped && r.trap == Trap::StackOverflow, "depth(500) trapped StackOverflow");

  std::printf("7. link: lib.wasm imports the app's memory, in one Store\n");
  auto store = Store::create();
  const Extern log_fn = store->add_function(FuncType{{ValType::I32}, {}}, {log_i32, nullptr});
  const Extern ask_fn = store->add_function(FuncType{{ValType::I32}, {ValType::I32}}, {ask, &question});
  StoreInstantiateResult app_in_store = store->instantiate(app, std::vector<Extern>{log_fn, ask_fn}, 10'000);
  auto lib = compile(dir + "/lib.wasm", config);
  if (!app_in_store.instance || !lib) return 1;
  const std::vector<Extern> lib_imports{*app_in_store.instance->exported("memory")};
  StoreInstantiateResult lib_in_store = store->instantiate(lib, lib_imports, 10'000);
  if (!lib_in_store.instance) return 1;
  const uint8_t bytes[] = {10, 20, 30};
  check(app_in_store.instance->memory_write(100, bytes), "host wrote 10 20 30 at address 100 of the app's memory");
  const Value sum_args[] = {100, 3};
  r = lib_in_store.instance->call(*lib->exported_function("sum"), sum_args);
  check(r.status == RunStatus::Returned && lib_in_store.instance->results()[0] == 60,
        "lib.sum(100, 3) read the shared memory: 60");

  std::printf("%s\n", failures ? "FAILED" : "all steps behaved as documented");
  return failures ? 1 : 0;
}
