#pragma once
/// Interlude's WebAssembly engine: decode, validate, compile to an internal IR, and interpret with
/// heap-resident stacks so that an activation can suspend at a host import and resume later.
///
/// The engine knows nothing of the protocol. The runtime (Layer A) binds imports to HostFunction
/// pointers, meters import fuel through Instance::consume_fuel, and uses HostSignal::Suspend to
/// park an activation at `_exec`.
///
/// Units: memory sizes in bytes unless named `pages` (1 page = 65,536 bytes); fuel in fuel units
/// (protocol.md "Interlude profile", per-operator schedule). All entry points are noexcept and report
/// failures through status values; no input can crash the engine.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace interlude::wasm {

/// valtype, binary encoding of WebAssembly spec §5.3.1 / §5.3.3 (reftype).
enum class ValType : uint8_t {
  I32 = 0x7F,
  I64 = 0x7E,
  F32 = 0x7D,
  F64 = 0x7C,
  V128 = 0x7B,
  FuncRef = 0x70,
  ExternRef = 0x6F,
};

/// A value as raw bits. i32/f32: the 32 bits zero-extended; i64/f64: the 64 bits.
/// funcref: 0 = null, otherwise (funcaddr + 1), the function's address in its Store (see Extern;
/// deterministic: addresses are handed out in allocation order); externref: 0 = null, otherwise
/// (host value + 1).
using Value = uint64_t;

/// functype (spec §2.3.5): parameter and result valtypes.
struct FuncType {
  std::vector<ValType> params;
  std::vector<ValType> results;
  bool operator==(const FuncType&) const = default;
};

/// externtype kinds (spec §2.5.10 / binary §5.5.5 importdesc and exportdesc tags).
enum class ExternKind : uint8_t { Func = 0, Table = 1, Memory = 2, Global = 3 };

/// tabletype (spec §2.3.10): element reftype (FuncRef or ExternRef) and limits in elements.
struct TableType {
  ValType elem = ValType::FuncRef;
  uint32_t min = 0;
  std::optional<uint32_t> max;  ///< nullopt: no declared maximum.
  bool operator==(const TableType&) const = default;
};

/// memtype (spec §2.3.9): limits in pages (1 page = 65,536 bytes).
struct MemoryType {
  uint32_t min = 0;
  std::optional<uint32_t> max;  ///< nullopt: no declared maximum (the spec bound is 65,536 pages).
  bool operator==(const MemoryType&) const = default;
};

/// globaltype (spec §2.3.11): valtype and mutability.
struct GlobalType {
  ValType type = ValType::I32;
  bool mut = false;
  bool operator==(const GlobalType&) const = default;
};

/// An external value (spec §4.2.11 externval): the address of a function, table, memory or global
/// instance in a Store. Addresses count per kind from 0 in allocation order, so they (and the
/// funcref handles funcaddr + 1 built from them) are deterministic. Instance::exported gives the
/// externs of an instance's exports; Store::add_* make host externs; Store::instantiate takes one
/// extern per import. An Extern is only meaningful in the store it came from.
struct Extern {
  ExternKind kind = ExternKind::Func;
  uint32_t addr = 0;  ///< funcaddr / tableaddr / memaddr / globaladdr in the store.
  bool operator==(const Extern&) const = default;
};

/// Trap kinds. The numbering is the protocol's rWasm TrapCode (protocol.md §2.3) so that the
/// runtime maps a trap to an ExitCode as -2001 - code.
enum class Trap : uint8_t {
  Unreachable = 0x00,             ///< `unreachable` executed.
  MemoryOutOfBounds = 0x01,       ///< load/store/bulk memory outside the memory; data segment OOB.
  TableOutOfBounds = 0x02,        ///< table access outside the table; call_indirect index OOB.
  IndirectCallToNull = 0x03,      ///< call_indirect through a null entry.
  IntegerDivisionByZero = 0x04,   ///< div/rem by zero.
  IntegerOverflow = 0x05,         ///< signed div overflow (INT_MIN / -1); trunc of an out-of-range float.
  BadConversionToInteger = 0x06,  ///< trunc of NaN (spec "invalid conversion to integer").
  StackOverflow = 0x07,           ///< call depth or value stack limit exceeded ("call stack exhausted").
  BadSignature = 0x08,            ///< call_indirect type mismatch.
  OutOfFuel = 0x09,               ///< fuel limit exceeded.
  UnknownExternalFunction = 0x0a, ///< an import with no host function bound was called.
};

