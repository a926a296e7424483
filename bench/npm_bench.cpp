// Issue 5 item 1, real modules: two wasm modules published on npm, fetched by `make bench`
// (bench/fetch_npm_wasm.sh into ${build}/npm-wasm; the cases are skipped when absent), each hashing
// 1 MiB (byte i = (i * 131 + 7) mod 256) on Interlude's engine with fuel metering on:
//   npm/xxhash-wasm/xxh64_1MiB   xxhash-wasm@1.1.0: xxh64(ptr, len, seed 0) over the input at
//       offset 65,536. The module declares 1 page and its JS wrapper grows memory before writing
//       input; the engine API cannot grow memory from the host, so the loader raises the declared
//       initial memory from 1 to 32 pages (one byte of the memory section). Expected digest:
//       0x1b13a8085220794b, computed by node (V8) on the same module.
//   npm/hash-wasm/keccak256_1MiB hash-wasm@4.13.0's sha3 module as its keccak() drives it:
//       Hash_Init(256), 64 x (write 16 KiB to Hash_GetBuffer(), Hash_Update(16384)), Hash_Final(1);
//       the digest must equal interlude::keccak256 (lib/common) of the input.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "bench_util.h"
#include "interlude/common/keccak.h"
#include "interlude/wasm/engine.h"

namespace interlude::bench {
namespace {

using namespace interlude::wasm;

constexpr uint32_t kInputBytes = 1u << 20;

std::vector<uint8_t> input() {
  std::vector<uint8_t> in(kInputBytes);
  for (uint32_t i = 0; i < kInputBytes; ++i) in[i] = uint8_t(i * 131 + 7);
  return in;
}

/// Compiles and instantiates npm-wasm/`file` (no imports); nullptr (and a skip) if unavailable.
std::unique_ptr<Instance> load_npm(benchmark::State& state, const std::string& file, bool grow_memory) {
  std::vector<uint8_t> binary = read_file(std::string(INTERLUDE_BENCH_NPM_DIR) + "/" + file);
  if (binary.empty()) {
    state.SkipWithError((file + " missing: `make bench` fetches it with npm").c_str());
    return nullptr;
  }
  if (grow_memory) {
    // Walk the sections (id, LEB128 size); the memory section (id 5) {count 1, flag 0, min 1}
    // becomes min 32 pages.
    for (size_t i = 8; i < binary.size();) {
      const uint8_t id = binary[i++];
      uint64_t size = 0;
      for (int shift = 0; i < binary.size() && shift < 35; shift += 7) {
        size |= uint64_t(binary[i] & 0x7f) << shift;
        if (!(binary[i++] & 0x80)) break;
      }
      if (id == 5 && size == 3 && i + 3 <= binary.size() && binary[i] == 1 && binary[i + 1] == 0 && binary[i + 2] == 1)
        binary[i + 2] = 32;
      i += size;
    }
  }
  CompileError error;
  auto module = Module::compile(binary, Config{}, &error);
  if (!module) {
    state.SkipWithError((file + ": " + error.message).c_str());
    return nullptr;
  }
  auto inst = Instance::instantiate(module, {}, ~0ull).instance;
  if (!inst) state.SkipWithError((file + ": instantiate failed").c_str());
  return inst;
}

void BM_xxh64(benchmark::State& state) {
  auto inst = load_npm(state, "xxhash.wasm", true);
  auto xxh64 = inst ? inst->module().exported_function("xxh64") : std::nullopt;
  if (!xxh64 || !inst->memory_write(65536, input())) return state.SkipWithError("xxhash.wasm: no xxh64 or memory");
  for (auto _ : state) {
    const Value args[] = {65536, kInputBytes, 0};
    if (inst->call(*xxh64, args).status != RunStatus::Returned || inst->results()[0] != 0x1b13a8085220794bull)
      state.SkipWithError("wrong xxh64");
  }
  state.SetBytesProcessed(int64_t(state.iterations()) * kInputBytes);
}
BENCHMARK(BM_xxh64)->Name("npm/xxhash-wasm/xxh64_1MiB")->Unit(benchmark::kMillisecond);

void BM_keccak(benchmark::State& state) {
  auto inst = load_npm(state, "hash-wasm-sha3.wasm", false);
  if (!inst) return;
  const Module& m = inst->module();
  auto get_buffer = m.exported_function("Hash_GetBuffer"), init = m.exported_function("Hash_Init"),
       update = m.exported_function("Hash_Update"), final = m.exported_function("Hash_Final");
  if (!get_buffer || !init || !update || !final) return state.SkipWithError("hash-wasm: missing exports");
  const std::vector<uint8_t> in = input();
  const Bytes32 expected = keccak256(ByteView(in.data(), in.size()));
  constexpr uint32_t kChunk = 16 * 1024;  // hash-wasm's MAIN_BUFFER_SIZE
  for (auto _ : state) {
    bool ok = inst->call(*get_buffer, {}).status == RunStatus::Returned;
    const uint64_t buffer = ok ? inst->results()[0] : 0;
    const Value bits = 256, chunk = kChunk, keccak_padding = 1;
    ok = ok && inst->call(*init, {&bits, 1}).status == RunStatus::Returned;
    for (uint32_t off = 0; ok && off < kInputBytes; off += kChunk)
      ok = inst->memory_write(buffer, {in.data() + off, kChunk}) &&
           inst->call(*update, {&chunk, 1}).status == RunStatus::Returned;
    ok = ok && inst->call(*final, {&keccak_padding, 1}).status == RunStatus::Returned;
    Bytes32 digest;
    if (!ok || !inst->memory_read(buffer, digest.bytes) || digest != expected) state.SkipWithError("wrong keccak256");
  }
  state.SetBytesProcessed(int64_t(state.iterations()) * kInputBytes);
}
BENCHMARK(BM_keccak)->Name("npm/hash-wasm/keccak256_1MiB")->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace interlude::bench
