#pragma once
// The fixture shared by the host test files: a sender EOA and two script contracts.
#include <gtest/gtest.h>

#include <algorithm>
#include <initializer_list>

#include "host_test_util.h"

namespace interlude::host::test {

class HostTest : public ::testing::Test {
 protected:
  static constexpr uint64_t kGas = 1'000'000;
  static constexpr uint64_t kWei = 1'000'000'000'000'000'000ull;

  Chain chain;
  const Address sender = addr(0x5e);  ///< EOA with 10^18 wei
  const Address a = addr(0xa1);       ///< script contract, nonce 1, 1000 wei
  const Address b = addr(0xb1);       ///< script contract, nonce 1, no balance
  const Bytes script = wasm("script");

  HostTest() {
    chain.put(sender, kWei);
    chain.put(a, 1000, 1, script);
    chain.put(b, 0, 1, script);
  }

  /// Calls `a` with program `s`.
  Receipt run(const Script& s, uint64_t gas = kGas, Tracer* tracer = nullptr) {
    return chain.apply(call_tx(sender, a, s, gas), tracer);
  }
  /// Expected gas_used of run(s) that succeeds: intrinsic + the script's own execution gas (given
  /// the return-data sizes of its EXECs) + `other` (syscalls and children), at least the floor.
  uint64_t expected(const Script& s, std::initializer_list<uint64_t> returns, uint64_t other) const {
    Transaction tx = call_tx(sender, a, s, kGas);
    return std::max(intrinsic_gas(tx) + s.execution_gas(returns) + other, floor_gas(tx));
  }
};

/// Concatenation of byte strings.
inline Bytes cat(std::initializer_list<ByteView> parts) {
  Bytes out;
  for (ByteView p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

}  // namespace interlude::host::test
