// Instances (spec §4.5.4 instantiation) and the interpreter: threaded dispatch (computed goto)
// over the IR of ir.h, with the value stack and the frame stack on the heap so that an invocation
// can suspend at a host import and resume later.
#include <algorithm>
#include <cstring>

#include "ir.h"
#include "module_impl.h"

namespace interlude::wasm {
namespace {

using namespace ir;

static_assert(std::endian::native == std::endian::little, "linear memory and cells assume a little-endian host");

constexpr uint32_t kInitialStackCells = 4096;
constexpr uint64_t kFrameBytes = 16;  ///< footprint accounting per frame (fixed, not sizeof: deterministic)

/// One suspended wasm activation: where the caller continues and its frame.
struct Frame {
  const uint32_t* ret;  ///< the caller's next instruction
  uint32_t fp;          ///< the caller's frame base (cell index in the value stack)
};

struct TableInst {
  std::vector<Value> elems;
  uint32_t max = 0;  ///< min(declared max, Limits::max_table_size)
};

template <typename T> T get(Value c) noexcept {
  if constexpr (std::is_same_v<T, f32>) return std::bit_cast<f32>(static_cast<u32>(c));
  else if constexpr (std::is_same_v<T, f64>) return std::bit_cast<f64>(c);
  else if constexpr (sizeof(T) == 4) return static_cast<T>(static_cast<u32>(c));
  else return static_cast<T>(c);
}
template <typename T> Value put(T v) noexcept {
  if constexpr (std::is_same_v<T, f32>) return std::bit_cast<u32>(v);
  else if constexpr (std::is_same_v<T, f64>) return std::bit_cast<u64>(v);
  else if constexpr (sizeof(T) == 4) return static_cast<u32>(v);
  else return static_cast<u64>(v);
}
template <typename T> T imm(const uint32_t* p) noexcept {
  if constexpr (sizeof(T) == 8) return static_cast<T>(p[0] | (static_cast<u64>(p[1]) << 32));
  else return static_cast<T>(p[0]);
}
template <typename T> constexpr uint32_t imm_units = sizeof(T) == 8 ? 2 : 1;

inline f32 canonicalize(f32 x, bool canon) noexcept { return canon && x != x ? std::bit_cast<f32>(0x7FC00000u) : x; }
inline f64 canonicalize(f64 x, bool canon) noexcept {
  return canon && x != x ? std::bit_cast<f64>(0x7FF8000000000000ull) : x;
}

/// Values from the host (call arguments, host function results) as cells: i32/f32 zero-extended.
inline Value to_cell(ValType t, Value v) noexcept {
  return t == ValType::I32 || t == ValType::F32 ? static_cast<uint32_t>(v) : v;
}
inline void to_cells(const std::vector<ValType>& types, const Value* in, Value* out) noexcept {
  for (size_t i = 0; i < types.size(); ++i) out[i] = to_cell(types[i], in[i]);
}

class InstanceImpl;
const void* const* interpret(InstanceImpl* self, const uint32_t* ip, uint32_t fp_index, RunResult& out) noexcept;

class InstanceImpl final : public Instance {
 public:
  explicit InstanceImpl(std::shared_ptr<const ModuleImpl> m) noexcept : module_(std::move(m)), m_(*module_) {}

  const Module& module() const noexcept override { return m_; }
  RunResult call(uint32_t funcidx, std::span<const Value> args) noexcept override;
  RunResult resume(std::span<const Value> results) noexcept override;
  bool suspended() const noexcept override { return suspended_; }
  std::span<const Value> results() const noexcept override { return results_; }
  uint64_t fuel_remaining() const noexcept override { return fuel_; }
  uint64_t fuel_consumed() const noexcept override { return metering_ ? fuel_limit_ - fuel_ : 0; }
  bool consume_fuel(uint64_t amount) noexcept override {
    if (!metering_) return true;
    if (fuel_ < amount) {
      fuel_ = 0;
      return false;
    }
    fuel_ -= amount;
    return true;
  }
  uint8_t* memory_data() noexcept override { return memory_.empty() ? nullptr : memory_.data(); }
  const uint8_t* memory_data() const noexcept override { return memory_.empty() ? nullptr : memory_.data(); }
  uint64_t memory_size() const noexcept override { return memory_.size(); }
  uint64_t footprint_bytes() const noexcept override {
    return uint64_t{memory_.size()} + 8 * uint64_t{stack_.size()} + kFrameBytes * uint64_t{frames_.size()};
  }

