#pragma once
// Run-time structure (spec §4.2): the store with its function, table, memory and global instances,
// and module instances with the heap-resident stacks of their invocations.
#include <algorithm>
#include <list>
#include <memory>

#include "module_impl.h"

namespace interlude::wasm {

class InstanceImpl;

/// Function instance (spec §4.2.6): a defined function of a module instance, or a host function.
struct FuncInst {
  const FuncType* type = nullptr;  ///< owned by the instance's module or by the store (host functions)
  InstanceImpl* inst = nullptr;    ///< wasm function: its module instance; nullptr: host function
  const FuncInfo* info = nullptr;  ///< wasm function: entry and frame layout
  HostImport host;                 ///< host function
};

/// Table instance (spec §4.2.7): elements are funcref handles (funcaddr + 1) or externref values.
struct TableInst {
  ValType elem = ValType::FuncRef;
  std::optional<uint32_t> max;  ///< declared maximum
  std::vector<Value> elems;
};

/// Memory instance (spec §4.2.8): the storage and dirty chunks of LinearMemory (engine.h), and
/// the declared maximum.
struct MemoryInst : LinearMemory {
  std::optional<uint32_t> max;  ///< declared maximum in pages
};

/// Global instance (spec §4.2.9). The value lives in the defining instance (so its own code reads
/// it without indirection) or, for a host global, in the store.
struct GlobalInst {
  GlobalType type;
  Value* cell = nullptr;
};

/// Values from the host (call arguments, host function results, globals) as cells: i32/f32
/// zero-extended, as the interpreter keeps them.
inline Value to_cell(ValType t, Value v) noexcept {
  return t == ValType::I32 || t == ValType::F32 ? static_cast<uint32_t>(v) : v;
}
inline void to_cells(const std::vector<ValType>& types, const Value* in, Value* out) noexcept {
  for (size_t i = 0; i < types.size(); ++i) out[i] = to_cell(types[i], in[i]);
}

/// Grow bounds: the declared maximum clamped by the growing module's Limits.
inline uint64_t grow_limit(const TableInst& t, const Limits& lim) noexcept {
  return std::min<uint64_t>(t.max.value_or(UINT32_MAX), lim.max_table_size);
}
inline uint64_t grow_limit(const MemoryInst& mem, const Limits& lim) noexcept {
  return std::min<uint64_t>(mem.max.value_or(kMaxSpecPages), lim.max_memory_pages);
}

class StoreImpl final : public Store {
 public:
  explicit StoreImpl(const Limits& limits) noexcept : limits_(limits) {}

  Extern add_function(const FuncType& type, HostImport fn) noexcept override {
    host_types_.push_back(type);
    return add_host_function(&host_types_.back(), fn);
  }
  std::optional<Extern> add_table(const TableType& type, Value init) noexcept override;
  std::optional<Extern> add_memory(const MemoryType& type) noexcept override;
  Extern add_global(const GlobalType& type, Value value) noexcept override {
    host_cells_.push_back(to_cell(type.type, value));
    return add_global_inst(type, &host_cells_.back());
  }
  StoreInstantiateResult instantiate(std::shared_ptr<const Module> module, std::span<const Extern> imports,
                                     uint64_t fuel_limit) noexcept override;
  std::optional<Value> global_get(Extern global) const noexcept override {
    const GlobalInst* g = find_global(global);
    return g ? std::optional<Value>(*g->cell) : std::nullopt;
  }
  bool global_set(Extern global, Value value) noexcept override {
    const GlobalInst* g = find_global(global);
    if (!g || !g->type.mut) return false;
    *g->cell = to_cell(g->type.type, value);
    return true;
  }
  const FuncType* function_type(Extern func) const noexcept override {
    return func.kind == ExternKind::Func && func.addr < funcs_.size() ? funcs_[func.addr].type : nullptr;
  }
  std::optional<TableType> table_type(Extern table) const noexcept override;
  std::optional<MemoryType> memory_type(Extern memory) const noexcept override;
  std::optional<GlobalType> global_type(Extern global) const noexcept override {
    const GlobalInst* g = find_global(global);
    return g ? std::optional<GlobalType>(g->type) : std::nullopt;
  }

