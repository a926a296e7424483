#pragma once
/// Helpers of the end-to-end tests: a fixture that runs transactions with Host::apply_block on an
/// in-memory state, the example contracts from the build tree, and the Solidity ABI pieces the tests
/// compare outputs, storage slots and logs with (computed independently of the contracts' SDK).
#include <gtest/gtest.h>

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "interlude/common/bytes.h"
#include "interlude/common/keccak.h"
#include "interlude/common/u256.h"
#include "interlude/host/host.h"
#include "interlude/state/state.h"

namespace interlude {

/// gtest printers: hex instead of byte dumps.
template <size_t N>
void PrintTo(const FixedBytes<N>& b, std::ostream* os) {
  *os << to_hex(b);
}
inline void PrintTo(const U256& v, std::ostream* os) { *os << v.to_hex(); }

namespace e2e {

inline const Address ALICE = *address_from_hex("a11ce00000000000000000000000000000000000");
inline const Address BOB = *address_from_hex("b0b0000000000000000000000000000000000000");
inline const Address COINBASE = *address_from_hex("c0ffee0000000000000000000000000000000000");
/// 10^18 wei; also one token (18 decimals).
inline const U256 ETHER = U256(1'000'000'000'000'000'000ull);

/// The bytes of build/contracts/<name>.wasm (the module of an example contract).
Bytes contract_code(const std::string& name);

/// Solidity ABI: a 32-byte word holding a uint256 (BE) or an address (12 zero bytes + 20).
Bytes32 word(const U256& v);
Bytes32 word(const Address& a);
/// Selector (BE) followed by the argument words.
Bytes abi_call(uint32_t selector, std::initializer_list<Bytes32> args = {});
/// ABI encoding of one dynamic string: offset 0x20, length, data zero-padded to 32 bytes.
Bytes abi_string(std::string_view s);
/// Solidity revert data Error(string): 0x08c379a0 ‖ abi_string(message).
Bytes error_string(std::string_view message);
/// keccak256 of an event or function signature ("Transfer(address,address,uint256)").
Bytes32 signature_hash(std::string_view signature);
/// Solidity storage slot of mapping[key] for a mapping at `slot`: keccak256(key ‖ slot BE).
U256 mapping_slot(const Bytes32& key, const U256& slot);
/// Concatenation.
Bytes concat(std::initializer_list<ByteView> parts);

/// Records the Tracer callbacks as text lines, e.g. "frame_start 0 CALL",
/// "interruption 0 1 STORAGE_READ 0", "frame_end 0 0".
class RecordingTracer : public host::Tracer {
 public:
  std::vector<std::string> lines;
  void frame_start(uint32_t depth, const char* kind, const Address& caller, const Address& target,
                   const U256& value, uint64_t gas, uint64_t input_len) override;
  void frame_end(uint32_t depth, int32_t exit_code, uint64_t gas_used, uint64_t output_len) override;
  void interruption(uint32_t depth, uint32_t call_id, const char* syscall, uint64_t input_len,
                    uint64_t gas_before, uint64_t gas_after, int32_t exit_code) override;
};

/// Fixture: ALICE and BOB hold 1000 ether each; every transaction runs in its own block
/// (numbers 1, 2, ...) with gas price 0.
class E2ETest : public ::testing::Test {
 protected:
  E2ETest();

  /// Applies one transaction as a block and returns its receipt.
  host::Receipt apply(const host::Transaction& tx, host::Tracer* tracer = nullptr);
  /// A call transaction.
  host::Receipt send(const Address& from, const Address& to, Bytes input, uint64_t gas = 1'000'000,
                     host::Tracer* tracer = nullptr);
  /// A creation transaction with `init_code`.
  host::Receipt create(const Address& from, Bytes init_code, uint64_t gas = 2'000'000);
  /// Deploys the example `name` from `from`; expects success and returns the address.
  Address deploy(const std::string& name, const Address& from = ALICE);
  /// Host::call (eth_call) from ALICE; expects success and returns the output.
  Bytes view(const Address& to, Bytes input);
  /// The token's balance of `owner` from storage (slot keccak256(owner ‖ 0)).
  U256 token_balance(const Address& token, const Address& owner) const;

  std::unique_ptr<state::State> state_;
  host::Host host_;
  host::BlockEnv env_;
};

/// Expects `log` to be {address, topics, data}.
void expect_log(const host::Log& log, const Address& address, const std::vector<Bytes32>& topics,
                const Bytes& data);

}  // namespace e2e
}  // namespace interlude
