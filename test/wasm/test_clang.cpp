// Real clang -O2 --target=wasm32 output (c/kernels.c); expected values from the same C compiled natively.
#include "wasm_test_util.h"

namespace interlude::wasm::test {
namespace {

TEST(Clang, Kernels) {
  for (bool metering : {false, true}) {
    auto inst = instantiate(load("kernels", test_config(metering)), {}, 1'000'000'000);
    EXPECT_EQ(call1(*inst, "sieve", {100000}), 9592u);
    EXPECT_EQ(call1(*inst, "mix", {1}), 1116522169315494712ull);
    EXPECT_EQ(call1(*inst, "mix", {100}), 10739420783410150489ull);
    EXPECT_EQ(call1(*inst, "run_calc", {5}), 45u);
    EXPECT_EQ(call1(*inst, "run_calc", {2000}), 48u);
    EXPECT_EQ(call1(*inst, "copy_sum", {200}), 3425922868u);
  }
}

}  // namespace
}  // namespace interlude::wasm::test