/// Stable human-readable trap message (the spec test suite's wording where one exists).
const char* trap_message(Trap t) noexcept;

/// Hard resource limits enforced while decoding, validating, compiling and running. A module over
/// a limit is rejected with an error naming the limit; exceeding a run-time limit is a
/// deterministic trap (StackOverflow), never a crash.
struct Limits {
  uint32_t max_memory_pages = 1024;        ///< memory.grow / declared max clamp (contract: 1024 = 64 MiB).
  uint32_t max_call_depth = 1024;          ///< nested wasm activations per invocation.
  uint32_t max_value_stack = 1u << 20;     ///< value-stack slots (8 bytes each) per invocation.
  uint32_t max_module_size = 16u << 20;    ///< bytes of module binary.
  uint32_t max_types = 1u << 16;
  uint32_t max_functions = 1u << 16;       ///< imported + defined.
  uint32_t max_function_body_size = 1u << 20;  ///< bytes of one code entry.
  uint32_t max_locals = 50000;             ///< params + declared locals of one function.
  uint32_t max_params = 1000;              ///< params or results of one functype.
  uint32_t max_br_table_targets = 1u << 16;
  uint32_t max_nesting_depth = 1024;       ///< block/loop/if nesting in one function.
  uint32_t max_globals = 1u << 16;
  uint32_t max_tables = 100;
  uint32_t max_table_size = 1u << 20;      ///< elements, initial or after table.grow.
  uint32_t max_segments = 1u << 16;        ///< data or element segments.
  uint32_t max_segment_size = 16u << 20;   ///< bytes of one data segment / entries of one elem segment.
  uint32_t max_imports = 1u << 16;
  uint32_t max_exports = 1u << 16;
  /// Validation work budget, which keeps compile time linear in the module size: one unit per
  /// local of each function (params + declared) and per operand checked or pushed for a block,
  /// label or call type (block params and results, br/br_if/br_table/return values, br_table
  /// value moves, call params and results). A module needing more than
  /// max(min_compile_work, compile_work_per_byte x module bytes) units is rejected with
  /// "limit compile work exceeded".
  uint32_t compile_work_per_byte = 16;
  uint32_t min_compile_work = 1u << 20;
};

/// Engine configuration, fixed when a module is compiled (part of the module cache key).
struct Config {
  Limits limits;
  /// Meter fuel per wasm operator (protocol.md "Interlude profile" schedule). When off, fuel is
  /// never checked and Instance::fuel_remaining() reports UINT64_MAX.
  bool fuel_metering = true;
  /// Deterministic floats: every float result that is a NaN is the canonical NaN
  /// (f32 0x7FC00000, f64 0x7FF8000000000000).
  bool canonical_nan = true;
  /// Accept SIMD (v128) types and opcodes. Off: a module using them fails to decode with an error
  /// containing "SIMD". This engine does not implement SIMD yet, so such modules are rejected
  /// the same way when it is on.
  bool simd = false;
};

/// Decode/validate/compile failure.
struct CompileError {
  std::string message;  ///< one line, e.g. "function 3: type mismatch in i32.add" or "limit max_locals exceeded".
  uint64_t offset = 0;  ///< byte offset in the module binary where the error was detected.
};

/// A decoded, validated and compiled module. Immutable and shareable between instances and
/// threads (the module cache hands out shared_ptr<const Module>).
class Module {
 public:
  struct Import {
    std::string module;
    std::string name;
    ExternKind kind = ExternKind::Func;
    uint32_t type_index = 0;  ///< for Func: typeidx of the import.
    /// Index the import takes in its kind's index space (funcidx / tableidx / memidx / globalidx);
    /// its type: function_type, table_type, memory_type or global_type of that index.
    uint32_t index = 0;
  };
  struct Export {
    std::string name;
    ExternKind kind = ExternKind::Func;
    uint32_t index = 0;  ///< funcidx / tableidx / memidx / globalidx.
  };

