// The `fluentbase_v1preview` host functions (protocol.md §1.4, §3.3, §3.6 with the Interlude
// profile), their fuel procedures (§1.2), and the link check against IMPORT_TABLE.
#include <algorithm>
#include <iterator>
#include <optional>
#include <span>

#include "builtins/builtins.h"
#include "frame.h"
#include "interlude/common/keccak.h"
#include "interlude/common/sha256.h"
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
/// (an empty range at or below the memory size is inside). Host functions may write the range
/// (Instance::memory_range accounts for it when the memory is recycled).
std::optional<std::span<uint8_t>> guest_memory(Instance& instance, uint32_t ptr, uint32_t len) noexcept {
  if (uint64_t(ptr) + len > instance.memory_size()) return std::nullopt;
  if (len == 0) return std::span<uint8_t>();
  return std::span<uint8_t>(instance.memory_range(ptr, len), len);  // in range: not null
}

/// Read-only guest memory [ptr, ptr+len) of memory 0, as guest_memory (nullopt outside memory),
/// for host functions that only read it.
std::optional<std::span<const uint8_t>> guest_view(const Instance& instance, uint32_t ptr, uint32_t len) noexcept {
  if (uint64_t(ptr) + len > instance.memory_size()) return std::nullopt;
  if (len == 0) return std::span<const uint8_t>();
  return std::span<const uint8_t>(instance.memory_data() + ptr, len);
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

/// Appends to the frame output; a contract frame halts OutOfMemory, copying nothing, past
/// MAX_FRAME_OUTPUT_BYTES.
HostResult append_output(Frame& frame, std::span<const uint8_t> bytes) noexcept {
  if (!frame.system && uint64_t(frame.output.size()) + bytes.size() > MAX_FRAME_OUTPUT_BYTES)
    return halt(frame, ExitCode::OutOfMemory);
  frame.output.insert(frame.output.end(), bytes.begin(), bytes.end());
  return HostResult::ok();
}

// ---- handlers: run after the row's fuel procedure was charged ----

HostResult host_exit(Frame& frame, Instance&, const Value* args, Value*) noexcept {
  return halt(frame, guest_exit_code(frame, static_cast<int32_t>(u32_arg(args, 0))));
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
  const auto src = guest_view(instance, u32_arg(args, 0), u32_arg(args, 1));
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
    const auto fuel16 = guest_view(instance, fuel16_ptr, 16);
    if (!fuel16) return kMemoryOutOfBounds;
    fuel_limit = std::min(load_u64_le(fuel16->data()), fuel_limit);  // a request of 0 gives 0
  }
  const auto hash = guest_view(instance, hash32_ptr, 32);
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

/// §3.6: root-only, checked before any guest memory is read. At call_depth 0 the request is
/// recorded and the root suspends: Executor::execute_root serves it (Interlude "root mode"),
/// Executor::execute ends the frame as it does a root `_exec` (§3.4).
HostResult host_resume(Frame& frame, Instance& instance, const Value* args, Value*) noexcept {
  if (frame.call_depth != 0) return halt(frame, ExitCode::RootCallOnly);
  // Root mode: Executor::execute_root resumes the nested runtime while the root is suspended.
  const auto return_data = guest_view(instance, u32_arg(args, 1), u32_arg(args, 2));
  if (!return_data) return kMemoryOutOfBounds;
  RootResume request{u32_arg(args, 0), Bytes(return_data->begin(), return_data->end()),
                     static_cast<int32_t>(u32_arg(args, 3)), 0, 0, u32_arg(args, 4)};
  if (request.fuel16_ptr != 0) {
    const auto fuel16 = guest_view(instance, request.fuel16_ptr, 16);
    if (!fuel16) return kMemoryOutOfBounds;
    request.fuel_consumed = load_u64_le(fuel16->data());
    request.fuel_refunded = static_cast<int64_t>(load_u64_le(fuel16->data() + 8));
  }
  frame.root_resume = std::move(request);
  return HostResult::suspend();
}

HostResult host_forward_output(Frame& frame, Instance&, const Value* args, Value*) noexcept {
  const auto src = slice(frame.return_data, u32_arg(args, 0), u32_arg(args, 1));
  if (!src) return halt(frame, ExitCode::InputOutputOutOfBounds);
  return append_output(frame, *src);
}

HostResult host_fuel(Frame& frame, Instance& instance, const Value*, Value* results) noexcept {
  results[0] = frame.system ? frame.fuel_limit - frame.system_fuel_charged : instance.fuel_remaining();
  return HostResult::ok();
}

HostResult host_debug_log(Frame& frame, Instance& instance, const Value* args, Value*) noexcept {
  const auto message = guest_view(instance, u32_arg(args, 0), u32_arg(args, 1));
  if (!message) return kMemoryOutOfBounds;
  if (frame.debug_log && frame.debug_log->sink) frame.debug_log->sink(frame.debug_log->env, *message);
  return HostResult::ok();
}

/// §1.4; a system runtime's charges are its fuel_consumed (§3.2 step 5): past its fuel_limit it
/// traps OutOfFuel, and the segment then reports everything that was left.
HostResult host_charge_fuel(Frame& frame, Instance& instance, const Value* args, Value*) noexcept {
  if (!frame.system)
    return instance.consume_fuel(args[0]) ? HostResult::ok() : HostResult::trapped(Trap::OutOfFuel);
  const uint64_t left = frame.fuel_limit - frame.system_fuel_charged;
  const uint64_t charge = std::min<uint64_t>(args[0], left);
  frame.system_fuel_charged += charge;
  frame.system_segment_fuel += charge;
  return args[0] <= left ? HostResult::ok() : HostResult::trapped(Trap::OutOfFuel);
}

// ---- builtins (§1.5, §1.6; the work is in builtins/): operands are bounds-checked first, so an
// out-of-bounds pointer traps MemoryOutOfBounds before any halt for an invalid operand ----

HostResult host_enter_unconstrained(Frame&, Instance&, const Value*, Value*) noexcept { return HostResult::ok(); }
HostResult host_exit_unconstrained(Frame&, Instance&, const Value*, Value*) noexcept { return HostResult::ok(); }

/// `_keccak256`, `_sha256`, `_blake3` (data_ptr, data_len, out32_ptr): the 32-byte digest.
template <Bytes32 (*hash)(ByteView) noexcept>
HostResult host_digest(Frame&, Instance& instance, const Value* args, Value*) noexcept {
  const auto data = guest_view(instance, u32_arg(args, 0), u32_arg(args, 1));
  if (!data) return kMemoryOutOfBounds;
  const Bytes32 digest = hash(*data);
  const auto out = guest_memory(instance, u32_arg(args, 2), 32);
  if (!out) return kMemoryOutOfBounds;
  std::copy(digest.bytes.begin(), digest.bytes.end(), out->begin());
  return HostResult::ok();
}
constexpr auto host_keccak256 = &host_digest<keccak256>;
constexpr auto host_sha256 = &host_digest<interlude::sha256>;
constexpr auto host_blake3 = &host_digest<builtins::blake3>;

/// `_keccak256_permute(state_ptr)`: 25 lanes u64 LE, permuted in place.
HostResult host_keccak256_permute(Frame&, Instance& instance, const Value* args, Value*) noexcept {
  const auto state = guest_memory(instance, u32_arg(args, 0), 200);
  if (!state) return kMemoryOutOfBounds;
  std::array<uint64_t, 25> lanes;
  for (int i = 0; i < 25; ++i) lanes[i] = load_u64_le(state->data() + 8 * i);
  builtins::keccak_f1600(lanes);
  for (int i = 0; i < 25; ++i) store_u64_le(state->data() + 8 * i, lanes[i]);
  return HostResult::ok();
}

/// `_sha256_extend(w_ptr)`: W[0..16) → W[0..64), u32 LE words (256 bytes at w_ptr).
HostResult host_sha256_extend(Frame&, Instance& instance, const Value* args, Value*) noexcept {
  const auto words = guest_memory(instance, u32_arg(args, 0), 256);
  if (!words) return kMemoryOutOfBounds;
  std::array<uint32_t, 64> w;
  for (int i = 0; i < 16; ++i) w[i] = load_u32_le(words->data() + 4 * i);
  builtins::sha256_extend(w);
  for (int i = 16; i < 64; ++i) store_u32_le(words->data() + 4 * i, w[i]);
  return HostResult::ok();
}

/// `_sha256_compress(h_ptr, w_ptr)`: H (8 u32 LE words) ← compress(H, W (64 u32 LE words)).
HostResult host_sha256_compress(Frame&, Instance& instance, const Value* args, Value*) noexcept {
  const auto state = guest_memory(instance, u32_arg(args, 0), 32);
  const auto words = guest_memory(instance, u32_arg(args, 1), 256);
  if (!state || !words) return kMemoryOutOfBounds;
  std::array<uint32_t, 8> h;
  std::array<uint32_t, 64> w;
  for (int i = 0; i < 8; ++i) h[i] = load_u32_le(state->data() + 4 * i);
  for (int i = 0; i < 64; ++i) w[i] = load_u32_le(words->data() + 4 * i);
  builtins::sha256_compress(h, w);
  for (int i = 0; i < 8; ++i) store_u32_le(state->data() + 4 * i, h[i]);
  return HostResult::ok();
}

/// Continues after a builtin, or halts with its MalformedBuiltinParams / UnknownError.
HostResult builtin_outcome(Frame& frame, ExitCode code) noexcept {
  return code == ExitCode::Ok ? HostResult::ok() : halt(frame, code);
}

/// `_tower_fp{1,2}_*(x_ptr, y_ptr[, …])`: x ← x op y, `degree` field elements at each pointer;
/// fp2 reads c1 right after c0 and ignores its params 2 and 3 (protocol.md §1.6, (observed)).
template <builtins::Curve curve, builtins::FieldOp op, uint32_t degree>
HostResult host_tower(Frame& frame, Instance& instance, const Value* args, Value*) noexcept {
  constexpr uint32_t size = degree * builtins::field_bytes(curve);
  const auto x = guest_memory(instance, u32_arg(args, 0), size);
  const auto y = guest_memory(instance, u32_arg(args, 1), size);
  if (!x || !y) return kMemoryOutOfBounds;
  return builtin_outcome(frame, builtins::tower_op(curve, op, *x, *y));
}
using builtins::Curve;
using builtins::FieldOp;
constexpr auto host_tower_fp1_bn254_add = &host_tower<Curve::Bn254, FieldOp::Add, 1>;
constexpr auto host_tower_fp1_bn254_sub = &host_tower<Curve::Bn254, FieldOp::Sub, 1>;
constexpr auto host_tower_fp1_bn254_mul = &host_tower<Curve::Bn254, FieldOp::Mul, 1>;
constexpr auto host_tower_fp1_bls12381_add = &host_tower<Curve::Bls12381, FieldOp::Add, 1>;
constexpr auto host_tower_fp1_bls12381_sub = &host_tower<Curve::Bls12381, FieldOp::Sub, 1>;
constexpr auto host_tower_fp1_bls12381_mul = &host_tower<Curve::Bls12381, FieldOp::Mul, 1>;
constexpr auto host_tower_fp2_bn254_add = &host_tower<Curve::Bn254, FieldOp::Add, 2>;
constexpr auto host_tower_fp2_bn254_sub = &host_tower<Curve::Bn254, FieldOp::Sub, 2>;
constexpr auto host_tower_fp2_bn254_mul = &host_tower<Curve::Bn254, FieldOp::Mul, 2>;
constexpr auto host_tower_fp2_bls12381_add = &host_tower<Curve::Bls12381, FieldOp::Add, 2>;
constexpr auto host_tower_fp2_bls12381_sub = &host_tower<Curve::Bls12381, FieldOp::Sub, 2>;
constexpr auto host_tower_fp2_bls12381_mul = &host_tower<Curve::Bls12381, FieldOp::Mul, 2>;

/// `_<curve>_add(p_ptr, q_ptr)`: p ← p + q, affine x ‖ y.
template <Curve curve>
HostResult host_weierstrass_add(Frame& frame, Instance& instance, const Value* args, Value*) noexcept {
  const auto p = guest_memory(instance, u32_arg(args, 0), 2 * builtins::field_bytes(curve));
  const auto q = guest_memory(instance, u32_arg(args, 1), 2 * builtins::field_bytes(curve));
  if (!p || !q) return kMemoryOutOfBounds;
  return builtin_outcome(frame, builtins::weierstrass_add(curve, *p, *q));
}
/// `_<curve>_double(p_ptr)`: p ← 2·p.
template <Curve curve>
HostResult host_weierstrass_double(Frame& frame, Instance& instance, const Value* args, Value*) noexcept {
  const auto p = guest_memory(instance, u32_arg(args, 0), 2 * builtins::field_bytes(curve));
  if (!p) return kMemoryOutOfBounds;
  return builtin_outcome(frame, builtins::weierstrass_double(curve, *p));
}
/// `_<curve>_decompress(ptr, sign)`: reads x at ptr + field_bytes, writes y at ptr.
template <Curve curve>
HostResult host_weierstrass_decompress(Frame& frame, Instance& instance, const Value* args, Value*) noexcept {
  const auto point = guest_memory(instance, u32_arg(args, 0), 2 * builtins::field_bytes(curve));
  if (!point) return kMemoryOutOfBounds;
  return builtin_outcome(frame, builtins::weierstrass_decompress(curve, *point, u32_arg(args, 1)));
}
constexpr auto host_secp256k1_add = &host_weierstrass_add<Curve::Secp256k1>;
constexpr auto host_secp256k1_decompress = &host_weierstrass_decompress<Curve::Secp256k1>;
constexpr auto host_secp256k1_double = &host_weierstrass_double<Curve::Secp256k1>;
constexpr auto host_secp256r1_add = &host_weierstrass_add<Curve::Secp256r1>;
constexpr auto host_secp256r1_decompress = &host_weierstrass_decompress<Curve::Secp256r1>;
constexpr auto host_secp256r1_double = &host_weierstrass_double<Curve::Secp256r1>;
constexpr auto host_bls12381_add = &host_weierstrass_add<Curve::Bls12381>;
constexpr auto host_bls12381_decompress = &host_weierstrass_decompress<Curve::Bls12381>;
constexpr auto host_bls12381_double = &host_weierstrass_double<Curve::Bls12381>;
constexpr auto host_bn254_add = &host_weierstrass_add<Curve::Bn254>;
constexpr auto host_bn254_double = &host_weierstrass_double<Curve::Bn254>;

/// `_ed25519_add(p_ptr, q_ptr)`: p ← p + q, 64-byte x ‖ y each.
HostResult host_ed25519_add(Frame& frame, Instance& instance, const Value* args, Value*) noexcept {
  const auto p = guest_memory(instance, u32_arg(args, 0), 64);
  const auto q = guest_memory(instance, u32_arg(args, 1), 64);
  if (!p || !q) return kMemoryOutOfBounds;
  return builtin_outcome(frame, builtins::ed25519_add(*p, *q));
}
/// `_ed25519_decompress(ptr, sign)`: reads y at ptr + 32, writes x at ptr.
HostResult host_ed25519_decompress(Frame& frame, Instance& instance, const Value* args, Value*) noexcept {
  const auto point = guest_memory(instance, u32_arg(args, 0), 64);
  if (!point) return kMemoryOutOfBounds;
  return builtin_outcome(frame, builtins::ed25519_decompress(*point, u32_arg(args, 1)));
}

/// `_uint256_mul_mod(x_ptr, y_ptr, m_ptr)`: x ← x·y mod m, 32 bytes each.
HostResult host_uint256_mul_mod(Frame& frame, Instance& instance, const Value* args, Value*) noexcept {
  const auto x = guest_memory(instance, u32_arg(args, 0), 32);
  const auto y = guest_memory(instance, u32_arg(args, 1), 32);
  const auto m = guest_memory(instance, u32_arg(args, 2), 32);
  if (!x || !y || !m) return kMemoryOutOfBounds;
  return builtin_outcome(frame, builtins::uint256_mul_mod(*x, *y, *m));
}
/// `_uint256_x2048_mul(a_ptr, b_ptr, lo_ptr, hi_ptr)`: a (32 B) · b (256 B) → lo (256 B), hi (32 B).
HostResult host_uint256_x2048_mul(Frame& frame, Instance& instance, const Value* args, Value*) noexcept {
  const auto a = guest_memory(instance, u32_arg(args, 0), 32);
  const auto b = guest_memory(instance, u32_arg(args, 1), 256);
  const auto lo = guest_memory(instance, u32_arg(args, 2), 256);
  const auto hi = guest_memory(instance, u32_arg(args, 3), 32);
  if (!a || !b || !lo || !hi) return kMemoryOutOfBounds;
  return builtin_outcome(frame, builtins::uint256_x2048_mul(*a, *b, *lo, *hi));
}

// ---- binding ----

using Handler = HostResult (*)(Frame&, Instance&, const Value*, Value*) noexcept;

/// The host function of row `id`: the row's fuel procedure, then its handler.
template <ImportId id, Handler handler>
HostResult bound(void* env, Instance& instance, const Value* args, Value* results) noexcept {
  constexpr ImportDescriptor row = IMPORT_TABLE[static_cast<uint8_t>(id)];
  Frame& frame = *static_cast<Frame*>(env);
  // System runtimes run without import fuel procedures (§1.1: builtins_consume_fuel = false).
  if (!frame.system)
    if (const auto trap = charge(row.fuel, row.params.count, instance, args)) return HostResult::trapped(*trap);
  return handler(frame, instance, args, results);
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

int32_t guest_exit_code(const Frame& frame, int32_t code) noexcept {
  if (code > 0) return to_i32(ExitCode::NonNegativeExitCode);
  if (!is_defined_exit_code(code)) return to_i32(ExitCode::UnknownError);
  if (!frame.system && (code == to_i32(ExitCode::InterruptionCalled) ||
                        code == to_i32(ExitCode::UnexpectedFatalExecutionFailure) ||
                        code == to_i32(ExitCode::MissingStorageSlot)))
    return to_i32(ExitCode::UnknownError);
  return code;
}

std::optional<std::vector<wasm::HostFunction>> link_imports(const wasm::Module& module) noexcept {
  std::vector<wasm::HostFunction> functions;
  functions.reserve(module.imports().size());
  for (const auto& import : module.imports()) {
    const auto id = find_import(module, import);
    if (!id) return std::nullopt;
    functions.push_back(kHostFunctions[static_cast<uint8_t>(*id)]);
  }
  return functions;
}

void bind_imports(std::span<const wasm::HostFunction> functions, Frame& frame,
                  std::vector<wasm::HostImport>& bindings) noexcept {
  bindings.clear();
  for (const wasm::HostFunction fn : functions) bindings.push_back({fn, &frame});
}

}  // namespace interlude::runtime
