#pragma once
/// The per-frame context shared by the executor and the import handlers (protocol.md §1.4
/// RuntimeContext). A Frame lives on the heap at a fixed address: every bound import receives it
/// as its `env`, and it survives suspension together with its instance.
#include <memory>
#include <optional>
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

struct Frame {
  std::unique_ptr<wasm::Instance> instance;
  Bytes input;        ///< context header ‖ payload (`_read`, `_input_size`).
  Bytes output;       ///< `_write` / `_forward_output`, capped at MAX_FRAME_OUTPUT_BYTES.
  Bytes return_data;  ///< bytes of the last resume (`_output_size`, `_read_output`, `_forward_output`).
  uint32_t state = STATE_MAIN;
  uint32_t call_depth = 1;
  /// Exit code of a halting import (`_exit`, or a "halt with code X" of §1.4); 0 otherwise.
  int32_t exit_code = 0;
  /// Set by a halting import; lets the executor see a halt inside the start function.
  bool halted = false;
  /// The request of the `_exec` this frame is suspended at (§3.3).
  SyscallInvocationParams pending;
  const DebugLog* debug_log = nullptr;

  /// Bytes this frame holds toward MAX_IN_FLIGHT_MEMORY_BYTES: the instance's footprint
  /// (linear memory and value/frame stacks), input, output and return data (protocol.md §3.2,
  /// Interlude profile "output size").
  uint64_t in_flight_bytes() const noexcept {
    return instance->footprint_bytes() + uint64_t(input.size()) + uint64_t(output.size()) +
           uint64_t(return_data.size());
  }
};

/// Ok if every import of `module` is a function import of IMPORT_MODULE named in
/// IMPORT_TABLE with exactly the table's functype; MalformedBuiltinParams otherwise.
ExitCode check_imports(const wasm::Module& module) noexcept;

/// Host-function bindings for `module`'s imports (in import order) with `frame` as env.
/// Requires check_imports(module) == Ok.
std::vector<wasm::HostImport> bind_imports(const wasm::Module& module, Frame& frame) noexcept;

}  // namespace interlude::runtime
