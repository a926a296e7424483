#pragma once
// The root-STF workloads shared by host_bench.cpp (Google Benchmark) and host_path.cpp
// (interlude-hostpath, for callgrind): the same contracts, deploy and transactions.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "interlude/host/host.h"
#include "interlude/state/state.h"

namespace interlude::bench {

/// The account that deploys and sends everything (funded with 10^18 wei by deploy()).
inline const Address kSender = *address_from_hex("a11ce00000000000000000000000000000000000");

/// build/contracts/<name>.wasm (INTERLUDE_CONTRACT_DIR); empty if it cannot be read.
Bytes contract_code(const std::string& name);

/// Funds kSender and deploys `code` from it in block 1 (env.number is then 2); the contract's
/// address, or nullopt if the deploy failed.
std::optional<Address> deploy(state::State& state, host::Host& host, host::BlockEnv& env, Bytes code);

/// A call of bench/contracts/sload_loop.c at `contract` doing `reads` SLOADs of one slot.
host::Transaction sload_loop_call(const Address& contract, uint32_t reads);

/// `count` ERC-20 `transfer(address,uint256)` (0xa9059cbb) calls of `token`: recipient i
/// (0xb0 followed by i as the address's last 4 bytes, big-endian) gets 1 base unit.
std::vector<host::Transaction> token_transfers(const Address& token, uint32_t count);

}  // namespace interlude::bench
