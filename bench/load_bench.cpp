// Issue 5 item 4: module loading.
//   load/compile_3000_functions  eager decode + validate + compile (Module::compile) of a generated
//                                module of 3,000 functions (613,749 bytes); bytes_per_second = load speed.
//   load/instantiate_token       Instance::instantiate of the cached (already compiled) ERC-20
//                                module build/contracts/token.wasm: 2 pages of memory (2,048 fuel),
//                                data segments, imports left unbound.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "bench_util.h"
#include "interlude/wasm/engine.h"

namespace interlude::bench {
namespace {

using namespace interlude::wasm;

void put_leb(std::vector<uint8_t>& out, uint32_t v) {
  do {
    uint8_t b = v & 0x7f;
    v >>= 7;
    out.push_back(v ? b | 0x80 : b);
  } while (v);
}

void put_section(std::vector<uint8_t>& out, uint8_t id, const std::vector<uint8_t>& body) {
  out.push_back(id);
  put_leb(out, uint32_t(body.size()));
  out.insert(out.end(), body.begin(), body.end());
}

/// A valid module of `n` functions of type (i32, i32) -> i32, exported "f0". Each body has one
/// extra i32 local and 7 chunks of
///   local.get 0, local.get 1, i32.add, i32.const k, i32.mul, local.set 2, local.get 2,
///   i32.const k', i32.xor, local.set 0, local.get 2, local.get 0, call f(i-1), local.set 1
/// (function 0 calls itself), ending with local.get 0.
std::vector<uint8_t> generated_module(uint32_t n) {
  std::vector<uint8_t> m = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};
  put_section(m, 1, {0x01, 0x60, 0x02, 0x7f, 0x7f, 0x01, 0x7f});  // type: (i32 i32) -> i32
  std::vector<uint8_t> funcs;
  put_leb(funcs, n);
  funcs.insert(funcs.end(), n, 0x00);
  put_section(m, 3, funcs);
  put_section(m, 7, {0x01, 0x02, 'f', '0', 0x00, 0x00});  // export "f0" = func 0
  std::vector<uint8_t> code;
  put_leb(code, n);
  for (uint32_t i = 0; i < n; ++i) {
    std::vector<uint8_t> body = {0x01, 0x01, 0x7f};  // one local i32
    for (uint32_t c = 0; c < 7; ++c) {
      const uint32_t k = 64 + (i * 7 + c) % 8000;
      body.insert(body.end(), {0x20, 0x00, 0x20, 0x01, 0x6a, 0x41});
      put_leb(body, k);
      body.insert(body.end(), {0x6c, 0x21, 0x02, 0x20, 0x02, 0x41});
      put_leb(body, k ^ 0x55);
      body.insert(body.end(), {0x73, 0x21, 0x00, 0x20, 0x02, 0x20, 0x00, 0x10});
      put_leb(body, i ? i - 1 : 0);
      body.insert(body.end(), {0x21, 0x01});
    }
    body.insert(body.end(), {0x20, 0x00, 0x0b});
    put_leb(code, uint32_t(body.size()));
    code.insert(code.end(), body.begin(), body.end());
  }
  put_section(m, 10, code);
  return m;
}

void BM_compile(benchmark::State& state) {
  const std::vector<uint8_t> binary = generated_module(3000);
  for (auto _ : state) {
    CompileError error;
    auto module = Module::compile(binary, Config{}, &error);
    if (!module) return state.SkipWithError(("compile: " + error.message).c_str());
    benchmark::DoNotOptimize(module);
  }
  state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(binary.size()));
  state.counters["module_bytes"] = double(binary.size());
}
BENCHMARK(BM_compile)->Name("load/compile_3000_functions")->Unit(benchmark::kMillisecond);

void BM_instantiate(benchmark::State& state) {
  CompileError error;
  auto module = Module::compile(read_file(std::string(INTERLUDE_CONTRACT_DIR) + "/token.wasm"), Config{}, &error);
  if (!module) return state.SkipWithError(("token.wasm: " + error.message).c_str());
  const std::vector<HostImport> imports(module->imports().size());
  for (auto _ : state) {
    auto r = Instance::instantiate(module, imports, 1'000'000);
    if (!r.instance) return state.SkipWithError(("instantiate: " + r.error).c_str());
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_instantiate)->Name("load/instantiate_token");

}  // namespace
}  // namespace interlude::bench
