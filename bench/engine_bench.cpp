// Engine benchmarks: recursive fib (interpreter speed with fuel metering on), a plain host call,
// and a suspend-at-import + resume round trip (the cost of one interruption in the engine).
#include <benchmark/benchmark.h>

#include <string>

#include "bench_util.h"
#include "interlude/wasm/engine.h"

using namespace interlude::wasm;
using interlude::bench::read_file;

namespace {

std::shared_ptr<const Module> load(const std::string& name, bool fuel) {
  std::vector<uint8_t> bytes = read_file(std::string(INTERLUDE_BENCH_WASM_DIR) + "/" + name);
  Config config;
  config.fuel_metering = fuel;
  CompileError error;
  return Module::compile(bytes, config, &error);
}

HostResult echo(void*, Instance&, const Value* args, Value* results) noexcept {
  results[0] = args[0];
  return HostResult::ok();
}
HostResult park(void*, Instance&, const Value*, Value*) noexcept { return HostResult::suspend(); }

void BM_fib(benchmark::State& state, bool fuel) {
  auto module = load("fib.wasm", fuel);
  HostImport imports[] = {{echo, nullptr}};
  auto inst = Instance::instantiate(module, imports, ~0ull).instance;
  uint32_t fib = *module->exported_function("fib");
  for (auto _ : state) {
    Value arg = 25;
    auto r = inst->call(fib, {&arg, 1});
    benchmark::DoNotOptimize(r);
    if (inst->results()[0] != 75025) state.SkipWithError("wrong fib(25)");
  }
}
BENCHMARK_CAPTURE(BM_fib, fuel_on, true)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_fib, fuel_off, false)->Unit(benchmark::kMillisecond);

constexpr uint32_t kCalls = 10000;

void BM_host_call(benchmark::State& state) {
  auto module = load("fib.wasm", true);
  HostImport imports[] = {{echo, nullptr}};
  auto inst = Instance::instantiate(module, imports, ~0ull).instance;
  uint32_t loop = *module->exported_function("host_loop");
  for (auto _ : state) {
    Value arg = kCalls;
    benchmark::DoNotOptimize(inst->call(loop, {&arg, 1}));
  }
  state.SetItemsProcessed(int64_t(state.iterations()) * kCalls);
}
BENCHMARK(BM_host_call);

void BM_suspend_resume(benchmark::State& state) {
  auto module = load("fib.wasm", true);
  HostImport imports[] = {{park, nullptr}};
  auto inst = Instance::instantiate(module, imports, ~0ull).instance;
  uint32_t loop = *module->exported_function("host_loop");
  for (auto _ : state) {
    Value arg = kCalls;
    auto r = inst->call(loop, {&arg, 1});
    while (r.status == RunStatus::Suspended) {
      Value one = 1;
      r = inst->resume({&one, 1});
    }
    if (r.status != RunStatus::Returned || inst->results()[0] != kCalls) state.SkipWithError("bad run");
  }
  state.SetItemsProcessed(int64_t(state.iterations()) * kCalls);
}
BENCHMARK(BM_suspend_resume);

}  // namespace
