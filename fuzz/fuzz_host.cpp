// Fuzz target (c): the root-STF (Layer B) fed arbitrary syscall requests from live frames. The
// input is the calldata of one transaction to the script contract (test/host/wat/script.wat),
// whose program format lets the input choose every _exec: syscall id, STATE_MAIN or another
// state, fuel limit and input bytes (protocol.md §4.1). Three script accounts exist, so CALL,
// STATIC_CALL, DELEGATE_CALL and CALL_CODE reach further live frames. Each input runs on a fresh
// in-memory state; the block must end with exactly one receipt and gas within the limit.
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <vector>

#include "interlude/common/keccak.h"
#include "interlude/host/host.h"
#include "interlude/state/state.h"

namespace {
using namespace interlude;

constexpr uint64_t GAS_LIMIT = 100'000;  // small, so that a SPIN costs little fuzzing time

Address addr(uint8_t b) {
  Address a;
  a.bytes[19] = b;
  return a;
}

Bytes read_script() {
  std::ifstream f(FUZZ_SCRIPT_WASM, std::ios::binary);
  if (!f) std::abort();
  return Bytes(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
}

/// Genesis: sender 0x..01 with 10^24 wei, script contracts at 0x..a1, 0x..a2, 0x..a3.
state::BlockDiff genesis() {
  static const Bytes script = read_script();
  state::BlockDiff diff;
  state::Account sender;
  sender.balance = U256::parse("1000000000000000000000000").value();
  diff.accounts[addr(0x01)].info = sender;
  state::Account contract;
  contract.balance = U256(1'000'000);
  contract.code_hash = keccak256(script);
  diff.codes[contract.code_hash] = script;
  for (uint8_t a : {0xa1, 0xa2, 0xa3}) diff.accounts[addr(a)].info = contract;
  return diff;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const state::BlockDiff alloc = genesis();
  static host::Host host;
  auto state = state::make_memory_state();
  state->commit(alloc);
  host::BlockEnv env;
  env.coinbase = addr(0xcb);
  host::Transaction tx;
  tx.sender = addr(0x01);
  tx.to = addr(0xa1);
  tx.input = Bytes(data, data + size);
  tx.gas_limit = GAS_LIMIT;
  tx.gas_price = U256(1);
  host::BlockResult result = host.apply_block(*state, env, std::span(&tx, 1));
  if (result.receipts.size() != 1 || result.gas_used > GAS_LIMIT) std::abort();
  return 0;
}
