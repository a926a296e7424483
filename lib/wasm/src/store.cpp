// Stores, import matching and instantiation (spec §4.5.2-§4.5.4), and the Instance members that
// do not run code.
#include <algorithm>
#include <cstring>

#include "instance_impl.h"

namespace interlude::wasm {
namespace {

/// Limits subtyping (spec §4.5.2 "Limits"): a provided object of current size `size` and maximum
/// `max` matches wanted limits {want_min, want_max}.
bool limits_match(uint64_t size, std::optional<uint32_t> max, uint32_t want_min,
                  std::optional<uint32_t> want_max) noexcept {
  return size >= want_min && (!want_max || (max && *max <= *want_max));
}

std::string import_count_error(size_t want, size_t got) {
  return "import count mismatch: module has " + std::to_string(want) + " imports, got " + std::to_string(got);
}

}  // namespace

BufferPool::BufferPool() noexcept {
  memories_.reserve(kMaxSpare);
  stacks_.reserve(kMaxSpare);
  arrays_.reserve(kMaxSpare);
}
BufferPool::~BufferPool() = default;

std::unique_ptr<Store> Store::create(const Limits& limits) noexcept { return std::make_unique<StoreImpl>(limits); }

std::optional<Extern> StoreImpl::add_table(const TableType& type, Value init) noexcept {
  if (type.elem != ValType::FuncRef && type.elem != ValType::ExternRef) return std::nullopt;
  if (type.min > limits_.max_table_size || (type.max && *type.max < type.min)) return std::nullopt;
  auto t = std::make_unique<TableInst>();
  t->elem = type.elem;
  t->max = type.max;
  t->elems.assign(type.min, init);
  tables_.push_back(std::move(t));
  return Extern{ExternKind::Table, static_cast<uint32_t>(tables_.size() - 1)};
}

std::optional<Extern> StoreImpl::add_memory(const MemoryType& type) noexcept {
  if (type.min > limits_.max_memory_pages || (type.max && (*type.max < type.min || *type.max > kMaxSpecPages)))
    return std::nullopt;
  MemoryInst& mem = host_memories_.emplace_back();
  mem.max = type.max;
  mem.resize(uint64_t{type.min} * kPageSize);
  memories_.push_back(&mem);
  return Extern{ExternKind::Memory, static_cast<uint32_t>(memories_.size() - 1)};
}

std::optional<TableType> StoreImpl::table_type(Extern table) const noexcept {
  if (table.kind != ExternKind::Table || table.addr >= tables_.size()) return std::nullopt;
  const TableInst& t = *tables_[table.addr];
  return TableType{t.elem, static_cast<uint32_t>(t.elems.size()), t.max};
}

std::optional<MemoryType> StoreImpl::memory_type(Extern memory) const noexcept {
  if (memory.kind != ExternKind::Memory || memory.addr >= memories_.size()) return std::nullopt;
  const MemoryInst& mem = *memories_[memory.addr];
  return MemoryType{static_cast<uint32_t>(mem.size / kPageSize), mem.max};
}

std::string StoreImpl::match_imports(const ModuleImpl& m, std::span<const Extern> imports) const noexcept {
  if (imports.size() != m.imports_.size()) return import_count_error(m.imports_.size(), imports.size());
  for (size_t i = 0; i < imports.size(); ++i) {
    const Module::Import& imp = m.imports_[i];
    const Extern e = imports[i];
    const size_t space[] = {funcs_.size(), tables_.size(), memories_.size(), globals_.size()};
    if (e.kind > ExternKind::Global || e.addr >= space[static_cast<uint8_t>(e.kind)])
      return "unknown extern address for import " + imp.module + "." + imp.name;
    bool ok = e.kind == imp.kind;
    if (ok) {
      switch (imp.kind) {
        case ExternKind::Func:
          ok = *funcs_[e.addr].type == m.types_[imp.type_index];
          break;
        case ExternKind::Table: {
          const TableInst& t = *tables_[e.addr];
          const TableType& want = m.tables_[imp.index].type;
          ok = t.elem == want.elem && limits_match(t.elems.size(), t.max, want.min, want.max);
          break;
        }
        case ExternKind::Memory: {
          const MemoryInst& mem = *memories_[e.addr];
          const MemoryType& want = m.memories_[imp.index].type;
          ok = limits_match(mem.size / kPageSize, mem.max, want.min, want.max);
          break;
        }
        case ExternKind::Global:
          ok = globals_[e.addr].type == m.globals_[imp.index].type;
          break;
      }
    }
    if (!ok) return "incompatible import type: " + imp.module + "." + imp.name;
  }
  return {};
}

StoreInstantiateResult StoreImpl::instantiate(std::shared_ptr<const Module> module, std::span<const Extern> imports,
                                              uint64_t fuel_limit) noexcept {
  StoreInstantiateResult res;
  if (!module) {
    res.error = "no module";
    return res;
  }
  auto m = std::static_pointer_cast<const ModuleImpl>(std::move(module));
  res.error = match_imports(*m, imports);
  if (!res.error.empty()) return res;
  instances_.push_back(std::make_unique<InstanceImpl>(std::move(m), *this));
  InstanceImpl& inst = *instances_.back();
  res.trap = inst.initialize(imports, fuel_limit, res.error);
  if (!res.trap && res.error.empty()) res.instance = &inst;
  return res;
}

InstantiateResult Instance::instantiate(std::shared_ptr<const Module> module, std::span<const HostImport> imports,
                                        uint64_t fuel_limit, BufferPool* pool) noexcept {
  InstantiateResult res;
  if (!module) {
    res.error = "no module";
    return res;
  }
  auto m = std::static_pointer_cast<const ModuleImpl>(std::move(module));
  if (imports.size() != m->imports_.size()) {
    res.error = import_count_error(m->imports_.size(), imports.size());
    return res;
  }
  for (const Module::Import& imp : m->imports_) {
    if (imp.kind != ExternKind::Func) {
      res.error = "unsupported import kind (only functions can be imported): " + imp.module + "." + imp.name;
      return res;
    }
  }
  auto inst = std::make_unique<InstanceImpl>(std::move(m), pool);
  const ModuleImpl& mi = inst->m_;
  StoreImpl& store = *inst->own_store_;
  // The imports are bound here, as funcaddrs 0, 1, ... of the store: initialize() gets no externs.
  store.funcs_.reserve(mi.funcs_.size());  // the imports, then the defined functions
  inst->func_addrs_.reserve(mi.funcs_.size());
  for (size_t i = 0; i < imports.size(); ++i)
    inst->func_addrs_.push_back(store.add_host_function(&mi.types_[mi.imports_[i].type_index], imports[i]).addr);
  res.trap = inst->initialize({}, fuel_limit, res.error);
  if (!res.trap && res.error.empty()) res.instance = std::move(inst);
  return res;
}

std::optional<Trap> InstanceImpl::initialize(std::span<const Extern> imports, uint64_t fuel_limit,
                                             std::string& error) noexcept {
  metering_ = m_.config_.fuel_metering;
  fuel_limit_ = fuel_limit;
  fuel_ = metering_ ? fuel_limit : UINT64_MAX;
  // Initial memory: 1024 fuel per page of a defined memory, charged before allocating anything.
  const bool own_memory = !m_.memories_.empty() && !m_.memories_[0].imported;
  if (own_memory && !consume_fuel(uint64_t{m_.memories_[0].type.min} * 1024)) return Trap::OutOfFuel;

  // Index spaces: the (matched) imports first, then the module's own objects.
  func_addrs_.reserve(m_.funcs_.size());
  global_addrs_.reserve(m_.globals_.size());
  globals_.assign(m_.globals_.size(), 0);
  for (const Extern& e : imports) {
    switch (e.kind) {
      case ExternKind::Func:
        func_addrs_.push_back(e.addr);
        break;
      case ExternKind::Table:
        table_addrs_.push_back(e.addr);
        tables_.push_back(store_.tables_[e.addr].get());
        break;
      case ExternKind::Memory:
        memory_addr_ = e.addr;
        memory_ = store_.memories_[e.addr];
        memory0_ = memory_;
        break;
      case ExternKind::Global:
        global_refs_.push_back(store_.globals_[e.addr].cell);
        global_addrs_.push_back(e.addr);
        break;
    }
  }
  store_.funcs_.reserve(store_.funcs_.size() + (m_.funcs_.size() - func_addrs_.size()));
  for (size_t f = func_addrs_.size(); f < m_.funcs_.size(); ++f) {
    func_addrs_.push_back(static_cast<uint32_t>(store_.funcs_.size()));
    store_.funcs_.push_back({&m_.types_[m_.funcs_[f].type], this, &m_.funcs_[f], {}});
  }
  for (size_t t = tables_.size(); t < m_.tables_.size(); ++t) {
    auto table = std::make_unique<TableInst>();
    table->elem = m_.tables_[t].type.elem;
    table->max = m_.tables_[t].type.max;
    table->elems.assign(m_.tables_[t].type.min, 0);
    table_addrs_.push_back(static_cast<uint32_t>(store_.tables_.size()));
    tables_.push_back(table.get());
    store_.tables_.push_back(std::move(table));
  }
  if (own_memory) {
    own_memory_.max = m_.memories_[0].type.max;
    if (pool_) own_memory_.block = BufferPool::take(pool_->memories_);  // all zero
    own_memory_.resize(uint64_t{m_.memories_[0].type.min} * kPageSize);
    memory_addr_ = static_cast<uint32_t>(store_.memories_.size());
    memory_ = &own_memory_;
    memory0_ = memory_;
    store_.memories_.push_back(memory_);
  }
  store_.globals_.reserve(store_.globals_.size() + (m_.globals_.size() - global_addrs_.size()));
  for (size_t g = global_addrs_.size(); g < m_.globals_.size(); ++g) {
    globals_[g] = eval(m_.globals_[g].init);
    global_addrs_.push_back(store_.add_global_inst(m_.globals_[g].type, &globals_[g]).addr);
  }
  elem_segs_.resize(m_.elems_.size());
  for (size_t i = 0; i < elem_segs_.size(); ++i)
    for (const ConstExpr& e : m_.elems_[i].init) elem_segs_[i].push_back(eval(e));
  data_dropped_.assign(m_.datas_.size(), 0);

  // Active element segments, then active data segments, in order, each as table.init / memory.init
  // followed by a drop (Wasm 2.0 bulk-memory semantics: bounds are checked per segment when it is
  // applied, earlier writes stay). Declarative segments are dropped too.
  for (size_t i = 0; i < elem_segs_.size(); ++i) {
    const ElemSegment& seg = m_.elems_[i];
    if (seg.mode == SegmentMode::Active) {
      std::vector<Value>& table = tables_[seg.table]->elems;
      const uint64_t offset = static_cast<uint32_t>(eval(seg.offset));
      if (offset + elem_segs_[i].size() > table.size()) return Trap::TableOutOfBounds;
      std::copy(elem_segs_[i].begin(), elem_segs_[i].end(), table.begin() + static_cast<ptrdiff_t>(offset));
    }
    if (seg.mode != SegmentMode::Passive) elem_segs_[i] = {};
  }
  for (size_t i = 0; i < m_.datas_.size(); ++i) {
    const DataSegment& seg = m_.datas_[i];
    if (seg.mode != SegmentMode::Active) continue;
    const uint64_t offset = static_cast<uint32_t>(eval(seg.offset));
    if (offset + seg.bytes.size() > memory_size()) return Trap::MemoryOutOfBounds;
    memory_->mark(offset, seg.bytes.size());
    if (!seg.bytes.empty()) std::memcpy(memory_->data() + offset, seg.bytes.data(), seg.bytes.size());
    data_dropped_[i] = 1;
  }
  if (m_.start_) {
    const RunResult r = call(*m_.start_, {});
    if (r.status == RunStatus::Trapped) return r.trap;
    if (r.status == RunStatus::Suspended) error = "start function suspended at a host import";
  }
  return std::nullopt;
}

std::optional<Extern> InstanceImpl::exported(std::string_view name) const noexcept {
  const Module::Export* e = m_.find_export(name);
  if (!e) return std::nullopt;
  switch (e->kind) {
    case ExternKind::Func: return Extern{ExternKind::Func, func_addrs_[e->index]};
    case ExternKind::Table: return Extern{ExternKind::Table, table_addrs_[e->index]};
    case ExternKind::Memory: return Extern{ExternKind::Memory, memory_addr_};
    case ExternKind::Global: return Extern{ExternKind::Global, global_addrs_[e->index]};
  }
  return std::nullopt;
}

uint64_t InstanceImpl::footprint_bytes() const noexcept {
  constexpr uint64_t kFrameBytes = 16;  // per frame, fixed (not sizeof): deterministic
  return memory_size() + 8 * uint64_t{stack_.size()} + kFrameBytes * uint64_t{depth_};
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

}  // namespace interlude::wasm