  Extern add_host_function(const FuncType* type, HostImport fn) noexcept {
    funcs_.push_back({type, nullptr, nullptr, fn});
    return {ExternKind::Func, static_cast<uint32_t>(funcs_.size() - 1)};
  }
  Extern add_global_inst(const GlobalType& type, Value* cell) noexcept {
    globals_.push_back({type, cell});
    return {ExternKind::Global, static_cast<uint32_t>(globals_.size() - 1)};
  }
  const GlobalInst* find_global(Extern g) const noexcept {
    return g.kind == ExternKind::Global && g.addr < globals_.size() ? &globals_[g.addr] : nullptr;
  }
  /// Import matching (spec §4.5.2): an error message, empty if `imports` fit `m`.
  std::string match_imports(const ModuleImpl& m, std::span<const Extern> imports) const noexcept;

  Limits limits_;
  std::vector<FuncInst> funcs_;  ///< by funcaddr
  std::vector<std::unique_ptr<TableInst>> tables_;
  std::vector<MemoryInst*> memories_;  ///< in host_memories_ or in their defining instance
  std::vector<GlobalInst> globals_;
  // Lists: stable addresses, and no allocation for the empty ones of a private store.
  std::list<FuncType> host_types_;       ///< types of host functions made by add_function
  std::list<Value> host_cells_;          ///< values of host globals
  std::list<MemoryInst> host_memories_;  ///< memories made by add_memory
  std::vector<std::unique_ptr<InstanceImpl>> instances_;  ///< made by Store::instantiate
};

/// Value-stack cells an invocation starts with (it grows by doubling, up to Limits::max_value_stack).
/// The size counts in Instance::footprint_bytes, so it is consensus for contracts.
inline constexpr uint32_t kInitialStackCells = 4096;

/// One wasm activation's return point and frame base (cell index in the value stack).
struct Frame {
  const uint32_t* ret;
  uint32_t fp;
};

/// A call into another instance's function: the caller's instance and its return point. The
/// callee's frame returns to the `switch_back` op, which restores the caller's instance.
struct Link {
  InstanceImpl* caller;
  const uint32_t* ret;
};

/// The small arrays of an instance with a private store, which a BufferPool keeps (emptied, with
/// their capacity) for the next instance.
struct InstanceArrays {
  std::vector<FuncInst> funcs;        ///< StoreImpl::funcs_
  std::vector<GlobalInst> globals;    ///< StoreImpl::globals_
  std::vector<MemoryInst*> memories;  ///< StoreImpl::memories_
  std::vector<uint32_t> func_addrs, global_addrs;
  std::vector<Value> global_values, host_results;
  std::vector<uint8_t> data_dropped;
  std::vector<Frame> frames;

  void clear() noexcept {
    funcs.clear(), globals.clear(), memories.clear(), func_addrs.clear(), global_addrs.clear();
    global_values.clear(), host_results.clear(), data_dropped.clear(), frames.clear();
  }
};

class InstanceImpl final : public Instance {
 public:
  /// An instance in `store` (Store::instantiate).
  InstanceImpl(std::shared_ptr<const ModuleImpl> m, StoreImpl& store) noexcept
      : module_(std::move(m)), m_(*module_), store_(store) {}
  /// An instance in a private store of its own (Instance::instantiate), with an optional pool.
  InstanceImpl(std::shared_ptr<const ModuleImpl> m, BufferPool* pool) noexcept
      : module_(std::move(m)), m_(*module_), own_store_(std::in_place, m_.config_.limits), store_(*own_store_),
        pool_(pool) {
    if (!pool_) return;
    spare_stack_ = BufferPool::take(pool_->stacks_);
    if (!pool_->arrays_.empty()) {
      swap_arrays(pool_->arrays_.back());
      pool_->arrays_.pop_back();
    }
  }
  /// Gives the value stack, a defined memory and the arrays back to the pool (a private store's
  /// memory is always defined: Instance::instantiate binds functions only).
  ~InstanceImpl() override {
    if (!pool_) return;
    if (pool_->arrays_.size() < BufferPool::kMaxSpare) {  // within the reserved capacity
      swap_arrays(pool_->arrays_.emplace_back());
      pool_->arrays_.back().clear();
    }
    // The stack goes back as kInitialStackCells zero cells (or empty): only cells below stack_hw_
    // can be non-zero, and shrinking writes nothing. A memory block goes back all zero, at its
    // size: only its dirty chunks are zeroed.
    if (stack_.empty()) stack_.swap(spare_stack_);  // never called: the spare is still all zero
    stack_.resize(std::min<uint64_t>(stack_.size(), kInitialStackCells));
    std::fill_n(stack_.begin(), std::min<uint64_t>(stack_.size(), stack_hw_), Value{0});
    BufferPool::give(pool_->stacks_, std::move(stack_));
    if (memory_ && BufferPool::keeps(pool_->memories_, memory_->block)) {  // a dropped block is not cleaned
      memory_->clean();
      BufferPool::give(pool_->memories_, std::move(memory_->block));
    }
  }

