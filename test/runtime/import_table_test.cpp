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
      {"_keccak256", 0x0101, "iii", "", FuelKind::Linear, 2, 600, 120},
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
