#pragma once
/// Layer A: the `fluentbase_v1preview` import table and the executor (protocol.md §1 and §3).
///
/// The executor runs wasm modules on the engine in contract mode or system mode (§3.8), suspends
/// them at an interruption, hands call_ids to the host, and resumes them; in root mode it also
/// runs a wasm root-STF at depth 0 (Interlude profile "root mode"). It MUST NOT know about
/// state, gas or syscalls: the host (Layer B) interprets the 64-byte request and the envelopes.
#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "interlude/common/bytes.h"
#include "interlude/runtime/exit_code.h"
#include "interlude/wasm/engine.h"

namespace interlude::runtime {

/// 1 gas = 20 fuel (protocol.md §5.5).
inline constexpr uint64_t FUEL_DENOM_RATE = 20;
/// `_state()` values (protocol.md §8).
inline constexpr uint32_t STATE_MAIN = 0;
inline constexpr uint32_t STATE_DEPLOY = 1;
/// Runtime nesting limit (CallDepthOverflow above it).
inline constexpr uint32_t CALL_STACK_LIMIT = 1024;
/// Sum of linear memory of suspended contract runtimes plus a new one (OutOfMemory above it).
inline constexpr uint64_t MAX_IN_FLIGHT_MEMORY_BYTES = 1536ull << 20;
/// Cap on the total output (`_write` + `_forward_output`) of one contract frame (Interlude profile).
inline constexpr uint64_t MAX_FRAME_OUTPUT_BYTES = 1u << 20;
/// Contract memory limit in 64 KiB pages (64 MiB).
inline constexpr uint32_t CONTRACT_MAX_MEMORY_PAGES = 1024;
/// Contract value-stack limit in 8-byte slots (512 KiB): bounds what a suspended frame holds
/// besides its memory, so the in-flight cap covers it (exceeding it traps StackOverflow).
inline constexpr uint32_t CONTRACT_MAX_VALUE_STACK = 1u << 16;
/// System-runtime memory limit in 64 KiB pages (2 GiB, protocol.md §3.8, §8).
inline constexpr uint32_t SYSTEM_MAX_MEMORY_PAGES = 32768;
/// Size of the SharedContextInputV1 header in front of a contract's input (protocol.md §9.2).
inline constexpr uint32_t CONTEXT_HEADER_SIZE = 1024;

/// SyscallInvocationParams: the 64-byte interruption request (protocol.md §3.4).
///
///   off size field
///    0   32  code_hash (syscall id), raw bytes
///   32    8  fuel_limit  u64 LE
///   40    4  state       u32 LE
///   44    4  fuel16_ptr  u32 LE
///   48    8  input.start u64 LE
///   56    8  input.end   u64 LE
struct SyscallInvocationParams {
  Bytes32 code_hash;
  uint64_t fuel_limit = 0;
  uint32_t state = 0;
  uint32_t fuel16_ptr = 0;
  uint64_t input_start = 0;
  uint64_t input_end = 0;

