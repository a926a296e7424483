// Linear memory: loads/stores of every width and sign, bounds, grow/size, data segments, bulk ops.
#include "wasm_test_util.h"

namespace interlude::wasm::test {
namespace {

class Memory : public ::testing::Test {
 protected:
  std::unique_ptr<Instance> inst = instantiate(load("memory"));
  Value call(const std::string& name, std::vector<Value> args = {}) { return call1(*inst, name, std::move(args)); }
  Trap trap(const std::string& name, std::vector<Value> args) { return trap_of(*inst, name, std::move(args)); }
};

TEST_F(Memory, LoadsOfEveryWidthAndSign) {
  // data: 01 02 03 04 05 06 07 08 80 ff 7f fe
  EXPECT_EQ(call("i32.load", {0}), 0x04030201u);
  EXPECT_EQ(call("i32.load_off", {0}), 0x08070605u);
  EXPECT_EQ(call("i32.load8_s", {8}), 0xFFFFFF80u);
  EXPECT_EQ(call("i32.load8_u", {8}), 0x80u);
  EXPECT_EQ(call("i32.load16_s", {8}), 0xFFFFFF80u);
  EXPECT_EQ(call("i32.load16_u", {9}), 0x7FFFu);
  EXPECT_EQ(call("i64.load", {0}), 0x0807060504030201ull);
  EXPECT_EQ(call("i64.load8_s", {9}), ~0ull);
  EXPECT_EQ(call("i64.load8_u", {9}), 0xFFu);
  EXPECT_EQ(call("i64.load16_s", {10}), 0xFFFFFFFFFFFFFE7Full);
  EXPECT_EQ(call("i64.load16_u", {10}), 0xFE7Full);
  EXPECT_EQ(call("i64.load32_s", {8}), 0xFFFFFFFFFE7FFF80ull);
  EXPECT_EQ(call("i64.load32_u", {8}), 0xFE7FFF80ull);
  EXPECT_EQ(call("f32.load", {0}), 0x04030201u);
  EXPECT_EQ(call("f64.load", {0}), 0x0807060504030201ull);
}

TEST_F(Memory, StoresOfEveryWidth) {
  const uint8_t* m = inst->memory_data();
  call("i64.store", {100, 0x1122334455667788ull});
  EXPECT_EQ(call("i64.load", {100}), 0x1122334455667788ull);
  call("i32.store8", {100, 0xABCD});
  call("i32.store16", {102, 0x12345678});
  EXPECT_EQ(call("i64.load", {100}), 0x11223344567877CDull);
  call("i32.store", {200, 0xDEADBEEF});
  EXPECT_EQ(m[200], 0xEF);
  EXPECT_EQ(m[203], 0xDE);
  call("i64.store8", {300, 0x1FF});
  call("i64.store16", {302, 0x12345});
  call("i64.store32", {304, 0x123456789ull});
  EXPECT_EQ(call("i64.load", {300}), 0x2345678923450000ull | 0xFF);
  call("f32.store", {400, 0x3F800000u});
  call("f64.store", {408, 0x3FF0000000000000ull});
  EXPECT_EQ(call("i32.load", {400}), 0x3F800000u);
  EXPECT_EQ(call("i64.load", {408}), 0x3FF0000000000000ull);
}

TEST_F(Memory, OutOfBounds) {
  EXPECT_EQ(call("i32.load", {65532}), 0u);
  EXPECT_EQ(trap("i32.load", {65533}), Trap::MemoryOutOfBounds);
  EXPECT_EQ(trap("i32.load_off", {65529}), Trap::MemoryOutOfBounds);
  EXPECT_EQ(trap("i64.store", {65529, 0}), Trap::MemoryOutOfBounds);
  EXPECT_EQ(trap("i32.load8_u", {0xFFFFFFFFu}), Trap::MemoryOutOfBounds);
  // effective address = u64(base) + offset: no 32-bit wrap-around
  EXPECT_EQ(trap("load_max_offset", {1}), Trap::MemoryOutOfBounds);
  EXPECT_EQ(trap("load_max_offset", {0}), Trap::MemoryOutOfBounds);
}

TEST_F(Memory, GrowAndSize) {
  EXPECT_EQ(call("size"), 1u);
  EXPECT_EQ(call("grow", {1}), 1u);
  EXPECT_EQ(call("size"), 2u);
  EXPECT_EQ(call("i32.load", {2 * 65536 - 4}), 0u);  // new pages are zero and accessible
  EXPECT_EQ(call("grow", {2}), 0xFFFFFFFFu);          // past the declared max (3)
  EXPECT_EQ(call("grow", {0xFFFFFFFFu}), 0xFFFFFFFFu);
  EXPECT_EQ(call("grow", {1}), 2u);
  EXPECT_EQ(call("grow", {0}), 3u);
  EXPECT_EQ(inst->memory_size(), 3 * 65536u);
}

TEST(MemoryLimit, GrowClampedByLimitsMaxMemoryPages) {
  Config cfg = test_config();
  cfg.limits.max_memory_pages = 2;
  auto inst = instantiate(load("memory", cfg));
  EXPECT_EQ(call1(*inst, "grow", {1}), 1u);
  EXPECT_EQ(call1(*inst, "grow", {1}), 0xFFFFFFFFu);
  cfg.limits.max_memory_pages = 9;
  CompileError err;
  EXPECT_EQ(Module::compile(module_bytes("big_memory"), cfg, &err), nullptr);  // (memory 10)
  EXPECT_EQ(err.message, "limit max_memory_pages exceeded");
}

TEST_F(Memory, BulkMemory) {
  const uint8_t* m = inst->memory_data();
  call("fill", {1000, 0xAB, 3});
  EXPECT_EQ(call("i32.load", {1000}), 0x00ABABABu);
  call("copy", {1, 0, 8});  // overlapping copy moves correctly
  EXPECT_EQ(call("i64.load", {0}), 0x0706050403020101ull);
  call("init", {2000, 1, 3});
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(m + 2000), 3), "ell");
  EXPECT_EQ(trap("init", {2000, 3, 3}), Trap::MemoryOutOfBounds);
  EXPECT_EQ(trap("fill", {65535, 0, 2}), Trap::MemoryOutOfBounds);
  EXPECT_EQ(trap("copy", {0, 65535, 2}), Trap::MemoryOutOfBounds);
  call("fill", {65536, 0, 0});  // zero length at the end is fine
  call("drop");
  EXPECT_EQ(trap("init", {0, 0, 1}), Trap::MemoryOutOfBounds);
  call("init", {0, 0, 0});
}

TEST(MemoryApi, BoundsCheckedAccess) {
  auto inst = instantiate(load("memory"));
  uint8_t buf[4];
  EXPECT_TRUE(inst->memory_read(0, buf));
  EXPECT_EQ(buf[3], 4);
  EXPECT_FALSE(inst->memory_read(65533, buf));
  const uint8_t in[2] = {9, 9};
  EXPECT_TRUE(inst->memory_write(65534, in));
  EXPECT_FALSE(inst->memory_write(65535, in));
  EXPECT_NE(inst->memory_range(65535, 1), nullptr);
  EXPECT_EQ(inst->memory_range(65535, 2), nullptr);
  EXPECT_EQ(inst->memory_range(UINT64_MAX, 2), nullptr);
}

}  // namespace
}  // namespace interlude::wasm::test
