#include "wasm_test_util.h"

namespace interlude::wasm::test {
namespace {

// A loop counter's add fused with its compare-and-branch keeps the add's 32-bit wrap and the
// compare's signedness, whether the branch is taken on the condition (br_if) or on its inverse (if).
TEST(Control, LoopCounterAddAndBranch) {
  auto inst = instantiate(load("control"));
  EXPECT_EQ(call1(*inst, "count_gt_s", {0}), 2u);            // 2^30 > 0; 2^31 wraps negative
  EXPECT_EQ(call1(*inst, "count_gt_s", {0xC0000000u}), 1u);  // -2^30 + 2^30 = 0
  EXPECT_EQ(call1(*inst, "count_ne_u", {0}), 4u);            // 2^30, 2^31, 3 * 2^30, then 0
  EXPECT_EQ(call1(*inst, "count_ne_u", {0x80000000u}), 2u);
}

TEST(Control, Arithmetic) {
  auto inst = instantiate(load("control"));
  EXPECT_EQ(call1(*inst, "add", {2, 3}), 5u);
  EXPECT_EQ(call1(*inst, "add", {0xFFFFFFFF, 2}), 1u);
  EXPECT_EQ(call1(*inst, "sub_imm", {5}), 0xFFFFFFFEu);
  EXPECT_EQ(call1(*inst, "const_lhs", {1}), 99u);
  EXPECT_EQ(call1(*inst, "fac", {20}), 2432902008176640000ull);
  EXPECT_EQ(call1(*inst, "fib", {90}), 2880067194370816120ull);
  EXPECT_EQ(call1(*inst, "sum", {100}), 5050u);
  for (uint32_t i = 0; i < 6; ++i) EXPECT_EQ(call1(*inst, "br_table", {i}), i < 3 ? 10 + i : 13u) << i;
  EXPECT_EQ(call1(*inst, "br_table_value", {0}), 1042u);
  EXPECT_EQ(call1(*inst, "br_table_value", {1}), 1021u);
  EXPECT_EQ(call1(*inst, "br_table_value", {7}), 1021u);
  EXPECT_EQ(call1(*inst, "multi", {5}), static_cast<Value>(static_cast<uint32_t>(-5)));
  ASSERT_EQ(invoke(*inst, "swap", {1, 2}).status, RunStatus::Returned);
  EXPECT_EQ(std::vector<Value>(inst->results().begin(), inst->results().end()), (std::vector<Value>{2, 1}));
  ASSERT_EQ(invoke(*inst, "early_pair", {9}).status, RunStatus::Returned);
  EXPECT_EQ(std::vector<Value>(inst->results().begin(), inst->results().end()), (std::vector<Value>{1, 9}));
  ASSERT_EQ(invoke(*inst, "early_pair", {0}).status, RunStatus::Returned);
  EXPECT_EQ(std::vector<Value>(inst->results().begin(), inst->results().end()), (std::vector<Value>{3, 4}));
  EXPECT_EQ(call1(*inst, "select", {1, 20, 1}), 2u);
  EXPECT_EQ(call1(*inst, "select", {1, 20, 0}), 20u);
  EXPECT_EQ(call1(*inst, "classify", {static_cast<uint32_t>(-4)}), 0xFFFFFFFFu);
  EXPECT_EQ(call1(*inst, "classify", {0}), 0u);
  EXPECT_EQ(call1(*inst, "classify", {50}), 1u);
  EXPECT_EQ(call1(*inst, "classify", {500}), 2u);
  EXPECT_EQ(call1(*inst, "stale_local", {100}), 1u);
  EXPECT_EQ(call1(*inst, "eq_eqz_if", {3, 3}), 20u);
  EXPECT_EQ(call1(*inst, "eq_eqz_if", {3, 4}), 10u);
  EXPECT_EQ(call1(*inst, "lt_eqz_set", {4}), 0u);
  EXPECT_EQ(call1(*inst, "lt_eqz_set", {5}), 1u);
  EXPECT_EQ(call1(*inst, "lt_eqz_set", {static_cast<uint32_t>(-9)}), 0u);
  EXPECT_EQ(call1(*inst, "ge_u_br_if", {0xFFFFFFFFull}), 1u);
  EXPECT_EQ(call1(*inst, "ge_u_br_if", {0x100000000ull}), 2u);
  EXPECT_EQ(call1(*inst, "recurse", {500}), 500u);
  EXPECT_EQ(trap_of(*inst, "infinite_recursion"), Trap::StackOverflow);
  EXPECT_EQ(trap_of(*inst, "unreachable"), Trap::Unreachable);
  EXPECT_EQ(call1(*inst, "add", {2, 3}), 5u);  // usable after a trap
  // i32 arguments are taken modulo 2^32: upper bits from the host never leak into results
  EXPECT_EQ(call1(*inst, "classify", {0x100000000ull}), 0u);
  EXPECT_EQ(call1(*inst, "select", {1, 20, 0x100000000ull}), 20u);
}

}  // namespace
}  // namespace interlude::wasm::test
