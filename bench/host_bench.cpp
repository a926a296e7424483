// Issue 5 items 3 and 5: the root-STF (Layer B) end to end.
//   host/storage_read_warm      Host::call of bench/contracts/sload_loop.c doing 10,000 SLOADs of one
//                               slot: each is a STORAGE_READ interruption (suspend, decode, gas,
//                               state lookup, resume); items = reads, so time/item ~ one warm read
//                               (the per-transaction overhead is amortised over 10,000 reads).
//   host/erc20_transfer/memory  Host::apply_block of blocks of 10,000 ERC-20 `transfer` txs
//   host/erc20_transfer/lmdb    (build/contracts/token.wasm; 1 token to each of 10,000 recipients)
//                               on the in-memory and the LMDB state: the path of `interlude apply`.
#include <benchmark/benchmark.h>

#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "host_setup.h"
#include "interlude/host/host.h"
#include "interlude/state/state.h"

namespace interlude::bench {
namespace {

constexpr uint32_t kReads = 10000;

void BM_storage_read(benchmark::State& state) {
  auto st = state::make_memory_state();
  host::Host host;
  host::BlockEnv env;
  auto addr = deploy(*st, host, env, contract_code("sload_loop"));
  if (!addr) return state.SkipWithError("deploy sload_loop");
  const host::Transaction tx = sload_loop_call(*addr, kReads);
  for (auto _ : state) {
    host::Receipt r = host.call(*st, env, tx);
    if (r.status != host::TxStatus::Success || r.interruptions != kReads) state.SkipWithError("sload_loop failed");
  }
  state.SetItemsProcessed(int64_t(state.iterations()) * kReads);
}
BENCHMARK(BM_storage_read)->Name("host/storage_read_warm")->Unit(benchmark::kMillisecond)->UseRealTime();

constexpr uint32_t kBlockTxs = 10000;

/// A fresh directory under the system temp directory, removed with its contents on destruction.
struct TempDir {
  std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("interlude-bench-lmdb-" + std::to_string(getpid()));
  TempDir() {
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
};

void BM_erc20(benchmark::State& state, bool lmdb) {
  std::optional<TempDir> dir;  // declared before the state, so the LMDB environment closes first
  if (lmdb) dir.emplace();
  std::unique_ptr<state::State> st = lmdb ? state::open_lmdb_state(dir->path) : state::make_memory_state();
  host::Host host;
  host::BlockEnv env;
  env.gas_limit = uint64_t(kBlockTxs) * 100'000;
  auto token = deploy(*st, host, env, contract_code("token"));
  if (!token) return state.SkipWithError("deploy token");
  const std::vector<host::Transaction> txs = token_transfers(*token, kBlockTxs);
  for (auto _ : state) {
    host::BlockResult r = host.apply_block(*st, env, txs);
    ++env.number;
    for (const host::Receipt& rc : r.receipts)
      if (rc.status != host::TxStatus::Success)
        return state.SkipWithError(("transfer: exit code " + std::to_string(rc.exit_code) + " " + rc.error).c_str());
  }
  state.SetItemsProcessed(int64_t(state.iterations()) * kBlockTxs);
}
BENCHMARK_CAPTURE(BM_erc20, memory, false)->Name("host/erc20_transfer/memory")->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(BM_erc20, lmdb, true)->Name("host/erc20_transfer/lmdb")->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace interlude::bench