  /// Runs from `ip` with frame base `fp` and records the outcome (results, idle/suspended state).
  RunResult run(const uint32_t* ip, uint32_t fp) noexcept;
  InstantiateResult initialize(std::span<const HostImport> imports, uint64_t fuel_limit) noexcept;
  Value eval(const ConstExpr& e) const noexcept {
    switch (e.kind) {
      case ConstExpr::Kind::Global: return globals_[e.index];
      case ConstExpr::Kind::Func: return uint64_t{e.index} + 1;
      default: return e.value;
    }
  }

  std::shared_ptr<const ModuleImpl> module_;
  const ModuleImpl& m_;
  std::vector<HostImport> host_;  ///< by funcidx, for imported functions
  std::vector<uint8_t> memory_;
  uint32_t mem_max_pages_ = 0;  ///< min(declared max, Limits::max_memory_pages)
  std::vector<Value> globals_;
  std::vector<TableInst> tables_;
  std::vector<std::vector<Value>> elem_segs_;  ///< element segment instances; dropped ones are empty
  std::vector<uint8_t> data_dropped_;
  bool metering_ = true;
  uint64_t fuel_ = 0, fuel_limit_ = 0;
  std::vector<Value> stack_;
  std::vector<Frame> frames_;
  std::vector<Value> results_, host_results_;
  uint32_t entry_nresults_ = 0;
  bool running_ = false, suspended_ = false;
  const uint32_t* susp_ip_ = nullptr;  ///< where a suspended invocation continues
  uint32_t susp_results_ = 0;          ///< cell receiving the suspended import's results
  uint32_t susp_fp_ = 0, susp_nresults_ = 0, susp_type_ = 0;
};

RunResult InstanceImpl::run(const uint32_t* ip, uint32_t fp) noexcept {
  RunResult out;
  running_ = true;
  interpret(this, ip, fp, out);
  running_ = false;
  if (out.status == RunStatus::Returned) results_.assign(stack_.begin(), stack_.begin() + entry_nresults_);
  if (out.status != RunStatus::Suspended) frames_.clear();
  return out;
}

// API misuse (wrong funcidx or argument count, call while suspended or from a host function,
// resume with the wrong result count) traps BadSignature without touching the instance state.
RunResult InstanceImpl::call(uint32_t funcidx, std::span<const Value> args) noexcept {
  const RunResult misuse{RunStatus::Trapped, Trap::BadSignature};
  if (suspended_ || running_ || funcidx >= m_.funcs_.size()) return misuse;
  const FuncInfo& f = m_.funcs_[funcidx];
  if (args.size() != f.nparams) return misuse;
  const uint32_t need = std::max({f.nparams, f.nresults, kInitialStackCells});
  if (stack_.size() < need) stack_.resize(std::min(need, std::max(m_.config_.limits.max_value_stack, f.nparams)));
  if (stack_.size() < std::max(f.nparams, f.nresults)) return {RunStatus::Trapped, Trap::StackOverflow};
  to_cells(m_.types_[f.type].params, args.data(), stack_.data());
  entry_nresults_ = f.nresults;
  return run(m_.code_.data() + f.trampoline, 0);
}

RunResult InstanceImpl::resume(std::span<const Value> results) noexcept {
  if (!suspended_ || running_ || results.size() != susp_nresults_) return {RunStatus::Trapped, Trap::BadSignature};
  suspended_ = false;
  to_cells(m_.types_[susp_type_].results, results.data(), stack_.data() + susp_results_);
  return run(susp_ip_, susp_fp_);
}

InstantiateResult InstanceImpl::initialize(std::span<const HostImport> imports, uint64_t fuel_limit) noexcept {
  InstantiateResult res;
  const Limits& lim = m_.config_.limits;
  if (imports.size() != m_.imports_.size()) {
    res.error = "import count mismatch: module has " + std::to_string(m_.imports_.size()) + " imports, got " +
                std::to_string(imports.size());
    return res;
  }
  for (size_t i = 0; i < imports.size(); ++i)
    if (m_.imports_[i].kind != ExternKind::Func) {
      res.error = "unsupported import kind (only functions can be imported): " + m_.imports_[i].module + "." +
                  m_.imports_[i].name;
      return res;
    }
  host_.assign(imports.begin(), imports.end());
  host_results_.resize(std::max(m_.max_import_results_, 1u));
  metering_ = m_.config_.fuel_metering;
  fuel_limit_ = fuel_limit;
  fuel_ = metering_ ? fuel_limit : UINT64_MAX;

  if (!m_.memories_.empty()) {
    const MemoryDecl& mem = m_.memories_[0];
    if (!consume_fuel(uint64_t{mem.min} * 1024)) {  // initial memory: 1024 fuel per page, before allocating
      res.trap = Trap::OutOfFuel;
      return res;
    }
    mem_max_pages_ = std::min(mem.max, lim.max_memory_pages);
    memory_.resize(uint64_t{mem.min} * kPageSize);
  }
  globals_.reserve(m_.globals_.size());
  for (const GlobalDecl& g : m_.globals_) globals_.push_back(eval(g.init));
  tables_.resize(m_.tables_.size());
  for (size_t i = 0; i < tables_.size(); ++i) {
    tables_[i].elems.assign(m_.tables_[i].min, 0);
    tables_[i].max = std::min(m_.tables_[i].max, lim.max_table_size);
  }
  elem_segs_.resize(m_.elems_.size());
  for (size_t i = 0; i < elem_segs_.size(); ++i)
    for (const ConstExpr& e : m_.elems_[i].init) elem_segs_[i].push_back(eval(e));
  data_dropped_.assign(m_.datas_.size(), 0);

  // Active element segments, then active data segments, in order; each is dropped once applied
  // (spec §4.5.4, bulk-memory semantics: bounds are checked per segment when it is applied).
  for (size_t i = 0; i < elem_segs_.size(); ++i) {
    const ElemSegment& seg = m_.elems_[i];
    if (seg.mode == SegmentMode::Active) {
      std::vector<Value>& table = tables_[seg.table].elems;
      const uint64_t offset = static_cast<uint32_t>(eval(seg.offset));
      if (offset + elem_segs_[i].size() > table.size()) {
        res.trap = Trap::TableOutOfBounds;
        return res;
      }
      std::copy(elem_segs_[i].begin(), elem_segs_[i].end(), table.begin() + static_cast<ptrdiff_t>(offset));
    }
    if (seg.mode != SegmentMode::Passive) elem_segs_[i] = {};
  }
  for (size_t i = 0; i < m_.datas_.size(); ++i) {
    const DataSegment& seg = m_.datas_[i];
    if (seg.mode != SegmentMode::Active) continue;
    const uint64_t offset = static_cast<uint32_t>(eval(seg.offset));
    if (offset + seg.bytes.size() > memory_.size()) {
      res.trap = Trap::MemoryOutOfBounds;
      return res;
    }
    if (!seg.bytes.empty()) std::memcpy(memory_.data() + offset, seg.bytes.data(), seg.bytes.size());
    data_dropped_[i] = 1;
  }
  if (m_.start_) {
    const RunResult r = call(*m_.start_, {});
    if (r.status == RunStatus::Trapped) {
      res.trap = r.trap;
      return res;
    }
    if (r.status == RunStatus::Suspended) {
      res.error = "start function suspended at a host import";
      return res;
    }
  }
  return res;
}

// The interpreter. With self == nullptr it only returns the dispatch table (ir::handlers()).
// Registers: ip (next instruction), fp (frame base), mem/mem_size (linear memory 0), fuel.
const void* const* interpret(InstanceImpl* self, const uint32_t* ip, uint32_t fp_index, RunResult& out) noexcept {
  static const void* const kTable[] = {
#define INTERLUDE_L_MISC(name) &&L_##name,
#define INTERLUDE_L_CMP(name, opc, T, cond, inv) &&L_##name##_rr, &&L_##name##_ri, &&L_br_##name##_rr, &&L_br_##name##_ri,
#define INTERLUDE_L_BIN(name, opc, T, R, body) &&L_##name##_rr, &&L_##name##_ri,
#define INTERLUDE_L_ONE(name, ...) &&L_##name,
      INTERLUDE_IR_MISC_OPS(INTERLUDE_L_MISC)
      INTERLUDE_IR_INT_COMPARES(INTERLUDE_L_CMP)
      INTERLUDE_IR_INT_BINOPS(INTERLUDE_L_BIN)
      INTERLUDE_IR_FLOAT_BINOPS(INTERLUDE_L_ONE)
      INTERLUDE_IR_UNOPS(INTERLUDE_L_ONE)
      INTERLUDE_IR_LOADS(INTERLUDE_L_ONE)
      INTERLUDE_IR_STORES(INTERLUDE_L_ONE)
#undef INTERLUDE_L_MISC
#undef INTERLUDE_L_CMP
#undef INTERLUDE_L_BIN
#undef INTERLUDE_L_ONE
  };
  static_assert(sizeof(kTable) / sizeof(kTable[0]) == static_cast<size_t>(Op::count_));
  if (!self) return kTable;

  InstanceImpl& s = *self;
  const ModuleImpl& m = s.m_;
  const uint32_t* const code = m.code_.data();
  const FuncInfo* const funcs = m.funcs_.data();
  const uint64_t nfuncs = m.funcs_.size();
  const uint64_t max_depth = m.config_.limits.max_call_depth;
  const uint64_t max_stack = m.config_.limits.max_value_stack;
  const bool canon = m.config_.canonical_nan;
  const bool metering = s.metering_;
  Value* const globals = s.globals_.data();
  Value* stack = s.stack_.data();
  Value* fp = stack + fp_index;
  uint8_t* mem = s.memory_.data();
  uint64_t mem_size = s.memory_.size();
  uint64_t fuel = s.fuel_;
  Trap trap = Trap::Unreachable;
  const FuncInfo* callee = nullptr;  // for `enter` and `host_call`
  uint32_t call_base = 0;
  const uint32_t* call_ret = nullptr;

#define NEXT()                                \
  do {                                        \
    const void* h_;                           \
    std::memcpy(&h_, ip, sizeof h_);          \
    goto* h_;                                 \
  } while (0)
#define TRAP(t)         \
  do {                  \
    trap = Trap::t;     \
    goto do_trap;       \
  } while (0)
#define CHARGE(n)                        \
  do {                                   \
    const uint64_t c_ = (n);             \
    if (metering) {                      \
      if (fuel < c_) {                   \
        fuel = 0;                        \
        TRAP(OutOfFuel);                 \
      }                                  \
      fuel -= c_;                        \
    }                                    \
  } while (0)
#define CANON(x) canonicalize(x, canon)
#define TRUNC(I, x)                                         \
  ({                                                        \
    if ((x) != (x)) TRAP(BadConversionToInteger);           \
    if (!trunc_in_range<I>(x)) TRAP(IntegerOverflow);       \
    static_cast<I>(x);                                      \
  })
#define CELL(k) fp[ip[k]]
#define U32(k) static_cast<uint32_t>(fp[ip[k]])

  NEXT();

  // ---- integer compares, binary ops, float ops, unary ops, loads, stores (from ir.h) ----
#define INTERLUDE_H_CMP(name, opc, T, cond, inv)                                                  \
  L_##name##_rr : {                                                                               \
    const T a = get<T>(CELL(3)), b = get<T>(CELL(4));                                             \
    CELL(2) = (cond) ? 1 : 0;                                                                     \
    ip += 5;                                                                                      \
    NEXT();                                                                                       \
  }                                                                                               \
  L_##name##_ri : {                                                                               \
    const T a = get<T>(CELL(3)), b = imm<T>(ip + 4);                                              \
    CELL(2) = (cond) ? 1 : 0;                                                                     \
    ip += 4 + imm_units<T>;                                                                       \
    NEXT();                                                                                       \
  }                                                                                               \
  L_br_##name##_rr : {                                                                            \
    const T a = get<T>(CELL(2)), b = get<T>(CELL(3));                                             \
    ip += (cond) ? static_cast<int32_t>(ip[4]) : 5;                                               \
    NEXT();                                                                                       \
  }                                                                                               \
  L_br_##name##_ri : {                                                                            \
    const T a = get<T>(CELL(2)), b = imm<T>(ip + 3);                                              \
    ip += (cond) ? static_cast<int32_t>(ip[3 + imm_units<T>]) : static_cast<int32_t>(4 + imm_units<T>); \
    NEXT();                                                                                       \
  }
