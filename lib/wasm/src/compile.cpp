// Module::compile: decoding (spec §5), validation (spec §3 and the appendix "Validation Algorithm")
// and translation of every function body into the register IR of ir.h, in one pass per body.
#include <algorithm>
#include <array>
#include <cstring>
#include <memory>

#include "ir.h"
#include "module_impl.h"
#include "reader.h"

namespace interlude::wasm {
namespace {

using ir::Op;
using ir::kFuelUnits;
using ir::kHandlerUnits;
constexpr uint32_t kCopyUnits = kHandlerUnits + 2;  // copy [dst src]

/// The bottom type of the polymorphic operand stack (validation appendix "Unknown").
constexpr ValType kUnknown = static_cast<ValType>(0);
constexpr uint32_t kNone = UINT32_MAX;

bool is_num(ValType t) noexcept {
  return t == ValType::I32 || t == ValType::I64 || t == ValType::F32 || t == ValType::F64 || t == kUnknown;
}
bool is_ref(ValType t) noexcept { return t == ValType::FuncRef || t == ValType::ExternRef || t == kUnknown; }

/// Static storage for one-valtype block types (blocktype ::= valtype).
constexpr ValType kValTypes[] = {ValType::I32, ValType::I64, ValType::F32, ValType::F64, ValType::FuncRef,
                                 ValType::ExternRef};
const ValType* single(ValType t) noexcept {
  for (const ValType& v : kValTypes)
    if (v == t) return &v;
  return nullptr;
}

/// Static fuel cost of wasm operator `opc` (0xFCnn for prefixed ones), protocol.md "Interlude
/// profile": free 0, BASE 1, LOAD 2, STORE 2, ENTITY 3, CALL 10.
constexpr uint32_t operator_cost(uint32_t opc) noexcept {
  switch (opc) {
    case 0x00: case 0x01: case 0x02: case 0x03: case 0x05: case 0x0B: case 0x0F: case 0x1A:
      return 0;  // unreachable, nop, block, loop, else, end, return, drop
    case 0x10: case 0x11:
      return 10;  // call, call_indirect
    case 0x23: case 0x24: case 0x25: case 0x26: case 0x3F: case 0x40:
      return 3;  // global.get/set, table.get/set, memory.size/grow
    default:
      break;
  }
  if (opc >= 0x28 && opc <= 0x35) return 2;      // loads
  if (opc >= 0x36 && opc <= 0x3E) return 2;      // stores
  if (opc >= 0xFC08 && opc <= 0xFC11) return 3;  // memory.init .. table.fill
  return 1;
}
/// operator_cost of the one-byte opcodes.
constexpr auto kOpCosts = [] {
  std::array<uint8_t, 256> costs{};
  for (uint32_t opc = 0; opc < 256; ++opc) costs[opc] = static_cast<uint8_t>(operator_cost(opc));
  return costs;
}();

/// Operand and result valtypes of the numeric operator `opc` (spec §3.3.1 / binary §5.4.7).
constexpr void numeric_types_scan(uint32_t opc, ValType& in, ValType& out) noexcept {
  using V = ValType;
  struct Range { uint32_t lo, hi; V in, out; };
  constexpr Range kRanges[] = {
      {0x45, 0x4F, V::I32, V::I32}, {0x50, 0x5A, V::I64, V::I32}, {0x5B, 0x60, V::F32, V::I32},
      {0x61, 0x66, V::F64, V::I32}, {0x67, 0x78, V::I32, V::I32}, {0x79, 0x8A, V::I64, V::I64},
      {0x8B, 0x98, V::F32, V::F32}, {0x99, 0xA6, V::F64, V::F64}, {0xA7, 0xA7, V::I64, V::I32},
      {0xA8, 0xA9, V::F32, V::I32}, {0xAA, 0xAB, V::F64, V::I32}, {0xAC, 0xAD, V::I32, V::I64},
      {0xAE, 0xAF, V::F32, V::I64}, {0xB0, 0xB1, V::F64, V::I64}, {0xB2, 0xB3, V::I32, V::F32},
      {0xB4, 0xB5, V::I64, V::F32}, {0xB6, 0xB6, V::F64, V::F32}, {0xB7, 0xB8, V::I32, V::F64},
      {0xB9, 0xBA, V::I64, V::F64}, {0xBB, 0xBB, V::F32, V::F64}, {0xBC, 0xBC, V::F32, V::I32},
      {0xBD, 0xBD, V::F64, V::I64}, {0xBE, 0xBE, V::I32, V::F32}, {0xBF, 0xBF, V::I64, V::F64},
      {0xC0, 0xC1, V::I32, V::I32}, {0xC2, 0xC4, V::I64, V::I64}, {0xFC00, 0xFC01, V::F32, V::I32},
      {0xFC02, 0xFC03, V::F64, V::I32}, {0xFC04, 0xFC05, V::F32, V::I64}, {0xFC06, 0xFC07, V::F64, V::I64},
  };
  for (const Range& r : kRanges)
    if (opc >= r.lo && opc <= r.hi) {
      in = r.in, out = r.out;
      return;
    }
}
constexpr auto kNumericTypes = [] {  // numeric_types_scan of the one-byte opcodes
  std::array<std::pair<ValType, ValType>, 256> types{};
  for (uint32_t opc = 0; opc < 256; ++opc) numeric_types_scan(opc, types[opc].first, types[opc].second);
  return types;
}();
void numeric_types(uint32_t opc, ValType& in, ValType& out) noexcept {
  if (opc >= 256) return numeric_types_scan(opc, in, out);
  in = kNumericTypes[opc].first, out = kNumericTypes[opc].second;
}

bool commutative(uint32_t opc) noexcept {
  switch (opc) {
    case 0x46: case 0x47: case 0x51: case 0x52: case 0x6A: case 0x6C: case 0x71: case 0x72:
    case 0x73: case 0x7C: case 0x7E: case 0x83: case 0x84: case 0x85:
      return true;
    default:
      return false;
  }
}

/// Integer compares, in INTERLUDE_IR_INT_COMPARES order, for compare-and-branch fusion.
enum CmpIdx : uint8_t {
#define INTERLUDE_CMP_IDX(name, opc, T, cond, inv) cmp_##name,
  INTERLUDE_IR_INT_COMPARES(INTERLUDE_CMP_IDX)
#undef INTERLUDE_CMP_IDX
  cmp_eqz,  // i32.eqz / i64.eqz: branch on cell == 0
};
struct CmpInfo {
  Op rr, ri, br_rr, br_ri;
  CmpIdx inverse;
  bool wide;  // 64-bit immediate
};
constexpr CmpInfo kCmps[] = {
#define INTERLUDE_CMP_INFO(name, opc, T, cond, inv) \
  {Op::name##_rr, Op::name##_ri, Op::br_##name##_rr, Op::br_##name##_ri, cmp_##inv, sizeof(ir::T) == 8},
    INTERLUDE_IR_INT_COMPARES(INTERLUDE_CMP_INFO)
#undef INTERLUDE_CMP_INFO
};

/// A growable array for the compiler's hot paths (the IR, the operand stack): unlike std::vector's,
/// its append is inlined into every operator, and its size is a field, not a division.
template <typename T>
class Buffer {
 public:
  uint32_t size() const noexcept { return static_cast<uint32_t>(size_); }
  const T* data() const noexcept { return data_.get(); }
  T& operator[](uint32_t i) noexcept { return data_[i]; }
  const T& operator[](uint32_t i) const noexcept { return data_[i]; }
  T& back() noexcept { return data_[size_ - 1]; }
  void reserve(size_t n) noexcept {
    if (n > cap_) grow(n);
  }
  [[gnu::always_inline]] void push_back(const T& v) noexcept {
    if (size_ == cap_) grow(2 * cap_ + 64);
    data_[size_++] = v;
  }
  /// Appends v[0], v[1] with one capacity check.
  [[gnu::always_inline]] void push_back2(const T (&v)[2]) noexcept {
    if (cap_ - size_ < 2) grow(2 * cap_ + 64);
    data_[size_] = v[0], data_[size_ + 1] = v[1];
    size_ += 2;
  }
  void pop_back() noexcept { --size_; }
  void clear() noexcept { size_ = 0; }
  /// As std::vector::resize: new elements are T{}.
  void resize(uint32_t n) noexcept {
    reserve(n);
    if (n > size_) std::fill(data_.get() + size_, data_.get() + n, T{});
    size_ = n;
  }

 private:
  [[gnu::noinline]] void grow(size_t n) noexcept {
    auto bigger = std::make_unique_for_overwrite<T[]>(n);
    std::copy(data_.get(), data_.get() + size_, bigger.get());
    data_ = std::move(bigger);
    cap_ = n;
  }
  std::unique_ptr<T[]> data_;
  size_t size_ = 0, cap_ = 0;  // not uint32_t: stores to uint32_t elements cannot alias them
};

class Compiler {
 public:
  Compiler(std::span<const uint8_t> bin, const Config& cfg, ModuleImpl& m) noexcept
      : r_(bin.data(), bin.data(), bin.data() + bin.size()), bin_(bin), cfg_(cfg), lim_(cfg.limits), m_(m),
        handlers_(ir::handlers()) {}

  bool run() noexcept;
  const Reader& reader() const noexcept { return r_; }
  const Buffer<uint32_t>& code() const noexcept { return code_; }

 private:
  // ---- module level ----
  bool limit(const char* name) noexcept { return r_.fail(std::string("limit ") + name + " exceeded"); }
  bool count(uint32_t& n, uint32_t max, const char* limit_name) noexcept {
    if (!r_.u32(n)) return false;
    if (n > max) return limit(limit_name);
    if (n > r_.remaining()) return r_.fail("length out of bounds");
    return true;
  }
  bool valtype(ValType& t) noexcept;
  bool reftype(ValType& t) noexcept;
  bool limits(uint32_t& min, uint32_t& max, bool& has_max) noexcept;
  bool table_type(TableDecl& t) noexcept;
  bool memory_type(MemoryDecl& mem) noexcept;
  bool const_expr(ValType expected, ConstExpr& out) noexcept;
  void declare_ref(uint32_t funcidx) noexcept {
    if (declared_.size() <= funcidx) declared_.resize(m_.funcs_.size(), 0);
    declared_[funcidx] = 1;
  }
  bool section(uint8_t id) noexcept;
  bool type_section() noexcept;
  bool import_section() noexcept;
  bool function_section() noexcept;
  bool table_section() noexcept;
  bool memory_section() noexcept;
  bool global_section() noexcept;
  bool export_section() noexcept;
  bool start_section() noexcept;
  bool element_section() noexcept;
  bool code_section() noexcept;
  bool data_section() noexcept;
  void emit_trampolines() noexcept;

  // ---- function bodies ----
  struct Opnd {
    enum class Kind : uint8_t { Stack, Local, Const };
    ValType type = kUnknown;
    Kind kind = Kind::Stack;
    uint32_t local = 0;  // Kind::Local: the local index
    uint32_t prev = 0;   // Kind::Local: 1 + height of the next lower entry naming the same local, 0 = none
    uint64_t imm = 0;    // Kind::Const: the bits
  };
  struct Ctrl {
    uint32_t opcode = 0;  // 0x02 block, 0x03 loop, 0x04 if, 0x05 else, 0 function body
    const ValType* params = nullptr;
    uint32_t nparams = 0;
    const ValType* results = nullptr;
    uint32_t nresults = 0;
    uint32_t height = 0;
    bool unreachable = false;  // validation: the rest of the block is unreachable
    bool parent_dead = false;  // no code is emitted for this block at all
    uint32_t label = 0;        // loop: code offset of the header
    uint32_t else_start = kNone, else_unit = kNone;    // if: the jump to the else branch
    std::vector<std::pair<uint32_t, uint32_t>> fwd;  // (instruction start, offset unit) jumps to the end
    // br_table: the last br_table that checked this label / looked at its moves; its stub
    // (0: no moves needed, kNone: not emitted yet).
    uint32_t checked_by = 0, stub_for = 0, stub = 0;
    uint32_t arity() const noexcept { return opcode == 0x03 ? nparams : nresults; }
    const ValType* label_types() const noexcept { return opcode == 0x03 ? params : results; }
  };
  struct LastBin {  // the last emitted i32.add or i32/i64.mul, for fusion into a load or an add
    uint32_t pos = kNone, end = kNone, dst = 0, a = 0, b = 0, opc = 0;
    bool ri = false;
  };
  struct LastCmp {  // the last emitted integer compare (or eqz), for compare-and-branch fusion
    uint32_t pos = kNone, end = kNone, dst = 0, a = 0;
    uint64_t b = 0;
    CmpIdx cmp = cmp_eqz;
    bool ri = false;
    // An i32 compare with an immediate right after the i32.add_ri that computed its operand a:
    // the add's start, and its operand and immediate (ir.h br_add_<cmp>_ri).
    uint32_t add_pos = kNone, add_a = 0, add_imm = 0;
  };

  bool function_body(uint32_t funcidx) noexcept;
  // The operator switch is too big for GCC to inline the hot helpers into it by itself; the
  // always_inline ones below are those that measurably speed up Module::compile.
  [[gnu::always_inline]] inline bool instruction(uint32_t opc) noexcept;

  bool fail(const char* msg) noexcept { return r_.fail(msg); }
  Ctrl& ctl() noexcept { return ctrls_[depth_ - 1]; }
  bool dead() noexcept { return ctl().unreachable || ctl().parent_dead; }
  uint32_t slot(uint32_t h) const noexcept { return nlocals_ + h; }
  uint32_t height() const noexcept { return static_cast<uint32_t>(stack_.size()); }

  [[gnu::always_inline]] void push_entry(Opnd e) noexcept {
    if (e.kind == Opnd::Kind::Local) {
      e.prev = ref_head_[e.local];
      ref_head_[e.local] = height() + 1;
    }
    stack_.push_back(e);
    max_height_ = std::max(max_height_, height());
  }
  void push(ValType t) noexcept { push_entry({t, Opnd::Kind::Stack, 0, 0, 0}); }
  [[gnu::always_inline]] inline bool pop(Opnd& out, ValType expected) noexcept;
  bool pop_any(Opnd& out) noexcept { return pop(out, kUnknown); }
  bool check_top(const ValType* types, uint32_t n, bool keep_popped = false) noexcept;
  void truncate(uint32_t h) noexcept {
    while (height() > h) {
      Opnd e;
      pop_any(e);
    }
  }
  void set_unreachable() noexcept {
    truncate(ctl().height);
    ctl().unreachable = true;
  }

  // Emission. Nothing is emitted in dead code.
  [[gnu::always_inline]] void op(Op o) noexcept {
    uint32_t w[2];
    std::memcpy(w, &handlers_[static_cast<uint32_t>(o)], sizeof(void*));
    code_.push_back2(w);
  }
  [[gnu::always_inline]] void u32(uint32_t v) noexcept { code_.push_back(v); }
  void u64(uint64_t v) noexcept { code_.push_back2({static_cast<uint32_t>(v), static_cast<uint32_t>(v >> 32)}); }
  uint32_t pc() const noexcept { return static_cast<uint32_t>(code_.size()); }
  void set_handler(uint32_t at, Op o) noexcept { std::memcpy(&code_[at], &handlers_[static_cast<uint32_t>(o)], sizeof(void*)); }
  /// True if a `fuel` instruction starts at code unit `at` (an instruction start).
  bool fuel_op_at(uint32_t at) const noexcept {
    const void* h = nullptr;
    if (at + kFuelUnits <= pc()) std::memcpy(&h, &code_[at], sizeof h);
    return h == handlers_[static_cast<uint32_t>(Op::fuel)];
  }
  void forget_last() noexcept { last_end_ = kNone, cmp_ = LastCmp{}, last_bin_ = LastBin{}; }
  /// Replaces the last instruction (the LastBin) with [o dst x y z], a single-result op.
  void replace_last_bin(Op o, uint32_t dst, uint32_t x, uint32_t y, uint32_t z) noexcept {
    code_.resize(last_bin_.pos);
    last_add_ = LastBin{};
    op(o);
    last_dst_unit_ = pc();
    u32(dst);
    u32(x);
    u32(y);
    u32(z);
    last_end_ = pc();
    cmp_ = LastCmp{}, last_bin_ = LastBin{};
  }
  /// True if entry `e` at height h is the result of the last instruction, a LastBin of `opc`.
  bool from_last_bin(const Opnd& e, uint32_t h, uint32_t opc) const noexcept {
    return e.kind == Opnd::Kind::Stack && last_bin_.end == pc() && last_bin_.dst == slot(h) && last_bin_.opc == opc;
  }
  /// Cell that holds entry `e` at height h; a constant is first written to its canonical slot.
  [[gnu::always_inline]] inline uint32_t src(const Opnd& e, uint32_t h) noexcept;
  [[gnu::always_inline]] inline void move(uint32_t dst, const Opnd& e, uint32_t h) noexcept;
  void move_result(const Opnd& e, uint32_t h) noexcept;
  void materialize(uint32_t h) noexcept;
  void materialize_top(uint32_t n) noexcept;
  void materialize_all() noexcept;
  void materialize_local_refs(uint32_t local) noexcept;
  [[gnu::always_inline]] inline void charge(uint32_t cost) noexcept;
  void end_region() noexcept;
  Op link(Ctrl& target, uint32_t start, Op emitted) noexcept;
  void bind(Ctrl& c) noexcept;
  bool needs_moves(const Ctrl& t) noexcept;
  void emit_moves(const Ctrl& t) noexcept;
  bool fusable(const Opnd& cond, uint32_t h) noexcept {
    return cond.kind == Opnd::Kind::Stack && cmp_.pos != kNone && cmp_.end == pc() && cmp_.dst == slot(h);
  }
  void emit_cond_jump(const Opnd& cond, uint32_t h, bool when_true, Ctrl* target, uint32_t& start, uint32_t& unit) noexcept;

  // Operator groups.
  bool block_type(const ValType*& params, uint32_t& np, const ValType*& results, uint32_t& nr) noexcept;
  bool push_ctrl(uint32_t opcode, const ValType* params, uint32_t np, const ValType* results, uint32_t nr) noexcept;
  bool op_block(uint32_t opc) noexcept;
  bool op_else() noexcept;
  bool op_end() noexcept;
  bool op_br(uint32_t opc) noexcept;
  bool op_br_table() noexcept;
  bool op_return() noexcept;
  bool op_call(uint32_t opc) noexcept;
  [[gnu::always_inline]] inline bool op_local(uint32_t opc) noexcept;
  bool op_select(uint32_t opc) noexcept;
  bool binop(Op rr, Op ri, bool has_ri, uint32_t opc) noexcept;
  bool unop(Op o, uint32_t opc) noexcept;
  bool memarg(uint32_t natural_log2, uint32_t& offset) noexcept;
  bool op_load(Op o, ValType t, uint32_t natural_log2) noexcept;
  bool op_store(Op o, ValType t, uint32_t natural_log2) noexcept;
  bool zero_byte() noexcept;
  bool need_memory() noexcept { return m_.memories_.empty() ? fail("unknown memory 0") : true; }
  bool need_table(uint32_t t) noexcept { return t < m_.tables_.size() ? true : fail("unknown table"); }
  bool need_data(uint32_t d) noexcept;
  /// Pops `n` operands of types `types` and emits `o` with their cells: [o cells...].
  bool emit_popped(Op o, std::initializer_list<ValType> types, std::initializer_list<uint32_t> prefix,
                   ValType result = kUnknown) noexcept;

  Reader r_;
  std::span<const uint8_t> bin_;
  const Config& cfg_;
  const Limits& lim_;
  ModuleImpl& m_;
  const void* const* handlers_;
  Buffer<uint32_t> code_;  // the IR (units of ir.h), copied to ModuleImpl::code_ at the end

  // Validation and code generation touch each operand stack entry a bounded number of times,
  // except for locals and label/call arities, which an adversarial module can make large at few
  // bytes per use (e.g. br_table over many labels with 1000 results). Those are counted as work
  // against Limits::compile_work_per_byte / min_compile_work: compile time stays linear in size.
  // The units spent are kept in the module (Module::compile_work).
  bool spend(uint64_t n) noexcept {
    m_.compile_work_ += n;
    return m_.compile_work_ <= work_budget_ || limit("compile work");
  }
  const uint64_t work_budget_ =
      std::max<uint64_t>(lim_.min_compile_work, uint64_t{lim_.compile_work_per_byte} * bin_.size());
  uint32_t num_defined_ = 0;
  bool have_code_ = false;
  std::optional<uint32_t> data_count_;
  std::vector<uint8_t> declared_;  // funcidx -> referenced outside function bodies (C.refs)

  // Per function.
  std::vector<ValType> local_types_;
  uint32_t nlocals_ = 0;
  Buffer<Opnd> stack_;
  std::vector<Ctrl> ctrls_;  // [0, depth_) in use; never shrunk so `fwd` vectors are reused
  uint32_t depth_ = 0;
  uint32_t max_height_ = 0;
  uint32_t watermark_ = 0;  // entries below this height are all Kind::Stack
  std::vector<uint32_t> ref_head_;  // local -> 1 + height of the topmost entry naming it, 0 = none
  uint32_t fuel_unit_ = kNone;      // imm unit of the current region's `fuel` op
  uint32_t region_cost_ = 0;
  // The last conditional branch: its start, its end and its Op, so that a `fuel` op emitted right
  // after it turns it into its _ft form (ir.h INTERLUDE_IR_BRANCH_FORMS).
  uint32_t cond_br_start_ = kNone, cond_br_end_ = kNone;
  Op cond_br_op_ = Op::br_if;
  uint32_t last_dst_unit_ = 0, last_end_ = kNone;  // the last single-result op, for local.set retargeting
  LastCmp cmp_;
  LastBin last_bin_;
  // The last i32.add with an immediate (its actual dst is at pos + kHandlerUnits). Not reset by
  // forget_last(): a local.tee may retarget the add before the compare that reads it.
  LastBin last_add_;
  uint32_t last_copy_end_ = kNone;  // end of the last `copy` emitted by move(), for copy2 fusion
  uint32_t target_pc_ = kNone;      // the last code offset made a jump target (no fusion across it)
  std::vector<uint32_t> br_targets_;
  uint32_t br_tables_ = 0;  // br_table counter, stamps Ctrl::checked_by and Ctrl::stub_for
  std::vector<Opnd> popped_;
};

// ------------------------------------------------------------------------------------------------
// Module level

bool Compiler::valtype(ValType& t) noexcept {
  uint8_t b;
  if (!r_.u8(b)) return false;
  switch (b) {
    case 0x7F: case 0x7E: case 0x7D: case 0x7C: case 0x70: case 0x6F:
      t = static_cast<ValType>(b);
      return true;
    case 0x7B:
      return r_.fail_at(r_.offset() - 1, "SIMD (v128) is not supported by this engine");
    default:
      return r_.fail_at(r_.offset() - 1, "malformed value type");
  }
}

bool Compiler::reftype(ValType& t) noexcept {
  uint8_t b;
  if (!r_.u8(b)) return false;
  if (b != 0x70 && b != 0x6F) return r_.fail_at(r_.offset() - 1, "malformed reference type");
  t = static_cast<ValType>(b);
  return true;
}

bool Compiler::limits(uint32_t& min, uint32_t& max, bool& has_max) noexcept {
  uint8_t flag;
  if (!r_.u8(flag)) return false;
  if (flag > 1) return r_.fail_at(r_.offset() - 1, "integer too large");  // shared/64-bit limits: not in 2.0
  has_max = flag == 1;
  if (!r_.u32(min)) return false;
  if (has_max && !r_.u32(max)) return false;
  if (has_max && min > max) return fail("size minimum must not be greater than maximum");
  return true;
}

bool Compiler::table_type(TableDecl& t) noexcept {
  bool has_max;
  uint32_t max = 0;
  if (!reftype(t.type.elem) || !limits(t.type.min, max, has_max)) return false;
  if (has_max) t.type.max = max;
  if (t.type.min > lim_.max_table_size) return limit("max_table_size");
  if (m_.tables_.size() >= lim_.max_tables) return limit("max_tables");
  return true;
}

bool Compiler::memory_type(MemoryDecl& mem) noexcept {
  bool has_max;
  uint32_t max = 0;
  if (!limits(mem.type.min, max, has_max)) return false;
  if (mem.type.min > kMaxSpecPages || (has_max && max > kMaxSpecPages))
    return fail("memory size must be at most 65536 pages (4GiB)");
  if (has_max) mem.type.max = max;
  if (mem.type.min > lim_.max_memory_pages) return limit("max_memory_pages");
  if (!m_.memories_.empty()) return fail("multiple memories");
  return true;
}

bool Compiler::const_expr(ValType expected, ConstExpr& out) noexcept {
  uint8_t opc;
  ValType t = kUnknown;
  if (!r_.u8(opc)) return false;
  switch (opc) {
    case 0x41: {
      int32_t v;
      if (!r_.s32(v)) return false;
      out.value = static_cast<uint32_t>(v), t = ValType::I32;
      break;
    }
    case 0x42: {
      int64_t v;
      if (!r_.s64(v)) return false;
      out.value = static_cast<uint64_t>(v), t = ValType::I64;
      break;
    }
    case 0x43: {
      uint32_t v;
      if (!r_.fixed(v)) return false;
      out.value = v, t = ValType::F32;
      break;
    }
    case 0x44:
      if (!r_.fixed(out.value)) return false;
      t = ValType::F64;
      break;
    case 0xD0:
      if (!reftype(t)) return false;
      out.value = 0;
      break;
    case 0xD2:
      if (!r_.u32(out.index)) return false;
      if (out.index >= m_.funcs_.size()) return fail("unknown function");
      out.kind = ConstExpr::Kind::Func, t = ValType::FuncRef;
      declare_ref(out.index);
      break;
    case 0x23:
      if (!r_.u32(out.index)) return false;
      if (out.index >= m_.globals_.size() || !m_.globals_[out.index].imported) return fail("unknown global");
      if (m_.globals_[out.index].type.mut) return fail("constant expression required");
      out.kind = ConstExpr::Kind::Global, t = m_.globals_[out.index].type.type;
      break;
    case 0x0B:
      return fail("type mismatch");
    case 0xFD:
      return fail("SIMD (v128) is not supported by this engine");
    default:
      return fail("constant expression required");
  }
  if (!r_.u8(opc)) return false;
  if (opc != 0x0B) return fail("constant expression required");
  if (t != expected) return fail("type mismatch");
  return true;
}

bool Compiler::run() noexcept {
  if (bin_.size() > lim_.max_module_size) return limit("max_module_size");
  static constexpr uint8_t kMagic[4] = {0x00, 0x61, 0x73, 0x6D};
  static constexpr uint8_t kVersion[4] = {0x01, 0x00, 0x00, 0x00};
  const uint8_t* b;
  if (bin_.size() < 4 || std::memcmp(bin_.data(), kMagic, 4) != 0) return fail("magic header not detected");
  r_.bytes(4, b);
  if (bin_.size() < 8 || std::memcmp(bin_.data() + 4, kVersion, 4) != 0) return fail("unknown binary version");
  r_.bytes(4, b);
  // Section order (spec §5.5.2): custom sections anywhere, the others once each in this order.
  static constexpr uint8_t kRank[13] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 10};
  uint8_t last_rank = 0;
  const uint8_t* module_end = r_.end();
  while (!r_.at_end()) {
    uint8_t id;
    uint32_t size;
    if (!r_.u8(id)) return false;
    if (id > 12) return r_.fail_at(r_.offset() - 1, "malformed section id");
    if (!r_.u32(size)) return false;
    if (size > r_.remaining()) return fail("length out of bounds");
    if (id != 0) {
      if (kRank[id] <= last_rank) return fail("unexpected content after last section");
      last_rank = kRank[id];
    }
    const uint8_t* section_end = r_.pos() + size;
    r_.set_end(section_end);
    if (!section(id)) return false;
    if (!r_.at_end()) return fail("section size mismatch");
    r_.set_end(module_end);
  }
  if (num_defined_ != 0 && !have_code_) return fail("function and code section have inconsistent lengths");
  if (data_count_ && *data_count_ != m_.datas_.size())
    return fail("data count and data section have inconsistent lengths");
  emit_trampolines();
  return true;
}

bool Compiler::section(uint8_t id) noexcept {
  switch (id) {
    case 0: {
      std::string name;
      if (!r_.name(name)) return false;
      const uint8_t* b;
      const uint64_t n = r_.remaining();
      r_.bytes(n, b);
      m_.customs_.emplace_back(std::move(name), std::vector<uint8_t>(b, b + n));
      return true;
    }
    case 1: return type_section();
    case 2: return import_section();
    case 3: return function_section();
    case 4: return table_section();
    case 5: return memory_section();
    case 6: return global_section();
    case 7: return export_section();
    case 8: return start_section();
    case 9: return element_section();
    case 10: return code_section();
    case 11: return data_section();
    case 12: {
      uint32_t n;
      if (!r_.u32(n)) return false;
      if (n > lim_.max_segments) return limit("max_segments");
      data_count_ = n;
      return true;
    }
    default:
      return fail("malformed section id");
  }
}

bool Compiler::type_section() noexcept {
  uint32_t n;
  if (!count(n, lim_.max_types, "max_types")) return false;
  m_.types_.reserve(n);
  m_.canon_types_.reserve(n);
  std::map<std::string, uint32_t> seen;  // encoded functype -> first typeidx
  for (uint32_t i = 0; i < n; ++i) {
    uint8_t form;
    if (!r_.u8(form)) return false;
    if (form != 0x60) return r_.fail_at(r_.offset() - 1, "integer representation too long");
    FuncType ft;
    std::string key;
    for (std::vector<ValType>* list : {&ft.params, &ft.results}) {
      uint32_t k;
      if (!count(k, lim_.max_params, "max_params")) return false;
      list->resize(k);
      for (ValType& t : *list) {
        if (!valtype(t)) return false;
        key.push_back(static_cast<char>(t));
      }
      key.push_back('\x01');
    }
    m_.canon_types_.push_back(seen.emplace(std::move(key), i).first->second);
    m_.types_.push_back(std::move(ft));
  }
  return true;
}

bool Compiler::import_section() noexcept {
  uint32_t n;
  if (!count(n, lim_.max_imports, "max_imports")) return false;
  for (uint32_t i = 0; i < n; ++i) {
    Module::Import imp;
    uint8_t kind;
    if (!r_.name(imp.module) || !r_.name(imp.name) || !r_.u8(kind)) return false;
    switch (kind) {
      case 0: {
        if (!r_.u32(imp.type_index)) return false;
        if (imp.type_index >= m_.types_.size()) return fail("unknown type");
        if (m_.funcs_.size() >= lim_.max_functions) return limit("max_functions");
        FuncInfo f;
        f.type = imp.type_index;
        f.canon_type = m_.canon_types_[f.type];
        f.imported = true;
        f.nparams = static_cast<uint32_t>(m_.types_[f.type].params.size());
        f.nresults = static_cast<uint32_t>(m_.types_[f.type].results.size());
        m_.funcs_.push_back(f);
        ++m_.num_imported_funcs_;
        break;
      }
      case 1: {
        TableDecl t;
        if (!table_type(t)) return false;
        t.imported = true;
        m_.tables_.push_back(t);
        break;
      }
      case 2: {
        MemoryDecl mem;
        if (!memory_type(mem)) return false;
        mem.imported = true;
        m_.memories_.push_back(mem);
        break;
      }
      case 3: {
        GlobalDecl g;
        uint8_t mut;
        if (!valtype(g.type.type) || !r_.u8(mut)) return false;
        if (mut > 1) return fail("malformed mutability");
        if (m_.globals_.size() >= lim_.max_globals) return limit("max_globals");
        g.type.mut = mut == 1;
        g.imported = true;
        m_.globals_.push_back(g);
        break;
      }
      default:
        return fail("malformed import kind");
    }
    imp.kind = static_cast<ExternKind>(kind);
    const size_t space[] = {m_.funcs_.size(), m_.tables_.size(), m_.memories_.size(), m_.globals_.size()};
    imp.index = static_cast<uint32_t>(space[kind] - 1);
    m_.imports_.push_back(std::move(imp));
  }
  return true;
}

bool Compiler::function_section() noexcept {
  uint32_t n;
  if (!count(n, lim_.max_functions, "max_functions")) return false;
  if (m_.funcs_.size() + n > lim_.max_functions) return limit("max_functions");
  m_.funcs_.reserve(m_.funcs_.size() + n);
  for (uint32_t i = 0; i < n; ++i) {
    FuncInfo f;
    if (!r_.u32(f.type)) return false;
    if (f.type >= m_.types_.size()) return fail("unknown type");
    f.canon_type = m_.canon_types_[f.type];
    f.nparams = static_cast<uint32_t>(m_.types_[f.type].params.size());
    f.nresults = static_cast<uint32_t>(m_.types_[f.type].results.size());
    m_.funcs_.push_back(f);
  }
  num_defined_ = n;
  return true;
}

bool Compiler::table_section() noexcept {
  uint32_t n;
  if (!count(n, lim_.max_tables, "max_tables")) return false;
  for (uint32_t i = 0; i < n; ++i) {
    TableDecl t;
    if (!table_type(t)) return false;
    m_.tables_.push_back(t);
  }
  return true;
}

bool Compiler::memory_section() noexcept {
  uint32_t n;
  if (!r_.u32(n)) return false;
  for (uint32_t i = 0; i < n; ++i) {
    MemoryDecl mem;
    if (!memory_type(mem)) return false;
    m_.memories_.push_back(mem);
  }
  return true;
}

bool Compiler::global_section() noexcept {
  uint32_t n;
  if (!count(n, lim_.max_globals, "max_globals")) return false;
  if (m_.globals_.size() + n > lim_.max_globals) return limit("max_globals");
  for (uint32_t i = 0; i < n; ++i) {
    GlobalDecl g;
    uint8_t mut;
    if (!valtype(g.type.type) || !r_.u8(mut)) return false;
    if (mut > 1) return fail("malformed mutability");
    g.type.mut = mut == 1;
    if (!const_expr(g.type.type, g.init)) return false;
    m_.globals_.push_back(g);
  }
  return true;
}

bool Compiler::export_section() noexcept {
  uint32_t n;
  if (!count(n, lim_.max_exports, "max_exports")) return false;
  for (uint32_t i = 0; i < n; ++i) {
    Module::Export e;
    uint8_t kind;
    if (!r_.name(e.name) || !r_.u8(kind)) return false;
    if (kind > 3) return fail("malformed export kind");
    if (!r_.u32(e.index)) return false;
    e.kind = static_cast<ExternKind>(kind);
    const size_t space[] = {m_.funcs_.size(), m_.tables_.size(), m_.memories_.size(), m_.globals_.size()};
    static const char* const kUnknownMsg[] = {"unknown function", "unknown table", "unknown memory", "unknown global"};
    if (e.index >= space[kind]) return fail(kUnknownMsg[kind]);
    if (!m_.export_names_.emplace(e.name, i).second) return fail("duplicate export name");
    if (e.kind == ExternKind::Func) declare_ref(e.index);
    m_.exports_.push_back(std::move(e));
  }
  return true;
}

bool Compiler::start_section() noexcept {
  uint32_t f;
  if (!r_.u32(f)) return false;
  if (f >= m_.funcs_.size()) return fail("unknown function");
  const FuncType& ft = m_.types_[m_.funcs_[f].type];
  if (!ft.params.empty() || !ft.results.empty()) return fail("start function");
  m_.start_ = f;
  return true;
}

bool Compiler::element_section() noexcept {
  uint32_t n;
  if (!count(n, lim_.max_segments, "max_segments")) return false;
  m_.elems_.reserve(n);
  for (uint32_t i = 0; i < n; ++i) {
    ElemSegment seg;
    uint32_t flags;
    if (!r_.u32(flags)) return false;
    if (flags > 7) return fail("malformed elements segment kind");
    const bool exprs = flags & 4;
    seg.mode = !(flags & 1) ? SegmentMode::Active : (flags & 2) ? SegmentMode::Declarative : SegmentMode::Passive;
    if (seg.mode == SegmentMode::Active) {
      if ((flags & 2) && !r_.u32(seg.table)) return false;
      if (!need_table(seg.table) || !const_expr(ValType::I32, seg.offset)) return false;
    }
    if (flags & 3) {
      if (exprs) {
        if (!reftype(seg.type)) return false;
      } else {
        uint8_t kind;
        if (!r_.u8(kind)) return false;
        if (kind != 0) return fail("malformed element kind");
      }
    }
    uint32_t k;
    if (!count(k, lim_.max_segment_size, "max_segment_size")) return false;
    seg.init.resize(k);
    for (ConstExpr& e : seg.init) {
      if (exprs) {
        if (!const_expr(seg.type, e)) return false;
      } else {
        if (!r_.u32(e.index)) return false;
        if (e.index >= m_.funcs_.size()) return fail("unknown function");
        e.kind = ConstExpr::Kind::Func;
        declare_ref(e.index);
      }
    }
    if (seg.mode == SegmentMode::Active && m_.tables_[seg.table].type.elem != seg.type) return fail("type mismatch");
    m_.elems_.push_back(std::move(seg));
  }
  return true;
}

bool Compiler::data_section() noexcept {
  uint32_t n;
  if (!count(n, lim_.max_segments, "max_segments")) return false;
  if (data_count_ && *data_count_ != n) return fail("data count and data section have inconsistent lengths");
  m_.datas_.reserve(n);
  for (uint32_t i = 0; i < n; ++i) {
    DataSegment seg;
    uint32_t flags;
    if (!r_.u32(flags)) return false;
    if (flags > 2) return fail("malformed data segment kind");
    if (flags != 1) {
      uint32_t mem = 0;
      if (flags == 2 && !r_.u32(mem)) return false;
      if (mem != 0 || m_.memories_.empty()) return fail("unknown memory");
      seg.mode = SegmentMode::Active;
      if (!const_expr(ValType::I32, seg.offset)) return false;
    }
    uint32_t k;
    const uint8_t* b;
    if (!count(k, lim_.max_segment_size, "max_segment_size") || !r_.bytes(k, b)) return false;
    seg.bytes.assign(b, b + k);
    m_.datas_.push_back(std::move(seg));
  }
  return true;
}

bool Compiler::code_section() noexcept {
  uint32_t n;
  if (!r_.u32(n)) return false;
  if (n != num_defined_) return fail("function and code section have inconsistent lengths");
  have_code_ = true;
  // The IR takes 1.1 to 1.3 words per byte of body (the bench's generated module, the token
  // example): reserve 1.5 once instead of growing by doubling, which copies the IR each time.
  code_.reserve(code_.size() + r_.remaining() + r_.remaining() / 2);
  for (uint32_t i = 0; i < n; ++i) {
    uint32_t size;
    if (!r_.u32(size)) return false;
    if (size > lim_.max_function_body_size) return limit("max_function_body_size");
    if (size > r_.remaining()) return fail("length out of bounds");
    const uint8_t* body_end = r_.pos() + size;
    const uint8_t* section_end = r_.end();
    r_.set_end(body_end);
    if (!function_body(m_.num_imported_funcs_ + i)) return false;
    if (!r_.at_end()) return fail("section size mismatch");
    r_.set_end(section_end);
  }
  return true;
}

void Compiler::emit_trampolines() noexcept {
  for (uint32_t f = 0; f < m_.funcs_.size(); ++f) {
    m_.funcs_[f].trampoline = pc();
    op(m_.funcs_[f].imported ? Op::call_import : Op::call);
    u32(f);
    u32(0);
    op(Op::done);
  }
}

// ------------------------------------------------------------------------------------------------
// Function bodies: operand stack model
//
// The compiler tracks, for every wasm operand stack entry, where its value is: in its canonical
// stack slot (Kind::Stack, slot nlocals + height), still in a local (Kind::Local, a deferred
// local.get) or a constant (Kind::Const). Deferred entries let `local.get a; i32.const 1; i32.add`
// compile to one `i32_add_ri dst, a, 1`. They are written to their slots ("materialized") before
// the local is overwritten, before block/loop/if (so every path into a label agrees) and when they
// are call arguments or branch values.

bool Compiler::pop(Opnd& out, ValType expected) noexcept {
  Ctrl& c = ctl();
  if (height() == c.height) {
    if (!c.unreachable) return fail("type mismatch");
    out = Opnd{};  // Unknown
    return true;
  }
  out = stack_.back();
  stack_.pop_back();
  if (out.kind == Opnd::Kind::Local) ref_head_[out.local] = out.prev;
  watermark_ = std::min(watermark_, height());
  if (expected != kUnknown && out.type != kUnknown && out.type != expected) return fail("type mismatch");
  return true;
}

// Checks that the top n operands have `types`. On the polymorphic stack of unreachable code this
// is the appendix's pop_vals + push_vals: missing entries become `types` (or, with keep_popped, as
// br_table does, stay Unknown).
bool Compiler::check_top(const ValType* types, uint32_t n, bool keep_popped) noexcept {
  if (!spend(n)) return false;
  if (ctl().unreachable) {
    popped_.resize(n);
    for (uint32_t i = n; i-- > 0;)
      if (!pop(popped_[i], types[i])) return false;
    for (uint32_t i = 0; i < n; ++i) push(keep_popped ? popped_[i].type : types[i]);
    return true;
  }
  if (height() - ctl().height < n) return fail("type mismatch");
  for (uint32_t i = 0; i < n; ++i)
    if (stack_[height() - n + i].type != types[i]) return fail("type mismatch");
  return true;
}

uint32_t Compiler::src(const Opnd& e, uint32_t h) noexcept {
  switch (e.kind) {
    case Opnd::Kind::Local:
      return e.local;
    case Opnd::Kind::Const:
      if (!dead()) {
        op(Op::const64);
        u32(slot(h));
        u64(e.imm);
      }
      return slot(h);
    default:
      return slot(h);
  }
}

void Compiler::move(uint32_t dst, const Opnd& e, uint32_t h) noexcept {
  if (e.kind == Opnd::Kind::Const) {
    op(Op::const64);
    u32(dst);
    u64(e.imm);
    return;
  }
  const uint32_t s = e.kind == Opnd::Kind::Local ? e.local : slot(h);
  if (s == dst) return;
  if (last_copy_end_ == pc() && target_pc_ != pc()) {  // the previous instruction is a copy: copy2
    set_handler(last_copy_end_ - kCopyUnits, Op::copy2);
    last_copy_end_ = kNone;
  } else {
    op(Op::copy);
    last_copy_end_ = pc() - kHandlerUnits + kCopyUnits;
  }
  u32(dst);
  u32(s);
}

// Moves the single result `e` (at height h) of a returning function to cell 0. When the last
// instruction produced it, that instruction writes cell 0 instead (it reads its operands first,
// and nothing runs between it and the `ret`).
void Compiler::move_result(const Opnd& e, uint32_t h) noexcept {
  if (e.kind == Opnd::Kind::Stack && last_end_ == pc() && code_[last_dst_unit_] == slot(h)) code_[last_dst_unit_] = 0;
  else move(0, e, h);
}

void Compiler::materialize(uint32_t h) noexcept {
  Opnd& e = stack_[h];
  if (e.kind == Opnd::Kind::Stack) return;
  move(slot(h), e, h);
  if (e.kind == Opnd::Kind::Local) ref_head_[e.local] = e.prev;  // e is the topmost entry naming it
  e.kind = Opnd::Kind::Stack;
}

void Compiler::materialize_top(uint32_t n) noexcept {
  for (uint32_t h = height(); h-- > height() - n;) materialize(h);
}

void Compiler::materialize_all() noexcept {
  for (uint32_t h = height(); h-- > watermark_;) materialize(h);
  watermark_ = height();
}

void Compiler::materialize_local_refs(uint32_t local) noexcept {
  while (ref_head_[local] != 0) materialize(ref_head_[local] - 1);
}

// Fuel regions (protocol.md "Interlude profile", per-instruction fuel). A straight-line region
// starts at function entry and immediately after every block, loop, if, else, end, br, br_if,
// br_table, return and unreachable operator; call and call_indirect do not end a region. A
// control operator's own cost belongs to the region it ends. The region's summed static cost
// (plus, for the entry region, 1 per declared local) is charged by one `fuel` op placed before the
// IR of the region's first operator with a non-zero cost; everything before it in the region is
// free and cannot trap or be observed, so this equals charging on entry. Every branch target is a
// region start, so a loop charges its header region on every iteration.
void Compiler::charge(uint32_t cost) noexcept {
  if (!cfg_.fuel_metering || cost == 0) return;
  // Only a region's first charged operator checks for dead code: code turns dead only where a
  // region ends (set_unreachable is always followed by end_region), so a region with a `fuel` op
  // stays live to its end.
  if (fuel_unit_ == kNone) {
    if (dead()) return;
    if (pc() == cond_br_end_) set_handler(cond_br_start_, ir::branch_form(cond_br_op_, false, true));
    op(Op::fuel);
    fuel_unit_ = pc();
    u32(0);
  }
  region_cost_ += cost;
}

void Compiler::end_region() noexcept {
  if (fuel_unit_ != kNone) code_[fuel_unit_] = region_cost_;
  fuel_unit_ = kNone;
  region_cost_ = 0;
}

// Completes the jump instruction at `start`, an `emitted` br or conditional branch whose last
// operand, the offset, comes next, to `target`. A backward jump to a loop header that starts with
// a `fuel` op takes its _fuel form (ir.h INTERLUDE_IR_BRANCH_FORMS). Returns the Op now at `start`.
Op Compiler::link(Ctrl& target, uint32_t start, Op emitted) noexcept {
  if (target.opcode == 0x03) {
    u32(target.label - start);
    if (!fuel_op_at(target.label)) return emitted;
    const Op fused = emitted == Op::br ? Op::br_fuel : ir::branch_form(emitted, true, false);
    set_handler(start, fused);
    return fused;
  }
  target.fwd.emplace_back(start, pc());
  u32(0);
  return emitted;
}

void Compiler::bind(Ctrl& c) noexcept {
  target_pc_ = pc();
  for (const auto& [start, unit] : c.fwd) code_[unit] = pc() - start;
  c.fwd.clear();
  forget_last();
}

bool Compiler::needs_moves(const Ctrl& t) noexcept {
  const uint32_t n = t.arity(), base = height() - n;
  for (uint32_t i = 0; i < n; ++i) {
    const Opnd& e = stack_[base + i];
    if (e.kind != Opnd::Kind::Stack || base + i != t.height + i) return true;
  }
  return false;
}

void Compiler::emit_moves(const Ctrl& t) noexcept {
  // Destinations are stack slots at or below their sources, so ascending order is safe.
  const uint32_t n = t.arity(), base = height() - n;
  for (uint32_t i = 0; i < n; ++i) move(slot(t.height + i), stack_[base + i], base + i);
}

// Emits a jump taken when `cond` (at height h, already popped) is non-zero (when_true) or zero,
// fused with the compare that produced it when possible. Links it to `target`, or, with no target,
// reports the offset unit in `unit` for the caller to patch.
void Compiler::emit_cond_jump(const Opnd& cond, uint32_t h, bool when_true, Ctrl* target, uint32_t& start,
                              uint32_t& unit) noexcept {
  Op o;
  if (fusable(cond, h)) {
    const LastCmp lc = cmp_;
    code_.resize(lc.pos);
    last_add_ = LastBin{};
    start = pc();
    if (lc.cmp == cmp_eqz) {
      o = when_true ? Op::br_unless : Op::br_if;
      op(o);
      u32(lc.a);
    } else if (lc.add_pos != kNone) {  // i += k; branch on i: br_add_<cmp>_ri [i a k b off]
      code_.resize(lc.add_pos);
      start = pc();
      const uint32_t c = when_true ? lc.cmp : kCmps[lc.cmp].inverse;
      o = static_cast<Op>(static_cast<uint32_t>(Op::br_add_i32_eq_ri) + 4 * c);
      op(o);
      u32(lc.a);
      u32(lc.add_a);
      u32(lc.add_imm);
      u32(static_cast<uint32_t>(lc.b));
    } else {
      const CmpInfo& ci = kCmps[when_true ? lc.cmp : kCmps[lc.cmp].inverse];
      o = lc.ri ? ci.br_ri : ci.br_rr;
      op(o);
      u32(lc.a);
      if (lc.ri && ci.wide) u64(lc.b);
      else u32(static_cast<uint32_t>(lc.b));
    }
  } else {
    const uint32_t c = src(cond, h);
    start = pc();
    o = when_true ? Op::br_if : Op::br_unless;
    op(o);
    u32(c);
  }
  forget_last();
  unit = pc();
  if (target) {
    o = link(*target, start, o);
  } else {
    u32(0);
  }
  cond_br_start_ = start, cond_br_end_ = pc(), cond_br_op_ = o;
}

// ------------------------------------------------------------------------------------------------
// Function bodies: operators

bool Compiler::function_body(uint32_t funcidx) noexcept {
  FuncInfo& f = m_.funcs_[funcidx];
  const FuncType& ft = m_.types_[f.type];
  local_types_.assign(ft.params.begin(), ft.params.end());
  uint32_t groups;
  if (!r_.u32(groups)) return false;
  uint64_t total = local_types_.size();
  for (uint32_t i = 0; i < groups; ++i) {
    uint32_t n;
    ValType t;
    if (!r_.u32(n)) return false;
    total += n;
    if (total > lim_.max_locals) return limit("max_locals");
    if (!valtype(t)) return false;
    local_types_.insert(local_types_.end(), n, t);
  }
  nlocals_ = static_cast<uint32_t>(total);
  if (!spend(nlocals_)) return false;
  if (ref_head_.size() < nlocals_) ref_head_.resize(nlocals_, 0);
  f.nlocals = nlocals_;
  f.entry = target_pc_ = pc();
  stack_.clear();
  depth_ = 0;
  max_height_ = watermark_ = 0;
  forget_last();
  fuel_unit_ = kNone;
  region_cost_ = 0;
  cond_br_end_ = kNone;
  push_ctrl(0, nullptr, 0, ft.results.data(), static_cast<uint32_t>(ft.results.size()));
  charge(nlocals_ - f.nparams);
  const int64_t height_limit = int64_t{lim_.max_value_stack} - nlocals_;  // max_value_stack - locals
  while (depth_ > 0) {
    uint8_t b;
    if (!r_.u8(b)) return false;
    uint32_t opc = b, cost = kOpCosts[b];
    if (b == 0xFC) {
      uint32_t sub;
      if (!r_.u32(sub)) return false;
      if (sub > 0xFF) return fail("unknown operator");
      opc = 0xFC00 | sub;
      cost = operator_cost(opc);
    }
    charge(cost);
    if (!instruction(opc)) return false;
    if (max_height_ > height_limit) return limit("max_value_stack");
  }
  f.frame_slots = std::max({nlocals_ + max_height_, f.nresults, 1u});
  return true;
}

bool Compiler::instruction(uint32_t opc) noexcept {
  switch (opc) {
    case 0x00:  // unreachable
      if (!dead()) op(Op::unreachable);
      set_unreachable();
      end_region();
      return true;
    case 0x01:  // nop
      return true;
    case 0x02: case 0x03: case 0x04:
      return op_block(opc);
    case 0x05:
      return op_else();
    case 0x0B:
      return op_end();
    case 0x0C: case 0x0D:
      return op_br(opc);
    case 0x0E:
      return op_br_table();
    case 0x0F:
      return op_return();
    case 0x10: case 0x11:
      return op_call(opc);
    case 0x1A: {  // drop
      Opnd e;
      forget_last();
      return pop_any(e);
    }
    case 0x1B: case 0x1C:
      return op_select(opc);
    case 0x20: case 0x21: case 0x22:
      return op_local(opc);
    case 0x23: {  // global.get
      uint32_t g;
      if (!r_.u32(g)) return false;
      if (g >= m_.globals_.size()) return fail("unknown global");
      return emit_popped(m_.globals_[g].imported ? Op::global_get_ref : Op::global_get, {}, {g},
                         m_.globals_[g].type.type);
    }
    case 0x24: {  // global.set
      uint32_t g;
      if (!r_.u32(g)) return false;
      if (g >= m_.globals_.size()) return fail("unknown global");
      if (!m_.globals_[g].type.mut) return fail("global is immutable");
      return emit_popped(m_.globals_[g].imported ? Op::global_set_ref : Op::global_set, {m_.globals_[g].type.type},
                         {g});
    }
    case 0x25: case 0x26: {  // table.get / table.set
      uint32_t t;
      if (!r_.u32(t)) return false;
      if (!need_table(t)) return false;
      const ValType et = m_.tables_[t].type.elem;
      return opc == 0x25 ? emit_popped(Op::table_get, {ValType::I32}, {t}, et)
                         : emit_popped(Op::table_set, {ValType::I32, et}, {t});
    }
    case 0x28: return op_load(Op::load32_u, ValType::I32, 2);
    case 0x29: return op_load(Op::load64, ValType::I64, 3);
    case 0x2A: return op_load(Op::load32_u, ValType::F32, 2);
    case 0x2B: return op_load(Op::load64, ValType::F64, 3);
    case 0x2C: return op_load(Op::load8_s32, ValType::I32, 0);
    case 0x2D: return op_load(Op::load8_u, ValType::I32, 0);
    case 0x2E: return op_load(Op::load16_s32, ValType::I32, 1);
    case 0x2F: return op_load(Op::load16_u, ValType::I32, 1);
    case 0x30: return op_load(Op::load8_s64, ValType::I64, 0);
    case 0x31: return op_load(Op::load8_u, ValType::I64, 0);
    case 0x32: return op_load(Op::load16_s64, ValType::I64, 1);
    case 0x33: return op_load(Op::load16_u, ValType::I64, 1);
    case 0x34: return op_load(Op::load32_s64, ValType::I64, 2);
    case 0x35: return op_load(Op::load32_u, ValType::I64, 2);
    case 0x36: return op_store(Op::store32, ValType::I32, 2);
    case 0x37: return op_store(Op::store64, ValType::I64, 3);
    case 0x38: return op_store(Op::store32, ValType::F32, 2);
    case 0x39: return op_store(Op::store64, ValType::F64, 3);
    case 0x3A: return op_store(Op::store8, ValType::I32, 0);
    case 0x3B: return op_store(Op::store16, ValType::I32, 1);
    case 0x3C: return op_store(Op::store8, ValType::I64, 0);
    case 0x3D: return op_store(Op::store16, ValType::I64, 1);
    case 0x3E: return op_store(Op::store32, ValType::I64, 2);
    case 0x3F:  // memory.size
      if (!zero_byte() || !need_memory()) return false;
      return emit_popped(Op::memory_size, {}, {}, ValType::I32);
    case 0x40:  // memory.grow
      if (!zero_byte() || !need_memory()) return false;
      return emit_popped(Op::memory_grow, {ValType::I32}, {}, ValType::I32);
    case 0x41: {
      int32_t v;
      if (!r_.s32(v)) return false;
      push_entry({ValType::I32, Opnd::Kind::Const, 0, 0, static_cast<uint32_t>(v)});
      return true;
    }
    case 0x42: {
      int64_t v;
      if (!r_.s64(v)) return false;
      push_entry({ValType::I64, Opnd::Kind::Const, 0, 0, static_cast<uint64_t>(v)});
      return true;
    }
    case 0x43: {
      uint32_t v;
      if (!r_.fixed(v)) return false;
      push_entry({ValType::F32, Opnd::Kind::Const, 0, 0, v});
      return true;
    }
    case 0x44: {
      uint64_t v;
      if (!r_.fixed(v)) return false;
      push_entry({ValType::F64, Opnd::Kind::Const, 0, 0, v});
      return true;
    }
    case 0xAD: case 0xBC: case 0xBD: case 0xBE: case 0xBF: {  // i64.extend_i32_u, reinterprets: same bits
      ValType in = kUnknown, out = kUnknown;
      numeric_types(opc, in, out);
      Opnd e;
      if (!pop(e, in)) return false;
      e.type = out;
      push_entry(e);
      return true;
    }
#define INTERLUDE_CASE_CMP(name, opc, T, cond, inv) \
  case opc:                                         \
    return binop(Op::name##_rr, Op::name##_ri, true, opc);
#define INTERLUDE_CASE_IBIN(name, opc, T, R, body) \
  case opc:                                        \
    return binop(Op::name##_rr, Op::name##_ri, true, opc);
#define INTERLUDE_CASE_FBIN(name, opc, T, R, body) \
  case opc:                                        \
    return binop(Op::name, Op::name, false, opc);
#define INTERLUDE_CASE_UN(name, opc, T, R, body) \
  case opc:                                      \
    return unop(Op::name, opc);
      INTERLUDE_IR_INT_COMPARES(INTERLUDE_CASE_CMP)
      INTERLUDE_IR_INT_BINOPS(INTERLUDE_CASE_IBIN)
      INTERLUDE_IR_FLOAT_BINOPS(INTERLUDE_CASE_FBIN)
      INTERLUDE_IR_UNOPS(INTERLUDE_CASE_UN)
#undef INTERLUDE_CASE_CMP
#undef INTERLUDE_CASE_IBIN
#undef INTERLUDE_CASE_FBIN
#undef INTERLUDE_CASE_UN
    case 0xD0: {  // ref.null
      ValType t;
      if (!reftype(t)) return false;
      push_entry({t, Opnd::Kind::Const, 0, 0, 0});
      return true;
    }
    case 0xD1: {  // ref.is_null: the cell is 0 for null
      Opnd e;
      if (!pop_any(e)) return false;
      if (!is_ref(e.type)) return fail("type mismatch");
      const uint32_t h = height();
      const uint32_t a = src(e, h);
      if (!dead()) {
        op(Op::i64_eqz);
        u32(slot(h));
        u32(a);
      }
      push(ValType::I32);
      return true;
    }
    case 0xD2: {  // ref.func: the handle depends on the instance (funcaddr + 1)
      uint32_t f;
      if (!r_.u32(f)) return false;
      if (f >= m_.funcs_.size()) return fail("unknown function");
      if (f >= declared_.size() || !declared_[f]) return fail("undeclared function reference");
      return emit_popped(Op::ref_func, {}, {f}, ValType::FuncRef);
    }
    case 0xFC08: {  // memory.init
      uint32_t d;
      if (!r_.u32(d) || !zero_byte() || !need_memory() || !need_data(d)) return false;
      return emit_popped(Op::memory_init, {ValType::I32, ValType::I32, ValType::I32}, {d});
    }
    case 0xFC09: {  // data.drop
      uint32_t d;
      if (!r_.u32(d) || !need_data(d)) return false;
      return emit_popped(Op::data_drop, {}, {d});
    }
    case 0xFC0A:  // memory.copy
      if (!zero_byte() || !zero_byte() || !need_memory()) return false;
      return emit_popped(Op::memory_copy, {ValType::I32, ValType::I32, ValType::I32}, {});
    case 0xFC0B:  // memory.fill
      if (!zero_byte() || !need_memory()) return false;
      return emit_popped(Op::memory_fill, {ValType::I32, ValType::I32, ValType::I32}, {});
    case 0xFC0C: {  // table.init
      uint32_t e, t;
      if (!r_.u32(e) || !r_.u32(t)) return false;
      if (e >= m_.elems_.size()) return fail("unknown elem segment");
      if (!need_table(t)) return false;
      if (m_.tables_[t].type.elem != m_.elems_[e].type) return fail("type mismatch");
      return emit_popped(Op::table_init, {ValType::I32, ValType::I32, ValType::I32}, {e, t});
    }
    case 0xFC0D: {  // elem.drop
      uint32_t e;
      if (!r_.u32(e)) return false;
      if (e >= m_.elems_.size()) return fail("unknown elem segment");
      return emit_popped(Op::elem_drop, {}, {e});
    }
    case 0xFC0E: {  // table.copy
      uint32_t d, s;
      if (!r_.u32(d) || !r_.u32(s) || !need_table(d) || !need_table(s)) return false;
      if (m_.tables_[d].type.elem != m_.tables_[s].type.elem) return fail("type mismatch");
      return emit_popped(Op::table_copy, {ValType::I32, ValType::I32, ValType::I32}, {d, s});
    }
    case 0xFC0F: case 0xFC10: case 0xFC11: {  // table.grow / table.size / table.fill
      uint32_t t;
      if (!r_.u32(t) || !need_table(t)) return false;
      const ValType et = m_.tables_[t].type.elem;
      if (opc == 0xFC0F) return emit_popped(Op::table_grow, {et, ValType::I32}, {t}, ValType::I32);
      if (opc == 0xFC10) return emit_popped(Op::table_size, {}, {t}, ValType::I32);
      return emit_popped(Op::table_fill, {ValType::I32, et, ValType::I32}, {t});
    }
    case 0xFD:
      return fail("SIMD (v128) is not supported by this engine");
    default:
      return fail("unknown operator");
  }
}

bool Compiler::zero_byte() noexcept {
  uint8_t b;
  if (!r_.u8(b)) return false;
  return b == 0 ? true : r_.fail_at(r_.offset() - 1, "zero byte expected");
}

bool Compiler::need_data(uint32_t d) noexcept {
  if (!data_count_) return fail("data count section required");
  return d < *data_count_ ? true : fail("unknown data segment");
}

bool Compiler::emit_popped(Op o, std::initializer_list<ValType> types, std::initializer_list<uint32_t> prefix,
                           ValType result) noexcept {
  Opnd ops[3];
  const uint32_t n = static_cast<uint32_t>(types.size());
  for (uint32_t i = n; i-- > 0;)
    if (!pop(ops[i], types.begin()[i])) return false;
  const uint32_t h = height();
  uint32_t cells[3];
  for (uint32_t i = 0; i < n; ++i) cells[i] = src(ops[i], h + i);
  if (!dead()) {
    op(o);
    const bool has_dst = result != kUnknown;
    const uint32_t dst_unit = pc();
    if (has_dst) u32(slot(h));
    for (uint32_t p : prefix) u32(p);
    for (uint32_t i = 0; i < n; ++i) u32(cells[i]);
    if (has_dst) {
      last_dst_unit_ = dst_unit;
      last_end_ = pc();
    }
  }
  if (result != kUnknown) push(result);
  return true;
}

bool Compiler::binop(Op rr, Op ri, bool has_ri, uint32_t opc) noexcept {
  ValType in = kUnknown, out = kUnknown;
  numeric_types(opc, in, out);
  Opnd a, b;
  if (!pop(b, in) || !pop(a, in)) return false;
  const uint32_t h = height();
  uint32_t ha = h, hb = h + 1;
  if (!dead() && (opc == 0x6A || opc == 0x7C)) {  // x + y * z: one i32_mul_add / i64_mul_add
    const uint32_t mul = opc == 0x6A ? 0x6C : 0x7E;
    const bool b_is_product = from_last_bin(b, hb, mul), a_is_product = from_last_bin(a, ha, mul);
    const Opnd& addend = b_is_product ? a : b;
    if ((a_is_product || b_is_product) && !last_bin_.ri && addend.kind != Opnd::Kind::Const) {
      const LastBin product = last_bin_;
      const uint32_t c = src(addend, b_is_product ? ha : hb);
      replace_last_bin(opc == 0x6A ? Op::i32_mul_add : Op::i64_mul_add, slot(h), product.a, product.b, c);
      push(out);
      return true;
    }
  }
  if (!dead()) {
    if (has_ri && a.kind == Opnd::Kind::Const && b.kind != Opnd::Kind::Const && commutative(opc)) {
      std::swap(a, b);
      std::swap(ha, hb);
    }
    const bool use_imm = has_ri && b.kind == Opnd::Kind::Const;
    const uint32_t sa = src(a, ha);
    const uint32_t sb = use_imm ? 0 : src(b, hb);
    const uint32_t start = pc();
    op(use_imm ? ri : rr);
    const uint32_t dst_unit = pc();
    u32(slot(h));
    u32(sa);
    const bool wide = in == ValType::I64;
    if (!use_imm) u32(sb);
    else if (wide) u64(b.imm);
    else u32(static_cast<uint32_t>(b.imm));
    last_dst_unit_ = dst_unit;
    last_end_ = pc();
    cmp_ = LastCmp{}, last_bin_ = LastBin{};
    if (opc == 0x6A || opc == 0x6C || opc == 0x7E)
      last_bin_ = {start, pc(), slot(h), sa, use_imm ? static_cast<uint32_t>(b.imm) : sb, opc, use_imm};
    if (opc == 0x6A && use_imm) last_add_ = last_bin_;
    if ((opc >= 0x46 && opc <= 0x4F) || (opc >= 0x51 && opc <= 0x5A)) {
      const uint32_t idx = opc <= 0x4F ? opc - 0x46 : opc - 0x51 + 10;
      cmp_ = {start, pc(), slot(h), sa, use_imm ? b.imm : sb, static_cast<CmpIdx>(idx), use_imm};
      // Adjacent to the add (no jump target between) that wrote this compare's operand.
      if (opc <= 0x4F && use_imm && last_add_.end == start && target_pc_ != start &&
          code_[last_add_.pos + kHandlerUnits] == sa) {
        cmp_.add_pos = last_add_.pos, cmp_.add_a = last_add_.a, cmp_.add_imm = last_add_.b;
      }
    }
  }
  push(out);
  return true;
}

bool Compiler::unop(Op o, uint32_t opc) noexcept {
  ValType in = kUnknown, out = kUnknown;
  numeric_types(opc, in, out);
  Opnd a;
  if (!pop(a, in)) return false;
  const uint32_t h = height();
  if (opc == 0x45 && !dead() && fusable(a, h) && cmp_.cmp != cmp_eqz) {
    // i32.eqz of a compare just emitted: invert the compare in place (e.g. `i32.eq; i32.eqz; if`).
    cmp_.cmp = kCmps[cmp_.cmp].inverse;
    const Op inverse = cmp_.ri ? kCmps[cmp_.cmp].ri : kCmps[cmp_.cmp].rr;
    std::memcpy(&code_[cmp_.pos], &handlers_[static_cast<uint32_t>(inverse)], sizeof(void*));
    push(out);
    return true;
  }
  if (!dead()) {
    const uint32_t sa = src(a, h);
    const uint32_t start = pc();
    op(o);
    last_dst_unit_ = pc();
    u32(slot(h));
    u32(sa);
    last_end_ = pc();
    cmp_ = LastCmp{};
    if (opc == 0x45 || opc == 0x50) cmp_ = {start, pc(), slot(h), sa, 0, cmp_eqz, false};
  }
  push(out);
  return true;
}

bool Compiler::memarg(uint32_t natural_log2, uint32_t& offset) noexcept {
  uint32_t align;
  if (!r_.u32(align) || !r_.u32(offset)) return false;
  if (!need_memory()) return false;
  if (align > natural_log2) return fail("alignment must not be larger than natural");
  return true;
}

bool Compiler::op_load(Op o, ValType t, uint32_t natural_log2) noexcept {
  uint32_t offset;
  Opnd addr;
  if (!memarg(natural_log2, offset) || !pop(addr, ValType::I32)) return false;
  const uint32_t h = height();
  if (!dead() && from_last_bin(addr, h, 0x6A)) {  // the address is an i32.add used only here
    const Op fused = static_cast<Op>(static_cast<uint32_t>(o) + (last_bin_.ri ? 2 : 1));  // o_addi / o_add
    replace_last_bin(fused, slot(h), last_bin_.a, last_bin_.b, offset);
  } else if (!dead()) {
    const uint32_t a = src(addr, h);
    op(o);
    last_dst_unit_ = pc();
    u32(slot(h));
    u32(a);
    u32(offset);
    last_end_ = pc();
  }
  push(t);
  return true;
}

bool Compiler::op_store(Op o, ValType t, uint32_t natural_log2) noexcept {
  uint32_t offset;
  Opnd addr, value;
  if (!memarg(natural_log2, offset) || !pop(value, t) || !pop(addr, ValType::I32)) return false;
  const uint32_t h = height();
  if (!dead()) {
    const uint32_t a = src(addr, h), v = src(value, h + 1);
    op(o);
    u32(a);
    u32(v);
    u32(offset);
  }
  return true;
}

bool Compiler::op_local(uint32_t opc) noexcept {
  uint32_t l;
  if (!r_.u32(l)) return false;
  if (l >= nlocals_) return fail("unknown local");
  const ValType t = local_types_[l];
  if (opc == 0x20) {  // local.get: deferred
    push_entry({t, Opnd::Kind::Local, l, 0, 0});
    return true;
  }
  Opnd e;
  if (!pop(e, t)) return false;
  const uint32_t h = height();
  if (!dead()) {
    if (e.kind == Opnd::Kind::Stack && last_end_ == pc() && code_[last_dst_unit_] == slot(h) &&
        ref_head_[l] == 0) {
      code_[last_dst_unit_] = l;  // the producer writes the local directly
    } else if (!(e.kind == Opnd::Kind::Local && e.local == l)) {
      materialize_local_refs(l);
      move(l, e, h);
    }
    forget_last();
  }
  if (opc == 0x22) push_entry({t, Opnd::Kind::Local, l, 0, 0});  // local.tee
  return true;
}

bool Compiler::op_select(uint32_t opc) noexcept {
  ValType t = kUnknown;
  if (opc == 0x1C) {
    uint32_t n;
    if (!r_.u32(n)) return false;
    if (n != 1) return fail("invalid result arity");
    if (!valtype(t)) return false;
  }
  Opnd c, b, a;
  if (!pop(c, ValType::I32) || !pop(b, t) || !pop(a, t)) return false;
  if (opc == 0x1B) {
    if (!is_num(a.type) || !is_num(b.type)) return fail("type mismatch");
    if (a.type != b.type && a.type != kUnknown && b.type != kUnknown) return fail("type mismatch");
    t = a.type == kUnknown ? b.type : a.type;
  }
  const uint32_t h = height();
  if (!dead()) {
    const uint32_t sa = src(a, h), sb = src(b, h + 1), sc = src(c, h + 2);
    op(Op::select);
    last_dst_unit_ = pc();
    u32(slot(h));
    u32(sa);
    u32(sb);
    u32(sc);
    last_end_ = pc();
  }
  push(t);
  return true;
}

bool Compiler::block_type(const ValType*& params, uint32_t& np, const ValType*& results, uint32_t& nr) noexcept {
  uint8_t b;
  if (!r_.peek(b)) return false;
  params = results = nullptr;
  np = nr = 0;
  if (b == 0x40) {
    r_.u8(b);
    return true;
  }
  if (b == 0x7F || b == 0x7E || b == 0x7D || b == 0x7C || b == 0x70 || b == 0x6F || b == 0x7B) {
    ValType t;
    if (!valtype(t)) return false;
    results = single(t);
    nr = 1;
    return true;
  }
  int64_t idx;
  if (!r_.s33(idx)) return false;
  if (idx < 0 || static_cast<uint64_t>(idx) >= m_.types_.size()) return fail("unknown type");
  const FuncType& ft = m_.types_[static_cast<size_t>(idx)];
  params = ft.params.data(), np = static_cast<uint32_t>(ft.params.size());
  results = ft.results.data(), nr = static_cast<uint32_t>(ft.results.size());
  return true;
}

bool Compiler::push_ctrl(uint32_t opcode, const ValType* params, uint32_t np, const ValType* results,
                         uint32_t nr) noexcept {
  if (depth_ >= lim_.max_nesting_depth) return limit("max_nesting_depth");
  const bool parent_dead = depth_ > 0 && dead();
  if (depth_ == ctrls_.size()) ctrls_.emplace_back();
  Ctrl& c = ctrls_[depth_++];
  c.opcode = opcode;
  c.params = params, c.nparams = np;
  c.results = results, c.nresults = nr;
  c.height = height() - np;
  c.unreachable = false;
  c.parent_dead = parent_dead;
  c.label = target_pc_ = pc();
  c.else_start = c.else_unit = kNone;
  c.checked_by = c.stub_for = 0;
  c.fwd.clear();
  return true;
}

bool Compiler::op_block(uint32_t opc) noexcept {
  const ValType *params, *results;
  uint32_t np, nr;
  if (!block_type(params, np, results, nr)) return false;
  Opnd cond;
  if (opc == 0x04 && !pop(cond, ValType::I32)) return false;
  const uint32_t cond_h = height();
  if (!check_top(params, np)) return false;
  uint32_t else_start = kNone, else_unit = kNone;
  if (!dead()) {
    materialize_all();
    if (opc == 0x04) emit_cond_jump(cond, cond_h, false, nullptr, else_start, else_unit);
  }
  end_region();
  forget_last();
  if (!push_ctrl(opc, params, np, results, nr)) return false;
  ctl().else_start = else_start;
  ctl().else_unit = else_unit;
  return true;
}

bool Compiler::op_else() noexcept {
  Ctrl& c = ctl();
  if (c.opcode != 0x04) return fail("else without if");
  if (!check_top(c.results, c.nresults) || height() != c.height + c.nresults) return fail("type mismatch");
  if (!dead()) {
    materialize_top(c.nresults);
    const uint32_t start = pc();
    op(Op::br);
    link(c, start, Op::br);
  }
  if (c.else_unit != kNone) code_[c.else_unit] = pc() - c.else_start;
  c.else_unit = kNone;
  target_pc_ = pc();
  truncate(c.height);
  c.opcode = 0x05;
  c.unreachable = false;
  if (!spend(c.nparams)) return false;
  for (uint32_t i = 0; i < c.nparams; ++i) push(c.params[i]);
  forget_last();
  end_region();
  return true;
}

bool Compiler::op_end() noexcept {
  Ctrl& c = ctl();
  if (!check_top(c.results, c.nresults) || height() != c.height + c.nresults) return fail("type mismatch");
  if (c.opcode == 0x04) {  // if without else: the false path passes the params through
    if (c.nparams != c.nresults || !std::equal(c.params, c.params + c.nparams, c.results))
      return fail("type mismatch");
  }
  const bool live = !dead();
  if (c.opcode == 0 && live && c.fwd.empty() && c.nresults == 1) {
    // Function end reached only by falling through: the result goes straight to cell 0.
    move_result(stack_.back(), height() - 1);
    op(Op::ret);
  } else {
    const bool reached = live || !c.fwd.empty();
    if (live) materialize_top(c.nresults);
    if (c.else_unit != kNone) code_[c.else_unit] = pc() - c.else_start;
    bind(c);
    if (c.opcode == 0 && reached) {
      // Function end: results are in slots nlocals.. (fallthrough and branches); move them to 0..
      for (uint32_t i = 0; i < c.nresults; ++i) {
        op(Op::copy);
        u32(i);
        u32(slot(i));
      }
      op(Op::ret);
    }
  }
  truncate(c.height);
  const ValType* results = c.results;
  const uint32_t nr = c.nresults;
  --depth_;
  if (depth_ > 0)
    for (uint32_t i = 0; i < nr; ++i) push(results[i]);
  forget_last();
  end_region();
  return true;
}

bool Compiler::op_br(uint32_t opc) noexcept {
  uint32_t l;
  if (!r_.u32(l)) return false;
  if (l >= depth_) return fail("unknown label");
  Opnd cond;
  if (opc == 0x0D && !pop(cond, ValType::I32)) return false;
  const uint32_t cond_h = height();
  Ctrl& t = ctrls_[depth_ - 1 - l];
  if (!check_top(t.label_types(), t.arity())) return false;
  if (!dead()) {
    if (opc == 0x0C) {
      emit_moves(t);
      const uint32_t start = pc();
      op(Op::br);
      link(t, start, Op::br);
    } else if (!needs_moves(t)) {
      uint32_t start, unit;
      emit_cond_jump(cond, cond_h, true, &t, start, unit);
    } else {  // moves only on the taken path: skip them when the condition is false
      uint32_t skip_start, skip_unit;
      emit_cond_jump(cond, cond_h, false, nullptr, skip_start, skip_unit);
      emit_moves(t);
      const uint32_t start = pc();
      op(Op::br);
      link(t, start, Op::br);
      code_[skip_unit] = pc() - skip_start;
      target_pc_ = pc();
    }
  }
  if (opc == 0x0C) set_unreachable();
  forget_last();
  end_region();
  return true;
}

bool Compiler::op_br_table() noexcept {
  uint32_t n;
  if (!count(n, lim_.max_br_table_targets, "max_br_table_targets")) return false;
  br_targets_.resize(n + 1);
  for (uint32_t& l : br_targets_) {
    if (!r_.u32(l)) return false;
    if (l >= depth_) return fail("unknown label");
  }
  Opnd index;
  if (!pop(index, ValType::I32)) return false;
  const uint32_t index_h = height();
  const uint32_t arity = ctrls_[depth_ - 1 - br_targets_[n]].arity();
  const uint32_t stamp = ++br_tables_;
  for (uint32_t l : br_targets_) {  // each distinct label once: repeating a check changes nothing
    Ctrl& t = ctrls_[depth_ - 1 - l];
    if (t.checked_by == stamp) continue;
    t.checked_by = stamp;
    if (t.arity() != arity) return fail("type mismatch");
    if (!check_top(t.label_types(), arity, true)) return false;
  }
  if (!dead()) {
    const uint32_t idx = src(index, index_h);
    const uint32_t start = pc();
    op(Op::br_table);
    u32(idx);
    u32(n);
    const uint32_t table = pc();
    code_.resize(code_.size() + n + 1);
    for (uint32_t k = 0; k <= n; ++k) {
      Ctrl& t = ctrls_[depth_ - 1 - br_targets_[k]];
      if (t.stub_for != stamp) {  // first entry for this label: does it need value moves?
        t.stub_for = stamp;
        t.stub = needs_moves(t) ? kNone : 0;
      }
      if (t.stub == 0) {  // values already in place: jump straight to the label
        if (t.opcode == 0x03) code_[table + k] = t.label - start;
        else t.fwd.emplace_back(start, table + k);
        continue;
      }
      if (t.stub == kNone) {  // one stub per label, after the table: move the values, then jump
        t.stub = target_pc_ = pc();
        if (!spend(arity)) return false;
        emit_moves(t);
        const uint32_t s = pc();
        op(Op::br);
        link(t, s, Op::br);
      }
      code_[table + k] = t.stub - start;
    }
  }
  set_unreachable();
  forget_last();
  end_region();
  return true;
}

bool Compiler::op_return() noexcept {
  Ctrl& f = ctrls_[0];
  if (!check_top(f.results, f.nresults)) return false;
  if (!dead()) {
    if (f.nresults <= 1) {
      if (f.nresults == 1) move_result(stack_.back(), height() - 1);
      op(Op::ret);
    } else {  // as a branch to the function end, which moves the results
      emit_moves(f);
      const uint32_t start = pc();
      op(Op::br);
      link(f, start, Op::br);
    }
  }
  set_unreachable();
  forget_last();
  end_region();
  return true;
}

bool Compiler::op_call(uint32_t opc) noexcept {
  uint32_t idx, canon = 0, table = 0;
  if (!r_.u32(idx)) return false;
  const FuncType* ft;
  if (opc == 0x10) {
    if (idx >= m_.funcs_.size()) return fail("unknown function");
    ft = &m_.types_[m_.funcs_[idx].type];
  } else {
    if (!r_.u32(table)) return false;
    if (idx >= m_.types_.size()) return fail("unknown type");
    if (!need_table(table)) return false;
    if (m_.tables_[table].type.elem != ValType::FuncRef) return fail("type mismatch");
    ft = &m_.types_[idx];
    canon = m_.canon_types_[idx];
  }
  Opnd index;
  if (opc == 0x11 && !pop(index, ValType::I32)) return false;
  const uint32_t index_h = height();
  const uint32_t np = static_cast<uint32_t>(ft->params.size());
  if (!check_top(ft->params.data(), np)) return false;
  const uint32_t base = height() - np;
  if (!dead()) {
    materialize_top(np);
    if (opc == 0x10) {
      op(m_.funcs_[idx].imported ? Op::call_import : Op::call);
      u32(idx);
    } else {
      const uint32_t cell = src(index, index_h);
      op(Op::call_indirect);
      u32(canon);
      u32(table);
      u32(cell);
    }
    u32(slot(base));
  }
  forget_last();
  truncate(base);
  if (!spend(ft->results.size())) return false;
  for (ValType t : ft->results) push(t);
  return true;
}

}  // namespace

std::shared_ptr<const Module> Module::compile(std::span<const uint8_t> binary, const Config& config,
                                              CompileError* error) noexcept {
  auto m = std::make_shared<ModuleImpl>();
  m->config_ = config;
  Compiler c(binary, config, *m);
  if (!c.run()) {
    if (error) *error = {c.reader().error(), c.reader().error_offset()};
    return nullptr;
  }
  m->code_.assign(c.code().data(), c.code().data() + c.code().size());
  const void* const fuel_handler = ir::handlers()[static_cast<uint32_t>(ir::Op::fuel)];
  for (FuncInfo& f : m->funcs_) {
    if (f.imported) continue;
    f.code = m->code_.data() + f.entry;
    const void* first;
    std::memcpy(&first, f.code, sizeof first);
    if (first == fuel_handler) {  // the entry region's charge moves into the call (interp.cpp enter)
      f.entry_fuel = f.code[ir::kHandlerUnits];
      f.code += ir::kFuelUnits;
    }
  }
  return m;
}

}  // namespace interlude::wasm
