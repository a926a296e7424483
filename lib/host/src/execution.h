#pragma once
/// Frame execution of one transaction (protocol.md §5): frame creation, the interruption loop
/// over the runtime executor, syscall dispatch (§4) and child-frame settlement (§5.6, §5.7).
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <span>

#include "gas.h"
#include "interlude/common/bytes.h"
#include "interlude/common/u256.h"
#include "interlude/host/host.h"
#include "interlude/runtime/executor.h"
#include "runtime_accounts.h"
#include "syscall_table.h"
#include "system/registry.h"
#include "world_state.h"

namespace interlude::host {

/// REVM frame schemes.
enum class FrameKind : uint8_t { Call, StaticCall, CallCode, DelegateCall, Create, Create2 };

/// Inputs of one frame (REVM CallInputs / CreateInputs).
struct Message {
  FrameKind kind = FrameKind::Call;
  Address caller;        ///< contract.caller (CALLCODE: the parent's target)
  Address target;        ///< contract.address: whose state the frame runs on (Create*: derived)
  Address code_address;  ///< contract.bytecode_address: whose code runs (DELEGATECALL, CALLCODE: the callee)
  U256 value;            ///< contract.value, wei (DELEGATECALL: the parent's value)
  bool transfer = false; ///< move `value` from caller to target when the frame starts (CALLCODE: to itself)
  bool is_static = false;
  uint32_t depth = 0;    ///< top frame 0
  uint64_t gas_limit = 0;
  Bytes input;           ///< calldata, or the init code (a wasm module) for Create*
  Bytes32 salt;          ///< CREATE2 salt, big-endian bytes (EIP-1014)
};

/// §2.4 classes: Success (Ok), Revert (Panic, CallTooDeep, OutOfFunds), Halt (everything else).
enum class FrameStatus : uint8_t { Success, Revert, Halt };

/// The class of a frame's final exit code (§2.4): Ok -> Success; Panic and InsufficientBalance
/// (EVM OutOfFunds, revert class) -> Revert; every other code -> Halt.
FrameStatus frame_status(int32_t exit_code) noexcept;

/// The code a parent's `_exec` returns for a child that halted with `exit_code`: the §2.4 ->
/// §2.5 round trip through the EVM result, which is the identity except OutOfMemory (-1014,
/// EVM MemoryOutOfBounds) -> MemoryOutOfBounds (-2002).
int32_t halted_child_exit_code(int32_t exit_code) noexcept;

/// The code a call frame runs for the account at its bytecode address (§5.2, §5.3 step 1, §7.4).
struct AccountCode {
  Bytes32 code_hash;                     ///< the code to run; KECCAK_EMPTY: none
  std::optional<Address> account_owner;  ///< ownable account: its owner, whose code runs
  ByteView metadata;                     ///< ownable account: its metadata (§7.1); else empty
};

/// What CODE_SIZE, CODE_HASH and CODE_COPY report for an account (§4.4).
struct ExternalCode {
  ByteView code;  ///< CODE_SIZE is its length, CODE_COPY copies from it
  Bytes32 hash;   ///< CODE_HASH
};

/// How a frame ended. Halt: gas.remaining = 0 and empty output; Revert: refund dropped.
struct FrameResult {
  FrameStatus status = FrameStatus::Success;
  int32_t exit_code = 0;  ///< final ExitCode (-1 for a child that never started)
  Gas gas;
  Bytes output;                    ///< return or revert data
  std::optional<Address> created;  ///< Create* frames that succeeded
};

/// Outcome of one syscall (§4.2): Result resumes the runtime with (exit_code, output); Halt
/// ends the calling frame with exit_code. NewFrame syscalls run the child inline and give a Result.
struct SyscallOutcome {
  bool halt = false;
  int32_t exit_code = 0;
  Bytes output;
  /// A 32-byte output (a U256 LE: SLOAD, TLOAD, BALANCE, ...) is held here instead of in
  /// `output`, so these syscalls allocate nothing.
  std::array<uint8_t, 32> word{};
  bool is_word = false;

  /// The output bytes: `word` if is_word, else `output`.
  std::span<const uint8_t> data() const noexcept { return is_word ? std::span<const uint8_t>(word) : output; }
};

/// One interruption being served: the decoded request and bounded access to its input, which
/// stays in the suspended runtime's memory (§4.2 "Input access").
class SyscallRequest {
 public:
  /// `memory`: the suspended runtime's memory (ExecutionResult::memory), which holds the input.
  SyscallRequest(std::span<const uint8_t> memory, const runtime::SyscallInvocationParams& params)
      : memory_(memory), params_(params) {}

