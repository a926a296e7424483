// diff_driver: runs a module the way binaryen's `wasm-opt --fuzz-exec-before` does (binaryen 108,
// src/tools/execution-results.h), through the public engine API only, and prints comparable lines
// for test/differential/run.py.
//
//   diff_driver [--canonical-nan] MODULE.wasm
//
// Semantics copied from the reference: one instance; for every function export, in export order:
// print "[fuzz-exec] calling NAME", call the export "hangLimitInitializer" (if the module has one),
// then call the export with zero arguments; a trap prints "[trap MESSAGE]" (trap_message wording)
// and the next export runs on the same instance; results print as
// "[fuzz-exec] note result: NAME => V" (several results: "(V1, V2, ...)"). Imports of the module
// "fuzzing-support" (log-i32, log-i64, log-f32, log-f64) print "[LoggingExternalInterface logging
// V...]" with an i64 argument split into its low and high i32 halves, as the reference does; their
// results (none in practice) are zeros. A trap while instantiating prints "[trap MESSAGE]" and ends.
//
// Values print typed and exact so that the script, not this program, decides equality:
//   i32:<signed decimal>  i64:<signed decimal>  f32:<8 hex digits of the bits>
//   f64:<16 hex digits of the bits>  funcref:null | funcref:nonnull  externref:null | externref:nonnull
// (run.py generates no reference types, README.md; references print only their nullness).
//
// Engine configuration: fuel metering off (the reference has none), canonical_nan off
// (--canonical-nan: on; README.md, class 1), max_call_depth 251: the reference's limit (binaryen
// 108 traps "stack limit" on a call made while 251 activations are live).
//
// Exit status: 0 ran (traps included), 2 compile error ("[compile error] MESSAGE at OFFSET" on
// stdout), 3 link error, 1 usage or unreadable file.
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "interlude/wasm/engine.h"

namespace {

using namespace interlude::wasm;

std::string format_value(ValType t, Value v) {
  char buf[64];
  switch (t) {
    case ValType::I32: std::snprintf(buf, sizeof buf, "i32:%" PRId32, static_cast<int32_t>(v)); break;
    case ValType::I64: std::snprintf(buf, sizeof buf, "i64:%" PRId64, static_cast<int64_t>(v)); break;
    case ValType::F32: std::snprintf(buf, sizeof buf, "f32:%08" PRIx32, static_cast<uint32_t>(v)); break;
    case ValType::F64: std::snprintf(buf, sizeof buf, "f64:%016" PRIx64, v); break;
    case ValType::FuncRef: return v == 0 ? "funcref:null" : "funcref:nonnull";
    case ValType::ExternRef: return v == 0 ? "externref:null" : "externref:nonnull";
    case ValType::V128: return "v128:?";
  }
  return buf;
}

/// A "fuzzing-support" import: prints its arguments like binaryen's LoggingExternalInterface.
HostResult log_import(void* env, Instance&, const Value* args, Value* results) noexcept {
  const FuncType& type = *static_cast<const FuncType*>(env);
  std::string line = "[LoggingExternalInterface logging";
  for (size_t i = 0; i < type.params.size(); ++i) {
    if (type.params[i] == ValType::I64) {  // the reference logs an i64 as two i32s, low half first
      line += ' ' + format_value(ValType::I32, static_cast<uint32_t>(args[i]));
      line += ' ' + format_value(ValType::I32, static_cast<uint32_t>(args[i] >> 32));
    } else {
      line += ' ' + format_value(type.params[i], args[i]);
    }
  }
  std::printf("%s]\n", line.c_str());
  for (size_t i = 0; i < type.results.size(); ++i) results[i] = 0;
  return HostResult::ok();
}

/// Calls funcidx with zero arguments; prints a trap. Returns true if it returned.
bool run(Instance& inst, uint32_t funcidx) {
  const FuncType& type = *inst.module().function_type(funcidx);
  const std::vector<Value> zeros(type.params.size(), 0);
  const RunResult r = inst.call(funcidx, zeros);
  if (r.status == RunStatus::Trapped) std::printf("[trap %s]\n", trap_message(r.trap));
  return r.status == RunStatus::Returned;
}

}  // namespace

int main(int argc, char** argv) {
  Config config;
  config.fuel_metering = false;
  config.canonical_nan = false;
  config.limits.max_call_depth = 251;
  const char* path = nullptr;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--canonical-nan") == 0) config.canonical_nan = true;
    else path = argv[i];
  }
  if (path == nullptr) {
    std::fprintf(stderr, "usage: diff_driver [--canonical-nan] MODULE.wasm\n");
    return 1;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "diff_driver: cannot read %s\n", path);
    return 1;
  }
  const std::vector<uint8_t> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};

  CompileError error;
  auto module = Module::compile(bytes, config, &error);
  if (module == nullptr) {
    std::printf("[compile error] %s at %" PRIu64 "\n", error.message.c_str(), error.offset);
    return 2;
  }
  std::vector<HostImport> imports;
  for (const Module::Import& imp : module->imports()) {
    HostImport h;
    if (imp.kind == ExternKind::Func && imp.module == "fuzzing-support") {
      h.fn = log_import;
      h.env = const_cast<FuncType*>(&module->types()[imp.type_index]);
    }
    imports.push_back(h);
  }
  InstantiateResult inst = Instance::instantiate(module, imports, UINT64_MAX);
  if (!inst.error.empty()) {
    std::printf("[link error] %s\n", inst.error.c_str());
    return 3;
  }
  if (inst.trap) {
    std::printf("[trap %s]\n", trap_message(*inst.trap));
    return 0;
  }
  Instance& instance = *inst.instance;
  const std::optional<uint32_t> hang_limit_initializer = module->exported_function("hangLimitInitializer");
  for (const Module::Export& exp : module->exports()) {
    if (exp.kind != ExternKind::Func) continue;
    std::printf("[fuzz-exec] calling %s\n", exp.name.c_str());
    if (hang_limit_initializer && !run(instance, *hang_limit_initializer)) continue;
    if (!run(instance, exp.index)) continue;
    const std::vector<ValType>& types = module->function_type(exp.index)->results;
    if (types.empty()) continue;
    std::string line;
    for (size_t i = 0; i < types.size(); ++i) line += (i ? ", " : "") + format_value(types[i], instance.results()[i]);
    if (types.size() > 1) line = '(' + line + ')';
    std::printf("[fuzz-exec] note result: %s => %s\n", exp.name.c_str(), line.c_str());
  }
  return 0;
}