#define INTERLUDE_H_BIN(name, opc, T, R, body)          \
  L_##name##_rr : {                                     \
    const T a = get<T>(CELL(3)), b = get<T>(CELL(4));   \
    R r{};                                              \
    body;                                               \
    CELL(2) = put<R>(r);                                \
    ip += 5;                                            \
    NEXT();                                             \
  }                                                     \
  L_##name##_ri : {                                     \
    const T a = get<T>(CELL(3)), b = imm<T>(ip + 4);    \
    R r{};                                              \
    body;                                               \
    CELL(2) = put<R>(r);                                \
    ip += 4 + imm_units<T>;                             \
    NEXT();                                             \
  }
#define INTERLUDE_H_FBIN(name, opc, T, R, body)         \
  L_##name : {                                          \
    const T a = get<T>(CELL(3)), b = get<T>(CELL(4));   \
    R r{};                                              \
    body;                                               \
    CELL(2) = put<R>(r);                                \
    ip += 5;                                            \
    NEXT();                                             \
  }
#define INTERLUDE_H_UN(name, opc, T, R, body) \
  L_##name : {                                \
    const T a = get<T>(CELL(3));              \
    R r{};                                    \
    body;                                     \
    CELL(2) = put<R>(r);                      \
    ip += 4;                                  \
    NEXT();                                   \
  }