  const runtime::SyscallInvocationParams& params() const noexcept { return params_; }
  /// Input length in bytes (input.end - input.start; the dispatcher rejects end < start).
  uint64_t size() const noexcept { return params_.input_end - params_.input_start; }
  /// Copies input bytes [offset, offset + out.size()); false if outside the runtime's memory.
  bool read(uint64_t offset, std::span<uint8_t> out) const noexcept;
  /// `== N` validator (N = out.size()): wrong length or state -> Halt MalformedBuiltinParams;
  /// unreadable -> Result MemoryOutOfBounds; nullopt when `out` was filled.
  std::optional<SyscallOutcome> exact(std::span<uint8_t> out) const;
  /// `>= N` validator for the fixed prefix, same errors as exact().
  std::optional<SyscallOutcome> prefix(std::span<uint8_t> out) const;
  /// The variable tail [offset, size()), read after all gas is charged; nullopt if unreadable
  /// (the caller halts with MemoryOutOfBounds).
  std::optional<Bytes> tail(uint64_t offset) const;

 private:
  std::span<const uint8_t> memory_;
  const runtime::SyscallInvocationParams& params_;
};

/// Runs the frames of one transaction on a WorldState. Database errors (state::StateError)
/// propagate; every other failure is an exit code.
class Execution {
 public:
  /// `tx_nonce`: the transaction's nonce, as written into the context header (§9.2).
  Execution(runtime::Executor& executor, const system::Registry& system_runtimes, WorldState& world,
            const BlockEnv& env, const Transaction& tx, uint64_t tx_nonce, Tracer* tracer) noexcept
      : executor_(executor),
        system_runtimes_(system_runtimes),
        world_(world),
        env_(env),
        tx_(tx),
        tx_nonce_(tx_nonce),
        tracer_(tracer) {}

  /// Creates and runs a frame to completion (§5.2, §5.3), including all its children. A frame
  /// deeper than MAX_CALL_DEPTH or whose value transfer lacks funds does not start: it returns
  /// Revert with exit code -1 and all of its gas.
  FrameResult run_frame(Message m);

  /// Syscalls served so far in this transaction.
  uint32_t interruptions() const noexcept { return interruptions_; }

 private:
  struct Frame {
    const Message& msg;
    Gas gas;
    /// §7.4: the owner of the ownable account whose code (the owner's) the frame runs; the
    /// METADATA_* syscalls require it.
    std::optional<Address> account_owner;
    /// System mode (§3.8, §5.3 step 4): the frame's entry in the system set; nullptr: contract mode.
    const system::Runtime* system_runtime = nullptr;
    /// System mode: the gas each preloaded slot cost (§5.3 step 4), given back for the slots the
    /// outcome does not touch (§6.5 step 4).
    std::map<U256, uint64_t> preload_gas;
  };

  /// Hook "resolve the code to run for an account" (§5.3 step 1, §7.4): an ownable account
  /// (§7.1) runs its owner's code with account_owner = owner and its metadata; any other
  /// account runs its own code. System mode selects on account_owner ?? code_address (§5.3 step 4).
  AccountCode resolve_code(const Address& code_address) const;
  /// The §4.4 view of `address` for CODE_SIZE / CODE_HASH / CODE_COPY: EVM precompile addresses
  /// have no code and a zero hash; an ownable account owned by PRECOMPILE_EVM_RUNTIME shows the
  /// EVM code and hash of its EthereumMetadata (§7.7; empty code and zero hash if unreadable);
  /// any other account its stored code, and its code hash (zero for an EIP-161 empty account).
  /// A zero hash of a non-empty account reads as KECCAK_EMPTY.
  ExternalCode external_code(const Address& address) const;

  /// Runs the frame's code: create preamble (Interlude "wasm deploy"), the executor's first
  /// segment, then the interruption loop. Returns the final exit code; `output` gets the output.
  int32_t execute(Frame& f, Bytes& output);
  /// Charges each segment's fuel (§5.5), serves interruptions and resumes until the frame ends.
  int32_t interruption_loop(Frame& f, runtime::ExecutionResult res, Bytes& output);
  /// The 1024-byte SharedContextInputV1 header (§9.2) followed by `payload`.
  Bytes frame_input(const Frame& f, ByteView payload) const;

