#pragma once
// Shared helpers of runtime_tests: loads the modules built from test/runtime/wat and runs them.
#include <gtest/gtest.h>

#include <fstream>
#include <initializer_list>
#include <iterator>
#include <map>
#include <string>

#include "interlude/common/bytes.h"
#include "interlude/common/keccak.h"
#include "interlude/runtime/executor.h"

namespace interlude::runtime::test {

/// Bytes of wasm/NAME.wasm (built from wat/NAME.wat); loaded once, never moved.
inline const Bytes& wasm_module(const std::string& name) {
  static std::map<std::string, Bytes> modules;
  auto it = modules.find(name);
  if (it == modules.end()) {
    std::ifstream file(std::string(RUNTIME_WASM_DIR) + "/" + name + ".wasm", std::ios::binary);
    it = modules.emplace(name, Bytes(std::istreambuf_iterator<char>(file), {})).first;
  }
  EXPECT_FALSE(it->second.empty()) << name;
  return it->second;
}

/// A contract input: the (zero) 1024-byte context header, then `args` as u32 LE, then `tail`.
inline Bytes make_input(std::initializer_list<uint32_t> args, ByteView tail = {}) {
  Bytes input(CONTEXT_HEADER_SIZE, 0);
  for (uint32_t arg : args) {
    uint8_t le[4];
    store_u32_le(le, arg);
    input.insert(input.end(), le, le + 4);
  }
  input.insert(input.end(), tail.begin(), tail.end());
  return input;
}

inline Bytes hex(std::string_view text) { return from_hex(text).value(); }
inline Bytes u32_le(uint32_t v) {
  Bytes b(4);
  store_u32_le(b.data(), v);
  return b;
}
inline Bytes u64_le(uint64_t v) {
  Bytes b(8);
  store_u64_le(b.data(), v);
  return b;
}
inline Bytes concat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const Bytes& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

constexpr int32_t code(ExitCode c) { return to_i32(c); }
constexpr uint64_t kFuel = 10'000'000;

class RuntimeTest : public ::testing::Test {
 protected:
  ExecutionResult run(const std::string& name, Bytes input = make_input({}), uint64_t fuel_limit = kFuel,
                      uint32_t state = STATE_MAIN, uint32_t call_depth = 1) {
    const Bytes& module = wasm_module(name);
    return executor.execute({keccak256(module), module, std::move(input), fuel_limit, state, call_depth});
  }
  Executor executor;
};

}  // namespace interlude::runtime::test