  static constexpr size_t kEncodedSize = 64;
  std::array<uint8_t, kEncodedSize> encode() const noexcept;
  /// Decodes the first 64 bytes (trailing bytes are accepted); nullopt if shorter.
  static std::optional<SyscallInvocationParams> decode(std::span<const uint8_t> bytes) noexcept;
};

/// The outcome of one execution segment (a first run or a resume).
struct ExecutionResult {
  /// <= 0: final ExitCode of the frame; > 0: the call_id of a new suspension, whose request is
  /// `request`.
  int32_t exit_code = 0;
  /// Fuel spent by this segment, excluding host-charged fuel passed to resume (protocol.md §3.5).
  uint64_t fuel_consumed = 0;
  int64_t fuel_refunded = 0;
  /// Final: the frame's output (`_write`/`_forward_output`). Interruption of a contract-mode
  /// frame: empty. Interruption of a system-mode frame: the runtime's own output, whose first 64
  /// bytes are its request (§6.4); shorter than 64 bytes, it is malformed (§5.4).
  Bytes output;
  /// Interruption: the request (§3.4), held inline so that an interruption allocates nothing.
  /// Contract mode: the pending `_exec`'s. System mode: decoded from `output` (all zero if it is
  /// malformed). Final: unspecified.
  SyscallInvocationParams request;
  /// Interruption: read-only view of the suspended runtime's linear memory 0 (empty if it has
  /// none), which holds the request's input (§3.7): the host reads the input from it without a
  /// call_id lookup. Valid while the runtime stays suspended (its memory cannot change or move);
  /// it MUST NOT be used after resume or forget_runtime of that call_id, or
  /// reset_call_id_counter. Final: empty.
  std::span<const uint8_t> memory;
};

/// How a frame runs (protocol.md §3.8 with the Interlude profile "system mode").
enum class ExecutionMode : uint8_t {
  /// Untrusted contract: fuel per wasm operator plus the import fuel procedures (§1.2), entries
  /// `main()` / `deploy()`, suspended in place at `_exec`, 1024 pages of memory, counted toward the
  /// in-flight cap, output capped at MAX_FRAME_OUTPUT_BYTES.
  Contract,
  /// Trusted system runtime: self-metered (no operator fuel, no import fuel procedures; fuel
  /// consumed = the `_charge_fuel` amounts of the segment, and `_charge_fuel` traps OutOfFuel
  /// once their sum passes fuel_limit; `_fuel()` returns fuel_limit minus that sum), entries
  /// `main(i32, i32) -> i32` (called with 0, 0: the C argc/argv convention) and `deploy() -> i32`
  /// whose result is the exit code, SYSTEM_MAX_MEMORY_PAGES of memory, not counted toward the
  /// in-flight cap, output not capped. `_exit` keeps every defined code (-3, -3001 and -3002
  /// included); positive codes become NonNegativeExitCode and undefined ones UnknownError.
  /// Exit code InterruptionCalled (-3) is an interruption (§3.8, §6.4): the frame gets a call_id
  /// and its output (the 64-byte request with fuel16_ptr = 0, its input range in the runtime's
  /// own memory) is the result's output; resume() re-invokes the entry with the given return data
  /// (RuntimeInterruptionOutcomeV1) and an empty output. Each frame has its own instance, kept
  /// across its interruptions and dropped when the frame ends, so no state outlives a frame.
  /// Abnormal ends are UnexpectedFatalExecutionFailure (-3001): a module that does not compile,
  /// link or have these entries, a trap other than OutOfFuel (-2010), a suspension at `_exec`.
  System,
};

/// Everything needed to start a frame.
struct ExecuteParams {
  Bytes32 code_hash;                  ///< keccak256(code); with `mode`, the module cache key.
  std::span<const uint8_t> code;      ///< the wasm module bytes (as stored in the account).
  /// Contract mode: context header (1024 B) ‖ calldata or constructor params. System mode: the
  /// RuntimeNewFrameInputV1 envelope (protocol.md §6.2).
  Bytes input;
  uint64_t fuel_limit = 0;            ///< gas × 20.
  uint32_t state = STATE_MAIN;        ///< STATE_MAIN runs `main`, STATE_DEPLOY runs `deploy`.
  uint32_t call_depth = 1;            ///< runtime depth; the host runs every frame at depth 1.
  ExecutionMode mode = ExecutionMode::Contract;
};

/// Root mode's source of contract code: the module whose keccak256 is `code_hash`, or nullopt
/// if the embedder has none. The bytes must stay valid until the root run ends.
using CodeByHash = std::optional<std::span<const uint8_t>> (*)(void* env, const Bytes32& code_hash) noexcept;

/// Optional observer of `_debug_log` (off by default; never affects results).
using DebugLogSink = void (*)(void* env, std::span<const uint8_t> message) noexcept;

/// The executor: module cache, call_id table and suspended runtimes. One per thread; persists
/// across transactions; the host MUST call reset_call_id_counter() at the start of every
/// transaction.
class Executor {
 public:
  Executor() noexcept;
  ~Executor();
  Executor(const Executor&) = delete;
  Executor& operator=(const Executor&) = delete;

  /// Checks a module for deployment: decodes, validates and compiles it with the contract
  /// configuration, requires every import to be in the table with the exact signature, and
  /// requires exports `main` and `deploy` of type () -> (). Returns Ok, MalformedBuiltinParams
  /// (invalid module, unknown import, bad signature) or NotSupportedBytecode (SIMD). Caches the
  /// compiled module under keccak256(code) on success.
  ExitCode check_module(std::span<const uint8_t> code) noexcept;

