#pragma once
// Internal representation of a decoded, validated and compiled module.
#include <map>
#include <string>
#include <vector>

#include "interlude/wasm/engine.h"

namespace interlude::wasm {

inline constexpr uint64_t kPageSize = 65536;
/// Spec §2.5.3 / §3.2.4: a memory's size is at most 2^16 pages.
inline constexpr uint32_t kMaxSpecPages = 65536;

/// A constant expression (spec §3.3.10): a const, ref.null, ref.func or global.get.
struct ConstExpr {
  enum class Kind : uint8_t { Value, Global, Func } kind = Kind::Value;
  Value value = 0;     ///< Kind::Value: the bits.
  uint32_t index = 0;  ///< Kind::Global: globalidx; Kind::Func: funcidx.
};

/// One entry of the funcidx space.
struct FuncInfo {
  uint32_t type = 0;         ///< typeidx.
  uint32_t canon_type = 0;   ///< smallest typeidx with an equal functype (call_indirect check).
  bool imported = false;
  uint32_t entry = 0;        ///< defined: code offset (units) of the body.
  /// defined: where a call enters the body in ModuleImpl::code_ (set last): past the entry
  /// region's `fuel` op when the body starts with one, whose cost is then entry_fuel, charged by
  /// the call itself (one dispatch fewer per call, same fuel and traps).
  const uint32_t* code = nullptr;
  uint32_t entry_fuel = 0;
  uint32_t trampoline = 0;   ///< code offset of `call f, base 0; done`, used by Instance::call.
  uint32_t nparams = 0;
  uint32_t nresults = 0;
  uint32_t nlocals = 0;      ///< defined: params + declared locals.
  uint32_t frame_slots = 0;  ///< defined: cells the frame needs (locals + max operand stack).
};

struct TableDecl {
  TableType type;
  bool imported = false;
};

struct MemoryDecl {
  MemoryType type;
  bool imported = false;
};

struct GlobalDecl {
  GlobalType type;
  bool imported = false;
  ConstExpr init;  ///< defined globals only
};

enum class SegmentMode : uint8_t { Active, Passive, Declarative };

struct ElemSegment {
  SegmentMode mode = SegmentMode::Passive;
  ValType type = ValType::FuncRef;
  uint32_t table = 0;
  ConstExpr offset;
  std::vector<ConstExpr> init;
};

struct DataSegment {
  SegmentMode mode = SegmentMode::Passive;
  ConstExpr offset;
  std::vector<uint8_t> bytes;
};

class ModuleImpl final : public Module {
 public:
  const Config& config() const noexcept override { return config_; }
  std::span<const FuncType> types() const noexcept override { return types_; }
  std::span<const Import> imports() const noexcept override { return imports_; }
  std::span<const Export> exports() const noexcept override { return exports_; }
  uint32_t function_count() const noexcept override { return static_cast<uint32_t>(funcs_.size()); }
  const FuncType* function_type(uint32_t funcidx) const noexcept override {
    return funcidx < funcs_.size() ? &types_[funcs_[funcidx].type] : nullptr;
  }
  std::optional<uint32_t> exported_function(std::string_view name) const noexcept override {
    const Export* e = find_export(name);
    if (!e || e->kind != ExternKind::Func) return std::nullopt;
    return e->index;
  }
  std::optional<TableType> table_type(uint32_t tableidx) const noexcept override {
    if (tableidx >= tables_.size()) return std::nullopt;
    return tables_[tableidx].type;
  }
  std::optional<MemoryType> memory_type(uint32_t memidx) const noexcept override {
    if (memidx >= memories_.size()) return std::nullopt;
    return memories_[memidx].type;
  }
  std::optional<GlobalType> global_type(uint32_t globalidx) const noexcept override {
    if (globalidx >= globals_.size()) return std::nullopt;
    return globals_[globalidx].type;
  }
  std::optional<std::span<const uint8_t>> custom_section(std::string_view name) const noexcept override {
    for (const auto& [n, bytes] : customs_)
      if (n == name) return std::span<const uint8_t>(bytes);
    return std::nullopt;
  }
  bool has_memory() const noexcept override { return !memories_.empty(); }
  uint32_t initial_memory_pages() const noexcept override { return memories_.empty() ? 0 : memories_[0].type.min; }
  uint64_t compile_work() const noexcept override { return compile_work_; }

  const Export* find_export(std::string_view name) const noexcept {
    auto it = export_names_.find(name);
    return it == export_names_.end() ? nullptr : &exports_[it->second];
  }

  Config config_;
  std::vector<FuncType> types_;
  std::vector<uint32_t> canon_types_;  ///< typeidx -> smallest typeidx with an equal functype.
  std::vector<Import> imports_;
  std::vector<Export> exports_;
  std::map<std::string, uint32_t, std::less<>> export_names_;  ///< export name -> index in exports_
  std::vector<std::pair<std::string, std::vector<uint8_t>>> customs_;
  std::vector<FuncInfo> funcs_;
  uint32_t num_imported_funcs_ = 0;
  std::vector<TableDecl> tables_;
  std::vector<MemoryDecl> memories_;
  std::vector<GlobalDecl> globals_;
  std::vector<ElemSegment> elems_;
  std::vector<DataSegment> datas_;
  std::optional<uint32_t> start_;
  std::vector<uint32_t> code_;       ///< the IR of every function and trampoline (ir.h).
  uint64_t compile_work_ = 0;        ///< Limits compile work units spent by the compiler.
};

}  // namespace interlude::wasm
