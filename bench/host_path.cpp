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
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "interlude/host/host.h"
#include "interlude/state/state.h"

namespace interlude::bench {
namespace {

const Address kSender = *address_from_hex("a11ce00000000000000000000000000000000000");

Bytes contract(const std::string& name) {
  std::ifstream in(std::string(INTERLUDE_CONTRACT_DIR) + "/" + name + ".wasm", std::ios::binary);
  Bytes code((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (code.empty()) {
    std::fprintf(stderr, "cannot read %s.wasm in %s\n", name.c_str(), INTERLUDE_CONTRACT_DIR);
    std::exit(1);
  }
  return code;
}

/// Funds kSender and deploys `code` from it in block 1 (as host_bench.cpp); the contract address.
Address deploy(state::State& state, host::Host& host, host::BlockEnv& env, Bytes code) {
  state::BlockDiff genesis;
  genesis.accounts[kSender].info = state::Account{0, U256(1'000'000'000'000'000'000ull), KECCAK_EMPTY};
  state.commit(genesis);
  host::Transaction tx;
  tx.sender = kSender;
  tx.input = std::move(code);
  tx.gas_limit = 10'000'000;
  env.number = 1;
  host::BlockResult r = host.apply_block(state, env, std::span(&tx, 1));
  ++env.number;
  if (r.receipts.size() != 1 || r.receipts[0].status != host::TxStatus::Success || !r.receipts[0].created_address) {
    std::fprintf(stderr, "deploy failed\n");
    std::exit(1);
  }
  return *r.receipts[0].created_address;
}

int sload(uint32_t reads) {
  auto state = state::make_memory_state();
  host::Host host;
  host::BlockEnv env;
  host::Transaction tx;
  tx.sender = kSender;
  tx.to = deploy(*state, host, env, contract("sload_loop"));
  tx.gas_limit = 30'000'000;
  tx.input = Bytes{uint8_t(reads), uint8_t(reads >> 8), uint8_t(reads >> 16), uint8_t(reads >> 24)};
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
  const Address token = deploy(*state, host, env, contract("token"));
  // transfer(address,uint256) 0xa9059cbb: recipient i gets 1 base unit (as host_bench.cpp).
  std::vector<host::Transaction> txs(transfers);
  for (uint32_t i = 0; i < transfers; ++i) {
    host::Transaction& tx = txs[i];
    tx.sender = kSender;
    tx.to = token;
    tx.gas_limit = 100'000;
    tx.input = Bytes(4 + 64, 0);
    tx.input[0] = 0xa9, tx.input[1] = 0x05, tx.input[2] = 0x9c, tx.input[3] = 0xbb;
    tx.input[4 + 12] = 0xb0;
    tx.input[4 + 28] = uint8_t(i >> 24), tx.input[4 + 29] = uint8_t(i >> 16);
    tx.input[4 + 30] = uint8_t(i >> 8), tx.input[4 + 31] = uint8_t(i);
    tx.input[4 + 63] = 1;
  }
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
