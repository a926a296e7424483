#pragma once
/// The per-frame context shared by the executor and the import handlers (protocol.md §1.4
/// RuntimeContext). A Frame lives on the heap at a fixed address: every bound import receives it
/// as its `env`, and it survives suspension together with its instance.
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "interlude/common/bytes.h"
#include "interlude/runtime/executor.h"
#include "interlude/wasm/engine.h"

namespace interlude::runtime {

/// The `_debug_log` observer; owned by the executor, shared by its frames.
struct DebugLog {
  DebugLogSink sink = nullptr;
  void* env = nullptr;
};

/// Root mode: the `_resume` a root frame is suspended at (protocol.md §3.6), served by
/// Executor::execute_root.
struct RootResume {
  uint32_t call_id = 0;
  Bytes return_data;
  int32_t exit_code = 0;
  uint64_t fuel_consumed = 0;  ///< from the root's fuel16 buffer (0 without one).
  int64_t fuel_refunded = 0;
  uint32_t fuel16_ptr = 0;
};

struct Frame {
  std::unique_ptr<wasm::Instance> instance;
  Bytes input;        ///< context header ‖ payload (`_read`, `_input_size`).
  Bytes output;       ///< `_write` / `_forward_output`, capped at MAX_FRAME_OUTPUT_BYTES.
  Bytes return_data;  ///< bytes of the last resume (`_output_size`, `_read_output`, `_forward_output`).
  uint32_t state = STATE_MAIN;
  uint32_t call_depth = 1;
  /// funcidx of the entry (`main` or `deploy`); system mode re-invokes it on every resume.
  uint32_t entry = 0;
  /// Exit code of a halting import (`_exit`, or a "halt with code X" of §1.4); 0 otherwise.
  int32_t exit_code = 0;
  /// Set by a halting import; lets the executor see a halt inside the start function.
  bool halted = false;
  /// The request of the `_exec` this frame is suspended at (§3.3).
  SyscallInvocationParams pending;
  /// Root mode: set while the frame is suspended at `_resume` instead of `_exec`.
  std::optional<RootResume> root_resume;
  const DebugLog* debug_log = nullptr;
  /// ExecutionMode::System: self-metered, no import fuel procedures, no output cap (§3.8).
  bool system = false;
  /// System mode: the `_charge_fuel` amounts of all segments (the budget is `fuel_limit`) and of
  /// the current segment, in fuel.
  uint64_t fuel_limit = 0;
  uint64_t system_fuel_charged = 0;
  uint64_t system_segment_fuel = 0;

  /// Bytes this frame holds toward MAX_IN_FLIGHT_MEMORY_BYTES: the instance's footprint
  /// (linear memory and value/frame stacks), input, output and return data (protocol.md §3.2,
  /// Interlude profile "output size"); 0 for a system frame.
  uint64_t in_flight_bytes() const noexcept {
    if (system) return 0;
    return instance->footprint_bytes() + uint64_t(input.size()) + uint64_t(output.size()) +
           uint64_t(return_data.size());
  }
};

/// The exit code a guest's `_exit(code)` (or a system entry's result) ends its frame with
/// (Interlude profile `_exit`): positive -> NonNegativeExitCode; undefined negatives ->
/// UnknownError; from a contract also -3, -3001 and -3002 -> UnknownError; other defined
/// codes stay.
int32_t guest_exit_code(const Frame& frame, int32_t code) noexcept;

/// The host function of each import of `module`, in import order; nullopt unless every import is
/// a function import of IMPORT_MODULE named in IMPORT_TABLE with exactly the table's functype.
std::optional<std::vector<wasm::HostFunction>> link_imports(const wasm::Module& module) noexcept;

/// Host-function bindings of `functions` (link_imports of a module) with `frame` as env, into
/// `bindings` (replacing its contents; its storage is reused).
void bind_imports(std::span<const wasm::HostFunction> functions, Frame& frame,
                  std::vector<wasm::HostImport>& bindings) noexcept;

}  // namespace interlude::runtime
