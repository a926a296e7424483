// Integer and float operators: edge cases, traps, conversions (canonical NaN: test_canonical_nan.cpp).
#include <bit>
#include <cmath>

#include "wasm_test_util.h"

namespace interlude::wasm::test {
namespace {

Value u32v(int32_t v) { return static_cast<uint32_t>(v); }
Value f32v(float f) { return std::bit_cast<uint32_t>(f); }
Value f64v(double d) { return std::bit_cast<uint64_t>(d); }
constexpr Value kI64Min = 0x8000000000000000ull;

class Numeric : public ::testing::Test {
 protected:
  std::unique_ptr<Instance> inst = instantiate(load("numeric"));
  Value call(const std::string& name, std::vector<Value> args) { return call1(*inst, name, std::move(args)); }
  Trap trap(const std::string& name, std::vector<Value> args) { return trap_of(*inst, name, std::move(args)); }
};

TEST_F(Numeric, DivisionAndRemainder) {
  EXPECT_EQ(call("i32.div_s", {u32v(-7), 2}), u32v(-3));
  EXPECT_EQ(call("i32.div_u", {u32v(-7), 2}), 0x7FFFFFFCu);
  EXPECT_EQ(call("i32.rem_s", {u32v(-7), 2}), u32v(-1));
  EXPECT_EQ(call("i32.rem_u", {u32v(-7), 2}), 1u);
  EXPECT_EQ(call("i32.rem_s", {0x80000000u, u32v(-1)}), 0u);  // INT_MIN % -1 = 0, no trap
  EXPECT_EQ(call("i32.div_s_imm", {5}), u32v(-5));
  EXPECT_EQ(call("i64.div_s", {kI64Min + 1, u32v(-1) | 0xFFFFFFFF00000000ull}), 0x7FFFFFFFFFFFFFFFull);
  EXPECT_EQ(call("i64.rem_s", {kI64Min, ~0ull}), 0u);
  EXPECT_EQ(call("i64.div_u", {~0ull, 2}), 0x7FFFFFFFFFFFFFFFull);
  EXPECT_EQ(trap("i32.div_s", {1, 0}), Trap::IntegerDivisionByZero);
  EXPECT_EQ(trap("i32.div_u", {1, 0}), Trap::IntegerDivisionByZero);
  EXPECT_EQ(trap("i32.rem_s", {1, 0}), Trap::IntegerDivisionByZero);
  EXPECT_EQ(trap("i32.rem_u", {1, 0}), Trap::IntegerDivisionByZero);
  EXPECT_EQ(trap("i64.div_s", {1, 0}), Trap::IntegerDivisionByZero);
  EXPECT_EQ(trap("i32.div_s", {0x80000000u, u32v(-1)}), Trap::IntegerOverflow);
  EXPECT_EQ(trap("i32.div_s_imm", {0x80000000u}), Trap::IntegerOverflow);
  EXPECT_EQ(trap("i64.div_s", {kI64Min, ~0ull}), Trap::IntegerOverflow);
}

TEST_F(Numeric, ShiftsRotatesBitCounts) {
  EXPECT_EQ(call("i32.shl", {1, 33}), 2u);  // shift count mod 32
  EXPECT_EQ(call("i32.shr_s", {0x80000000u, 31}), 0xFFFFFFFFu);
  EXPECT_EQ(call("i32.shr_u", {0x80000000u, 31}), 1u);
  EXPECT_EQ(call("i32.rotl", {0x80000001u, 1}), 3u);
  EXPECT_EQ(call("i32.rotr", {3, 1}), 0x80000001u);
  EXPECT_EQ(call("i64.shr_s", {kI64Min, 65}), 0xC000000000000000ull);
  EXPECT_EQ(call("i64.rotl", {kI64Min, 1}), 1u);
  EXPECT_EQ(call("i32.clz", {0}), 32u);
  EXPECT_EQ(call("i32.clz", {1}), 31u);
  EXPECT_EQ(call("i32.ctz", {0x80000000u}), 31u);
  EXPECT_EQ(call("i32.popcnt", {0xFFFFFFFFu}), 32u);
  EXPECT_EQ(call("i64.clz", {0}), 64u);
  EXPECT_EQ(call("i64.ctz", {kI64Min}), 63u);
  EXPECT_EQ(call("i64.popcnt", {~0ull}), 64u);
}

TEST_F(Numeric, ComparesExtensionsAndI64) {
  EXPECT_EQ(call("i32.lt_s", {u32v(-1), 0}), 1u);
  EXPECT_EQ(call("i32.lt_u", {u32v(-1), 0}), 0u);
  EXPECT_EQ(call("i64.lt_s", {kI64Min, 0}), 1u);
  EXPECT_EQ(call("i64.ge_u_imm", {0xFFFFFFFFull}), 0u);
  EXPECT_EQ(call("i64.ge_u_imm", {0x100000000ull}), 1u);
  EXPECT_EQ(call("i64.add_imm", {1}), kI64Min);
  EXPECT_EQ(call("i32.wrap_i64", {0x123456789ull}), 0x23456789u);
  EXPECT_EQ(call("i64.extend_i32_s", {0x80000000u}), 0xFFFFFFFF80000000ull);
  EXPECT_EQ(call("i64.extend_i32_u", {0x80000000u}), 0x80000000ull);
  EXPECT_EQ(call("i32.extend8_s", {0x180}), 0xFFFFFF80u);
  EXPECT_EQ(call("i32.extend16_s", {0x17FFF}), 0x7FFFu);
  EXPECT_EQ(call("i64.extend32_s", {0x80000000ull}), 0xFFFFFFFF80000000ull);
  EXPECT_EQ(call("branchy", {5, 3}), 1u);
  EXPECT_EQ(call("branchy", {0, 3}), 3u);
  EXPECT_EQ(call("branchy", {1, 3}), 2u);
}

TEST_F(Numeric, Floats) {
  EXPECT_EQ(call("f32.add", {f32v(1.5f), f32v(2.25f)}), f32v(3.75f));
  EXPECT_EQ(call("f64.div", {f64v(1), f64v(0)}), f64v(INFINITY));
  EXPECT_EQ(call("f64.sqrt", {f64v(2)}), f64v(std::sqrt(2.0)));
  EXPECT_EQ(call("f32.min", {f32v(0.0f), f32v(-0.0f)}), f32v(-0.0f));
  EXPECT_EQ(call("f64.max", {f64v(-0.0), f64v(0.0)}), f64v(0.0));
  EXPECT_EQ(call("f64.nearest", {f64v(2.5)}), f64v(2.0));
  EXPECT_EQ(call("f64.nearest", {f64v(-3.5)}), f64v(-4.0));
  EXPECT_EQ(call("f64.lt", {f64v(NAN), f64v(1)}), 0u);
  EXPECT_EQ(call("f64.convert_i64_u", {~0ull}), f64v(18446744073709551616.0));
  EXPECT_EQ(call("f32.convert_i32_s", {u32v(-3)}), f32v(-3.0f));
  EXPECT_EQ(call("f64.promote_f32", {f32v(0.1f)}), f64v(static_cast<double>(0.1f)));
}

TEST_F(Numeric, FloatToIntConversions) {
  EXPECT_EQ(call("i32.trunc_f32_s", {f32v(-2.9f)}), u32v(-2));
  EXPECT_EQ(call("i32.trunc_f32_s", {f32v(-2147483648.0f)}), 0x80000000u);
  EXPECT_EQ(call("i32.trunc_f64_u", {f64v(4294967295.9)}), 0xFFFFFFFFu);
  EXPECT_EQ(call("i32.trunc_f64_u", {f64v(-0.9)}), 0u);
  EXPECT_EQ(call("i64.trunc_f64_s", {f64v(-9223372036854775808.0)}), kI64Min);
  EXPECT_EQ(trap("i32.trunc_f32_s", {f32v(2147483648.0f)}), Trap::IntegerOverflow);
  EXPECT_EQ(trap("i32.trunc_f64_u", {f64v(4294967296.0)}), Trap::IntegerOverflow);
  EXPECT_EQ(trap("i32.trunc_f64_u", {f64v(-1.0)}), Trap::IntegerOverflow);
  EXPECT_EQ(trap("i64.trunc_f64_s", {f64v(9223372036854775808.0)}), Trap::IntegerOverflow);
  EXPECT_EQ(trap("i32.trunc_f32_s", {f32v(NAN)}), Trap::BadConversionToInteger);
  EXPECT_EQ(trap("i64.trunc_f64_s", {f64v(INFINITY)}), Trap::IntegerOverflow);
  EXPECT_EQ(call("i32.trunc_sat_f32_s", {f32v(1e10f)}), 0x7FFFFFFFu);
  EXPECT_EQ(call("i32.trunc_sat_f32_s", {f32v(-1e10f)}), 0x80000000u);
  EXPECT_EQ(call("i32.trunc_sat_f32_s", {f32v(NAN)}), 0u);
  EXPECT_EQ(call("i64.trunc_sat_f64_u", {f64v(-5.0)}), 0u);
  EXPECT_EQ(call("i64.trunc_sat_f64_u", {f64v(1e30)}), ~0ull);
}

}  // namespace
}  // namespace interlude::wasm::test