#define INTERLUDE_H_LOAD(name, MT, conv)                                  \
  L_##name : {                                                            \
    const uint64_t ea = uint64_t{U32(3)} + ip[4];                         \
    if (ea + sizeof(MT) > mem_size) TRAP(MemoryOutOfBounds);              \
    MT v;                                                                 \
    std::memcpy(&v, mem + ea, sizeof v);                                  \
    CELL(2) = static_cast<Value>(conv);                                   \
    ip += 5;                                                              \
    NEXT();                                                               \
  }
#define INTERLUDE_H_STORE(name, MT)                                       \
  L_##name : {                                                            \
    const uint64_t ea = uint64_t{U32(2)} + ip[4];                         \
    if (ea + sizeof(MT) > mem_size) TRAP(MemoryOutOfBounds);              \
    const MT v = static_cast<MT>(CELL(3));                                \
    std::memcpy(mem + ea, &v, sizeof v);                                  \
    ip += 5;                                                              \
    NEXT();                                                               \
  }
  INTERLUDE_IR_INT_COMPARES(INTERLUDE_H_CMP)
  INTERLUDE_IR_INT_BINOPS(INTERLUDE_H_BIN)
  INTERLUDE_IR_FLOAT_BINOPS(INTERLUDE_H_FBIN)
  INTERLUDE_IR_UNOPS(INTERLUDE_H_UN)
  INTERLUDE_IR_LOADS(INTERLUDE_H_LOAD)
  INTERLUDE_IR_STORES(INTERLUDE_H_STORE)

  // ---- control ----
