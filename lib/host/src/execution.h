#pragma once
/// Frame execution of one transaction (protocol.md §5): frame creation, the interruption loop
/// over the runtime executor, syscall dispatch (§4) and child-frame settlement (§5.6, §5.7).
#include <cstdint>
#include <optional>
#include <span>

#include "gas.h"
#include "interlude/common/bytes.h"
#include "interlude/common/u256.h"
#include "interlude/host/host.h"
#include "interlude/runtime/executor.h"
#include "syscall_table.h"
#include "world_state.h"

namespace interlude::host {

/// REVM frame schemes (CALL_CODE is not served yet).
enum class FrameKind : uint8_t { Call, StaticCall, DelegateCall, Create, Create2 };

/// Inputs of one frame (REVM CallInputs / CreateInputs).
struct Message {
  FrameKind kind = FrameKind::Call;
  Address caller;        ///< contract.caller
  Address target;        ///< contract.address: whose state the frame runs on (Create*: derived)
  Address code_address;  ///< contract.bytecode_address: whose code runs (DELEGATECALL: the callee)
  U256 value;            ///< contract.value, wei (DELEGATECALL: the parent's value)
  bool transfer = false; ///< move `value` from caller to target when the frame starts
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
};

/// One interruption being served: the decoded request and bounded access to its input, which
/// stays in the suspended runtime's memory (§4.2 "Input access").
class SyscallRequest {
 public:
  SyscallRequest(const runtime::Executor& executor, uint32_t call_id, const runtime::SyscallInvocationParams& params)
      : executor_(executor), call_id_(call_id), params_(params) {}

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
  const runtime::Executor& executor_;
  uint32_t call_id_;
  const runtime::SyscallInvocationParams& params_;
};

/// Runs the frames of one transaction on a WorldState. Database errors (state::StateError)
/// propagate; every other failure is an exit code.
class Execution {
 public:
  /// `tx_nonce`: the transaction's nonce, as written into the context header (§9.2).
  Execution(runtime::Executor& executor, WorldState& world, const BlockEnv& env, const Transaction& tx,
            uint64_t tx_nonce, Tracer* tracer) noexcept
      : executor_(executor), world_(world), env_(env), tx_(tx), tx_nonce_(tx_nonce), tracer_(tracer) {}

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
  };

  /// Runs the frame's code: create preamble (Interlude "wasm deploy"), the executor's first
  /// segment, then the interruption loop. Returns the final exit code; `output` gets the output.
  int32_t execute(Frame& f, Bytes& output);
  /// Charges each segment's fuel (§5.5), serves interruptions and resumes until the frame ends.
  int32_t interruption_loop(Frame& f, runtime::ExecutionResult res, Bytes& output);
  /// The 1024-byte SharedContextInputV1 header (§9.2) followed by `payload`.
  Bytes frame_input(const Frame& f, ByteView payload) const;
  /// Decodes the syscall id and runs its handler; `name` gets the syscall name for the tracer.
  SyscallOutcome dispatch(Frame& f, const SyscallRequest& rq, const char*& name);

#define INTERLUDE_DECLARE_SYSCALL(id, name, handler) SyscallOutcome handler(Frame& f, const SyscallRequest& rq);
  INTERLUDE_HOST_SYSCALLS(INTERLUDE_DECLARE_SYSCALL)
#undef INTERLUDE_DECLARE_SYSCALL

  /// CALL / STATIC_CALL / DELEGATE_CALL (§4.4).
  SyscallOutcome call_family(Frame& f, const SyscallRequest& rq, FrameKind kind);
  /// CREATE / CREATE2 (§4.4).
  SyscallOutcome create_family(Frame& f, const SyscallRequest& rq, FrameKind kind);
  /// Returns a finished child's gas to `f` (§5.6) and builds the parent's resume (§2.5, §5.7).
  SyscallOutcome settle_child(Frame& f, const FrameResult& child);
  /// EIP-2929 account access: 100 warm, 2600 cold; a cold account that the frame cannot pay
  /// for is not loaded (skip-cold). False: not enough gas.
  bool access_account(Frame& f, const Address& address);

  runtime::Executor& executor_;
  WorldState& world_;
  const BlockEnv& env_;
  const Transaction& tx_;
  uint64_t tx_nonce_;
  Tracer* tracer_;
  uint32_t interruptions_ = 0;
};

}  // namespace interlude::host