  /// Exchanges the arrays (of a private store) with `a`.
  void swap_arrays(InstanceArrays& a) noexcept {
    store_.funcs_.swap(a.funcs), store_.globals_.swap(a.globals), store_.memories_.swap(a.memories);
    func_addrs_.swap(a.func_addrs), global_addrs_.swap(a.global_addrs), globals_.swap(a.global_values);
    host_results_.swap(a.host_results), data_dropped_.swap(a.data_dropped), frames_.swap(a.frames);
  }

  const Module& module() const noexcept override { return m_; }
  Store& store() noexcept override { return store_; }
  std::optional<Extern> exported(std::string_view name) const noexcept override;
  RunResult call(uint32_t funcidx, std::span<const Value> args) noexcept override;
  RunResult resume(std::span<const Value> results) noexcept override;
  bool suspended() const noexcept override { return suspended_; }
  std::span<const Value> results() const noexcept override { return results_; }
  uint64_t footprint_bytes() const noexcept override;

  /// Allocation and initialisation (spec §4.5.4) after import matching; a trap or an error.
  std::optional<Trap> initialize(std::span<const Extern> imports, uint64_t fuel_limit, std::string& error) noexcept;
  /// Runs from `ip` in instance `ctx` with frame base `fp` and records the outcome.
  RunResult run(InstanceImpl* ctx, const uint32_t* ip, uint32_t fp) noexcept;
  /// Value of a constant expression (spec §3.3.10) in this instance (it reads imported globals only).
  Value eval(const ConstExpr& e) const noexcept {
    switch (e.kind) {
      case ConstExpr::Kind::Global: return *global_refs_[e.index];
      case ConstExpr::Kind::Func: return uint64_t{func_addrs_[e.index]} + 1;
      default: return e.value;
    }
  }

  // A private store's host functions point to types in the module: own_store_ is declared after
  // module_ so that it is destroyed first.
  std::shared_ptr<const ModuleImpl> module_;
  const ModuleImpl& m_;
  std::optional<StoreImpl> own_store_;  ///< the private store of Instance::instantiate
  StoreImpl& store_;
  BufferPool* pool_ = nullptr;  ///< Instance::instantiate's pool, if any

  // The module instance (spec §4.2.5): addresses of its objects and direct pointers for the code.
  std::vector<uint32_t> func_addrs_;    ///< funcidx -> funcaddr
  std::vector<uint32_t> table_addrs_;   ///< tableidx -> tableaddr
  std::vector<TableInst*> tables_;      ///< tableidx -> table
  std::vector<uint32_t> global_addrs_;  ///< globalidx -> globaladdr
  std::vector<Value> globals_;          ///< values of defined globals (by globalidx; imported slots unused)
  std::vector<Value*> global_refs_;     ///< globalidx of an imported global -> cell (imports come first)
  MemoryInst own_memory_;  ///< memory 0 if the module defines it (store_.memories_ points here)
  uint32_t memory_addr_ = 0;
  MemoryInst* memory_ = nullptr;  ///< memory 0, also Instance::memory0_
  // The fuel counter lives in Instance (its accessors are inline); the interpreter uses it directly.
  using Instance::fuel_;
  using Instance::fuel_limit_;
  using Instance::metering_;
  std::vector<std::vector<Value>> elem_segs_;  ///< element segment instances; dropped ones are empty
  std::vector<uint8_t> data_dropped_;

  // Invocations started on this instance (they may run other instances' code).
  std::vector<Value> stack_;
  std::vector<Frame> frames_;  ///< frames_[0, depth_) are the active frames; the rest is spare
  uint32_t depth_ = 0;
  uint64_t stack_hw_ = 0;  ///< stack_[stack_hw_, size) were never written since allocation (zero)
  /// A pooled stack of zero cells, not yet in use: the first call takes it instead of allocating,
  /// so that the footprint (which counts stack_) is that of a fresh instance until then.
  std::vector<Value> spare_stack_;
  std::vector<Link> links_;
  std::vector<Value> results_, host_results_;
  uint32_t entry_nresults_ = 0;
  bool running_ = false, suspended_ = false;
  InstanceImpl* susp_ctx_ = nullptr;   ///< instance whose code called the suspending import
  const uint32_t* susp_ip_ = nullptr;  ///< where a suspended invocation continues
  const FuncType* susp_type_ = nullptr;
  uint32_t susp_fp_ = 0, susp_results_ = 0;  ///< frame base; cell receiving the import's results
};

}  // namespace interlude::wasm
