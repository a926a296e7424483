// interlude-spectest: runs the official WebAssembly spec tests, converted by wast2json to JSON +
// .wasm (the corpus in shared/spectest/corpus, see its README.md and RUNNER.md), against the
// engine through its public API (interlude/wasm/engine.h) only.
//
//   interlude-spectest [--json] [--canonical-nan] PATH...
//
// PATH is a corpus folder (every <name>/<name>.json below it, in name order), one test folder
// <name>/ or one .json file. Output: one line per file, then the plain line
// `N passed, M failed, K skipped`. Counting follows RUNNER.md §7: every command except `register`
// is one test; text-format `assert_malformed` modules (.wat) are skipped (this tool has no text
// parser), and so are all commands of the simd_* files (the engine does not implement SIMD).
// --json prints a machine-readable report instead. --canonical-nan compiles every module with
// Config::canonical_nan (the nan:canonical / nan:arithmetic expectations allow it).
// Exit status: 0 all passed, 1 a test failed (or a PATH is missing while others ran), 2 usage
// error, 77 nothing ran (missing PATH or only skipped commands), the CTest skip code.
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "interlude/wasm/engine.h"

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using namespace interlude::wasm;

constexpr int kExitSkipped = 77;

struct Options {
  bool json = false;
  bool canonical_nan = false;
};

struct Failure {
  uint64_t line = 0;
  std::string command;
  std::string message;
};

struct FileReport {
  std::string name;
  std::string path;
  uint64_t passed = 0, failed = 0, skipped = 0;
  std::string skip_reason;  ///< why commands were skipped ("text-format modules", "SIMD")
  std::vector<Failure> failures;
};

/// The engine configuration for spec modules: the default Limits, no fuel metering.
Config spec_config(const Options& opt) {
  Config c;
  c.fuel_metering = false;
  c.canonical_nan = opt.canonical_nan;
  return c;
}

/// The spec test's trap text (the reference interpreter's message, RUNNER.md §5) as a Trap kind.
std::optional<Trap> trap_of_text(std::string_view text) {
  static const std::pair<std::string_view, Trap> kTexts[] = {
      {"uninitialized element", Trap::IndirectCallToNull},
      {"undefined element", Trap::TableOutOfBounds},
      {"out of bounds memory access", Trap::MemoryOutOfBounds},
      {"out of bounds table access", Trap::TableOutOfBounds},
      {"unreachable", Trap::Unreachable},
      {"integer overflow", Trap::IntegerOverflow},
      {"invalid conversion to integer", Trap::BadConversionToInteger},
      {"integer divide by zero", Trap::IntegerDivisionByZero},
      {"indirect call type mismatch", Trap::BadSignature},
      {"call stack exhausted", Trap::StackOverflow},
  };
  for (const auto& [prefix, trap] : kTexts)
    if (text.starts_with(prefix)) return trap;
  return std::nullopt;
}

uint64_t parse_u64(const std::string& s) {
  uint64_t v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) throw std::runtime_error("bad number \"" + s + "\"");
  return v;
}

/// An argument value object (README "Value objects") as raw bits; references as engine.h encodes them.
Value parse_value(const json& v) {
  const std::string type = v.at("type");
  const std::string text = v.at("value");
  if (type == "i32" || type == "f32") return static_cast<uint32_t>(parse_u64(text));
  if (type == "i64" || type == "f64") return parse_u64(text);
  if (type == "externref" || type == "funcref") return text == "null" ? 0 : parse_u64(text) + 1;
  throw std::runtime_error("unsupported value type " + type);
}

/// Checks a result against an expected value object; empty string if it matches.
std::string match_value(const json& expected, Value got) {
  const std::string type = expected.at("type");
  const std::string text = expected.at("value");
  const bool f32 = type == "f32";
  if ((f32 || type == "f64") && text.starts_with("nan:")) {
    const uint64_t quiet = f32 ? 0x7FC00000u : 0x7FF8000000000000ull;
    const uint64_t magnitude = got & (f32 ? 0x7FFFFFFFu : 0x7FFFFFFFFFFFFFFFull);
    const bool ok = text == "nan:canonical" ? magnitude == quiet : (got & quiet) == quiet;
    return ok ? "" : "got " + std::to_string(got) + ", expected " + text;
  }
  Value want = parse_value(expected);
  if (type == "i32" || type == "f32") got = static_cast<uint32_t>(got);
  return got == want ? "" : "got " + std::to_string(got) + ", expected " + std::to_string(want);
}

