// Fuzz target (b): the input as a wasm module; if it compiles, it is instantiated (every import
// bound to a host function that returns zero results) and each exported function is called with
// zero arguments under a fuel limit. Any outcome (result, trap, link error) is fine; a crash,
// sanitizer report or fuel overrun is not.
#include <cstdint>
#include <cstdlib>
#include <span>
#include <vector>

#include "interlude/wasm/engine.h"

namespace {
using namespace interlude::wasm;

constexpr uint64_t FUEL_LIMIT = 1'000'000;

HostResult zero_results(void* env, Instance& instance, const Value*, Value* results) noexcept {
  const auto* type = static_cast<const FuncType*>(env);
  for (size_t i = 0; i < type->results.size(); ++i) results[i] = 0;
  (void)instance;
  return HostResult::ok();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Config config;
  config.limits.max_memory_pages = 256;  // 16 MiB: keeps the fuzzer far from its RSS limit.
  config.limits.max_table_size = 1u << 16;
  CompileError error;
  auto module = Module::compile(std::span(data, size), config, &error);
  if (!module) return 0;
  std::vector<HostImport> imports;
  for (const auto& import : module->imports()) {
    HostImport h;
    if (import.kind == ExternKind::Func && import.type_index < module->types().size()) {
      h.fn = zero_results;
      h.env = const_cast<FuncType*>(&module->types()[import.type_index]);
    }
    imports.push_back(h);
  }
  auto inst = Instance::instantiate(module, imports, FUEL_LIMIT);
  if (!inst.instance) return 0;
  for (const auto& exp : module->exports()) {
    if (exp.kind != ExternKind::Func) continue;
    const FuncType* type = module->function_type(exp.index);
    if (!type) std::abort();
    std::vector<Value> args(type->params.size(), 0);
    RunResult r = inst.instance->call(exp.index, args);
    if (r.status == RunStatus::Suspended) std::abort();  // zero_results never suspends
    if (r.status == RunStatus::Returned && inst.instance->results().size() != type->results.size()) std::abort();
    if (inst.instance->fuel_consumed() > FUEL_LIMIT) std::abort();
  }
  return 0;
}