  /// Runs a new frame (protocol.md §3.2) in `params.mode`. Never throws; every failure is an
  /// exit code.
  ExecutionResult execute(ExecuteParams params) noexcept;

  /// Root mode (Interlude profile "root mode", protocol.md §3.4, §3.6): runs `params` as a
  /// contract-mode frame at call_depth 0 (params.call_depth and params.mode are ignored) to its
  /// final exit code; it never interrupts. There:
  ///  - `_exec(hash32_ptr, input_ptr, input_len, fuel16_ptr, state)`, after its usual fuel
  ///    procedure, runs the contract whose code `code_by_hash` returns for the 32 bytes at
  ///    hash32_ptr, as execute() does at call_depth 1 with a copy of the input bytes, the fuel
  ///    limit of §3.3 step 2 and `state`; an unknown hash gives MalformedBuiltinParams with no
  ///    fuel consumed. Input or fuel16 outside the root's memory traps MemoryOutOfBounds.
  ///  - `_resume(call_id, ret_ptr, ret_len, exit_code, fuel16_ptr)` reads ret_len bytes and, if
  ///    fuel16_ptr != 0, the pair {fuel_consumed u64 LE, fuel_refunded i64 LE} at fuel16_ptr
  ///    (otherwise 0, 0), then calls resume() with them (OOB traps MemoryOutOfBounds).
  /// Either returns the nested segment's exit code: its final exit code (<= 0), or the call_id
  /// (> 0) of its new interruption. The nested output becomes the root's return data
  /// (`_output_size`, `_read_output`); after an interruption that is the 64-byte request followed
  /// by a copy of the request's input bytes from the suspended runtime's memory (only the 64
  /// bytes if that range is outside its memory). If fuel16_ptr != 0, {fuel_consumed,
  /// fuel_refunded} of the nested segment are written there. The root's store is charged the
  /// nested segment's fuel_consumed (trap OutOfFuel if it cannot pay), so the root's fuel_limit
  /// bounds all the work it drives. Runtimes still suspended when the root ends stay suspended
  /// until reset_call_id_counter().
  ExecutionResult execute_root(ExecuteParams params, CodeByHash code_by_hash, void* env) noexcept;

  /// Resumes the runtime suspended under `call_id` (protocol.md §3.5): sets its return data;
  /// contract mode: writes the fuel pair to its fuel16 buffer if it gave one, charges
  /// `fuel_consumed`, and continues with `exit_code` as the result of the pending `_exec`; system
  /// mode: ignores the exit code and the fuel pair and re-invokes the entry with an empty output.
  /// Unknown call_id: {UnknownError, fuel_consumed = the argument}.
  /// `return_data` is copied into the frame (whose buffer is reused, so a resume allocates
  /// nothing once the frame's return data has reached its size).
  ExecutionResult resume(uint32_t call_id, std::span<const uint8_t> return_data, int32_t exit_code,
                         uint64_t fuel_consumed, int64_t fuel_refunded) noexcept;

  /// Reads the suspended runtime's memory (the host reads syscall inputs this way, §3.7).
  /// False for an unknown call_id or an out-of-bounds range.
  bool memory_read(uint32_t call_id, uint64_t offset, std::span<uint8_t> out) const noexcept;

  /// Drops the runtime suspended under `call_id` (no-op if absent).
  void forget_runtime(uint32_t call_id) noexcept;

  /// Sets the call_id counter to 1 and drops every suspended runtime (§3.1).
  void reset_call_id_counter() noexcept;

  /// White-box hook (adversarial T11); hosts never need it: the call_id the next interruption
  /// gets, suspended runtimes kept. An interruption whose call_id would pass INT32_MAX, or would
  /// not be above every suspended call_id, fails with UnknownError (fuel consumed so far charged)
  /// and leaves every suspended runtime in place.
  void set_next_call_id(uint32_t call_id) noexcept;

  /// Number of suspended runtimes (for tests).
  size_t suspended_count() const noexcept;

  void set_debug_log_sink(DebugLogSink sink, void* env) noexcept;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace interlude::runtime