std::vector<uint8_t> read_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + p.string());
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

HostResult print(void*, Instance&, const Value*, Value*) noexcept { return HostResult::ok(); }

/// Runs the commands of one JSON file in a fresh store (RUNNER.md §1-§3).
class FileRunner {
 public:
  FileRunner(const fs::path& json_path, const Options& opt)
      : dir_(json_path.parent_path()), config_(spec_config(opt)), store_(Store::create(config_.limits)) {
    register_spectest();
  }

  void run(const json& commands, FileReport& report) {
    for (const json& cmd : commands) {
      const std::string type = cmd.at("type");
      if (type == "register") {
        do_register(cmd);
        continue;
      }
      if (type == "assert_malformed" && cmd.value("module_type", "") == "text") {
        ++report.skipped;
        report.skip_reason = "text-format modules";
        continue;
      }
      std::string why;
      try {
        why = execute(type, cmd);
      } catch (const std::exception& e) {
        why = e.what();
      }
      if (why.empty()) {
        ++report.passed;
      } else {
        ++report.failed;
        report.failures.push_back({cmd.value("line", uint64_t{0}), type, why});
      }
    }
  }

 private:
  /// Outcome of loading a module file up to the first failing stage.
  struct Loaded {
    enum class Stage { Compile, Link, Instantiate, Done } failed_at = Stage::Done;
    Instance* instance = nullptr;
    std::optional<Trap> trap;
    std::string error;
  };

  void register_spectest() {
    auto& spectest = registry_["spectest"];
    const auto fn = [&](std::vector<ValType> params) {
      return store_->add_function(FuncType{std::move(params), {}}, HostImport{print, nullptr});
    };
    spectest["print"] = fn({});
    spectest["print_i32"] = fn({ValType::I32});
    spectest["print_i64"] = fn({ValType::I64});
    spectest["print_f32"] = fn({ValType::F32});
    spectest["print_f64"] = fn({ValType::F64});
    spectest["print_i32_f32"] = fn({ValType::I32, ValType::F32});
    spectest["print_f64_f64"] = fn({ValType::F64, ValType::F64});
    spectest["global_i32"] = store_->add_global({ValType::I32, false}, 666);
    spectest["global_i64"] = store_->add_global({ValType::I64, false}, 666);
    spectest["global_f32"] = store_->add_global({ValType::F32, false}, 0x4426A666);          // 666.6f
    spectest["global_f64"] = store_->add_global({ValType::F64, false}, 0x4084D4CCCCCCCCCDull);  // 666.6
    spectest["table"] = *store_->add_table({ValType::FuncRef, 10, 20}, 0);
    spectest["memory"] = *store_->add_memory({1, 2});
  }

  Loaded load(const json& cmd) {
    Loaded r;
    CompileError err;
    auto module = Module::compile(read_bytes(dir_ / cmd.at("filename").get<std::string>()), config_, &err);
    if (!module) {
      r.failed_at = Loaded::Stage::Compile;
      r.error = err.message;
      return r;
    }
    std::vector<Extern> imports;
    for (const Module::Import& imp : module->imports()) {
      const auto m = registry_.find(imp.module);
      const auto e = m == registry_.end() ? std::nullopt : lookup(m->second, imp.name);
      if (!e) {
        r.failed_at = Loaded::Stage::Link;
        r.error = "unknown import " + imp.module + "." + imp.name;
        return r;
      }
      imports.push_back(*e);
    }
    StoreInstantiateResult res = store_->instantiate(module, imports, UINT64_MAX);
    if (!res.error.empty() && !res.trap) {
      r.failed_at = Loaded::Stage::Link;
      r.error = res.error;
    } else if (res.trap) {
      r.failed_at = Loaded::Stage::Instantiate;
      r.trap = res.trap;
      r.error = std::string("trap: ") + trap_message(*res.trap);
    }
    r.instance = res.instance;
    return r;
  }

  static std::optional<Extern> lookup(const std::map<std::string, Extern>& exports, const std::string& name) {
    const auto e = exports.find(name);
    return e == exports.end() ? std::nullopt : std::optional<Extern>(e->second);
  }

  void do_register(const json& cmd) {
    Instance* inst = cmd.contains("name") ? named_[cmd.at("name")] : current_;
    if (!inst) return;
    auto& exports = registry_[cmd.at("as")];
    for (const Module::Export& e : inst->module().exports()) exports[e.name] = *inst->exported(e.name);
  }