  /// Decodes, validates (spec §3) and compiles `binary`. On failure returns nullptr and fills
  /// `error` if non-null. Time and memory are linear in the binary's size.
  static std::shared_ptr<const Module> compile(std::span<const uint8_t> binary, const Config& config,
                                               CompileError* error) noexcept;

  virtual ~Module() = default;

  virtual const Config& config() const noexcept = 0;
  virtual std::span<const FuncType> types() const noexcept = 0;
  virtual std::span<const Import> imports() const noexcept = 0;
  virtual std::span<const Export> exports() const noexcept = 0;
  /// Number of functions (imported first, then defined: the funcidx space).
  virtual uint32_t function_count() const noexcept = 0;
  /// Type of function `funcidx`; nullptr if out of range.
  virtual const FuncType* function_type(uint32_t funcidx) const noexcept = 0;
  /// funcidx of the exported function `name`, or nullopt.
  virtual std::optional<uint32_t> exported_function(std::string_view name) const noexcept = 0;
  /// Contents of the first custom section named `name` (e.g. "input"), or nullopt.
  virtual std::optional<std::span<const uint8_t>> custom_section(std::string_view name) const noexcept = 0;
  /// Types of table `tableidx`, memory `memidx`, global `globalidx` (imported ones first, as in
  /// the index spaces); nullopt if out of range.
  virtual std::optional<TableType> table_type(uint32_t tableidx) const noexcept = 0;
  virtual std::optional<MemoryType> memory_type(uint32_t memidx) const noexcept = 0;
  virtual std::optional<GlobalType> global_type(uint32_t globalidx) const noexcept = 0;
  /// True if the module defines or imports a linear memory.
  virtual bool has_memory() const noexcept = 0;
  /// Initial pages of memory 0 (0 if none).
  virtual uint32_t initial_memory_pages() const noexcept = 0;
  /// Compile work units spent on this module (see Limits::compile_work_per_byte: one per local
  /// of each function, and per operand checked or pushed for a block, label or call type); at most
  /// max(min_compile_work, compile_work_per_byte x binary bytes). Every other compile step consumes
  /// module bytes, so compile time is linear in binary bytes + compile_work().
  virtual uint64_t compile_work() const noexcept = 0;
};

class Instance;

/// How a host function ends.
enum class HostSignal : uint8_t {
  Continue,  ///< results written; execution continues after the call.
  Trap,      ///< the invocation traps with HostResult::trap.
  Halt,      ///< the invocation stops normally now (RunStatus::Halted), e.g. `_exit`.
  Suspend,   ///< the activation parks; Instance::resume(results) continues it later.
};

struct HostResult {
  HostSignal signal = HostSignal::Continue;
  Trap trap = Trap::Unreachable;  ///< meaningful only with HostSignal::Trap.

  static constexpr HostResult ok() noexcept { return {}; }
  static constexpr HostResult trapped(Trap t) noexcept { return {HostSignal::Trap, t}; }
  static constexpr HostResult halt() noexcept { return {HostSignal::Halt, Trap::Unreachable}; }
  static constexpr HostResult suspend() noexcept { return {HostSignal::Suspend, Trap::Unreachable}; }
};

/// A host function bound to a function import. `args` holds the params (FuncType order),
/// `results` has room for the results, which the function writes before returning Continue.
/// With Suspend, results are supplied later by Instance::resume. `instance` is the instance whose
/// code made the call (for a function linked through a Store and reached by call_indirect from
/// another instance: that caller). The function may use `instance` (memory, fuel) but must not call
/// Instance::call or Instance::resume on it or on another instance taking part in the invocation.
using HostFunction = HostResult (*)(void* env, Instance& instance, const Value* args, Value* results) noexcept;

/// One import binding, in the module's import order.
struct HostImport {
  HostFunction fn = nullptr;  ///< nullptr: calling the import traps UnknownExternalFunction.
  void* env = nullptr;
};

/// Why Instance::call / Instance::resume returned.
enum class RunStatus : uint8_t {
  Returned,   ///< the function returned; results() holds its results.
  Trapped,    ///< a trap ended the invocation; see RunResult::trap. The instance is idle again.
  Halted,     ///< a host function returned Halt. The instance is idle again.
  Suspended,  ///< a host function returned Suspend; call resume() to continue.
};

