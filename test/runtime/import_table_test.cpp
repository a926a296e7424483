// IMPORT_TABLE against protocol.md §1.3 (names, SysFuncIdx, functypes, fuel procedures).
#include "interlude/runtime/import_table.h"

#include <gtest/gtest.h>

#include <string>

namespace interlude::runtime {
namespace {

/// "i" per i32, "I" per i64, "?" otherwise.
std::string letters(const ImportValTypes& v) {
  std::string s;
  for (uint8_t i = 0; i < v.count; ++i)
    s += v.types[i] == wasm::ValType::I64 ? 'I' : v.types[i] == wasm::ValType::I32 ? 'i' : '?';
  return s;
}

TEST(ImportTable, MatchesTheProtocol) {
  const struct {
    const char* name;
    uint16_t sys_func_idx;
    const char* params;
    const char* results;
    FuelKind kind;
    uint8_t depth;
    uint32_t base, word;
  } expected[] = {
      {"_exit", 0x0001, "i", "", FuelKind::None, 0, 0, 0},
      {"_state", 0x0002, "", "i", FuelKind::Const, 0, 400, 0},
      {"_read", 0x0003, "iii", "", FuelKind::Linear, 1, 400, 60},
      {"_input_size", 0x0004, "", "i", FuelKind::Const, 0, 400, 0},
      {"_write", 0x0005, "ii", "", FuelKind::Linear, 1, 400, 60},
      {"_output_size", 0x0006, "", "i", FuelKind::Const, 0, 400, 0},
      {"_read_output", 0x0007, "iii", "", FuelKind::Linear, 1, 400, 60},
      {"_exec", 0x0009, "iiiii", "i", FuelKind::Quadratic, 3, 0, 0},
      {"_resume", 0x000a, "iiiii", "i", FuelKind::None, 0, 0, 0},
      {"_forward_output", 0x000b, "ii", "", FuelKind::Linear, 1, 400, 60},
      {"_fuel", 0x000d, "", "I", FuelKind::Const, 0, 400, 0},
      {"_debug_log", 0x0010, "ii", "", FuelKind::Linear, 1, 1000, 320},
      {"_charge_fuel", 0x0011, "I", "", FuelKind::Const, 0, 400, 0},
      {"_enter_unconstrained", 0x0012, "", "", FuelKind::None, 0, 0, 0},
      {"_exit_unconstrained", 0x0013, "", "", FuelKind::None, 0, 0, 0},
      {"_keccak256", 0x0101, "iii", "", FuelKind::Linear, 2, 600, 120},
      {"_keccak256_permute", 0x0102, "i", "", FuelKind::Const, 0, 600, 0},
      {"_sha256_extend", 0x0105, "i", "", FuelKind::Const, 0, 1200, 0},
      {"_sha256_compress", 0x0106, "ii", "", FuelKind::Const, 0, 1200, 0},
      {"_blake3", 0x0117, "iii", "", FuelKind::Linear, 2, 1200, 240},
      {"_sha256", 0x0118, "iii", "", FuelKind::Linear, 2, 1200, 240},
      {"_ed25519_decompress", 0x0201, "ii", "", FuelKind::Const, 0, 100000, 0},
      {"_ed25519_add", 0x0202, "ii", "", FuelKind::Const, 0, 30000, 0},
      {"_tower_fp1_bn254_add", 0x0301, "ii", "", FuelKind::Const, 0, 120, 0},
      {"_tower_fp1_bn254_sub", 0x0302, "ii", "", FuelKind::Const, 0, 120, 0},
      {"_tower_fp1_bn254_mul", 0x0303, "ii", "", FuelKind::Const, 0, 480, 0},
      {"_tower_fp1_bls12381_add", 0x0304, "ii", "", FuelKind::Const, 0, 160, 0},
      {"_tower_fp1_bls12381_sub", 0x0305, "ii", "", FuelKind::Const, 0, 160, 0},
      {"_tower_fp1_bls12381_mul", 0x0306, "ii", "", FuelKind::Const, 0, 640, 0},
      {"_tower_fp2_bn254_add", 0x0307, "iiii", "", FuelKind::Const, 0, 240, 0},
      {"_tower_fp2_bn254_sub", 0x0308, "iiii", "", FuelKind::Const, 0, 240, 0},
      {"_tower_fp2_bn254_mul", 0x0309, "iiii", "", FuelKind::Const, 0, 960, 0},
      {"_tower_fp2_bls12381_add", 0x030a, "iiii", "", FuelKind::Const, 0, 320, 0},
      {"_tower_fp2_bls12381_sub", 0x030b, "iiii", "", FuelKind::Const, 0, 320, 0},
      {"_tower_fp2_bls12381_mul", 0x030c, "iiii", "", FuelKind::Const, 0, 1280, 0},
      {"_secp256k1_add", 0x0401, "ii", "", FuelKind::Const, 0, 3000, 0},
      {"_secp256k1_decompress", 0x0402, "ii", "", FuelKind::Const, 0, 80000, 0},
      {"_secp256k1_double", 0x0403, "i", "", FuelKind::Const, 0, 3000, 0},
      {"_secp256r1_add", 0x0501, "ii", "", FuelKind::Const, 0, 3000, 0},
      {"_secp256r1_decompress", 0x0502, "ii", "", FuelKind::Const, 0, 80000, 0},
      {"_secp256r1_double", 0x0503, "i", "", FuelKind::Const, 0, 3000, 0},
      {"_bls12381_add", 0x0601, "ii", "", FuelKind::Const, 0, 12000, 0},
      {"_bls12381_decompress", 0x0602, "ii", "", FuelKind::Const, 0, 12000, 0},
      {"_bls12381_double", 0x0603, "i", "", FuelKind::Const, 0, 12000, 0},
      {"_bn254_add", 0x0701, "ii", "", FuelKind::Const, 0, 3000, 0},
      {"_bn254_double", 0x0702, "i", "", FuelKind::Const, 0, 3000, 0},
      {"_uint256_mul_mod", 0x0801, "iii", "", FuelKind::Const, 0, 160, 0},
      {"_uint256_x2048_mul", 0x0802, "iiii", "", FuelKind::Const, 0, 100000, 0},
  };
  ASSERT_EQ(IMPORT_TABLE.size(), std::size(expected));
  for (size_t i = 0; i < IMPORT_TABLE.size(); ++i) {
    const ImportDescriptor& row = IMPORT_TABLE[i];
    SCOPED_TRACE(expected[i].name);
    EXPECT_EQ(row.name, expected[i].name);
    EXPECT_EQ(row.sys_func_idx, expected[i].sys_func_idx);
    EXPECT_EQ(letters(row.params), expected[i].params);
    EXPECT_EQ(letters(row.results), expected[i].results);
    EXPECT_EQ(row.fuel.kind, expected[i].kind);
    EXPECT_EQ(row.fuel.depth, expected[i].depth);
    EXPECT_EQ(row.fuel.base, expected[i].base);
    EXPECT_EQ(row.fuel.word, expected[i].word);
  }
  EXPECT_EQ(IMPORT_TABLE[static_cast<uint8_t>(ImportId::exec)].name, "_exec");
}

}  // namespace
}  // namespace interlude::runtime
