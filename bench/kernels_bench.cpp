// Issue 5 item 1: the C kernels (bench/kernels) run three ways in the same process run:
//   kernel/<name>/native     gcc -O2 -fno-tree-vectorize, linked in;
//   kernel/<name>/interlude  the wasm32 build on Interlude's engine, fuel metering on (the
//                            consensus configuration), one cached Module and Instance;
//   kernel/<name>/wasm-interp  wabt's wasm-interp as a sanity baseline: the whole process
//                            `wasm-interp --run-all-exports <name>.wasm` (which calls the `bench`
//                            export once) timed end to end, so it includes process start-up and
//                            wabt's decode (a few ms at most).
// Every case checks the checksum against the native one; bench_main.cpp prints the ratios.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <string>

#include "bench_util.h"
#include "interlude/wasm/engine.h"
#include "kernels.h"

namespace interlude::bench {
namespace {

using namespace interlude::wasm;

struct Kernel {
  const char* name;
  uint32_t (*native)();
};
constexpr Kernel kKernels[] = {
    {"keccak", kernel_keccak}, {"sha256", kernel_sha256}, {"fib", kernel_fib},
    {"sieve", kernel_sieve},   {"matmul", kernel_matmul}, {"mulmod", kernel_mulmod},
    {"statemachine", kernel_statemachine},
};

std::string wasm_path(const Kernel& k) { return std::string(INTERLUDE_BENCH_KERNEL_DIR) + "/" + k.name + ".wasm"; }

void BM_native(benchmark::State& state, Kernel k) {
  const uint32_t expected = k.native();
  for (auto _ : state)
    if (k.native() != expected) state.SkipWithError("checksum changed");
}

void BM_interlude(benchmark::State& state, Kernel k) {
  CompileError error;
  auto module = Module::compile(read_file(wasm_path(k)), Config{}, &error);
  if (!module) return state.SkipWithError(("compile: " + error.message).c_str());
  auto inst = Instance::instantiate(module, {}, ~0ull).instance;
  auto bench = module->exported_function("bench");
  if (!inst || !bench) return state.SkipWithError("instantiate");
  const uint32_t expected = k.native();
  uint64_t fuel = 0;
  for (auto _ : state) {
    const uint64_t before = inst->fuel_consumed();
    RunResult r = inst->call(*bench, {});
    fuel = inst->fuel_consumed() - before;
    if (r.status != RunStatus::Returned || uint32_t(inst->results()[0]) != expected)
      state.SkipWithError("wrong checksum or trap");
  }
  state.counters["fuel"] = double(fuel);
}

void BM_wasm_interp(benchmark::State& state, Kernel k) {
  const std::string cmd = std::string(INTERLUDE_WASM_INTERP) + " --run-all-exports " + wasm_path(k);
  const std::string expected = "bench() => i32:" + std::to_string(k.native());
  for (auto _ : state) {
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) return state.SkipWithError("cannot start wasm-interp");
    std::string out;
    char buf[256];
    while (size_t n = fread(buf, 1, sizeof buf, p)) out.append(buf, n);
    if (pclose(p) != 0 || out.find(expected) == std::string::npos) state.SkipWithError(("wasm-interp: " + out).c_str());
  }
}

[[maybe_unused]] const bool registered = [] {
  for (const Kernel& k : kKernels) {
    const std::string base = std::string("kernel/") + k.name;
    benchmark::RegisterBenchmark((base + "/native").c_str(), BM_native, k)->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark((base + "/interlude").c_str(), BM_interlude, k)->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark((base + "/wasm-interp").c_str(), BM_wasm_interp, k)
        ->Unit(benchmark::kMillisecond)
        ->Iterations(1)
        ->UseRealTime();
  }
  return true;
}();

}  // namespace
}  // namespace interlude::bench
