// interlude-hostpath: the host path of host/storage_read_warm and host/erc20_transfer/memory
// without Google Benchmark, for instruction counts under callgrind (the per-read and
// per-transfer figures of bench/README.md, "Where the time goes"):
//
//   valgrind --tool=callgrind --separate-threads=yes build/bin/interlude-hostpath sload 10000
//   valgrind --tool=callgrind --separate-threads=yes build/bin/interlude-hostpath erc20 1000
//   callgrind_annotate callgrind.out.<pid>-02
//
// The Host runs each call on a thread of its own (host_stack.h); callgrind numbers both calls'
// threads 2 (the first has ended when the second starts), so the -02 file holds the warm-up call
// and the measured one, which do the same work (the warm-up also compiles the module, under 0.5%
// of the count): per warm SLOAD, its total / (2 * READS); per transfer, / (2 * TRANSFERS).
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "host_setup.h"

namespace interlude::bench {
namespace {

Address deployed(state::State& state, host::Host& host, host::BlockEnv& env, const std::string& name) {
  const auto address = deploy(state, host, env, contract_code(name));
  if (!address) {
    std::fprintf(stderr, "deploying %s.wasm from %s failed\n", name.c_str(), INTERLUDE_CONTRACT_DIR);
    std::exit(1);
  }
  return *address;
}

int sload(uint32_t reads) {
  auto state = state::make_memory_state();
  host::Host host;
  host::BlockEnv env;
  const host::Transaction tx = sload_loop_call(deployed(*state, host, env, "sload_loop"), reads);
  host.call(*state, env, tx);  // warm-up: compiles and caches the module
  const host::Receipt r = host.call(*state, env, tx);
  std::printf("sload: %u reads, status %d, interruptions %u, gas %llu\n", reads, int(r.status),
              unsigned(r.interruptions), static_cast<unsigned long long>(r.gas_used));
  return r.status == host::TxStatus::Success && r.interruptions == reads ? 0 : 1;
}

int erc20(uint32_t transfers) {
  auto state = state::make_memory_state();
  host::Host host;
  host::BlockEnv env;
  env.gas_limit = uint64_t(transfers) * 100'000;
  const std::vector<host::Transaction> txs = token_transfers(deployed(*state, host, env, "token"), transfers);
  host.apply_block(*state, env, txs);  // warm-up block
  ++env.number;
  const host::BlockResult r = host.apply_block(*state, env, txs);
  for (const host::Receipt& receipt : r.receipts)
    if (receipt.status != host::TxStatus::Success) {
      std::fprintf(stderr, "a transfer failed\n");
      return 1;
    }
  std::printf("erc20: %zu transfers in one block\n", r.receipts.size());
  return 0;
}

}  // namespace
}  // namespace interlude::bench

int main(int argc, char** argv) {
  const std::string what = argc > 1 ? argv[1] : "";
  const unsigned long n = argc > 2 ? std::strtoul(argv[2], nullptr, 10) : 0;
  if ((what != "sload" && what != "erc20") || n == 0 || n > 1'000'000) {
    std::fprintf(stderr, "usage: interlude-hostpath sload READS | erc20 TRANSFERS  (1 to 1000000)\n");
    return 2;
  }
  return what == "sload" ? interlude::bench::sload(uint32_t(n)) : interlude::bench::erc20(uint32_t(n));
}