struct RunResult {
  RunStatus status = RunStatus::Returned;
  Trap trap = Trap::Unreachable;  ///< meaningful only with RunStatus::Trapped.
};

/// Result of instantiation: an instance, or a trap during initialisation (e.g. OutOfFuel while
/// charging initial memory, MemoryOutOfBounds from an active data segment), or a link error.
struct InstantiateResult {
  std::unique_ptr<Instance> instance;
  std::optional<Trap> trap;  ///< set if initialisation trapped.
  std::string error;         ///< set on a link error (e.g. import count or kind mismatch).
};

/// Result of Store::instantiate. The store owns the instance, also when initialisation trapped
/// (its functions may already sit in imported tables: spec §4.5.4, Wasm 2.0), so `instance` is a
/// non-owning pointer, valid while the store lives; it is null on a link error or a trap.
struct StoreInstantiateResult {
  Instance* instance = nullptr;  ///< owned by the store.
  std::optional<Trap> trap;      ///< set if initialisation trapped.
  std::string error;         ///< set on a link error ("incompatible import type: m.name", ...).
};

class Store;
struct InstanceArrays;

/// Spare heap blocks for the linear memories, value stacks and small arrays (index spaces, globals,
/// frames) of instances that are made and destroyed one after another, such as one instance per
/// call frame. An instance made with a pool (Instance::instantiate) takes the blocks for its
/// memory, value stack and arrays from the pool and gives them back when it is destroyed, instead
/// of allocating and freeing them each time. A memory or stack on a reused block is zero-filled
/// exactly as a fresh one and arrays come back empty, so a pool changes no result (nor fuel or
/// footprint); only the allocations differ. A block comes back already zero, so that recycling costs
/// time in proportion to what the instance wrote: a value stack is zeroed up to the cells the
/// instance may have written (and keeps the initial stack size); a memory block keeps its size and
/// is zeroed in the 4 KiB chunks the instance may have written (its stores, bulk operators, data
/// segments, Instance::memory_range / memory_write, or all of it if the mutable memory_data() was
/// taken). The pool keeps at most kMaxSpare blocks of each kind, memories and stacks of at most
/// kMaxBlockBytes each, and at most kMaxSpare sets of arrays. Not thread-safe; it must outlive
/// every instance made with it.
class BufferPool {
 public:
  static constexpr size_t kMaxSpare = 4;
  static constexpr size_t kMaxBlockBytes = size_t{1} << 20;

  BufferPool() noexcept;
  ~BufferPool();
  BufferPool(const BufferPool&) = delete;
  BufferPool& operator=(const BufferPool&) = delete;

 private:
  friend class InstanceImpl;
  /// A spare block, all zero (see above), or an empty vector if there is none.
  template <class T>
  static std::vector<T> take(std::vector<std::vector<T>>& spare) noexcept {
    if (spare.empty()) return {};
    std::vector<T> block = std::move(spare.back());
    spare.pop_back();
    return block;
  }
  /// Whether give() would keep `block`: the pool is not full and the block not too large.
  template <class T>
  static bool keeps(const std::vector<std::vector<T>>& spare, const std::vector<T>& block) noexcept {
    return spare.size() < kMaxSpare && block.capacity() <= kMaxBlockBytes / sizeof(T);
  }
  /// Keeps `block` (as it is) if keeps(spare, block).
  template <class T>
  static void give(std::vector<std::vector<T>>& spare, std::vector<T>&& block) noexcept {
    if (keeps(spare, block)) spare.push_back(std::move(block));  // within the reserved capacity
  }

  std::vector<std::vector<uint8_t>> memories_;
  std::vector<std::vector<Value>> stacks_;
  std::vector<InstanceArrays> arrays_;  ///< empty, with their capacity (InstanceArrays is engine-internal)
};