L_unreachable:
  TRAP(Unreachable);
L_fuel : {
  const uint64_t cost = ip[2];
  if (fuel < cost) {
    fuel = 0;
    TRAP(OutOfFuel);
  }
  fuel -= cost;
  ip += 3;
  NEXT();
}
L_br:
  ip += static_cast<int32_t>(ip[2]);
  NEXT();
L_br_if:
  ip += CELL(2) != 0 ? static_cast<int32_t>(ip[3]) : 4;
  NEXT();
L_br_unless:
  ip += CELL(2) == 0 ? static_cast<int32_t>(ip[3]) : 4;
  NEXT();
L_br_table : {
  const uint32_t i = std::min(U32(2), ip[3]);
  ip += static_cast<int32_t>(ip[4 + i]);
  NEXT();
}
L_copy:
  CELL(2) = CELL(3);
  ip += 4;
  NEXT();
L_const64:
  CELL(2) = imm<u64>(ip + 3);
  ip += 5;
  NEXT();
L_select:
  CELL(2) = CELL(5) != 0 ? CELL(3) : CELL(4);
  ip += 6;
  NEXT();
L_call:
  callee = &funcs[ip[2]];
  call_base = ip[3];
  call_ret = ip + 4;
  goto enter;
L_call_host:
  callee = &funcs[ip[2]];
  call_base = ip[3];
  call_ret = ip + 4;
  goto host_call;