  /// Performs an action; returns an error message or empty, with the run status and results.
  std::string perform(const json& action, RunResult& run, std::vector<Value>& results) {
    Instance* inst = action.contains("module") ? named_[action.at("module")] : current_;
    if (!inst) return "no module instance for the action";
    const std::string field = action.at("field");
    if (action.at("type") == "get") {
      const std::optional<Extern> g = inst->exported(field);
      const std::optional<Value> v = g ? inst->store().global_get(*g) : std::nullopt;
      if (!v) return "no exported global \"" + field + "\"";
      run = {};
      results = {*v};
      return {};
    }
    const std::optional<uint32_t> f = inst->module().exported_function(field);
    if (!f) return "no exported function \"" + field + "\"";
    std::vector<Value> args;
    for (const json& a : action.at("args")) args.push_back(parse_value(a));
    run = inst->call(*f, args);
    const std::span<const Value> r = inst->results();
    results.assign(r.begin(), r.end());
    return {};
  }

  static std::string describe(const RunResult& r) {
    switch (r.status) {
      case RunStatus::Returned: return "returned";
      case RunStatus::Trapped: return std::string("trapped: ") + trap_message(r.trap);
      case RunStatus::Halted: return "halted";
      case RunStatus::Suspended: return "suspended";
    }
    return "?";
  }

  /// One counted command; returns the failure message, empty if it passed.
  std::string execute(const std::string& type, const json& cmd) {
    if (type == "module") {
      const Loaded l = load(cmd);
      current_ = l.instance;
      if (cmd.contains("name")) named_[cmd.at("name")] = l.instance;
      return l.error;
    }
    if (type == "assert_malformed" || type == "assert_invalid") {
      CompileError err;
      auto module = Module::compile(read_bytes(dir_ / cmd.at("filename").get<std::string>()), config_, &err);
      return module ? "module compiled, expected \"" + cmd.at("text").get<std::string>() + "\"" : "";
    }
    if (type == "assert_unlinkable" || type == "assert_uninstantiable") {
      const Loaded l = load(cmd);
      const std::string text = cmd.at("text");
      if (type == "assert_unlinkable")
        return l.failed_at == Loaded::Stage::Link ? "" : "expected a link error \"" + text + "\", got: " + l.error;
      if (l.failed_at != Loaded::Stage::Instantiate) return "expected trap \"" + text + "\", got: " + l.error;
      return l.trap == trap_of_text(text) ? "" : "expected trap \"" + text + "\", got " + l.error;
    }
    RunResult run;
    std::vector<Value> results;
    if (std::string err = perform(cmd.at("action"), run, results); !err.empty()) return err;
    if (type == "action") return run.status == RunStatus::Returned ? "" : describe(run);
    if (type == "assert_return") {
      if (run.status != RunStatus::Returned) return describe(run);
      const json& expected = cmd.at("expected");
      if (expected.size() != results.size())
        return std::to_string(results.size()) + " results, expected " + std::to_string(expected.size());
      for (size_t i = 0; i < results.size(); ++i)
        if (std::string why = match_value(expected[i], results[i]); !why.empty())
          return "result " + std::to_string(i) + ": " + why;
      return {};
    }
    if (type == "assert_trap" || type == "assert_exhaustion") {
      const std::string text = cmd.at("text");
      const std::optional<Trap> want = type == "assert_exhaustion" ? Trap::StackOverflow : trap_of_text(text);
      if (!want) return "unknown trap text \"" + text + "\"";
      const bool ok = run.status == RunStatus::Trapped && run.trap == *want;
      return ok ? "" : "expected trap \"" + text + "\", " + describe(run);
    }
    return "unknown command type " + type;
  }

  fs::path dir_;
  Config config_;
  std::unique_ptr<Store> store_;
  std::map<std::string, std::map<std::string, Extern>> registry_;
  std::map<std::string, Instance*> named_;
  Instance* current_ = nullptr;
};

FileReport run_file(const fs::path& path, const Options& opt) {
  FileReport report;
  report.name = path.stem().string();
  report.path = path.string();
  try {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    const json doc = json::parse(in);
    const json& commands = doc.at("commands");
    if (report.name.starts_with("simd_")) {  // SIMD is not implemented: skip the whole file
      for (const json& cmd : commands) report.skipped += cmd.at("type") != "register";
      report.skip_reason = "SIMD";
      return report;
    }
    FileRunner(path, opt).run(commands, report);
  } catch (const std::exception& e) {
    ++report.failed;
    report.failures.push_back({0, "file", e.what()});
  }
  return report;
}

