// Invocations (Instance::call / resume) and the interpreter: threaded dispatch (computed goto) over
// the IR of ir.h, with the value stack and the frame stack on the heap so that an invocation can
// suspend at a host import and resume later.
#include <algorithm>
#include <cstring>

#include "instance_impl.h"
#include "ir.h"

namespace interlude::wasm {
namespace {

using namespace ir;

static_assert(std::endian::native == std::endian::little, "linear memory and cells assume a little-endian host");

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

const void* const* interpret(InstanceImpl* self, InstanceImpl* ctx, const uint32_t* ip, uint32_t fp_index,
                             RunResult& out) noexcept;

}  // namespace

RunResult InstanceImpl::run(InstanceImpl* ctx, const uint32_t* ip, uint32_t fp) noexcept {
  RunResult out;
  running_ = true;
  interpret(this, ctx, ip, fp, out);
  running_ = false;
  if (out.status == RunStatus::Returned) results_.assign(stack_.begin(), stack_.begin() + entry_nresults_);
  if (out.status != RunStatus::Suspended) {
    depth_ = 0;
    links_.clear();
  }
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
  const uint32_t size = std::min(need, std::max(m_.config_.limits.max_value_stack, f.nparams));
  if (stack_.empty() && !spare_stack_.empty()) {  // a pooled stack of zero cells: no zero-filling
    stack_.swap(spare_stack_);
    stack_.resize(std::min<uint64_t>(stack_.size(), size));  // shrinking writes nothing
  }
  if (stack_.size() < need) stack_.resize(size);
  if (stack_.size() < std::max(f.nparams, f.nresults)) return {RunStatus::Trapped, Trap::StackOverflow};
  stack_hw_ = std::max<uint64_t>(stack_hw_, std::max(f.nparams, f.nresults));  // args; a host import's results
  to_cells(m_.types_[f.type].params, args.data(), stack_.data());
  entry_nresults_ = f.nresults;
  return run(this, m_.code_.data() + f.trampoline, 0);
}

RunResult InstanceImpl::resume(std::span<const Value> results) noexcept {
  if (!suspended_ || running_ || results.size() != susp_type_->results.size())
    return {RunStatus::Trapped, Trap::BadSignature};
  suspended_ = false;
  to_cells(susp_type_->results, results.data(), stack_.data() + susp_results_);
  return run(susp_ctx_, susp_ip_, susp_fp_);
}

namespace {

// The interpreter. With self == nullptr it only returns the dispatch table (ir::handlers()).
// `self` owns the stacks of the invocation; `cur` is the instance whose code runs (it changes on a
// call into another instance's function and back). Registers: ip (next instruction), fp (frame
// base), and the context of `cur`, reloaded only when `cur` changes or after a host call: funcs,
// globals, mem/mem_size (linear memory 0), fuel.
const void* const* interpret(InstanceImpl* self, InstanceImpl* cur, const uint32_t* ip, uint32_t fp_index,
                             RunResult& out) noexcept {
  static const void* const kTable[] = {
#define INTERLUDE_L_MISC(name) &&L_##name,
#define INTERLUDE_L_ADD_CMP(name, opc, T, cond, inv) \
  &&L_br_add_##name##_ri, &&L_br_add_##name##_ri_fuel, &&L_br_add_##name##_ri_ft, &&L_br_add_##name##_ri_fuel_ft,
#define INTERLUDE_L_CMP(name, opc, T, cond, inv)                                                          \
  &&L_##name##_rr, &&L_##name##_ri, &&L_br_##name##_rr, &&L_br_##name##_rr_fuel, &&L_br_##name##_rr_ft,   \
      &&L_br_##name##_rr_fuel_ft, &&L_br_##name##_ri, &&L_br_##name##_ri_fuel, &&L_br_##name##_ri_ft,       \
      &&L_br_##name##_ri_fuel_ft,
#define INTERLUDE_L_BIN(name, opc, T, R, body) &&L_##name##_rr, &&L_##name##_ri,
#define INTERLUDE_L_ONE(name, ...) &&L_##name,
#define INTERLUDE_L_LOAD(name, ...) &&L_##name, &&L_##name##_add, &&L_##name##_addi,
      INTERLUDE_IR_MISC_OPS(INTERLUDE_L_MISC)
      INTERLUDE_IR_INT_COMPARES(INTERLUDE_L_CMP)
      INTERLUDE_IR_I32_COMPARES(INTERLUDE_L_ADD_CMP)
      INTERLUDE_IR_INT_BINOPS(INTERLUDE_L_BIN)
      INTERLUDE_IR_FLOAT_BINOPS(INTERLUDE_L_ONE)
      INTERLUDE_IR_UNOPS(INTERLUDE_L_ONE)
      INTERLUDE_IR_LOADS(INTERLUDE_L_LOAD)
      INTERLUDE_IR_STORES(INTERLUDE_L_ONE)
#undef INTERLUDE_L_MISC
#undef INTERLUDE_L_CMP
#undef INTERLUDE_L_ADD_CMP
#undef INTERLUDE_L_BIN
#undef INTERLUDE_L_ONE
#undef INTERLUDE_L_LOAD
  };
  static_assert(sizeof(kTable) / sizeof(kTable[0]) == static_cast<size_t>(Op::count_));
  if (!self) return kTable;
  // Return point of a frame called from another instance (see Link).
  static const void* const kSwitchBack[] = {&&L_switch_back};
  const uint32_t* const switch_back = reinterpret_cast<const uint32_t*>(kSwitchBack);

  InstanceImpl& s = *self;
  const uint64_t max_depth = s.m_.config_.limits.max_call_depth;
  const uint64_t max_stack = s.m_.config_.limits.max_value_stack;
  Value* stack = s.stack_.data();
  Value* fp = stack + fp_index;
  const std::vector<FuncInst>& sfuncs = s.store_.funcs_;  // by funcaddr
  const ModuleImpl* m = nullptr;
  const FuncInfo* funcs = nullptr;
  Value* globals = nullptr;
  uint8_t* mem = nullptr;
  uint64_t mem_size = 0;
  uint64_t fuel = 0;
  bool canon = false, metering = false;
  Trap trap = Trap::Unreachable;
  const FuncInfo* callee = nullptr;  // for `enter`
  const FuncInst* target = nullptr;  // for `call_target` and `host_call`
  uint32_t call_base = 0;
  const uint32_t* call_ret = nullptr;
  // The frame stack: s.frames_[0, fsp) are active; s.depth_ is written back before leaving (and
  // before a host call, which may ask for the instance's footprint).
  Frame* fsp = s.frames_.data() + s.depth_;
  Frame* fend = s.frames_.data() + s.frames_.size();
#define SYNC_DEPTH() s.depth_ = static_cast<uint32_t>(fsp - s.frames_.data())

#define LOAD_MEMORY()                                                  \
  do {                                                                 \
    mem = cur->memory_ ? cur->memory_->data() : nullptr;               \
    mem_size = cur->memory_ ? cur->memory_->size : 0;                  \
  } while (0)
#define LOAD_CONTEXT()                          \
  do {                                          \
    m = &cur->m_;                               \
    funcs = m->funcs_.data();                   \
    canon = m->config_.canonical_nan;           \
    metering = cur->metering_;                  \
    fuel = cur->fuel_;                          \
    globals = cur->globals_.data();             \
    LOAD_MEMORY();                              \
  } while (0)
  LOAD_CONTEXT();

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
// Bulk operators' data-dependent fuel: charged only when this instance meters.
#define CHARGE(n)                  \
  do {                             \
    if (metering) CHARGE_REGION(n); \
  } while (0)
// A `fuel` op's charge (no `metering` test: without metering, fuel starts at UINT64_MAX).
#define CHARGE_REGION(c)             \
  do {                               \
    const uint64_t r_ = (c);         \
    if (fuel < r_) {                 \
      fuel = 0;                      \
      TRAP(OutOfFuel);               \
    }                                \
    fuel -= r_;                      \
  } while (0)
// The four fuel forms of a conditional branch (ir.h INTERLUDE_IR_BRANCH_FORMS) of `size` units
// with its offset at unit k; `setup` reads the operands, `taken` decides. A fused path runs the
// `fuel` op it lands on (taken: at the target; not taken: right after the branch) and skips it.
#define BRANCH_FORM(label, setup, taken, k, size, taken_fuel, ft) \
  L_##label : {                                                  \
    setup;                                                       \
    if (taken) {                                                 \
      ip += static_cast<int32_t>(ip[k]);                         \
      if (taken_fuel) {                                          \
        CHARGE_REGION(ip[kHandlerUnits]);                        \
        ip += kFuelUnits;                                        \
      }                                                          \
    } else if (ft) {                                             \
      CHARGE_REGION(ip[(size) + kHandlerUnits]);                 \
      ip += (size) + kFuelUnits;                                 \
    } else {                                                     \
      ip += (size);                                              \
    }                                                            \
    NEXT();                                                      \
  }
#define BRANCH_FORMS(label, setup, taken, k, size)                   \
  BRANCH_FORM(label, setup, taken, k, size, false, false)            \
  BRANCH_FORM(label##_fuel, setup, taken, k, size, true, false)      \
  BRANCH_FORM(label##_ft, setup, taken, k, size, false, true)        \
  BRANCH_FORM(label##_fuel_ft, setup, taken, k, size, true, true)
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
  BRANCH_FORMS(br_##name##_rr, const T a = get<T>(CELL(2)); const T b = get<T>(CELL(3)), cond, 4, 5)   \
  BRANCH_FORMS(br_##name##_ri, const T a = get<T>(CELL(2)); const T b = imm<T>(ip + 3), cond, 3 + imm_units<T>, \
               4 + imm_units<T>)
#define INTERLUDE_H_ADD_CMP(name, opc, T, cond, inv)                                           \
  BRANCH_FORMS(br_add_##name##_ri, CELL(2) = static_cast<u32>(U32(3) + ip[4]);                   \
               const T a = get<T>(CELL(2)); const T b = imm<T>(ip + 5), cond, 6, 7)
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
#define INTERLUDE_H_LOAD_AT(label, MT, conv, base, k)                     \
  L_##label : {                                                           \
    const uint64_t ea = uint64_t{base} + ip[k];                           \
    if (ea + sizeof(MT) > mem_size) TRAP(MemoryOutOfBounds);              \
    MT v;                                                                 \
    std::memcpy(&v, mem + ea, sizeof v);                                  \
    CELL(2) = static_cast<Value>(conv);                                   \
    ip += (k) + 1;                                                        \
    NEXT();                                                               \
  }
#define INTERLUDE_H_LOAD(name, MT, conv)                                  \
  INTERLUDE_H_LOAD_AT(name, MT, conv, U32(3), 4)                          \
  INTERLUDE_H_LOAD_AT(name##_add, MT, conv, static_cast<uint32_t>(U32(3) + U32(4)), 5) \
  INTERLUDE_H_LOAD_AT(name##_addi, MT, conv, static_cast<uint32_t>(U32(3) + ip[4]), 5)
#define INTERLUDE_H_STORE(name, MT)                                       \
  L_##name : {                                                            \
    const uint64_t ea = uint64_t{U32(2)} + ip[4];                         \
    if (ea + sizeof(MT) > mem_size) TRAP(MemoryOutOfBounds);              \
    const MT v = static_cast<MT>(CELL(3));                                \
    std::memcpy(mem + ea, &v, sizeof v);                                  \
    static_assert(sizeof(MT) <= MemoryInst::kStoreSpill + 1);             \
    (mem - MemoryInst::kDirtyChunks)[(ea >> MemoryInst::kChunkShift) % MemoryInst::kDirtyChunks] = 1; \
    ip += 5;                                                              \
    NEXT();                                                               \
  }
  INTERLUDE_IR_INT_COMPARES(INTERLUDE_H_CMP)
  INTERLUDE_IR_I32_COMPARES(INTERLUDE_H_ADD_CMP)
  INTERLUDE_IR_INT_BINOPS(INTERLUDE_H_BIN)
  INTERLUDE_IR_FLOAT_BINOPS(INTERLUDE_H_FBIN)
  INTERLUDE_IR_UNOPS(INTERLUDE_H_UN)
  INTERLUDE_IR_LOADS(INTERLUDE_H_LOAD)
  INTERLUDE_IR_STORES(INTERLUDE_H_STORE)

  // ---- control ----
L_unreachable:
  TRAP(Unreachable);
L_fuel:
  CHARGE_REGION(ip[2]);
  ip += kFuelUnits;
  NEXT();
L_br:
  ip += static_cast<int32_t>(ip[2]);
  NEXT();
  BRANCH_FORM(br_fuel, (void)0, true, 2, 3, true, false)
  BRANCH_FORMS(br_if, (void)0, CELL(2) != 0, 3, 4)
  BRANCH_FORMS(br_unless, (void)0, CELL(2) == 0, 3, 4)
L_br_table : {
  const uint32_t i = std::min(U32(2), ip[3]);
  ip += static_cast<int32_t>(ip[4 + i]);
  NEXT();
}
L_copy:
  CELL(2) = CELL(3);
  ip += 4;
  NEXT();
L_copy2:
  CELL(2) = CELL(3);
  CELL(4) = CELL(5);
  ip += 6;
  NEXT();
L_i32_mul_add:
  CELL(2) = static_cast<u32>(U32(3) * U32(4) + U32(5));
  ip += 6;
  NEXT();
L_i64_mul_add:
  CELL(2) = CELL(3) * CELL(4) + CELL(5);
  ip += 6;
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
L_call_import:
  target = &sfuncs[cur->func_addrs_[ip[2]]];
  call_base = ip[3];
  call_ret = ip + 4;
  goto call_target;
L_call_indirect : {
  const std::vector<Value>& table = cur->tables_[ip[3]]->elems;
  const uint32_t i = U32(4);
  if (i >= table.size()) TRAP(TableOutOfBounds);
  const Value h = table[i];
  if (h == 0) TRAP(IndirectCallToNull);
  if (h > sfuncs.size()) TRAP(BadSignature);  // not a function of this store (e.g. a host-made funcref)
  target = &sfuncs[h - 1];
  call_base = ip[5];
  call_ret = ip + 6;
  if (target->inst == cur) {  // the common case: a function of this instance
    callee = target->info;
    if (callee->canon_type != ip[2]) TRAP(BadSignature);
    goto enter;
  }
  if (*target->type != m->types_[ip[2]]) TRAP(BadSignature);
  goto call_target;
}
L_ret : {
  const Frame f = *--fsp;
  ip = f.ret;
  fp = stack + f.fp;
  NEXT();
}
L_switch_back : {
  const Link l = s.links_.back();
  s.links_.pop_back();
  cur->fuel_ = fuel;
  cur = l.caller;
  LOAD_CONTEXT();
  ip = l.ret;
  NEXT();
}
L_done:
  cur->fuel_ = fuel;
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
L_global_get_ref:
  CELL(2) = *cur->global_refs_[ip[3]];
  ip += 4;
  NEXT();
L_global_set_ref:
  *cur->global_refs_[ip[2]] = CELL(3);
  ip += 4;
  NEXT();
L_ref_func:
  CELL(2) = uint64_t{cur->func_addrs_[ip[3]]} + 1;
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
  if (old_pages + delta > grow_limit(*cur->memory_, m->config_.limits)) {
    CELL(2) = UINT32_MAX;
  } else {
    CHARGE(uint64_t{delta} * 1024);
    cur->memory_->resize((old_pages + delta) * kPageSize);
    LOAD_MEMORY();
    CELL(2) = old_pages;
  }
  ip += 4;
  NEXT();
}
L_memory_fill : {  // 1 fuel per 64 bytes (rounded up), charged before the bounds check
  const uint64_t d = U32(2), n = U32(4);
  CHARGE((n + 63) / 64);
  if (d + n > mem_size) TRAP(MemoryOutOfBounds);
  cur->memory_->mark(d, n);
  if (n) std::memset(mem + d, static_cast<uint8_t>(CELL(3)), n);
  ip += 5;
  NEXT();
}
L_memory_copy : {
  const uint64_t d = U32(2), src = U32(3), n = U32(4);
  CHARGE((n + 63) / 64);
  if (d + n > mem_size || src + n > mem_size) TRAP(MemoryOutOfBounds);
  cur->memory_->mark(d, n);
  if (n) std::memmove(mem + d, mem + src, n);
  ip += 5;
  NEXT();
}
L_memory_init : {
  const std::vector<uint8_t>& data = m->datas_[ip[2]].bytes;
  const uint64_t len = cur->data_dropped_[ip[2]] ? 0 : data.size();
  const uint64_t d = U32(3), src = U32(4), n = U32(5);
  CHARGE((n + 63) / 64);
  if (src + n > len || d + n > mem_size) TRAP(MemoryOutOfBounds);
  cur->memory_->mark(d, n);
  if (n) std::memcpy(mem + d, data.data() + src, n);
  ip += 6;
  NEXT();
}
L_data_drop:
  cur->data_dropped_[ip[2]] = 1;
  ip += 3;
  NEXT();

  // ---- tables (bulk ops: 1 fuel per 16 elements, rounded up, charged before the bounds check) ----
L_table_get : {
  const std::vector<Value>& t = cur->tables_[ip[3]]->elems;
  const uint32_t i = U32(4);
  if (i >= t.size()) TRAP(TableOutOfBounds);
  CELL(2) = t[i];
  ip += 5;
  NEXT();
}
L_table_set : {
  std::vector<Value>& t = cur->tables_[ip[2]]->elems;
  const uint32_t i = U32(3);
  if (i >= t.size()) TRAP(TableOutOfBounds);
  t[i] = CELL(4);
  ip += 5;
  NEXT();
}
L_table_size:
  CELL(2) = cur->tables_[ip[3]]->elems.size();
  ip += 4;
  NEXT();
L_table_grow : {
  TableInst& t = *cur->tables_[ip[3]];
  const uint64_t n = U32(5), old = t.elems.size();
  CHARGE((n + 15) / 16);
  if (old + n > grow_limit(t, m->config_.limits)) {
    CELL(2) = UINT32_MAX;
  } else {
    t.elems.resize(old + n, CELL(4));
    CELL(2) = old;
  }
  ip += 6;
  NEXT();
}
L_table_fill : {
  std::vector<Value>& t = cur->tables_[ip[2]]->elems;
  const uint64_t i = U32(3), n = U32(5);
  CHARGE((n + 15) / 16);
  if (i + n > t.size()) TRAP(TableOutOfBounds);
  std::fill_n(t.begin() + static_cast<ptrdiff_t>(i), n, CELL(4));
  ip += 6;
  NEXT();
}
L_table_copy : {
  std::vector<Value>& dt = cur->tables_[ip[2]]->elems;
  const std::vector<Value>& st = cur->tables_[ip[3]]->elems;
  const uint64_t d = U32(4), src = U32(5), n = U32(6);
  CHARGE((n + 15) / 16);
  if (d + n > dt.size() || src + n > st.size()) TRAP(TableOutOfBounds);
  if (n) std::memmove(dt.data() + d, st.data() + src, n * sizeof(Value));
  ip += 7;
  NEXT();
}
L_table_init : {
  const std::vector<Value>& seg = cur->elem_segs_[ip[2]];
  std::vector<Value>& t = cur->tables_[ip[3]]->elems;
  const uint64_t d = U32(4), src = U32(5), n = U32(6);
  CHARGE((n + 15) / 16);
  if (src + n > seg.size() || d + n > t.size()) TRAP(TableOutOfBounds);
  std::copy_n(seg.begin() + static_cast<ptrdiff_t>(src), n, t.begin() + static_cast<ptrdiff_t>(d));
  ip += 7;
  NEXT();
}
L_elem_drop:
  cur->elem_segs_[ip[2]] = {};
  ip += 3;
  NEXT();

  // ---- calls ----
enter : {
  const uint64_t caller_fp = static_cast<uint64_t>(fp - stack);
  const uint64_t callee_fp = caller_fp + call_base;
  const uint64_t need = callee_fp + callee->frame_slots;
  if (need > s.stack_hw_) s.stack_hw_ = need;  // the frame's cells may be written from here on
  if (fsp == fend) {  // grow the frame stack, up to max_depth frames
    const uint64_t depth = static_cast<uint64_t>(fsp - s.frames_.data());
    if (depth >= max_depth) TRAP(StackOverflow);
    s.frames_.resize(std::min<uint64_t>(max_depth, std::max<uint64_t>(64, 2 * depth)));
    fsp = s.frames_.data() + depth;
    fend = s.frames_.data() + s.frames_.size();
  }
  if (need > s.stack_.size()) {
    if (need > max_stack) TRAP(StackOverflow);
    s.stack_.resize(std::min(max_stack, std::max<uint64_t>(need, 2 * s.stack_.size())));
    stack = s.stack_.data();
  }
  CHARGE_REGION(callee->entry_fuel);
  *fsp++ = {call_ret, static_cast<uint32_t>(caller_fp)};
  fp = stack + callee_fp;
  // Zero the declared locals. A plain loop: usually a few cells, where a memset call (what the
  // optimiser would make of std::fill) costs more than the stores, and spills the registers.
  for (Value *p = fp + callee->nparams, *e = fp + callee->nlocals; p != e; ++p) {
    *p = 0;
    asm("" : "+r"(p));  // keeps GCC from turning the loop back into memset
  }
  ip = callee->code;
  NEXT();
}
call_target:  // `target` is an imported function or another instance's: host function or wasm
  if (!target->inst) goto host_call;
  if (target->inst != cur) {  // switch to the callee's instance; its frame returns to switch_back
    s.links_.push_back({cur, call_ret});
    call_ret = switch_back;
    cur->fuel_ = fuel;
    cur = target->inst;
    LOAD_CONTEXT();
  }
  callee = target->info;
  goto enter;
host_call : {
  // Copies: the host may add functions to the store, which moves its FuncInsts.
  const HostImport host = target->host;
  const FuncType* const type = target->type;
  if (!host.fn) TRAP(UnknownExternalFunction);
  if (s.host_results_.size() < type->results.size()) s.host_results_.resize(type->results.size());
  cur->fuel_ = fuel;
  SYNC_DEPTH();
  const HostResult hr = host.fn(host.env, *cur, fp + call_base, s.host_results_.data());
  // The host may have charged fuel, and may have run other instances of the store (growing a
  // shared memory): reload those. The rest of the context (module, functions, globals, NaN mode,
  // metering) is `cur`'s own and a host function cannot change it.
  fuel = cur->fuel_;
  LOAD_MEMORY();
  switch (hr.signal) {
    case HostSignal::Continue:
      to_cells(type->results, s.host_results_.data(), fp + call_base);
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
      s.susp_ctx_ = cur;
      s.susp_ip_ = call_ret;
      s.susp_fp_ = static_cast<uint32_t>(fp - stack);
      s.susp_results_ = s.susp_fp_ + call_base;
      s.susp_type_ = type;
      out = {RunStatus::Suspended, Trap::Unreachable};
      return nullptr;
  }
  TRAP(Unreachable);  // not a HostSignal value
}

do_trap:
  cur->fuel_ = fuel;
  out = {RunStatus::Trapped, trap};
  return nullptr;

#undef LOAD_MEMORY
#undef SYNC_DEPTH
#undef LOAD_CONTEXT
#undef NEXT
#undef TRAP
#undef CHARGE
#undef CHARGE_REGION
#undef BRANCH_FORMS
#undef BRANCH_FORM
#undef CANON
#undef TRUNC
#undef CELL
#undef U32
}

}  // namespace

const void* const* ir::handlers() noexcept {
  RunResult unused;
  return interpret(nullptr, nullptr, nullptr, 0, unused);
}

}  // namespace interlude::wasm