/// The storage of a linear memory (spec §4.2.8): `block` holds kDirtyChunks dirty flags, then the
/// memory's `size` bytes (and possibly more). Defined here so that Instance's memory accessors are
/// inline; embedders use it only through them.
///
/// Dirty chunks, for recycling the block through a BufferPool in time proportional to what was
/// written: every byte of the block outside the flags and the flagged chunks is zero. Every engine
/// path that writes memory flags the chunks it writes: the interpreter's stores (the chunk of the
/// effective address; a store may spill up to kStoreSpill bytes into the next chunk, which clean()
/// zeroes with its chunk), memory.fill / memory.copy / memory.init and active data segments
/// (mark()), Instance::memory_range and Instance::memory_write (mark()), and the mutable
/// Instance::memory_data (every chunk). Bytes past `size` (left by a bigger memory that used the
/// block before) are never written, so a growing memory exposes zero bytes, as it must. The flags
/// sit at a fixed offset before the bytes so that a store reaches them from its memory pointer.
struct LinearMemory {
  /// A chunk is 2^kChunkShift bytes. One flag per chunk of a memory of up to
  /// BufferPool::kMaxBlockBytes; chunks of a bigger memory share flags modulo kDirtyChunks.
  static constexpr unsigned kChunkShift = 12;
  static constexpr uint64_t kDirtyChunks = BufferPool::kMaxBlockBytes >> kChunkShift;
  /// Bytes past its chunk that a store (of at most 8 bytes) can write.
  static constexpr uint64_t kStoreSpill = 7;

  /// The flags (1: the chunk, modulo kDirtyChunks, may be non-zero), then the bytes.
  std::vector<uint8_t> block;
  uint64_t size = 0;  ///< the memory's size in bytes (a multiple of 64 KiB)

  /// The memory's bytes (after the flags).
  uint8_t* data() noexcept { return block.data() + kDirtyChunks; }
  const uint8_t* data() const noexcept { return block.data() + kDirtyChunks; }
  /// Sets the size to `bytes` (>= size); the new bytes are zero (the block grows zero-filled).
  void resize(uint64_t bytes) noexcept {
    if (kDirtyChunks + bytes > block.size()) block.resize(kDirtyChunks + bytes);
    size = bytes;
  }
  /// Flags the chunks of [offset, offset + len).
  void mark(uint64_t offset, uint64_t len) noexcept {
    if (len == 0) return;
    const uint64_t first = offset >> kChunkShift, last = (offset + len - 1) >> kChunkShift;
    block[first % kDirtyChunks] = 1;
    if (last != first) [[unlikely]]
      for (uint64_t c = first + 1; c <= std::min(last, first + kDirtyChunks - 1); ++c) block[c % kDirtyChunks] = 1;
  }
  /// Flags every chunk.
  void mark_all() noexcept { std::fill_n(block.begin(), kDirtyChunks, 1); }
  /// Zeroes the flagged chunks (each with the spill of a store at its end) and the flags:
  /// afterwards the whole block is zero.
  void clean() noexcept {
    const uint64_t bytes = block.size() - kDirtyChunks;
    const uint64_t chunks = (bytes + (uint64_t{1} << kChunkShift) - 1) >> kChunkShift;
    for (uint64_t c = 0; c < chunks; ++c) {
      if (!block[c % kDirtyChunks]) continue;
      const uint64_t begin = c << kChunkShift;
      const uint64_t end = std::min<uint64_t>(begin + (uint64_t{1} << kChunkShift) + kStoreSpill, bytes);
      std::fill(data() + begin, data() + end, 0);
    }
    std::fill_n(block.begin(), kDirtyChunks, 0);
  }
};

/// One instantiation of a Module: memory, globals, tables, fuel counter, and the heap-resident
/// value and frame stacks of at most one in-progress (possibly suspended) invocation.
///
/// Every instance lives in a Store (spec §4.2.3). Instance::instantiate gives the new instance a
/// private store that it owns; Store::instantiate links an instance with others of one store.
class Instance {
 public:
  /// Instantiates `module` (spec §4.5.4) in a new private store: binds `imports` (one per module
  /// import, in order; only function imports can be bound this way), allocates memory/tables/
  /// globals, charges initial memory fuel (1024 per page of a defined memory) when metering, runs
  /// active element then data segments and the start function. `fuel_limit` is the fuel available
  /// to everything this instance runs.
  /// Errors: a wrong import count or a non-function import -> `error`; OutOfFuel, an out-of-bounds
  /// segment (MemoryOutOfBounds / TableOutOfBounds) or a trapping start function -> `trap`; in
  /// both cases `instance` is null. A start function that Halts just ends; one that Suspends is
  /// an `error`. With a `pool`, the instance's memory and value stack use its spare blocks.
  static InstantiateResult instantiate(std::shared_ptr<const Module> module, std::span<const HostImport> imports,
                                       uint64_t fuel_limit, BufferPool* pool = nullptr) noexcept;