L_call_indirect : {
  const std::vector<Value>& table = s.tables_[ip[3]].elems;
  const uint32_t i = U32(4);
  if (i >= table.size()) TRAP(TableOutOfBounds);
  if (table[i] == 0) TRAP(IndirectCallToNull);
  if (table[i] > nfuncs) TRAP(BadSignature);  // not a function of this module (e.g. a host-made funcref)
  callee = &funcs[table[i] - 1];
  if (callee->canon_type != ip[2]) TRAP(BadSignature);
  call_base = ip[5];
  call_ret = ip + 6;
  if (callee->imported) goto host_call;
  goto enter;
}
L_ret : {
  const Frame f = s.frames_.back();
  s.frames_.pop_back();
  ip = f.ret;
  fp = stack + f.fp;
  NEXT();
}
L_done:
  s.fuel_ = fuel;
  out = {RunStatus::Returned, Trap::Unreachable};
  return nullptr;

  // ---- variables ----
L_global_get:
  CELL(2) = globals[ip[3]];
  ip += 4;
  NEXT();
L_global_set:
  globals[ip[2]] = CELL(3);
  ip += 4;
  NEXT();

  // ---- memory ----
L_memory_size:
  CELL(2) = mem_size / kPageSize;
  ip += 3;
  NEXT();
L_memory_grow : {
  // 1024 fuel per page grown, charged before growing. A grow past the limit returns -1 and
  // costs only the operator's static fuel: it allocates nothing (adversarial case T28).
  const uint32_t delta = U32(3);
  const uint64_t old_pages = mem_size / kPageSize;
  if (old_pages + delta > s.mem_max_pages_) {
    CELL(2) = UINT32_MAX;
  } else {
    CHARGE(uint64_t{delta} * 1024);
    s.memory_.resize((old_pages + delta) * kPageSize);
    mem = s.memory_.data();
    mem_size = s.memory_.size();
    CELL(2) = old_pages;
  }
  ip += 4;
  NEXT();
}
L_memory_fill : {  // 1 fuel per 64 bytes (rounded up), charged before the bounds check
  const uint64_t d = U32(2), n = U32(4);
  CHARGE((n + 63) / 64);
  if (d + n > mem_size) TRAP(MemoryOutOfBounds);
  if (n) std::memset(mem + d, static_cast<uint8_t>(CELL(3)), n);
  ip += 5;
  NEXT();
}
L_memory_copy : {
  const uint64_t d = U32(2), src = U32(3), n = U32(4);
  CHARGE((n + 63) / 64);
  if (d + n > mem_size || src + n > mem_size) TRAP(MemoryOutOfBounds);
  if (n) std::memmove(mem + d, mem + src, n);
  ip += 5;
  NEXT();
}
L_memory_init : {
  const std::vector<uint8_t>& data = m.datas_[ip[2]].bytes;
  const uint64_t len = s.data_dropped_[ip[2]] ? 0 : data.size();
  const uint64_t d = U32(3), src = U32(4), n = U32(5);
  CHARGE((n + 63) / 64);
  if (src + n > len || d + n > mem_size) TRAP(MemoryOutOfBounds);
  if (n) std::memcpy(mem + d, data.data() + src, n);
  ip += 6;
  NEXT();
}
L_data_drop:
  s.data_dropped_[ip[2]] = 1;
  ip += 3;
  NEXT();

  // ---- tables (bulk ops: 1 fuel per 16 elements, rounded up, charged before the bounds check) ----
