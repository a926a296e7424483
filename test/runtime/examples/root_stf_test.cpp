// The root-STF example (examples/root_stf, Interlude profile "root mode") running the counter
// example (examples/counter) under Executor::execute_root and serving its storage.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <map>
#include <string>

#include "interlude/common/keccak.h"
#include "interlude/runtime/executor.h"

namespace interlude::runtime::test {
namespace {

Bytes contract(const std::string& name) {
  std::ifstream file(std::string(INTERLUDE_CONTRACT_DIR) + "/" + name + ".wasm", std::ios::binary);
  return Bytes(std::istreambuf_iterator<char>(file), {});
}

Bytes u32_le(uint32_t v) {
  Bytes b(4);
  store_u32_le(b.data(), v);
  return b;
}

/// root_stf.c input: code_hash ‖ n ‖ n × (length ‖ calldata).
Bytes root_input(const Bytes32& code_hash, std::initializer_list<Bytes> calls) {
  Bytes in(code_hash.bytes.begin(), code_hash.bytes.end());
  const Bytes n = u32_le(uint32_t(calls.size()));
  in.insert(in.end(), n.begin(), n.end());
  for (const Bytes& calldata : calls) {
    const Bytes len = u32_le(uint32_t(calldata.size()));
    in.insert(in.end(), len.begin(), len.end());
    in.insert(in.end(), calldata.begin(), calldata.end());
  }
  return in;
}

/// root_stf.c output of one call: exit code ‖ output length ‖ output.
void append_call(Bytes& out, int32_t exit_code, const Bytes& output = {}) {
  for (const Bytes& part : {u32_le(uint32_t(exit_code)), u32_le(uint32_t(output.size())), output})
    out.insert(out.end(), part.begin(), part.end());
}

std::optional<std::span<const uint8_t>> code_of(void* env, const Bytes32& hash) noexcept {
  const auto& codes = *static_cast<const std::map<Bytes32, Bytes>*>(env);
  const auto it = codes.find(hash);
  if (it == codes.end()) return std::nullopt;
  return std::span<const uint8_t>(it->second);
}

TEST(RootStfExample, ServesTheCountersStorageAcrossCalls) {
  const Bytes counter = contract("counter"), root = contract("root_stf");
  ASSERT_FALSE(counter.empty());
  ASSERT_FALSE(root.empty());
  std::map<Bytes32, Bytes> codes{{keccak256(counter), counter}};
  const Bytes increment = from_hex("d09de08a").value(), get = from_hex("6d4ce63c").value();
  Executor executor;
  // increment(), a plain call (also an increment), get(), an unknown selector (the counter reverts).
  ExecutionResult r = executor.execute_root(
      {keccak256(root), root, root_input(keccak256(counter), {increment, {}, get, from_hex("ffffffff").value()}),
       100'000'000},
      &code_of, &codes);
  EXPECT_EQ(r.exit_code, 0);
  Bytes two(32);
  two[31] = 2;
  Bytes expected;
  append_call(expected, 0);
  append_call(expected, 0);
  append_call(expected, 0, two);
  append_call(expected, -1);
  EXPECT_EQ(r.output, expected);
  EXPECT_EQ(executor.suspended_count(), 0u);

  // A code hash the embedder does not know: `_exec` gives MalformedBuiltinParams.
  Bytes32 unknown;
  unknown.bytes.fill(0x11);
  r = executor.execute_root({keccak256(root), root, root_input(unknown, {get}), 100'000'000}, &code_of, &codes);
  expected.clear();
  append_call(expected, -1003);
  EXPECT_EQ(r.output, expected);
}

}  // namespace
}  // namespace interlude::runtime::test
