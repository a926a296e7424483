#pragma once
/// The `fluentbase_v1preview` import table (protocol.md §1.3) and its fuel procedures (§1.2).
///
/// INTERLUDE_IMPORT_TABLE is the single source of the table: every other list (IMPORT_TABLE,
/// ImportId, the executor's host-function bindings) is generated from it. It holds every linked
/// import of §1.3. A module may import only rows of this table, with exactly their functype.
#include <array>
#include <cstdint>
#include <initializer_list>
#include <string_view>

#include "interlude/wasm/engine.h"

namespace interlude::runtime {

/// Module name of every contract import (protocol.md §1.1).
inline constexpr std::string_view IMPORT_MODULE = "fluentbase_v1preview";

/// Fuel constants of protocol.md §1.2, in fuel (= gas × 20).
inline constexpr uint32_t STATE_FUEL_COST = 400;            ///< `_state`, `_input_size`, `_output_size`, `_fuel`.
inline constexpr uint32_t COPY_BASE_FUEL_COST = 400;        ///< base of the four copy imports.
inline constexpr uint32_t COPY_WORD_FUEL_COST = 60;         ///< per 32-byte word copied.
inline constexpr uint32_t DEBUG_LOG_BASE_FUEL_COST = 1000;  ///< base of `_debug_log`.
inline constexpr uint32_t DEBUG_LOG_WORD_FUEL_COST = 320;   ///< per 32-byte word logged.
inline constexpr uint32_t CHARGE_FUEL_BASE_FUEL_COST = 400; ///< `_charge_fuel`, before its argument.
inline constexpr uint32_t KECCAK_BASE_FUEL_COST = 600;      ///< base of `_keccak256`.
inline constexpr uint32_t KECCAK_WORD_FUEL_COST = 120;      ///< per 32-byte word hashed.
inline constexpr uint32_t SHA256_BASE_FUEL_COST = 1200;     ///< base of `_sha256`; also `_sha256_extend`, `_sha256_compress`.
inline constexpr uint32_t SHA256_WORD_FUEL_COST = 240;      ///< per 32-byte word hashed.
inline constexpr uint32_t BLAKE3_BASE_FUEL_COST = 1200;     ///< base of `_blake3`.
inline constexpr uint32_t BLAKE3_WORD_FUEL_COST = 240;      ///< per 32-byte word hashed.
/// FUEL_MAX_LINEAR_X (2^27 bytes): a longer Linear length traps IntegerOverflow.
inline constexpr uint32_t FUEL_MAX_LINEAR_X = 134'217'728;
/// FUEL_MAX_QUADRATIC_X (bytes): a longer Quadratic length traps IntegerOverflow.
inline constexpr uint32_t FUEL_MAX_QUADRATIC_X = 1'310'720;
/// Quadratic procedure on w words: (QUADRATIC_WORD_FUEL_COST·w + ⌊w²/QUADRATIC_DIVISOR⌋) · 20 fuel
/// (the EVM memory-expansion formula in gas, times FUEL_DENOM_RATE).
inline constexpr uint64_t QUADRATIC_WORD_FUEL_COST = 3;
inline constexpr uint64_t QUADRATIC_DIVISOR = 512;  ///< see QUADRATIC_WORD_FUEL_COST.

/// The fuel procedure kinds of protocol.md §1.2.
enum class FuelKind : uint8_t { None, Const, Linear, Quadratic };

/// A fuel procedure, charged by the import before its work (protocol.md §1.2). For Linear and
/// Quadratic, x is the i32 parameter selected by `depth` (1 = last parameter, 2 = second-to-last).
/// None charges nothing; Const charges `base`; Linear charges `base + ⌈x/32⌉·word`; Quadratic
/// charges the Quadratic formula on ⌈x/32⌉. Insufficient fuel traps OutOfFuel.
struct FuelProcedure {
  FuelKind kind = FuelKind::None;
  uint8_t depth = 0;
  uint32_t base = 0;  ///< fuel.
  uint32_t word = 0;  ///< fuel per 32-byte word.
};
/// FuelProcedure None.
constexpr FuelProcedure fuel_none() noexcept { return {}; }
/// FuelProcedure Const(fuel).
constexpr FuelProcedure fuel_const(uint32_t fuel) noexcept { return {FuelKind::Const, 0, fuel, 0}; }
/// FuelProcedure Linear(depth, base, word).
constexpr FuelProcedure fuel_linear(uint8_t depth, uint32_t base, uint32_t word) noexcept {
  return {FuelKind::Linear, depth, base, word};
}
/// FuelProcedure Quadratic(depth, word 3, divisor 512, rate 20).
constexpr FuelProcedure fuel_quadratic(uint8_t depth) noexcept { return {FuelKind::Quadratic, depth, 0, 0}; }

/// The params or results of an import's functype: `count` valtypes (at most 5 in this table).
struct ImportValTypes {
  uint8_t count = 0;
  std::array<wasm::ValType, 5> types{};
};
/// ImportValTypes of `list`.
constexpr ImportValTypes valtypes(std::initializer_list<wasm::ValType> list) noexcept {
  ImportValTypes v;
  for (wasm::ValType t : list) v.types[v.count++] = t;
  return v;
}

/// X(name, sys_func_idx, params, results, fuel procedure); the import's field name is "_" #name.
/// Signatures, SysFuncIdx values and fuel procedures: protocol.md §1.3; builtin semantics and
/// byte layouts: §1.5 (hashes) and §1.6 (fields, curves, big integers). `_write_fd` (0x0014) and
/// `_poseidon` (0x0103) are not linked in the reference and are not rows here: a module importing
/// them is rejected like any unknown import (MalformedBuiltinParams).
#define INTERLUDE_IMPORT_TABLE(X)                                                                              \
  X(exit, 0x0001, (I32), (), fuel_none())                                                                      \
  X(state, 0x0002, (), (I32), fuel_const(STATE_FUEL_COST))                                                     \
  X(read, 0x0003, (I32, I32, I32), (), fuel_linear(1, COPY_BASE_FUEL_COST, COPY_WORD_FUEL_COST))               \
  X(input_size, 0x0004, (), (I32), fuel_const(STATE_FUEL_COST))                                                \
  X(write, 0x0005, (I32, I32), (), fuel_linear(1, COPY_BASE_FUEL_COST, COPY_WORD_FUEL_COST))                   \
  X(output_size, 0x0006, (), (I32), fuel_const(STATE_FUEL_COST))                                               \
  X(read_output, 0x0007, (I32, I32, I32), (), fuel_linear(1, COPY_BASE_FUEL_COST, COPY_WORD_FUEL_COST))        \
  X(exec, 0x0009, (I32, I32, I32, I32, I32), (I32), fuel_quadratic(3))                                         \
  X(resume, 0x000a, (I32, I32, I32, I32, I32), (I32), fuel_none())                                             \
  X(forward_output, 0x000b, (I32, I32), (), fuel_linear(1, COPY_BASE_FUEL_COST, COPY_WORD_FUEL_COST))          \
  X(fuel, 0x000d, (), (I64), fuel_const(STATE_FUEL_COST))                                                      \
  X(debug_log, 0x0010, (I32, I32), (), fuel_linear(1, DEBUG_LOG_BASE_FUEL_COST, DEBUG_LOG_WORD_FUEL_COST))     \
  X(charge_fuel, 0x0011, (I64), (), fuel_const(CHARGE_FUEL_BASE_FUEL_COST))                                    \
  X(enter_unconstrained, 0x0012, (), (), fuel_none())                                                          \
  X(exit_unconstrained, 0x0013, (), (), fuel_none())                                                           \
  X(keccak256, 0x0101, (I32, I32, I32), (), fuel_linear(2, KECCAK_BASE_FUEL_COST, KECCAK_WORD_FUEL_COST))      \
  X(keccak256_permute, 0x0102, (I32), (), fuel_const(KECCAK_BASE_FUEL_COST))                                   \
  X(sha256_extend, 0x0105, (I32), (), fuel_const(SHA256_BASE_FUEL_COST))                                       \
  X(sha256_compress, 0x0106, (I32, I32), (), fuel_const(SHA256_BASE_FUEL_COST))                                \
  X(blake3, 0x0117, (I32, I32, I32), (), fuel_linear(2, BLAKE3_BASE_FUEL_COST, BLAKE3_WORD_FUEL_COST))         \
  X(sha256, 0x0118, (I32, I32, I32), (), fuel_linear(2, SHA256_BASE_FUEL_COST, SHA256_WORD_FUEL_COST))         \
  X(ed25519_decompress, 0x0201, (I32, I32), (), fuel_const(100'000))                                           \
  X(ed25519_add, 0x0202, (I32, I32), (), fuel_const(30'000))                                                   \
  X(tower_fp1_bn254_add, 0x0301, (I32, I32), (), fuel_const(120))                                              \
  X(tower_fp1_bn254_sub, 0x0302, (I32, I32), (), fuel_const(120))                                              \
  X(tower_fp1_bn254_mul, 0x0303, (I32, I32), (), fuel_const(480))                                              \
  X(tower_fp1_bls12381_add, 0x0304, (I32, I32), (), fuel_const(160))                                           \
  X(tower_fp1_bls12381_sub, 0x0305, (I32, I32), (), fuel_const(160))                                           \
  X(tower_fp1_bls12381_mul, 0x0306, (I32, I32), (), fuel_const(640))                                           \
  X(tower_fp2_bn254_add, 0x0307, (I32, I32, I32, I32), (), fuel_const(240))                                    \
  X(tower_fp2_bn254_sub, 0x0308, (I32, I32, I32, I32), (), fuel_const(240))                                    \
  X(tower_fp2_bn254_mul, 0x0309, (I32, I32, I32, I32), (), fuel_const(960))                                    \
  X(tower_fp2_bls12381_add, 0x030a, (I32, I32, I32, I32), (), fuel_const(320))                                 \
  X(tower_fp2_bls12381_sub, 0x030b, (I32, I32, I32, I32), (), fuel_const(320))                                 \
  X(tower_fp2_bls12381_mul, 0x030c, (I32, I32, I32, I32), (), fuel_const(1280))                                \
  X(secp256k1_add, 0x0401, (I32, I32), (), fuel_const(3000))                                                   \
  X(secp256k1_decompress, 0x0402, (I32, I32), (), fuel_const(80'000))                                          \
  X(secp256k1_double, 0x0403, (I32), (), fuel_const(3000))                                                     \
  X(secp256r1_add, 0x0501, (I32, I32), (), fuel_const(3000))                                                   \
  X(secp256r1_decompress, 0x0502, (I32, I32), (), fuel_const(80'000))                                          \
  X(secp256r1_double, 0x0503, (I32), (), fuel_const(3000))                                                     \
  X(bls12381_add, 0x0601, (I32, I32), (), fuel_const(12'000))                                                  \
  X(bls12381_decompress, 0x0602, (I32, I32), (), fuel_const(12'000))                                           \
  X(bls12381_double, 0x0603, (I32), (), fuel_const(12'000))                                                    \
  X(bn254_add, 0x0701, (I32, I32), (), fuel_const(3000))                                                       \
  X(bn254_double, 0x0702, (I32), (), fuel_const(3000))                                                         \
  X(uint256_mul_mod, 0x0801, (I32, I32, I32), (), fuel_const(160))                                             \
  X(uint256_x2048_mul, 0x0802, (I32, I32, I32, I32), (), fuel_const(100'000))

/// Index of a row in IMPORT_TABLE (table order), e.g. ImportId::exec for `_exec`.
enum class ImportId : uint8_t {
#define INTERLUDE_IMPORT_ID(name, ...) name,
  INTERLUDE_IMPORT_TABLE(INTERLUDE_IMPORT_ID)
#undef INTERLUDE_IMPORT_ID
};

/// One row of the table: the import `IMPORT_MODULE.name` of type params -> results.
struct ImportDescriptor {
  std::string_view name;   ///< field name, e.g. "_exec".
  uint16_t sys_func_idx;   ///< SysFuncIdx (protocol.md §1.3).
  ImportValTypes params;
  ImportValTypes results;
  FuelProcedure fuel;
};

namespace detail {
#define INTERLUDE_IMPORT_VALTYPES(...) valtypes({__VA_ARGS__})
constexpr auto make_import_table() noexcept {
  using enum wasm::ValType;
  return std::array{
#define INTERLUDE_IMPORT_ROW(name, idx, params, results, fuel) \
  ImportDescriptor{"_" #name, idx, INTERLUDE_IMPORT_VALTYPES params, INTERLUDE_IMPORT_VALTYPES results, fuel},
      INTERLUDE_IMPORT_TABLE(INTERLUDE_IMPORT_ROW)
#undef INTERLUDE_IMPORT_ROW
  };
}
#undef INTERLUDE_IMPORT_VALTYPES
}  // namespace detail

/// The table, indexed by ImportId (std::array<ImportDescriptor, N>).
inline constexpr auto IMPORT_TABLE = detail::make_import_table();

}  // namespace interlude::runtime