L_table_get : {
  const std::vector<Value>& t = s.tables_[ip[3]].elems;
  const uint32_t i = U32(4);
  if (i >= t.size()) TRAP(TableOutOfBounds);
  CELL(2) = t[i];
  ip += 5;
  NEXT();
}
L_table_set : {
  std::vector<Value>& t = s.tables_[ip[2]].elems;
  const uint32_t i = U32(3);
  if (i >= t.size()) TRAP(TableOutOfBounds);
  t[i] = CELL(4);
  ip += 5;
  NEXT();
}
L_table_size:
  CELL(2) = s.tables_[ip[3]].elems.size();
  ip += 4;
  NEXT();
L_table_grow : {
  TableInst& t = s.tables_[ip[3]];
  const uint64_t n = U32(5), old = t.elems.size();
  CHARGE((n + 15) / 16);
  if (old + n > t.max) {
    CELL(2) = UINT32_MAX;
  } else {
    t.elems.resize(old + n, CELL(4));
    CELL(2) = old;
  }
  ip += 6;
  NEXT();
}
L_table_fill : {
  std::vector<Value>& t = s.tables_[ip[2]].elems;
  const uint64_t i = U32(3), n = U32(5);
  CHARGE((n + 15) / 16);
  if (i + n > t.size()) TRAP(TableOutOfBounds);
  std::fill_n(t.begin() + static_cast<ptrdiff_t>(i), n, CELL(4));
  ip += 6;
  NEXT();
}
L_table_copy : {
  std::vector<Value>& dt = s.tables_[ip[2]].elems;
  const std::vector<Value>& st = s.tables_[ip[3]].elems;
  const uint64_t d = U32(4), src = U32(5), n = U32(6);
  CHARGE((n + 15) / 16);
  if (d + n > dt.size() || src + n > st.size()) TRAP(TableOutOfBounds);
  if (n) std::memmove(dt.data() + d, st.data() + src, n * sizeof(Value));
  ip += 7;
  NEXT();
}
L_table_init : {
  const std::vector<Value>& seg = s.elem_segs_[ip[2]];
  std::vector<Value>& t = s.tables_[ip[3]].elems;
  const uint64_t d = U32(4), src = U32(5), n = U32(6);
  CHARGE((n + 15) / 16);
  if (src + n > seg.size() || d + n > t.size()) TRAP(TableOutOfBounds);
  std::copy_n(seg.begin() + static_cast<ptrdiff_t>(src), n, t.begin() + static_cast<ptrdiff_t>(d));
  ip += 7;
  NEXT();
}
L_elem_drop:
  s.elem_segs_[ip[2]] = {};
  ip += 3;
  NEXT();

  // ---- calls ----
