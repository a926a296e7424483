// Deterministic floats (Config::canonical_nan), bit by bit, for every float operator that can
// produce a NaN (wat/nan.wat), in both modes.
//
// On: the result is exactly the positive canonical NaN (f32 0x7FC00000, f64 0x7FF8000000000000).
// Off: only what the spec fixes (WebAssembly spec §4.3.3, NaN propagation): if every NaN input is
// canonical (or there is none), the result has the canonical payload with either sign; otherwise
// it is an arithmetic NaN (quiet bit set, any sign and payload).
// In both modes the bit operators (abs, neg, copysign, reinterpret), consts, loads/stores, globals
// and select keep every NaN bit.
#include "wasm_test_util.h"

namespace interlude::wasm::test {
namespace {

struct Nans {
  bool f64;
  Value canonical, canonical_neg, payload_quiet, signalling, signalling_neg, one, minus_one, zero, inf, minus_inf;
  Value sign, quiet_bits;
};
constexpr Nans kF32{false,       0x7FC00000u, 0xFFC00000u, 0x7FC00001u, 0x7FA00000u, 0xFFA00001u, 0x3F800000u,
                    0xBF800000u, 0,           0x7F800000u, 0xFF800000u, 0x80000000u, 0x7FC00000u};
constexpr Nans kF64{true,
                    0x7FF8000000000000ull,
                    0xFFF8000000000000ull,
                    0x7FF8000000000001ull,
                    0x7FF4000000000000ull,
                    0xFFF4000000000001ull,
                    0x3FF0000000000000ull,
                    0xBFF0000000000000ull,
                    0,
                    0x7FF0000000000000ull,
                    0xFFF0000000000000ull,
                    0x8000000000000000ull,
                    0x7FF8000000000000ull};

/// One call whose result must be a NaN. `canonical_inputs`: every NaN input is canonical (or
/// there is none), so even with canonical_nan off the payload is fixed.
struct Case {
  std::string op;
  std::vector<Value> args;
  bool canonical_inputs;
  const Nans* result;
};

/// Every NaN-producing call: each operator with each kind of NaN operand in each position, plus
/// the invalid operations that make a NaN from non-NaN operands.
std::vector<Case> cases() {
  std::vector<Case> out;
  for (const Nans* n : {&kF32, &kF64}) {
    const std::string t = n->f64 ? "f64." : "f32.";
    const std::pair<Value, bool> nans[] = {{n->canonical, true},      {n->canonical_neg, true},
                                           {n->payload_quiet, false}, {n->signalling, false},
                                           {n->signalling_neg, false}};
    for (const char* op : {"add", "sub", "mul", "div", "min", "max"})
      for (const auto& [nan, canonical] : nans) {
        out.push_back({t + op, {nan, n->one}, canonical, n});
        out.push_back({t + op, {n->one, nan}, canonical, n});
        out.push_back({t + op, {nan, nan}, canonical, n});
      }
    for (const char* op : {"sqrt", "ceil", "floor", "trunc", "nearest"})
      for (const auto& [nan, canonical] : nans) out.push_back({t + op, {nan}, canonical, n});
    out.push_back({t + "add", {n->inf, n->minus_inf}, true, n});
    out.push_back({t + "sub", {n->inf, n->inf}, true, n});
    out.push_back({t + "mul", {n->zero, n->inf}, true, n});
    out.push_back({t + "div", {n->zero, n->zero}, true, n});
    out.push_back({t + "div", {n->inf, n->minus_inf}, true, n});
    out.push_back({t + "sqrt", {n->minus_one}, true, n});
    out.push_back({t + "sqrt", {n->minus_inf}, true, n});
    // Conversions between the two float types.
    const Nans* other = n->f64 ? &kF32 : &kF64;
    const std::string conv = n->f64 ? "f32.demote_f64" : "f64.promote_f32";
    for (const auto& [nan, canonical] : nans) out.push_back({conv, {nan}, canonical, other});
  }
  return out;
}

class CanonicalNan : public ::testing::TestWithParam<bool> {
 protected:
  Config config() const {
    Config c = test_config();
    c.canonical_nan = GetParam();
    return c;
  }
  std::unique_ptr<Instance> inst = instantiate(load("nan", config()));
};

TEST_P(CanonicalNan, EveryNanProducingOperator) {
  const std::vector<Case> all = cases();
  ASSERT_EQ(all.size(), 2u * (6 * 15 + 5 * 5 + 7 + 5));
  for (const Case& c : all) {
    SCOPED_TRACE(c.op + " " + std::to_string(c.args[0]));
    const Value r = call1(*inst, c.op, c.args);
    const Nans& n = *c.result;
    if (GetParam()) {
      EXPECT_EQ(r, n.canonical);
    } else if (c.canonical_inputs) {
      EXPECT_EQ(r & ~n.sign, n.canonical);  // canonical payload, either sign
    } else {
      EXPECT_EQ(r & n.quiet_bits, n.quiet_bits);  // an arithmetic NaN
    }
  }
}

TEST_P(CanonicalNan, BitOperatorsAndDataMovesKeepNanBits) {
  for (const Nans* n : {&kF32, &kF64}) {
    const std::string t = n->f64 ? "f64." : "f32.";
    for (Value nan : {n->payload_quiet, n->signalling, n->signalling_neg}) {
      SCOPED_TRACE(t + std::to_string(nan));
      EXPECT_EQ(call1(*inst, t + "abs", {nan}), nan & ~n->sign);
      EXPECT_EQ(call1(*inst, t + "neg", {nan}), nan ^ n->sign);
      EXPECT_EQ(call1(*inst, t + "copysign", {nan, n->minus_one}), nan | n->sign);
      EXPECT_EQ(call1(*inst, t + "copysign", {n->one, nan}), n->one | (nan & n->sign));
    }
  }
  EXPECT_EQ(call1(*inst, "f32.store_load", {kF32.signalling_neg}), kF32.signalling_neg);
  EXPECT_EQ(call1(*inst, "f64.global_set_get", {kF64.signalling_neg}), kF64.signalling_neg);
  EXPECT_EQ(call1(*inst, "f64.select", {kF64.signalling, kF64.one, 1}), kF64.signalling);
  EXPECT_EQ(call1(*inst, "f32.reinterpret_i32", {kF32.signalling}), kF32.signalling);
  EXPECT_EQ(call1(*inst, "i64.reinterpret_f64", {kF64.signalling_neg}), kF64.signalling_neg);
  EXPECT_EQ(call1(*inst, "f32.const_snan"), 0xFFA00001u);
  EXPECT_EQ(call1(*inst, "f64.const_snan"), 0x7FF4000000000001ull);
}

TEST_P(CanonicalNan, NonNanResultsAreExact) {
  EXPECT_EQ(call1(*inst, "f32.add", {kF32.one, kF32.one}), 0x40000000u);
  EXPECT_EQ(call1(*inst, "f64.min", {kF64.zero, kF64.sign}), kF64.sign);  // min(+0, -0) = -0
  EXPECT_EQ(call1(*inst, "f64.sqrt", {kF64.inf}), kF64.inf);
  EXPECT_EQ(call1(*inst, "f32.demote_f64", {kF64.minus_one}), kF32.minus_one);
}

INSTANTIATE_TEST_SUITE_P(Modes, CanonicalNan, ::testing::Bool(),
                         [](const ::testing::TestParamInfo<bool>& i) { return i.param ? "On" : "Off"; });

}  // namespace
}  // namespace interlude::wasm::test
