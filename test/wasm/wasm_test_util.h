#pragma once
// Helpers for the engine tests: load a test module from the build tree, instantiate, call exports.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "interlude/wasm/engine.h"

namespace interlude::wasm::test {

/// Bytes of modules/<name>.wasm (built from wat/<name>.wat or c/<name>.c).
inline std::vector<uint8_t> module_bytes(const std::string& name) {
  std::ifstream in(std::string(INTERLUDE_WASM_TEST_DIR) + "/" + name + ".wasm", std::ios::binary);
  EXPECT_TRUE(in.good()) << "missing test module " << name;
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline Config test_config(bool metering = false) {
  Config c;
  c.fuel_metering = metering;
  return c;
}

inline std::shared_ptr<const Module> load(const std::string& name, const Config& config = test_config()) {
  CompileError err;
  auto m = Module::compile(module_bytes(name), config, &err);
  EXPECT_NE(m, nullptr) << name << ": " << err.message << " at " << err.offset;
  return m;
}

inline std::unique_ptr<Instance> instantiate(std::shared_ptr<const Module> m, std::vector<HostImport> imports = {},
                                             uint64_t fuel = UINT64_MAX) {
  auto r = Instance::instantiate(std::move(m), imports, fuel);
  EXPECT_TRUE(r.error.empty()) << r.error;
  EXPECT_FALSE(r.trap.has_value());
  return std::move(r.instance);
}

/// Calls export `name`; returns the RunResult and leaves results in inst.results().
inline RunResult invoke(Instance& inst, const std::string& name, std::vector<Value> args = {}) {
  auto f = inst.module().exported_function(name);
  EXPECT_TRUE(f.has_value()) << "no export " << name;
  return inst.call(*f, args);
}

/// Calls export `name`, expects it to return, and returns its first result (or 0).
inline Value call1(Instance& inst, const std::string& name, std::vector<Value> args = {}) {
  RunResult r = invoke(inst, name, std::move(args));
  EXPECT_EQ(r.status, RunStatus::Returned) << name << " trap " << trap_message(r.trap);
  return inst.results().empty() ? 0 : inst.results()[0];
}

/// Calls export `name` and returns the trap (fails the test if it did not trap).
inline Trap trap_of(Instance& inst, const std::string& name, std::vector<Value> args = {}) {
  RunResult r = invoke(inst, name, std::move(args));
  EXPECT_EQ(r.status, RunStatus::Trapped) << name;
  return r.trap;
}

}  // namespace interlude::wasm::test
