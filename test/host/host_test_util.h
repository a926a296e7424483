#pragma once
// Test helpers for lib/host: a chain on the in-memory state, transaction builders, a builder for
// programs of the script contract (wat/script.wat) with its exact fuel model, and a tracer that
// records events. No mocks: everything runs on the real host, runtime, engine and state.
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "interlude/common/bytes.h"
#include "interlude/common/u256.h"
#include "interlude/host/host.h"
#include "interlude/state/state.h"

namespace interlude::host::test {

/// Address with every byte zero except the last: 0x00..00<b>.
Address addr(uint8_t b);
/// Bytes of a string.
Bytes bytes(std::string_view s);
/// A module compiled from test/host/wat/<name>.wat at build time.
Bytes wasm(std::string_view name);
/// `module` with a custom section `name` holding `contents` appended (e.g. deploy input).
Bytes with_custom_section(Bytes module, std::string_view name, ByteView contents);
/// i32 little-endian bytes (how the script contract reports an _exec exit code).
Bytes le32(int32_t v);
/// 32-byte little-endian encoding of `v` (syscall U256 encoding).
Bytes le256(const U256& v);

/// Syscall id bytes (protocol.md §4.1).
enum Syscall : uint8_t {
  STORAGE_READ = 0x01,
  STORAGE_WRITE = 0x02,
  CALL = 0x03,
  STATIC_CALL = 0x04,
  CALL_CODE = 0x05,
  DELEGATE_CALL = 0x06,
  CREATE = 0x07,
  CREATE2 = 0x08,
  EMIT_LOG = 0x09,
  DESTROY_ACCOUNT = 0x0a,
  BALANCE = 0x0b,
  SELF_BALANCE = 0x0c,
  CODE_SIZE = 0x0d,
  CODE_HASH = 0x0e,
  CODE_COPY = 0x0f,
  TRANSIENT_READ = 0x11,
  TRANSIENT_WRITE = 0x12,
  BLOCK_HASH = 0x13,
  METADATA_WRITE = 0x40,
  METADATA_SIZE = 0x41,
  METADATA_CREATE = 0x42,
  METADATA_COPY = 0x43,
  METADATA_STORAGE_READ = 0x44,
  METADATA_STORAGE_WRITE = 0x45,
  METADATA_ACCOUNT_OWNER = 0x46,
  UPGRADE_EVM_RUNTIME = 0xfe,
  UPGRADE_WASM_RUNTIME = 0xff,
};

/// A program for wat/script.wat (see the command list there).
class Script {
 public:
  /// EXEC: `_exec(id, input, fuel16 = [fuel_limit, 0], state)`; appends code i32 ‖ return data.
  Script& exec(uint8_t syscall, ByteView input, uint64_t fuel_limit = UINT64_MAX, uint8_t state = 0);
  Script& sload(const U256& slot);
  Script& sstore(const U256& slot, const U256& value);
  Script& call(const Address& to, const U256& value, ByteView calldata, uint64_t fuel_limit = UINT64_MAX);
  Script& static_call(const Address& to, ByteView calldata);
  Script& call_code(const Address& to, const U256& value, ByteView calldata);
  Script& delegate_call(const Address& to, ByteView calldata);
  Script& create(const U256& value, ByteView init_code);
  Script& create2(const U256& value, const U256& salt, ByteView init_code);
  Script& emit_log(std::vector<Bytes32> topics, ByteView data);
  Script& exit(int32_t code);
  Script& write(ByteView data);
  Script& spin();
  Script& resume();
  Script& trap();

  const Bytes& bytes() const { return program_; }
  operator ByteView() const { return program_; }  // NOLINT(google-explicit-constructor)

  /// Fuel of each execution segment of one run of this program in `main` or `deploy`, given
  /// the return-data length of each EXEC that ran (in order); the run ends at the end of the
  /// program, at EXIT, or at the EXEC after which `return_sizes` has no entry (a halt).
  /// Mirrors the region costs annotated in wat/script.wat.
  std::vector<uint64_t> segment_fuel(std::span<const uint64_t> return_sizes) const;
  /// Gas the frame pays for its own execution: Σ ceil(segment fuel / 20) (protocol.md §5.5).
  uint64_t execution_gas(std::span<const uint64_t> return_sizes) const;
  uint64_t execution_gas(std::initializer_list<uint64_t> return_sizes) const {
    return execution_gas(std::span<const uint64_t>(return_sizes.begin(), return_sizes.size()));
  }

 private:
  struct Command {
    uint8_t op;
    uint64_t len;  ///< EXEC input length or WRITE length
  };
  Script& op(uint8_t code, ByteView payload, uint64_t len);
  Bytes program_;
  std::vector<Command> commands_;
};

/// _exec fuel for an input of `len` bytes: Quadratic(3, 512) × 20 (protocol.md §1.2).
uint64_t exec_fuel(uint64_t len);

/// Intrinsic gas of a transaction and its EIP-7623 floor, as the tests expect them.
uint64_t intrinsic_gas(const Transaction& tx);
uint64_t floor_gas(const Transaction& tx);

Transaction call_tx(const Address& from, const Address& to, ByteView input, uint64_t gas, const U256& value = U256());
Transaction create_tx(const Address& from, ByteView init_code, uint64_t gas, const U256& value = U256());

/// A block builder over the in-memory state: genesis accounts, then apply_block.
class Chain {
 public:
  Chain();
  BlockEnv env;
  Host host;

  /// Writes an account directly into the state (genesis).
  void put(const Address& a, const U256& balance, uint64_t nonce = 0, ByteView code = {});
  /// Genesis storage value.
  void put_storage(const Address& a, const U256& slot, const U256& value);
  BlockResult apply(std::vector<Transaction> txs, Tracer* tracer = nullptr);
  Receipt apply(Transaction tx, Tracer* tracer = nullptr);

  state::State& state() { return *state_; }
  U256 storage(const Address& a, const U256& slot) const { return state_->storage(a, slot); }
  U256 balance(const Address& a) const;
  uint64_t nonce(const Address& a) const;
  /// Code stored at `a` (empty if none).
  Bytes code(const Address& a) const;

 private:
  std::unique_ptr<state::State> state_;
};

/// Records tracer callbacks as text lines, e.g. "start 0 CALL", "int 0 1 STORAGE_READ 0", "end 0 0".
class RecordingTracer : public Tracer {
 public:
  std::vector<std::string> events;
  std::vector<uint32_t> call_ids;
  std::vector<uint64_t> syscall_gas;  ///< gas_before - gas_after of each interruption
  void frame_start(uint32_t depth, const char* kind, const Address& caller, const Address& target, const U256& value,
                   uint64_t gas, uint64_t input_len) override;
  void frame_end(uint32_t depth, int32_t exit_code, uint64_t gas_used, uint64_t output_len) override;
  void interruption(uint32_t depth, uint32_t call_id, const char* syscall, uint64_t input_len, uint64_t gas_before,
                    uint64_t gas_after, int32_t exit_code) override;
};

}  // namespace interlude::host::test