  virtual ~Instance() = default;

  virtual const Module& module() const noexcept = 0;
  /// The store this instance lives in (its private store after Instance::instantiate).
  virtual Store& store() noexcept = 0;
  /// The export `name` as an extern value of store() (spec §4.5.4 export instances), or nullopt.
  virtual std::optional<Extern> exported(std::string_view name) const noexcept = 0;

  /// Starts `funcidx` with `args` (must match its params). Requires !suspended(). Misuse (unknown
  /// funcidx, wrong argument count, called while suspended or from inside a host function)
  /// returns Trapped with Trap::BadSignature and leaves the instance as it was.
  virtual RunResult call(uint32_t funcidx, std::span<const Value> args) noexcept = 0;
  /// Continues a suspended invocation; `results` become the results of the host call that
  /// suspended (must match that import's result count). Requires suspended(); misuse (not
  /// suspended, wrong result count) returns Trapped with Trap::BadSignature and changes nothing.
  virtual RunResult resume(std::span<const Value> results) noexcept = 0;
  virtual bool suspended() const noexcept = 0;
  /// Results of the last call that ended with RunStatus::Returned.
  virtual std::span<const Value> results() const noexcept = 0;

  // Fuel, inline (no virtual call: import fuel procedures charge it on every host call).

  /// Fuel left (UINT64_MAX when metering is off).
  uint64_t fuel_remaining() const noexcept { return fuel_; }
  /// Fuel consumed so far (fuel_limit - fuel_remaining; 0 when metering is off).
  uint64_t fuel_consumed() const noexcept { return metering_ ? fuel_limit_ - fuel_ : 0; }
  /// Consumes `amount` fuel. Returns false (and leaves the counter exhausted, remaining = 0) if
  /// fewer than `amount` remain; the caller then traps OutOfFuel. Always true when metering is off.
  bool consume_fuel(uint64_t amount) noexcept {
    if (!metering_) return true;
    if (fuel_ < amount) {
      fuel_ = 0;
      return false;
    }
    fuel_ -= amount;
    return true;
  }

  // Memory 0, inline (no virtual call: hosts touch it on every interruption).

  /// Linear memory 0 (nullptr / 0 if the module has none). The pointer is invalidated by
  /// memory.grow, i.e. by running the instance. The caller may write anywhere in the memory, so
  /// an instance made with a BufferPool then has its whole memory zeroed when recycled: to write a
  /// known range, use memory_range or memory_write, which account only for that range.
  uint8_t* memory_data() noexcept {
    if (!memory0_) return nullptr;
    memory0_->mark_all();
    return memory0_->size ? memory0_->data() : nullptr;
  }
  /// Read-only view of linear memory 0 (nullptr if the module has none or it has 0 pages).
  const uint8_t* memory_data() const noexcept { return memory0_ && memory0_->size ? memory0_->data() : nullptr; }
  /// Size of memory 0 in bytes (0 if the module has none).
  uint64_t memory_size() const noexcept { return memory0_ ? memory0_->size : 0; }
  /// Bounds-checked copies; false if [offset, offset+len) is not inside memory 0.
  bool memory_read(uint64_t offset, std::span<uint8_t> out) const noexcept {
    const uint64_t size = memory_size();
    if (offset > size || out.size() > size - offset) return false;
    if (!out.empty()) std::memcpy(out.data(), memory0_->data() + offset, out.size());
    return true;
  }
  bool memory_write(uint64_t offset, std::span<const uint8_t> in) noexcept {
    if (in.empty()) return offset <= memory_size();
    uint8_t* out = memory_range(offset, in.size());
    if (out) std::memcpy(out, in.data(), in.size());
    return out != nullptr;
  }
  /// Pointer to [offset, offset+len) inside memory 0 for reading and writing that range, or
  /// nullptr if out of bounds (or the memory has 0 pages). Invalidated as memory_data().
  uint8_t* memory_range(uint64_t offset, uint64_t len) noexcept {
    const uint64_t size = memory_size();
    if (offset > size || len > size - offset || size == 0) return nullptr;
    memory0_->mark(offset, len);
    return memory0_->data() + offset;
  }

