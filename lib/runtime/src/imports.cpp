// The `fluentbase_v1preview` host functions (protocol.md §1.4, §3.3, §3.6 with the Interlude
// profile), their fuel procedures (§1.2), and the link check against IMPORT_TABLE.
#include <algorithm>
#include <iterator>
#include <optional>
#include <span>

#include "frame.h"
#include "interlude/common/keccak.h"
#include "interlude/runtime/import_table.h"

namespace interlude::runtime {
namespace {

using wasm::HostResult;
using wasm::Instance;
using wasm::Trap;
using wasm::Value;

constexpr HostResult kMemoryOutOfBounds = HostResult::trapped(Trap::MemoryOutOfBounds);

uint32_t u32_arg(const Value* args, uint32_t i) noexcept { return static_cast<uint32_t>(args[i]); }

/// Charges `procedure` (§1.2) for an import with `param_count` params; the trap if it fails.
std::optional<Trap> charge(const FuelProcedure& procedure, uint32_t param_count, Instance& instance,
                           const Value* args) noexcept {
  if (procedure.kind == FuelKind::None) return std::nullopt;
  uint64_t fuel = procedure.base;
  if (procedure.kind != FuelKind::Const) {
    const uint64_t x = u32_arg(args, param_count - procedure.depth);
    const uint64_t words = (x + 31) / 32;
    if (procedure.kind == FuelKind::Linear) {
      if (x > FUEL_MAX_LINEAR_X) return Trap::IntegerOverflow;
      fuel += words * procedure.word;
    } else {
      if (x > FUEL_MAX_QUADRATIC_X) return Trap::IntegerOverflow;
      fuel = (QUADRATIC_WORD_FUEL_COST * words + words * words / QUADRATIC_DIVISOR) * FUEL_DENOM_RATE;
    }
  }
  if (!instance.consume_fuel(fuel)) return Trap::OutOfFuel;
  return std::nullopt;
}

/// Guest memory [ptr, ptr+len) of memory 0, or nullopt if it is not inside the memory
/// (an empty range at or below the memory size is inside).
std::optional<std::span<uint8_t>> guest_memory(Instance& instance, uint32_t ptr, uint32_t len) noexcept {
  if (uint64_t(ptr) + len > instance.memory_size()) return std::nullopt;
  if (len == 0) return std::span<uint8_t>();
  return std::span<uint8_t>(instance.memory_data() + ptr, len);
}

/// bytes[offset, offset+len), or nullopt if offset+len overflows u32 or passes the end.
std::optional<std::span<const uint8_t>> slice(const Bytes& bytes, uint32_t offset, uint32_t len) noexcept {
  const uint64_t end = uint64_t(offset) + len;
  if (end > UINT32_MAX || end > bytes.size()) return std::nullopt;
  return std::span<const uint8_t>(bytes.data() + offset, len);
}

HostResult halt(Frame& frame, int32_t exit_code) noexcept {
  frame.exit_code = exit_code;
  frame.halted = true;
  return HostResult::halt();
}
HostResult halt(Frame& frame, ExitCode code) noexcept { return halt(frame, to_i32(code)); }

/// Appends to the frame output; halts OutOfMemory, copying nothing, past MAX_FRAME_OUTPUT_BYTES.
HostResult append_output(Frame& frame, std::span<const uint8_t> bytes) noexcept {
  if (uint64_t(frame.output.size()) + bytes.size() > MAX_FRAME_OUTPUT_BYTES) return halt(frame, ExitCode::OutOfMemory);
  frame.output.insert(frame.output.end(), bytes.begin(), bytes.end());
  return HostResult::ok();
}

/// `_exit` code of a contract (Interlude profile): positive -> NonNegativeExitCode; -3, -3001,
/// -3002 and undefined negatives -> UnknownError; other defined codes stay.
int32_t contract_exit_code(int32_t code) noexcept {
  if (code > 0) return to_i32(ExitCode::NonNegativeExitCode);
  if (code == to_i32(ExitCode::InterruptionCalled) || code == to_i32(ExitCode::UnexpectedFatalExecutionFailure) ||
      code == to_i32(ExitCode::MissingStorageSlot) || !is_defined_exit_code(code))
    return to_i32(ExitCode::UnknownError);
  return code;
}

// ---- handlers: run after the row's fuel procedure was charged ----

HostResult host_exit(Frame& frame, Instance&, const Value* args, Value*) noexcept {
  return halt(frame, contract_exit_code(static_cast<int32_t>(u32_arg(args, 0))));
}

HostResult host_state(Frame& frame, Instance&, const Value*, Value* results) noexcept {
  results[0] = frame.state;
  return HostResult::ok();
}

HostResult host_read(Frame& frame, Instance& instance, const Value* args, Value*) noexcept {
  const auto src = slice(frame.input, u32_arg(args, 1), u32_arg(args, 2));
  if (!src) return halt(frame, ExitCode::InputOutputOutOfBounds);
  const auto dst = guest_memory(instance, u32_arg(args, 0), u32_arg(args, 2));
  if (!dst) return kMemoryOutOfBounds;
  std::copy(src->begin(), src->end(), dst->begin());
  return HostResult::ok();
}

HostResult host_input_size(Frame& frame, Instance&, const Value*, Value* results) noexcept {
  results[0] = static_cast<uint32_t>(frame.input.size());
  return HostResult::ok();
}

HostResult host_write(Frame& frame, Instance& instance, const Value* args, Value*) noexcept {
  const auto src = guest_memory(instance, u32_arg(args, 0), u32_arg(args, 1));
  if (!src) return kMemoryOutOfBounds;
  return append_output(frame, *src);
}

HostResult host_output_size(Frame& frame, Instance&, const Value*, Value* results) noexcept {
  results[0] = static_cast<uint32_t>(frame.return_data.size());
  return HostResult::ok();
}

HostResult host_read_output(Frame& frame, Instance& instance, const Value* args, Value*) noexcept {
  const auto src = slice(frame.return_data, u32_arg(args, 1), u32_arg(args, 2));
  if (!src) return halt(frame, ExitCode::InputOutputOutOfBounds);
  const auto dst = guest_memory(instance, u32_arg(args, 0), u32_arg(args, 2));
  if (!dst) return kMemoryOutOfBounds;
  std::copy(src->begin(), src->end(), dst->begin());
  return HostResult::ok();
}

/// §3.3: fuel_limit from the fuel16 buffer, the syscall id from hash32_ptr, the input range
/// (recorded, never copied); then the activation suspends.
HostResult host_exec(Frame& frame, Instance& instance, const Value* args, Value*) noexcept {
  const uint32_t hash32_ptr = u32_arg(args, 0), input_ptr = u32_arg(args, 1), input_len = u32_arg(args, 2);
  const uint32_t fuel16_ptr = u32_arg(args, 3);
  uint64_t fuel_limit = instance.fuel_remaining();
  if (fuel16_ptr != 0) {
    const auto fuel16 = guest_memory(instance, fuel16_ptr, 16);
    if (!fuel16) return kMemoryOutOfBounds;
    fuel_limit = std::min(load_u64_le(fuel16->data()), fuel_limit);  // a request of 0 gives 0
  }
  const auto hash = guest_memory(instance, hash32_ptr, 32);
  if (!hash) return kMemoryOutOfBounds;
  if (uint64_t(input_ptr) + input_len > UINT32_MAX) return kMemoryOutOfBounds;
  frame.pending.code_hash = *Bytes32::from(*hash);
  frame.pending.fuel_limit = fuel_limit;
  frame.pending.state = u32_arg(args, 4);
  frame.pending.fuel16_ptr = fuel16_ptr;
  frame.pending.input_start = input_ptr;
  frame.pending.input_end = uint64_t(input_ptr) + input_len;
  return HostResult::suspend();
}

/// §3.6: root-only, checked before any guest memory is read. Root mode (call_depth 0) is not
/// implemented yet; there `_resume` ends the frame as a root `_exec` does (§3.4).
HostResult host_resume(Frame& frame, Instance&, const Value*, Value*) noexcept {
  return halt(frame, frame.call_depth != 0 ? ExitCode::RootCallOnly : ExitCode::UnexpectedFatalExecutionFailure);
}

HostResult host_forward_output(Frame& frame, Instance&, const Value* args, Value*) noexcept {
  const auto src = slice(frame.return_data, u32_arg(args, 0), u32_arg(args, 1));
  if (!src) return halt(frame, ExitCode::InputOutputOutOfBounds);
  return append_output(frame, *src);
}

HostResult host_fuel(Frame&, Instance& instance, const Value*, Value* results) noexcept {
  results[0] = instance.fuel_remaining();
  return HostResult::ok();
}

HostResult host_debug_log(Frame& frame, Instance& instance, const Value* args, Value*) noexcept {
  const auto message = guest_memory(instance, u32_arg(args, 0), u32_arg(args, 1));
  if (!message) return kMemoryOutOfBounds;
  if (frame.debug_log && frame.debug_log->sink) frame.debug_log->sink(frame.debug_log->env, *message);
  return HostResult::ok();
}

HostResult host_charge_fuel(Frame&, Instance& instance, const Value* args, Value*) noexcept {
  return instance.consume_fuel(args[0]) ? HostResult::ok() : HostResult::trapped(Trap::OutOfFuel);
}

HostResult host_keccak256(Frame&, Instance& instance, const Value* args, Value*) noexcept {
  const auto data = guest_memory(instance, u32_arg(args, 0), u32_arg(args, 1));
  if (!data) return kMemoryOutOfBounds;
  const Bytes32 digest = keccak256(*data);
  const auto out = guest_memory(instance, u32_arg(args, 2), 32);
  if (!out) return kMemoryOutOfBounds;
  std::copy(digest.bytes.begin(), digest.bytes.end(), out->begin());
  return HostResult::ok();
}

// ---- binding ----

using Handler = HostResult (*)(Frame&, Instance&, const Value*, Value*) noexcept;

/// The host function of row `id`: the row's fuel procedure, then its handler.
template <ImportId id, Handler handler>
HostResult bound(void* env, Instance& instance, const Value* args, Value* results) noexcept {
  constexpr ImportDescriptor row = IMPORT_TABLE[static_cast<uint8_t>(id)];
  if (const auto trap = charge(row.fuel, row.params.count, instance, args)) return HostResult::trapped(*trap);
  return handler(*static_cast<Frame*>(env), instance, args, results);
}

constexpr wasm::HostFunction kHostFunctions[] = {
#define INTERLUDE_IMPORT_BINDING(name, ...) &bound<ImportId::name, host_##name>,
    INTERLUDE_IMPORT_TABLE(INTERLUDE_IMPORT_BINDING)
#undef INTERLUDE_IMPORT_BINDING
};
static_assert(std::size(kHostFunctions) == IMPORT_TABLE.size());

bool same_valtypes(const ImportValTypes& row, const std::vector<wasm::ValType>& types) noexcept {
  return std::equal(row.types.begin(), row.types.begin() + row.count, types.begin(), types.end());
}

/// The table row `import` links to, or nullopt (other module, kind or name, or another functype).
std::optional<ImportId> find_import(const wasm::Module& module, const wasm::Module::Import& import) noexcept {
  const auto types = module.types();
  if (import.kind != wasm::ExternKind::Func || import.module != IMPORT_MODULE || import.type_index >= types.size())
    return std::nullopt;
  const wasm::FuncType& type = types[import.type_index];
  for (uint8_t i = 0; i < IMPORT_TABLE.size(); ++i) {
    const ImportDescriptor& row = IMPORT_TABLE[i];
    if (row.name == import.name && same_valtypes(row.params, type.params) && same_valtypes(row.results, type.results))
      return static_cast<ImportId>(i);
  }
  return std::nullopt;
}

}  // namespace

ExitCode check_imports(const wasm::Module& module) noexcept {
  for (const auto& import : module.imports())
    if (!find_import(module, import)) return ExitCode::MalformedBuiltinParams;
  return ExitCode::Ok;
}

std::vector<wasm::HostImport> bind_imports(const wasm::Module& module, Frame& frame) noexcept {
  std::vector<wasm::HostImport> bindings;
  bindings.reserve(module.imports().size());
  for (const auto& import : module.imports()) {
    const auto id = find_import(module, import);
    bindings.push_back({id ? kHostFunctions[static_cast<uint8_t>(*id)] : nullptr, &frame});
  }
  return bindings;
}

}  // namespace interlude::runtime
