// Tables and references: call_indirect outcomes, element segments, table.* and elem.drop.
#include "wasm_test_util.h"

namespace interlude::wasm::test {
namespace {

class Tables : public ::testing::Test {
 protected:
  std::unique_ptr<Instance> inst = instantiate(load("tables"));
  Value call(const std::string& name, std::vector<Value> args = {}) { return call1(*inst, name, std::move(args)); }
  Trap trap(const std::string& name, std::vector<Value> args) { return trap_of(*inst, name, std::move(args)); }
};

TEST_F(Tables, CallIndirect) {
  EXPECT_EQ(call("call", {0, 7}), 14u);  // $double from the active segment
  EXPECT_EQ(call("call", {1, 7}), 49u);  // $square
  EXPECT_EQ(trap("call", {2, 7}), Trap::BadSignature);        // $forty_two: () -> i32
  EXPECT_EQ(trap("call", {3, 7}), Trap::IndirectCallToNull);  // never initialised
  EXPECT_EQ(trap("call", {6, 7}), Trap::TableOutOfBounds);
  EXPECT_EQ(trap("call", {0xFFFFFFFFu, 7}), Trap::TableOutOfBounds);
}

TEST_F(Tables, GetSetSizeGrowFill) {
  EXPECT_EQ(call("size"), 6u);
  EXPECT_EQ(call("is_null", {3}), 1u);
  call("set_inc", {3});
  EXPECT_EQ(call("is_null", {3}), 0u);
  EXPECT_EQ(call("call", {3, 7}), 8u);
  EXPECT_EQ(call("grow", {2}), 6u);
  EXPECT_EQ(call("size"), 8u);
  EXPECT_EQ(call("call", {7, 1}), 2u);  // grown entries hold the init value ($inc)
  EXPECT_EQ(call("grow", {3}), 0xFFFFFFFFu);  // past max 10
  EXPECT_EQ(call("grow", {0}), 8u);
  call("fill_null", {6, 2});
  EXPECT_EQ(trap("call", {7, 1}), Trap::IndirectCallToNull);
  EXPECT_EQ(trap("fill_null", {7, 2}), Trap::TableOutOfBounds);
  EXPECT_EQ(trap("is_null", {8}), Trap::TableOutOfBounds);
  EXPECT_EQ(trap("set_inc", {8}), Trap::TableOutOfBounds);
}

TEST_F(Tables, CopyInitDrop) {
  call("copy", {4, 0, 2});  // [double, square, 42, null, double, square]
  EXPECT_EQ(call("call", {5, 3}), 9u);
  call("init", {2, 0, 2});  // passive segment [square, double] at 2
  EXPECT_EQ(call("call", {2, 3}), 9u);
  EXPECT_EQ(call("call", {3, 3}), 6u);
  EXPECT_EQ(trap("init", {5, 0, 2}), Trap::TableOutOfBounds);
  EXPECT_EQ(trap("copy", {5, 0, 2}), Trap::TableOutOfBounds);
  call("drop");
  EXPECT_EQ(trap("init", {0, 0, 1}), Trap::TableOutOfBounds);
  call("init", {0, 0, 0});
}

TEST_F(Tables, References) {
  EXPECT_EQ(call("ext_get", {0}), 0u);  // null externref
  call("ext_set", {1, 43});             // host reference 42 is encoded as 43
  EXPECT_EQ(call("ext_get", {1}), 43u);
  EXPECT_NE(call("typed_select", {1}), 0u);
  EXPECT_EQ(call("typed_select", {0}), 0u);
}

TEST_F(Tables, ForeignFuncrefCannotBeCalled) {
  call("set_ref", {4, 12345});  // not a handle this module made
  EXPECT_EQ(trap("call", {4, 1}), Trap::BadSignature);
}

TEST(TablesInstantiation, ElementSegmentOutOfBoundsTraps) {
  auto r = Instance::instantiate(load("bad_elem"), {}, 0);
  EXPECT_EQ(r.instance, nullptr);
  EXPECT_EQ(r.trap, Trap::TableOutOfBounds);
}

}  // namespace
}  // namespace interlude::wasm::test