/// The JSON files named by `arg`: a .json file, a test folder <name>/<name>.json, or a corpus
/// folder holding test folders. Empty if there are none.
std::vector<fs::path> json_files(const fs::path& arg) {
  std::error_code ec;
  if (fs::is_regular_file(arg, ec)) return {arg};
  if (!fs::is_directory(arg, ec)) return {};
  const fs::path own = arg / (fs::path(arg).filename().string() + ".json");
  if (fs::is_regular_file(own, ec)) return {own};
  std::vector<fs::path> files;
  for (const fs::directory_entry& d : fs::directory_iterator(arg, ec)) {
    const fs::path f = d.path() / (d.path().filename().string() + ".json");
    if (d.is_directory() && fs::is_regular_file(f, ec)) files.push_back(f);
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string file_line(const FileReport& r) {
  if (r.skip_reason == "SIMD") return r.name + ": skipped (SIMD, " + std::to_string(r.skipped) + " commands)";
  std::string line = r.name + ": " + std::to_string(r.passed) + " passed, " + std::to_string(r.failed) + " failed";
  if (r.skipped) line += ", " + std::to_string(r.skipped) + " skipped (" + r.skip_reason + ")";
  return line;
}

json to_json(const std::vector<FileReport>& reports, const Options& opt) {
  json files = json::array();
  uint64_t passed = 0, failed = 0, skipped = 0;
  for (const FileReport& r : reports) {
    json failures = json::array();
    for (const Failure& f : r.failures)
      failures.push_back({{"line", f.line}, {"command", f.command}, {"message", f.message}});
    files.push_back({{"name", r.name},
                     {"path", r.path},
                     {"passed", r.passed},
                     {"failed", r.failed},
                     {"skipped", r.skipped},
                     {"skip_reason", r.skip_reason},
                     {"failures", failures}});
    passed += r.passed, failed += r.failed, skipped += r.skipped;
  }
  return {{"canonical_nan", opt.canonical_nan},
          {"passed", passed},
          {"failed", failed},
          {"skipped", skipped},
          {"files", files}};
}

}  // namespace

int main(int argc, char** argv) {
  Options opt;
  std::vector<fs::path> paths;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (a == "--json") {
      opt.json = true;
    } else if (a == "--canonical-nan") {
      opt.canonical_nan = true;
    } else if (a.starts_with("-")) {
      std::cerr << "interlude-spectest: unknown option " << a << "\n"
                << "usage: interlude-spectest [--json] [--canonical-nan] PATH...\n";
      return 2;
    } else {
      paths.emplace_back(a);
    }
  }
  if (paths.empty()) {
    std::cerr << "usage: interlude-spectest [--json] [--canonical-nan] PATH...\n";
    return 2;
  }
  std::vector<FileReport> reports;
  bool missing = false;
  for (const fs::path& p : paths) {
    const std::vector<fs::path> files = json_files(p);
    if (files.empty()) {
      std::cerr << "interlude-spectest: no spec test files at " << p.string() << " (skipped)\n";
      missing = true;
    }
    for (const fs::path& f : files) {
      reports.push_back(run_file(f, opt));
      if (!opt.json) {
        std::cout << file_line(reports.back()) << "\n";
        for (const Failure& fail : reports.back().failures)
          std::cout << "  line " << fail.line << ": " << fail.command << ": " << fail.message << "\n";
      }
    }
  }
  uint64_t passed = 0, failed = 0, skipped = 0, text = 0, simd_files = 0, simd = 0;
  for (const FileReport& r : reports) {
    passed += r.passed, failed += r.failed, skipped += r.skipped;
    if (r.skip_reason == "SIMD") ++simd_files, simd += r.skipped;
    else text += r.skipped;
  }
  if (opt.json) {
    std::cout << to_json(reports, opt).dump(1) << "\n";
  } else {
    if (text) std::cout << "skipped: " << text << " text-format modules\n";
    if (simd_files) std::cout << "skipped: " << simd << " commands of " << simd_files << " SIMD files\n";
    std::cout << passed << " passed, " << failed << " failed, " << skipped << " skipped" << std::endl;
  }
  if (passed + failed == 0) return kExitSkipped;
  return failed || missing ? 1 : 0;
}
