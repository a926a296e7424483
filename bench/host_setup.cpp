#include "host_setup.h"

#include <fstream>
#include <iterator>
#include <span>

namespace interlude::bench {

Bytes contract_code(const std::string& name) {
  std::ifstream in(std::string(INTERLUDE_CONTRACT_DIR) + "/" + name + ".wasm", std::ios::binary);
  return Bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::optional<Address> deploy(state::State& state, host::Host& host, host::BlockEnv& env, Bytes code) {
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
  if (r.receipts.size() != 1 || r.receipts[0].status != host::TxStatus::Success) return std::nullopt;
  return r.receipts[0].created_address;
}

host::Transaction sload_loop_call(const Address& contract, uint32_t reads) {
  host::Transaction tx;
  tx.sender = kSender;
  tx.to = contract;
  tx.input = Bytes{uint8_t(reads), uint8_t(reads >> 8), uint8_t(reads >> 16), uint8_t(reads >> 24)};
  tx.gas_limit = 30'000'000;
  return tx;
}

std::vector<host::Transaction> token_transfers(const Address& token, uint32_t count) {
  std::vector<host::Transaction> txs(count);
  for (uint32_t i = 0; i < count; ++i) {
    host::Transaction& tx = txs[i];
    tx.sender = kSender;
    tx.to = token;
    tx.gas_limit = 100'000;
    tx.input = Bytes(4 + 64, 0);
    tx.input[0] = 0xa9, tx.input[1] = 0x05, tx.input[2] = 0x9c, tx.input[3] = 0xbb;
    tx.input[4 + 12] = 0xb0;
    for (int b = 0; b < 4; ++b) tx.input[4 + 28 + b] = uint8_t(i >> (24 - 8 * b));
    tx.input[4 + 63] = 1;
  }
  return txs;
}

}  // namespace interlude::bench
