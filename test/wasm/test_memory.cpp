// Linear memory: loads/stores of every width and sign, bounds, grow/size, data segments, bulk ops.
#include <algorithm>
#include <functional>

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

// The address add is fused into the load, with the wasm semantics: the i32.add wraps at 2^32
// before the 33-bit effective address (add + offset) is bounds-checked (spec §4.4.7).
TEST_F(Memory, LoadsFromAnAddedAddressWrapTheSum) {
  EXPECT_EQ(call("i32.load_add", {2, 2}), 0xFE7FFF80u);             // 2 + 2 + offset 4 = 8
  EXPECT_EQ(call("i32.load_add", {0xFFFFFFFEu, 2}), 0x08070605u);  // (2^32 - 2 + 2) mod 2^32 = 0
  EXPECT_EQ(trap("i32.load_add", {0xFFFFFFFEu, 1}), Trap::MemoryOutOfBounds);  // 2^32 - 1 + 4
  EXPECT_EQ(call("i64.load8_s_addi", {0}), ~0ull);                   // byte 9: 0xff
  EXPECT_EQ(call("i64.load8_s_addi", {0xFFFFFFF8u}), 2u);            // (2^32 - 8 + 8) mod 2^32 + 1
  EXPECT_EQ(trap("i64.load8_s_addi", {0xFFFFFFF7u}), Trap::MemoryOutOfBounds);
}

