#pragma once
/// Layer B: the root state-transition function (protocol.md §4, §5). Runs transactions as
/// frames on the runtime executor, serves every interruption (syscall) against a journaled view
/// of the state, charges EVM gas (Prague schedule), and commits one BlockDiff per block.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "interlude/common/bytes.h"
#include "interlude/common/u256.h"
#include "interlude/state/state.h"

namespace interlude::host {

/// Block environment (go-ethereum t8n `env`). Fills the context header (protocol.md §9.2).
struct BlockEnv {
  uint64_t chain_id = 1337;
  Address coinbase;
  uint64_t timestamp = 0;
  uint64_t number = 0;
  U256 difficulty;
  Bytes32 prev_randao;
  uint64_t gas_limit = 100'000'000;
  U256 base_fee;  ///< wei per gas; burned (EIP-1559); the coinbase gets the priority part.
  /// Hashes of recent blocks for BLOCK_HASH (number -> hash).
  std::map<uint64_t, Bytes32> block_hashes;
};

/// An unsigned transaction (the sender is given, not recovered).
struct Transaction {
  Address sender;
  std::optional<Address> to;  ///< nullopt: contract creation with `input` as init code.
  U256 value;                 ///< wei.
  Bytes input;                ///< calldata or init code.
  uint64_t gas_limit = 0;     ///< gas.
  /// Legacy: the gas price. With max_priority_fee_per_gas set (EIP-1559): max fee per gas.
  U256 gas_price;
  std::optional<U256> max_priority_fee_per_gas;
  /// Expected sender nonce; nullopt means "the sender's current nonce".
  std::optional<uint64_t> nonce;
};

/// A log record (EMIT_LOG): emitting account, 0..4 topics, data.
struct Log {
  Address address;
  std::vector<Bytes32> topics;
  Bytes data;
};

enum class TxStatus : uint8_t {
  Success,   ///< top frame ended Ok.
  Revert,    ///< top frame ended Panic (-1) or another revert-class result; unused gas returned.
  Halt,      ///< any other failure; all gas consumed.
  Rejected,  ///< invalid transaction (nonce, funds, intrinsic gas, block gas): not executed, no state change.
};

/// Receipt of one transaction.
struct Receipt {
  TxStatus status = TxStatus::Rejected;
  std::string error;              ///< Rejected: the reason ("nonce too low: ..."); else empty.
  int32_t exit_code = 0;          ///< final ExitCode of the top frame.
  uint64_t gas_used = 0;          ///< after refunds (and the EIP-7623 floor).
  uint64_t gas_refunded = 0;      ///< refund applied (EIP-3529 capped).
  uint64_t cumulative_gas_used = 0;
  U256 effective_gas_price;
  Bytes output;                   ///< return data or revert data of the top frame.
  std::vector<Log> logs;          ///< only for Success.
  std::optional<Address> created_address;  ///< for a successful creation.
  uint32_t interruptions = 0;     ///< number of syscalls served for this transaction.
};

struct BlockResult {
  std::vector<Receipt> receipts;
  uint64_t gas_used = 0;
};

/// Observer of execution (`interlude apply --trace`). Costs nothing when absent.
/// All callbacks are deterministic: no timing, no addresses of objects.
class Tracer {
 public:
  virtual ~Tracer() = default;
  /// Transaction `index` (its position in the block) starts; a rejected transaction gets this
  /// event and no other.
  virtual void tx_start(uint32_t index) { (void)index; }
  /// A frame starts. kind: "CALL", "STATICCALL", "CALLCODE", "DELEGATECALL", "CREATE", "CREATE2".
  virtual void frame_start(uint32_t depth, const char* kind, const Address& caller, const Address& target,
                           const U256& value, uint64_t gas, uint64_t input_len) = 0;
  /// A frame ends with its final exit code and the gas it used.
  virtual void frame_end(uint32_t depth, int32_t exit_code, uint64_t gas_used, uint64_t output_len) = 0;
  /// One interruption served: syscall name ("STORAGE_READ", or "UNKNOWN"), input length in bytes,
  /// the frame's remaining gas before and after serving it, and the exit code the frame is resumed
  /// with (or halted with).
  virtual void interruption(uint32_t depth, uint32_t call_id, const char* syscall, uint64_t input_len,
                            uint64_t gas_before, uint64_t gas_after, int32_t exit_code) = 0;
};

/// A wasm system runtime added to the system set (protocol.md §3.8, §7.6): a frame whose
/// `account_owner ?? bytecode address` (§5.3 step 4) is `address` runs the module stored at that
/// address in system mode, with the envelopes and commit rules of §6.
struct SystemRuntimeConfig {
  Address address;
  /// Slots of the frame's target read before the frame starts and passed in its
  /// RuntimeNewFrameInputV1 (§5.3 step 4): 2100 gas cold / 100 warm each, given back for every
  /// slot the outcome does not list as touched (§6.5 step 4).
  std::vector<U256> preload_slots;
};

/// Chain configuration of the root-STF besides the block environment. It is consensus: every
/// node of a chain needs the same one.
struct HostConfig {
  /// Added to the reference system set of §7.6; an entry replaces a reference one at its address.
  std::vector<SystemRuntimeConfig> system_runtimes;
};

/// The root-STF. Holds the runtime executor (module cache) across blocks.
class Host {
 public:
  /// A root-STF with the default HostConfig.
  Host();
  explicit Host(HostConfig config);
  ~Host();
  Host(const Host&) = delete;
  Host& operator=(const Host&) = delete;

  /// Applies `txs` in order on top of `state` and commits the block's changes with a single
  /// State::commit (block_number = env.number). Throws state::StateError if the backend fails
  /// (then nothing is committed).
  BlockResult apply_block(state::State& state, const BlockEnv& env, std::span<const Transaction> txs,
                          Tracer* tracer = nullptr);

  /// Executes `tx` against `state` and discards every change (eth_call). No nonce or balance
  /// checks for gas; the value transfer still needs funds.
  Receipt call(const state::State& state, const BlockEnv& env, const Transaction& tx, Tracer* tracer = nullptr);

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

/// Contract address of a CREATE by `sender` with `nonce`: keccak256(rlp([sender, nonce]))[12..].
Address create_address(const Address& sender, uint64_t nonce) noexcept;
/// CREATE2 address: keccak256(0xff ‖ sender ‖ salt ‖ keccak256(init_code))[12..] (EIP-1014).
Address create2_address(const Address& sender, const Bytes32& salt_be, ByteView init_code) noexcept;

}  // namespace interlude::host