  // System mode (src/system/system_frame.cpp).
  /// RuntimeNewFrameInputV1 of a system frame (§5.3 step 4, §6.2): the context header (with the
  /// gas before the preloads), then each preload slot of the target read with the SLOAD pricing
  /// of STORAGE_READ (skip-cold); nullopt if the frame runs out of gas doing so.
  std::optional<system::NewFrameInput> system_frame_input(Frame& f, ByteView metadata);
  /// Runs a native system runtime (one segment; its fuel is charged as a segment's, §5.5).
  int32_t run_native_runtime(Frame& f, ByteView metadata, Bytes& output);
  /// §5.8 for a system frame that ended with `exit_code` and `output`: fatal codes stay
  /// undecoded (§6.5 step 1); an output that is not a RuntimeExecutionOutcomeV1 ends the frame
  /// with UnknownError (Interlude: a deterministic failure, nothing committed); else
  /// commit_outcome.
  int32_t finish_system_frame(Frame& f, int32_t exit_code, Bytes& output);
  /// The commit rules of §6.5 steps 3–9, in that order: the frame's output becomes the outcome's;
  /// preload gas of untouched slots goes back; unless the outcome's exit code is Ok nothing else
  /// happens; effects (storage, logs, new metadata, transfers) in a static frame end it with
  /// StateChangeDuringStaticCall (Interlude profile "static frames"); storage writes (no SSTORE
  /// pricing) and logs on the target; new metadata re-encodes the target as the frame's ownable
  /// account (none: UnknownError); transfers from the target (sum overflow: IntegerOverflow;
  /// short balance: InsufficientBalance). Returns the frame's exit code: `exit_code` unless a
  /// rule replaces it.
  int32_t commit_outcome(Frame& f, int32_t exit_code, system::ExecutionOutcome outcome, Bytes& output);
  /// Decodes the syscall id and runs its handler; `name` gets the syscall name for the tracer.
  SyscallOutcome dispatch(Frame& f, const SyscallRequest& rq, const char*& name);

#define INTERLUDE_DECLARE_SYSCALL(id, name, handler) SyscallOutcome handler(Frame& f, const SyscallRequest& rq);
  INTERLUDE_HOST_SYSCALLS(INTERLUDE_DECLARE_SYSCALL)
#undef INTERLUDE_DECLARE_SYSCALL

  /// CALL / STATIC_CALL / CALL_CODE / DELEGATE_CALL (§4.4).
  SyscallOutcome call_family(Frame& f, const SyscallRequest& rq, FrameKind kind);
  /// CREATE / CREATE2 (§4.4).
  SyscallOutcome create_family(Frame& f, const SyscallRequest& rq, FrameKind kind);
  /// Returns a finished child's gas to `f` (§5.6) and builds the parent's resume (§2.5, §5.7).
  SyscallOutcome settle_child(Frame& f, const FrameResult& child);
  /// EIP-2929 account access: 100 warm, 2600 cold; a cold account that the frame cannot pay
  /// for is not loaded (skip-cold). False: not enough gas.
  bool access_account(Frame& f, const Address& address);
  /// SLOAD / SSTORE of `slot` of `address` with the STORAGE_READ / STORAGE_WRITE pricing (§4.4):
  /// the target's storage, or the owner's for METADATA_STORAGE_READ / METADATA_STORAGE_WRITE.
  SyscallOutcome sload(Frame& f, const Address& address, const U256& slot);
  SyscallOutcome sstore(Frame& f, const Address& address, const U256& slot, const U256& value);
  /// METADATA_WRITE / METADATA_COPY ownership rule (§4.4): the ownable account at `address` if
  /// the frame's account owner (required set) owns it, else nullopt. Warms `address`.
  std::optional<OwnableAccount> owned_account(const Frame& f, const Address& address);
  /// UPGRADE_* gating (§4.4): static frame -> Halt -1010, a target other than
  /// PRECOMPILE_RUNTIME_UPGRADE -> Halt -1003, then the `>= 20` validator; fills `target` and
  /// `code` (the tail; unreadable -> Halt -2002) or returns the failure.
  std::optional<SyscallOutcome> upgrade_request(const Frame& f, const SyscallRequest& rq, Address& target, Bytes& code);

  runtime::Executor& executor_;
  const system::Registry& system_runtimes_;
  WorldState& world_;
  const BlockEnv& env_;
  const Transaction& tx_;
  uint64_t tx_nonce_;
  Tracer* tracer_;
  uint32_t interruptions_ = 0;
};

}  // namespace interlude::host