TEST_F(Memory, MultiplyAddWrapsLikeTheTwoOperators) {
  EXPECT_EQ(call("i32.mul_add", {7, 6, 100}), 142u);
  EXPECT_EQ(call("i32.mul_add", {0x10000, 0x10001, 5}), 0x10005u);  // product wraps mod 2^32
  EXPECT_EQ(call("i32.mul_add", {0xFFFFFFFFu, 1, 1}), 0u);
  EXPECT_EQ(call("i64.mul_add", {3, ~0ull, 3}), 0u);                    // -3 + 3
  EXPECT_EQ(call("i64.mul_add", {1ull << 32, 1ull << 32, 9}), 9u);      // 2^64 wraps to 0
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

// Instances made one after another with a BufferPool reuse the blocks of destroyed ones: each new
// memory is exactly the fresh one (initial size, data segment, zeros), however the last was left.
TEST(MemoryApi, PooledMemoryStartsFresh) {
  const auto module = load("memory");
  const auto fresh = instantiate(module);
  const std::vector<uint8_t> image(fresh->memory_data(), fresh->memory_data() + fresh->memory_size());
  BufferPool pool;
  for (int round = 0; round < 3; ++round) {
    auto r = Instance::instantiate(module, {}, UINT64_MAX, &pool);
    ASSERT_NE(r.instance, nullptr);
    Instance& inst = *r.instance;
    ASSERT_EQ(inst.memory_size(), image.size()) << "round " << round;
    EXPECT_TRUE(std::equal(image.begin(), image.end(), inst.memory_data())) << "round " << round;
    // Leave the block dirty and grown for the next round.
    EXPECT_EQ(call1(inst, "grow", {1}), 1u);
    const std::vector<uint8_t> ones(inst.memory_size(), 0xFF);
    EXPECT_TRUE(inst.memory_write(0, ones));
  }
}

// A pooled memory block is zeroed only in the 4 KiB chunks its instance may have written, so every
// write path must record its writes: after an instance writes through one path (across a chunk
// boundary, with a store's last bytes in the next chunk, and in a grown page) and is destroyed,
// the next instance on its block reads exactly a fresh memory, also once grown to its maximum.
TEST(MemoryApi, PooledMemoryForgetsEveryWritePath) {
  const auto module = load("memory");
  std::vector<uint8_t> image(3 * 65536, 0);  // fresh, grown to the maximum (3 pages)
  ASSERT_TRUE(instantiate(module)->memory_read(0, {image.data(), 65536}));
  const uint8_t ones[4] = {0xFF, 0xFF, 0xFF, 0xFF};
  const std::vector<std::pair<std::string, std::function<void(Instance&)>>> paths = {
      {"stores", [](Instance& i) {
         const std::pair<const char*, uint64_t> stores[] = {
             {"i32.store", 4}, {"i32.store8", 1}, {"i32.store16", 2}, {"i64.store", 8}, {"i64.store8", 1},
             {"i64.store16", 2}, {"i64.store32", 4}, {"f32.store", 4}, {"f64.store", 8}};
         for (uint64_t k = 0; k < std::size(stores); ++k) {
           call1(i, stores[k].first, {4096 * (k + 1) - 1, ~0ull});        // from a chunk's last byte
           call1(i, stores[k].first, {2 * 65536 - stores[k].second, ~0ull});  // end of the grown page
         }
       }},
      {"memory.fill", [](Instance& i) { call1(i, "fill", {24570, 0xAB, 20}); }},
      {"memory.copy", [](Instance& i) { call1(i, "copy", {28670, 0, 12}); }},
      {"memory.init", [](Instance& i) { call1(i, "init", {12286, 0, 5}); }},
      {"memory_write", [&](Instance& i) { EXPECT_TRUE(i.memory_write(16382, ones)); }},
      {"memory_range", [&](Instance& i) { std::copy_n(ones, 4, i.memory_range(20478, 4)); }},
      {"memory_data", [](Instance& i) { i.memory_data()[40000] = 1; }},
  };
  BufferPool pool;
  const auto expect_next_fresh = [&](const std::string& name) {
    auto r = Instance::instantiate(module, {}, UINT64_MAX, &pool);
    ASSERT_NE(r.instance, nullptr);
    EXPECT_EQ(call1(*r.instance, "grow", {2}), 1u);
    const Instance& next = *r.instance;  // the const memory_data(): a read
    EXPECT_TRUE(std::equal(image.begin(), image.end(), next.memory_data())) << name;
  };
  for (const auto& [name, write] : paths) {
    {
      auto r = Instance::instantiate(module, {}, UINT64_MAX, &pool);
      ASSERT_NE(r.instance, nullptr);
      EXPECT_EQ(call1(*r.instance, "grow", {1}), 1u);
      write(*r.instance);
    }
    expect_next_fresh(name);
  }
  // Active data segments, here of an instantiation that then traps on a later segment.
  const auto trapped = Instance::instantiate(load("pool_segments"), {}, UINT64_MAX, &pool);
  EXPECT_EQ(trapped.trap, Trap::MemoryOutOfBounds);
  expect_next_fresh("data segments");
}

// A pool also recycles an instance's arrays (index spaces, globals, dropped segments, frames), also
// between modules of other shapes: each new instance starts as a fresh one, however the last was left.
TEST(MemoryApi, PooledArraysStartFresh) {
  const auto globals = load("globals"), memory = load("memory");
  BufferPool pool;
  for (int round = 0; round < 3; ++round) {
    {
      auto r = Instance::instantiate(globals, {}, UINT64_MAX, &pool);
      ASSERT_NE(r.instance, nullptr);
      EXPECT_EQ(call1(*r.instance, "bump"), 12u) << "round " << round;  // 10, +1 by the start function, +1
      EXPECT_EQ(call1(*r.instance, "k"), static_cast<Value>(-5)) << "round " << round;
      EXPECT_EQ(call1(*r.instance, "fl"), 0x4008000000000000ull) << "round " << round;  // 3.0
      EXPECT_EQ(r.instance->store().global_get(*r.instance->exported("counter")), 12u) << "round " << round;
    }
    auto r = Instance::instantiate(memory, {}, UINT64_MAX, &pool);
    ASSERT_NE(r.instance, nullptr);
    Instance& inst = *r.instance;
    call1(inst, "init", {2000, 1, 3});  // the passive segment, dropped by the last round's instance
    EXPECT_EQ(std::string(reinterpret_cast<const char*>(inst.memory_data() + 2000), 3), "ell") << "round " << round;
    EXPECT_EQ(trap_of(inst, "init", {0, 3, 3}), Trap::MemoryOutOfBounds) << "round " << round;
    call1(inst, "drop");
    EXPECT_EQ(trap_of(inst, "init", {0, 0, 1}), Trap::MemoryOutOfBounds) << "round " << round;
    EXPECT_EQ(inst.store().memory_type(*inst.exported("memory"))->min, 1u) << "round " << round;
  }
}

// A pooled value stack comes back zeroed at its initial size, whatever the last instance did with
// it: the footprint (consensus for the in-flight cap) is that of a fresh instance.
TEST(MemoryApi, PooledStackKeepsTheFreshFootprint) {
  const auto module = load("memory");
  const auto fresh = instantiate(module), fresh_uncalled = instantiate(module);
  call1(*fresh, "i32.load", {0});
  BufferPool pool;
  for (int round = 0; round < 3; ++round) {
    auto r = Instance::instantiate(module, {}, UINT64_MAX, &pool);
    ASSERT_NE(r.instance, nullptr);
    EXPECT_EQ(r.instance->footprint_bytes(), fresh_uncalled->footprint_bytes()) << "round " << round;
    call1(*r.instance, "i32.load", {0});
    EXPECT_EQ(r.instance->footprint_bytes(), fresh->footprint_bytes()) << "round " << round;
    ASSERT_EQ(r.instance->call(*module->exported_function("deep"), std::vector<Value>{600}).status,
              RunStatus::Returned);
    EXPECT_EQ(r.instance->footprint_bytes(), fresh->footprint_bytes() + 8 * 4096);  // grew to 8192 cells
  }
}

}  // namespace
}  // namespace interlude::wasm::test