  /// Bytes held by this instance (memory + stacks), for the runtime's in-flight memory cap:
  /// memory_size() + 8 per value-stack cell + 16 per wasm frame. Deterministic (no allocator capacity).
  virtual uint64_t footprint_bytes() const noexcept = 0;

 protected:
  LinearMemory* memory0_ = nullptr;  ///< memory 0 (owned by the store), set by the implementation
  bool metering_ = true;              ///< Config::fuel_metering of the module
  uint64_t fuel_ = 0;                 ///< fuel left (the interpreter keeps it here between host calls)
  uint64_t fuel_limit_ = 0;           ///< fuel given at instantiation
};

/// A store (spec §4.2.3): owns function, table, memory and global instances and the module
/// instances made by Store::instantiate, which can import each other's exports: a memory, table or
/// mutable global is shared by every instance that imports it, and a funcref keeps denoting its
/// function in every instance (a function of instance A called through B's table runs with A's
/// memory, globals and tables). Invocations run on the stacks of the instance that was called;
/// fuel is charged to the instance whose code runs (each has its own fuel_limit). Not thread-safe:
/// use one store from one thread at a time.
class Store {
 public:
  /// An empty store. `limits` bound the initial size of host-made tables and memories
  /// (max_table_size, max_memory_pages); table.grow and memory.grow are bounded by the Limits of
  /// the module whose code grows them.
  static std::unique_ptr<Store> create(const Limits& limits = {}) noexcept;

  virtual ~Store() = default;

  /// Allocates a host function of type `type` (spec §4.5.3.2 allochostfunc). `fn.fn == nullptr`
  /// makes a function whose calls trap UnknownExternalFunction.
  virtual Extern add_function(const FuncType& type, HostImport fn) noexcept = 0;
  /// Allocates a table of `type` with every element `init` (0 = null). nullopt if type.elem is not
  /// a reftype, type.min exceeds Limits::max_table_size or type.max < type.min.
  virtual std::optional<Extern> add_table(const TableType& type, Value init) noexcept = 0;
  /// Allocates a zero-filled memory of `type`. nullopt if type.min exceeds
  /// Limits::max_memory_pages, or type.max < type.min, or type.max > 65,536 pages.
  virtual std::optional<Extern> add_memory(const MemoryType& type) noexcept = 0;
  /// Allocates a global of `type` holding `value` (raw bits, see Value).
  virtual Extern add_global(const GlobalType& type, Value value) noexcept = 0;

  /// Instantiates `module` in this store (spec §4.5.4), importing `imports` (one extern of this
  /// store per module import, in order) and matching them (spec §4.5.2, Wasm 2.0 import
  /// subtyping: equal function and global types; table element types equal; limits: current size
  /// >= wanted min, and if a maximum is wanted, a provided maximum <= it). Then as
  /// Instance::instantiate: allocation, initial memory fuel, element then data segments, start.
  /// A segment or start function that traps leaves its earlier writes to imported tables and
  /// memories in place. Errors: wrong import count, unknown address, kind or type mismatch ->
  /// `error` (nothing allocated); a trap -> `trap`.
  virtual StoreInstantiateResult instantiate(std::shared_ptr<const Module> module, std::span<const Extern> imports,
                                             uint64_t fuel_limit) noexcept = 0;

  /// Value of the global `global` (raw bits); nullopt if it is not a global of this store.
  virtual std::optional<Value> global_get(Extern global) const noexcept = 0;
  /// Sets a mutable global; false if it is not a mutable global of this store.
  virtual bool global_set(Extern global, Value value) noexcept = 0;
  /// Types of the store's objects, for import matching by an embedder (tables and memories: `min`
  /// is the current size, as in the spec's store); nullptr / nullopt if the extern is not an
  /// object of that kind in this store.
  virtual const FuncType* function_type(Extern func) const noexcept = 0;
  virtual std::optional<TableType> table_type(Extern table) const noexcept = 0;
  virtual std::optional<MemoryType> memory_type(Extern memory) const noexcept = 0;
  virtual std::optional<GlobalType> global_type(Extern global) const noexcept = 0;
};

}  // namespace interlude::wasm