enter : {
  const uint64_t caller_fp = static_cast<uint64_t>(fp - stack);
  const uint64_t callee_fp = caller_fp + call_base;
  const uint64_t need = callee_fp + callee->frame_slots;
  if (s.frames_.size() >= max_depth) TRAP(StackOverflow);
  if (need > s.stack_.size()) {
    if (need > max_stack) TRAP(StackOverflow);
    s.stack_.resize(std::min(max_stack, std::max<uint64_t>(need, 2 * s.stack_.size())));
    stack = s.stack_.data();
  }
  s.frames_.push_back({call_ret, static_cast<uint32_t>(caller_fp)});
  fp = stack + callee_fp;
  std::fill(fp + callee->nparams, fp + callee->nlocals, Value{0});
  ip = code + callee->entry;
  NEXT();
}
host_call : {
  const HostImport& h = s.host_[static_cast<size_t>(callee - funcs)];
  if (!h.fn) TRAP(UnknownExternalFunction);
  s.fuel_ = fuel;
  const HostResult hr = h.fn(h.env, s, fp + call_base, s.host_results_.data());
  fuel = s.fuel_;
  switch (hr.signal) {
    case HostSignal::Continue:
      to_cells(m.types_[callee->type].results, s.host_results_.data(), fp + call_base);
      ip = call_ret;
      NEXT();
    case HostSignal::Trap:
      trap = hr.trap;
      goto do_trap;
    case HostSignal::Halt:
      out = {RunStatus::Halted, Trap::Unreachable};
      return nullptr;
    case HostSignal::Suspend:
      s.suspended_ = true;
      s.susp_ip_ = call_ret;
      s.susp_fp_ = static_cast<uint32_t>(fp - stack);
      s.susp_results_ = s.susp_fp_ + call_base;
      s.susp_nresults_ = callee->nresults;
      s.susp_type_ = callee->type;
      out = {RunStatus::Suspended, Trap::Unreachable};
      return nullptr;
  }
  TRAP(Unreachable);  // not a HostSignal value
}

do_trap:
  s.fuel_ = fuel;
  out = {RunStatus::Trapped, trap};
  return nullptr;

#undef NEXT
#undef TRAP
#undef CHARGE
#undef CANON
#undef TRUNC
#undef CELL
#undef U32
}

}  // namespace

const void* const* ir::handlers() noexcept {
  RunResult unused;
  return interpret(nullptr, nullptr, 0, unused);
}

InstantiateResult Instance::instantiate(std::shared_ptr<const Module> module, std::span<const HostImport> imports,
                                        uint64_t fuel_limit) noexcept {
  if (!module) return {nullptr, std::nullopt, "no module"};
  auto inst = std::make_unique<InstanceImpl>(std::static_pointer_cast<const ModuleImpl>(std::move(module)));
  InstantiateResult res = inst->initialize(imports, fuel_limit);
  if (!res.trap && res.error.empty()) res.instance = std::move(inst);
  return res;
}

const char* trap_message(Trap t) noexcept {
  switch (t) {
    case Trap::Unreachable: return "unreachable";
    case Trap::MemoryOutOfBounds: return "out of bounds memory access";
    case Trap::TableOutOfBounds: return "out of bounds table access";
    case Trap::IndirectCallToNull: return "uninitialized element";
    case Trap::IntegerDivisionByZero: return "integer divide by zero";
    case Trap::IntegerOverflow: return "integer overflow";
    case Trap::BadConversionToInteger: return "invalid conversion to integer";
    case Trap::StackOverflow: return "call stack exhausted";
    case Trap::BadSignature: return "indirect call type mismatch";
    case Trap::OutOfFuel: return "out of fuel";
    case Trap::UnknownExternalFunction: return "unknown external function";
  }
  return "unknown trap";
}

bool Instance::memory_read(uint64_t offset, std::span<uint8_t> out) const noexcept {
  if (offset > memory_size() || out.size() > memory_size() - offset) return false;
  if (!out.empty()) std::memcpy(out.data(), memory_data() + offset, out.size());
  return true;
}

bool Instance::memory_write(uint64_t offset, std::span<const uint8_t> in) noexcept {
  uint8_t* p = memory_range(offset, in.size());
  if (!p) return in.empty() && offset <= memory_size();
  std::memcpy(p, in.data(), in.size());
  return true;
}

uint8_t* Instance::memory_range(uint64_t offset, uint64_t len) noexcept {
  if (offset > memory_size() || len > memory_size() - offset || memory_data() == nullptr) return nullptr;
  return memory_data() + offset;
}

}  // namespace interlude::wasm
