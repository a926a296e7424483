#pragma once
// Shared helpers of the builtin tests: runs wat/builtins.wat, which calls one builtin import chosen
// by a selector and then writes a slice of its memory (see the module's header comment).
#include <algorithm>
#include <source_location>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "runtime_test.h"

namespace interlude::runtime::test {

/// Selectors of wat/builtins.wat, in its order.
enum class Builtin : uint32_t {
  EnterUnconstrained,
  ExitUnconstrained,
  Keccak256Permute,
  Sha256Extend,
  Sha256Compress,
  Blake3,
  Sha256,
  Ed25519Decompress,
  Ed25519Add,
  Fp1Bn254Add,
  Fp1Bn254Sub,
  Fp1Bn254Mul,
  Fp1Bls12381Add,
  Fp1Bls12381Sub,
  Fp1Bls12381Mul,
  Fp2Bn254Add,
  Fp2Bn254Sub,
  Fp2Bn254Mul,
  Fp2Bls12381Add,
  Fp2Bls12381Sub,
  Fp2Bls12381Mul,
  Secp256k1Add,
  Secp256k1Decompress,
  Secp256k1Double,
  Secp256r1Add,
  Secp256r1Decompress,
  Secp256r1Double,
  Bls12381Add,
  Bls12381Decompress,
  Bls12381Double,
  Bn254Add,
  Bn254Double,
  Uint256MulMod,
  Uint256X2048Mul,
};

/// Address of the payload's data area (after the 28-byte selector/args/output header).
constexpr uint32_t kData = 28;
constexpr uint32_t kMemorySize = 65536;  // builtins.wat has one page

/// One run of builtins.wat: import `builtin` with params `args`, memory preloaded with
/// `memory` (address, bytes) pairs at addresses >= kData; the output is memory [out_ptr, +out_len).
struct BuiltinCall {
  Builtin builtin;
  std::vector<uint32_t> args;
  std::vector<std::pair<uint32_t, Bytes>> memory = {};
  uint32_t out_ptr = 0;
  uint32_t out_len = 0;

  /// The payload (after the context header): the header words, then memory from kData on.
  Bytes payload() const {
    Bytes image(kData, 0);
    for (const auto& [address, bytes] : memory) {
      if (image.size() < address + bytes.size()) image.resize(address + bytes.size(), 0);
      std::copy(bytes.begin(), bytes.end(), image.begin() + address);
    }
    store_u32_le(image.data(), static_cast<uint32_t>(builtin));
    for (size_t i = 0; i < args.size(); ++i) store_u32_le(image.data() + 4 + 4 * i, args[i]);
    store_u32_le(image.data() + 20, out_ptr);
    store_u32_le(image.data() + 24, out_len);
    return image;
  }
};

/// Linear fuel of a copy import (`_read`, `_write`): 400 + 60 per 32-byte word.
constexpr uint64_t copy_fuel(uint64_t len) { return 400 + (len + 31) / 32 * 60; }

class BuiltinTest : public RuntimeTest {
 protected:
  ExecutionResult call(const BuiltinCall& c, uint64_t fuel_limit = kFuel) {
    return run("builtins", make_input({}, c.payload()), fuel_limit);
  }

  /// Fuel of a run whose import costs `import_fuel` and has `arity` params: the page 1024,
  /// `_input_size` 400, `_read` of the payload, the module's operators (24 before the dispatch,
  /// 4 for it, 3 per param + 11 in the arm, 16 around `_write`) and `_write` of the output.
  /// A run that halts or traps in the import skips the `_write` region (`wrote` = false).
  static uint64_t fuel(const BuiltinCall& c, uint32_t arity, uint64_t import_fuel, bool wrote = true) {
    const uint64_t before = 1024 + 400 + copy_fuel(c.payload().size()) + 24 + 4 + 3 * arity + 11;
    return before + import_fuel + (wrote ? 16 + copy_fuel(c.out_len) : 0);
  }

  /// Runs `c` (whose import has `arity` params and costs `import_fuel`), expecting Ok and `output`.
  /// Failures name the caller's line.
  void expect_output(const BuiltinCall& c, uint32_t arity, uint64_t import_fuel, const Bytes& output,
                     std::source_location at = std::source_location::current()) {
    const ::testing::ScopedTrace trace(at.file_name(), static_cast<int>(at.line()), "expect_output");
    const ExecutionResult r = call(c);
    EXPECT_EQ(r.exit_code, code(ExitCode::Ok));
    EXPECT_EQ(r.output, output);
    EXPECT_EQ(r.fuel_consumed, fuel(c, arity, import_fuel));
  }
  /// Runs `c`, expecting it to end inside the import with `exit` (a halt or a trap), no output.
  void expect_exit(const BuiltinCall& c, uint32_t arity, uint64_t import_fuel, ExitCode exit,
                   std::source_location at = std::source_location::current()) {
    const ::testing::ScopedTrace trace(at.file_name(), static_cast<int>(at.line()), "expect_exit");
    const ExecutionResult r = call(c);
    EXPECT_EQ(r.exit_code, code(exit));
    EXPECT_TRUE(r.output.empty());
    EXPECT_EQ(r.fuel_consumed, fuel(c, arity, import_fuel, false));
  }
};

/// Bytes of the little-endian integer written as big-endian hex `be_hex`, padded to `size` bytes.
inline Bytes le(std::string_view be_hex, size_t size) {
  std::string digits(be_hex.size() % 2, '0');  // an odd count gets a leading zero
  digits += be_hex;
  Bytes bytes = hex(digits);
  std::reverse(bytes.begin(), bytes.end());
  bytes.resize(size, 0);
  return bytes;
}

}  // namespace interlude::runtime::test
