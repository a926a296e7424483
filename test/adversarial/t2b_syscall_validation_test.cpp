// Adversarial cases §2.B (docs/adversarial-cases.md): syscall input validation and memory bounds.
#include <algorithm>
#include <stdexcept>

#include "a_ops.h"
#include "heap_counter.h"
#include "interlude/runtime/executor.h"

namespace interlude::host::test {
namespace {

using adv::heap_peak;
using adv::heap_peak_reset;
using runtime::ExitCode;
using runtime::to_i32;

/// Input of STORAGE_WRITE slot = value (two LE words).
Bytes sstore_input(uint8_t slot, uint8_t value) { return cat({le256(slot), le256(value)}); }

TEST_F(AdvTest, T13_ExecUnknownSyscallId) {
  Bytes32 random;
  for (int i = 0; i < 32; ++i) random[i] = uint8_t(0x9e * i + 0x35);
  Bytes32 one_bit;  // STORAGE_WRITE (…02) with bit 0 of byte 0 flipped
  one_bit[31] = STORAGE_WRITE;
  one_bit[0] = 1;
  for (const Bytes32& id : {random, one_bit}) {
    Ops p;
    p.exec(STORAGE_WRITE, sstore_input(1, 1));
    const uint32_t h = p.data(id.view());
    const uint32_t in = p.data(sstore_input(2, 2));
    p.op(Ops::EXEC, h, in, 64, 0, 0);
    expect_halt(run_ops(p), ExitCode::MalformedBuiltinParams, G);
    EXPECT_EQ(chain.storage(o, 1), U256(0));
    EXPECT_EQ(chain.storage(o, 2), U256(0));
  }
}

TEST_F(AdvTest, T14_ExecNonMainState) {
  for (uint32_t state : {1u, 2u, 0xFFFFFFFFu}) {
    Ops p;
    p.exec(STORAGE_READ, le256(0), state);
    expect_halt(run_ops(p), ExitCode::MalformedBuiltinParams, G);
  }
}

// Each wrong length halts at validation: the tracer sees the interruption with no gas charged by
// the syscall (gas_before == gas_after), so no state was accessed and nothing beyond the import
// schedule was paid before the halt.
TEST_F(AdvTest, T15_ExecWrongFixedLengths) {
  const std::pair<uint8_t, uint32_t> cases[] = {
      {STORAGE_READ, 31}, {STORAGE_READ, 33}, {STORAGE_WRITE, 63}, {STORAGE_WRITE, 65}, {BALANCE, 19},
      {BALANCE, 21},      {BLOCK_HASH, 7},    {CODE_COPY, 35},     {METADATA_COPY, 27}, {SELF_BALANCE, 1},
      {EMIT_LOG, 0},      {CALL, 51},
  };
  for (const auto& [id, len] : cases) {
    SCOPED_TRACE(testing::Message() << int(id) << " len " << len);
    Ops p;
    p.exec(id, Bytes(len));
    RecordingTracer tracer;
    expect_halt(run_ops(p, G, &tracer), ExitCode::MalformedBuiltinParams, G);
    ASSERT_EQ(tracer.syscall_gas.size(), 1u);
    EXPECT_EQ(tracer.syscall_gas[0], 0u);
    EXPECT_EQ(tracer.events.back(), "end 0 -1003");
  }
}

TEST_F(AdvTest, T16_ExecHashOrFuelPointerOob) {
  struct Case {
    uint32_t hash32_ptr, fuel16_ptr;
  };
  for (const Case c : {Case{65536 - 16, 0}, Case{0, 65536 - 8}, Case{0, 0xFFFFFFF8}, Case{0xFFFFFFFF, 0}}) {
    Ops p;
    const uint32_t h = p.syscall_id(STORAGE_READ);
    const uint32_t in = p.data(le256(0));
    p.op(Ops::EXEC, c.hash32_ptr ? c.hash32_ptr : h, in, 32, c.fuel16_ptr, 0);
    RecordingTracer tracer;
    const Receipt r = run_ops(p, G, &tracer);
    expect_halt(r, ExitCode::MemoryOutOfBounds, G);
    EXPECT_EQ(r.interruptions, 0u);  // raised by `_exec` itself: no interruption, no syscall
    EXPECT_EQ(tracer.events, (std::vector<std::string>{"start 0 CALL", "end 0 -2002"}));
  }
}

// The case's 50,000 gas does not cover the ops contract's calldata (3 KiB) and its 511-page grow,
// so the limit here is 200,000; the property (a huge length halts in the `_exec` fuel procedure,
// before the host reads anything) is unchanged.
TEST_F(AdvTest, T17_ExecHugeInputLenNoCopy) {
  uint64_t small_peak = 0;
  for (uint32_t len : {20u, 20u << 20, 32u << 20}) {
    SCOPED_TRACE(len);
    Ops p;
    p.op(Ops::GROW, 511).op(Ops::EXEC, p.syscall_id(BALANCE), 128, len, 0, 0).op(Ops::LAST);
    RecordingTracer tracer;
    heap_peak_reset();
    const Receipt r = run_ops(p, 200'000, &tracer);
    // No host buffer of size L: the heap peak (32 MiB of guest memory included) is the same as
    // for L = 20 within 1 MiB.
    if (len == 20) small_peak = heap_peak();
    EXPECT_LT(heap_peak(), small_peak + (1u << 20));
    if (len == 20) {
      EXPECT_EQ(r.status, TxStatus::Success);
      EXPECT_EQ(r.output, le32(0));
    } else {
      // Quadratic schedule: len > 1,310,720 overflows the fuel procedure (protocol.md §1.2).
      expect_halt(r, ExitCode::IntegerOverflow, 200'000);
      EXPECT_EQ(r.interruptions, 0u);
    }
  }
}

TEST_F(AdvTest, T20_IoBuiltinBounds) {
  const Bytes who(20, 0);
  struct Case {
    Ops::Op op;
    uint32_t a, b, c;
    ExitCode code;
  };
  Ops probe;
  const uint32_t input_size = 1024 + uint32_t(probe.bytes().size()) + 20 + 32;  // + BALANCE id, input
  const Case cases[] = {
      {Ops::READ, 0, 0xFFFFFFFF, 100, ExitCode::InputOutputOutOfBounds},
      {Ops::READ, 0, input_size - 1, 2, ExitCode::InputOutputOutOfBounds},
      {Ops::READ, 65536 - 4, 0, 8, ExitCode::MemoryOutOfBounds},
      {Ops::ROUT, 0, 30, 4, ExitCode::InputOutputOutOfBounds},
      {Ops::ROUT, 0, 0xFFFFFFF0, 0x20, ExitCode::InputOutputOutOfBounds},
      {Ops::FWD, 0xFFFFFFFF, 2, 0, ExitCode::InputOutputOutOfBounds},
      {Ops::FWD, 1, 32, 0, ExitCode::InputOutputOutOfBounds},
      {Ops::ROUT, 0, 32, 0, ExitCode::Ok},  // the legal edge: zero bytes at the end
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(testing::Message() << int(c.op) << " " << c.a << " " << c.b << " " << c.c);
    Ops p;
    p.exec(BALANCE, who).op(c.op, c.a, c.b, c.c).op(Ops::LAST);
    ASSERT_EQ(1024 + p.bytes().size(), input_size);
    const Receipt r = run_ops(p);
    if (c.code == ExitCode::Ok) {
      EXPECT_EQ(r.status, TxStatus::Success);
      EXPECT_EQ(r.output, le32(0));
    } else {
      expect_halt(r, c.code, G);  // no partial copy reaches the output
    }
  }
}

TEST_F(AdvTest, T22_WriteLengthLimits) {
  // No 128 MiB allocation in any case: the heap peak stays below 16 MiB.
  const uint64_t base = adv::heap_live();
  for (uint32_t len : {134'217'729u, 135'000'000u}) {
    Ops p;
    p.op(Ops::GROW, 9).op(Ops::WRITE, 0, len);
    heap_peak_reset();
    expect_halt(run_ops(p), ExitCode::IntegerOverflow, G);  // the linear schedule's 2^27 bound
    EXPECT_LT(heap_peak(), base + (16u << 20));
  }
  // (c) 2^27 bytes is within the schedule (251,658,640 fuel) but not within a 0-page memory.
  heap_peak_reset();
  const Receipt r = chain.apply(create_tx(sender, wasm("a_write0"), 100'000'000));
  expect_halt(r, ExitCode::MemoryOutOfBounds, 100'000'000);
  EXPECT_FALSE(r.created_address);
  EXPECT_LT(heap_peak(), base + (16u << 20));
}

TEST_F(AdvTest, T24_OutputPreservedAcrossInterruption) {
  Ops p;
  const uint32_t one = p.data(Bytes{0x01}), two = p.data(Bytes{0x02});
  p.op(Ops::WRITE, one, 1).exec(BALANCE, Bytes(20)).op(Ops::WRITE, two, 1).exec(STORAGE_READ, le256(0));
  p.op(Ops::EXIT, 0);
  const Receipt r = run_ops(p);
  EXPECT_EQ(r.status, TxStatus::Success);
  EXPECT_EQ(r.output, (Bytes{0x01, 0x02}));
}

TEST_F(AdvTest, T26_CodeCopyBoundsAndPricing) {
  const Address ten = addr(0x70), big = addr(0x71);  // not an EVM precompile address
  const Bytes code = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  chain.put(ten, 0, 1, code);
  Bytes two_mib(2u << 20, 0xab);
  chain.put(big, 0, 1, two_mib);
  struct Case {
    Address target;
    uint64_t offset, len;
    Bytes out;
  };
  const Case cases[] = {
      {ten, 3, 4, {4, 5, 6, 7}},
      {ten, 1, 10, {2, 3, 4, 5, 6, 7, 8, 9, 10, 0}},
      {ten, 100, 5, Bytes(5)},
      {ten, UINT64_MAX, 0, {}},  // unrepresentable offset with zero length: OK, empty
      {big, 0, 1, {0xab}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.offset);
    Ops p;
    p.exec(CODE_COPY, cat({c.target.bytes, le64(c.offset), le64(c.len)}))
        .op(Ops::LAST)
        .op(Ops::ROUT, 32768, 0, uint32_t(c.out.size()))
        .op(Ops::WRITE, 32768, uint32_t(c.out.size()));
    RecordingTracer tracer;
    const Receipt r = run_ops(p, G, &tracer);
    ASSERT_EQ(r.status, TxStatus::Success);
    EXPECT_EQ(r.output, cat({le32(0), c.out}));
    // EIP-2929 cold account (2,600) + 3 per word of the requested length.
    EXPECT_EQ(tracer.syscall_gas, (std::vector<uint64_t>{2600 + 3 * ((c.len + 31) / 32)}));
  }
  Ops p;
  p.exec(CODE_COPY, cat({ten.bytes, le64(0), le64((12u << 20) + 1)}));
  expect_halt(run_ops(p), ExitCode::MalformedBuiltinParams, G);
}

TEST_F(AdvTest, T27_EmitLogValidationAndChargeOrder) {
  Ops five;
  five.exec(EMIT_LOG, cat({Bytes{5}, Bytes(5 * 32)}));
  expect_halt(run_ops(five), ExitCode::MalformedBuiltinParams, G);
  Ops short_topics;
  short_topics.exec(EMIT_LOG, cat({Bytes{4}, Bytes(3 * 32)}));
  expect_halt(run_ops(short_topics), ExitCode::MalformedBuiltinParams, G);

  // Count 0 with 1 MiB of data that is not even in memory (1 page): with gas for the `_exec`
  // schedule but not for LOG's 8 gas per byte, the frame halts OutOfFuel — the payload is never
  // read (reading it would halt MemoryOutOfBounds, as the funded control shows).
  const uint32_t mib = 1u << 20;
  auto log_1mib = [&] {
    Ops p;
    p.op(Ops::EXEC, p.syscall_id(EMIT_LOG), p.data(Bytes{0}), mib, 0, 0);
    return p;
  };
  const uint64_t base = adv::heap_live();
  heap_peak_reset();
  expect_halt(run_ops(log_1mib(), 3'000'000), ExitCode::OutOfFuel, 3'000'000);
  EXPECT_LT(heap_peak(), base + (1u << 20));  // the 1 MiB payload was never allocated
  expect_halt(run_ops(log_1mib(), 20'000'000), ExitCode::MemoryOutOfBounds, 20'000'000);

  Ops four;
  Bytes topics;
  for (uint8_t t = 1; t <= 4; ++t) topics = cat({topics, le256(t)});
  four.exec(EMIT_LOG, cat({Bytes{4}, topics})).op(Ops::LAST);
  const Receipt r = run_ops(four);
  ASSERT_EQ(r.status, TxStatus::Success);
  ASSERT_EQ(r.logs.size(), 1u);
  EXPECT_EQ(r.logs[0].topics.size(), 4u);
  EXPECT_TRUE(r.logs[0].data.empty());
}

// Profile: memory.grow past the limit costs only its static fuel (ENTITY 3), nothing per page.
TEST_F(AdvTest, T28_MemoryGrowLimits) {
  Ops p;
  p.op(Ops::FUEL);
  for (uint32_t delta : {1023u, 1u, 0x7FFFFFFFu, 0xFFFFFFFFu}) p.op(Ops::GROW, delta).op(Ops::LAST).op(Ops::FUEL);
  p.op(Ops::SIZE).op(Ops::LAST);
  const Receipt r = run_ops(p);
  ASSERT_EQ(r.status, TxStatus::Success);
  ASSERT_EQ(r.output.size(), 5 * 8 + 4 * 4 + 4u);
  std::vector<uint64_t> fuel;
  std::vector<int32_t> grown;
  for (size_t at = 0;; at += 12) {
    fuel.push_back(u64_at(r.output, at));
    if (fuel.size() == 5) break;
    grown.push_back(int32_t(u64_at(r.output, at + 8) & 0xFFFFFFFF));
  }
  EXPECT_EQ(grown, (std::vector<int32_t>{1, -1, -1, -1}));
  EXPECT_EQ(Bytes(r.output.begin() + 56, r.output.end()), le32(1024));  // memory.size: the cap is inclusive
  const uint64_t failed = fuel[1] - fuel[2];
  EXPECT_EQ(fuel[2] - fuel[3], failed);
  EXPECT_EQ(fuel[3] - fuel[4], failed);
  EXPECT_EQ(fuel[0] - fuel[1], failed + 1023 * 1024);
}

TEST_F(AdvTest, T29_InitialMemoryLimitsAndCharge) {
  const Receipt rejected = chain.apply(create_tx(sender, wasm("a_mem1025"), 10'000'000));
  EXPECT_EQ(rejected.status, TxStatus::Halt);
  EXPECT_EQ(rejected.exit_code, to_i32(ExitCode::MalformedBuiltinParams));
  EXPECT_FALSE(rejected.created_address);

  const Receipt deployed = chain.apply(create_tx(sender, wasm("a_mem1024"), 10'000'000));
  ASSERT_EQ(deployed.status, TxStatus::Success);
  const Address m = *deployed.created_address;
  // 21,000 + ceil((1024 × 1024 + 18 + 460) / 20) = 21,000 + 52,453.
  const uint64_t need = 21'000 + 52'453;
  expect_halt(chain.apply(call_tx(sender, m, {}, need - 1)), ExitCode::OutOfFuel, need - 1);
  // 52,428 gas = 1,048,560 fuel: below the initial-memory charge (1,048,576), which is taken before
  // the 64 MiB memory is allocated.
  const uint64_t base = adv::heap_live();
  heap_peak_reset();
  expect_halt(chain.apply(call_tx(sender, m, {}, 21'000 + 52'428)), ExitCode::OutOfFuel, 21'000 + 52'428);
  EXPECT_LT(heap_peak(), base + (1u << 20));
  const Receipt ok = chain.apply(call_tx(sender, m, {}, need));
  EXPECT_EQ(ok.status, TxStatus::Success);
  EXPECT_EQ(ok.output, le32(1024));
  EXPECT_EQ(ok.gas_used, need);
}

/// a_deep with its memory minimum (the 2-byte LEB that ends the memory section) set to `pages`.
Bytes deep_module(uint16_t pages) {
  Bytes m = wasm("a_deep");
  const uint8_t section[] = {0x05, 0x04, 0x01, 0x00, 0xff, 0x07};  // memory section: 1 memory, min 1023
  auto it = std::search(m.begin(), m.end(), std::begin(section), std::end(section));
  if (it == m.end()) throw std::runtime_error("a_deep: memory section not found");
  it[4] = uint8_t(0x80 | (pages & 0x7f));
  it[5] = uint8_t(pages >> 7);
  return m;
}

// (a) 1023-page frames: 1.5 GiB / (64 MiB - 64 KiB + stacks and buffers) admits 24 live frames;
// the 25th fails the in-flight cap at instantiation. Interlude reports the child's OutOfMemory to
// its caller as MemoryOutOfBounds (-2002, execution.cpp: a caller cannot tell an allocation failure
// of its child from its own), and every ancestor unwinds normally.
TEST_F(AdvTest, T30_InFlightMemoryCap) {
  const Address d = addr(0xde);
  for (uint16_t pages : {1023, 1}) {
    SCOPED_TRACE(pages);
    chain.put(d, 0, 1, deep_module(pages));
    const uint64_t base = adv::heap_live();
    heap_peak_reset();
    const Receipt r = chain.apply(call_tx(sender, d, cat({le32(1), d.bytes}), 100'000'000));
    // Peak memory: at most the cap plus the one frame that failed it (and some slack).
    EXPECT_LT(heap_peak(), base + runtime::MAX_IN_FLIGHT_MEMORY_BYTES + (128u << 20));
    ASSERT_EQ(r.status, TxStatus::Success);
    ASSERT_EQ(r.output.size(), 8u);
    const int32_t code = int32_t(u64_at(r.output, 0) >> 32);
    const uint32_t depth = uint32_t(u64_at(r.output, 0));
    if (pages == 1023) {
      EXPECT_EQ(depth, 24u);
      EXPECT_EQ(code, to_i32(ExitCode::MemoryOutOfBounds));
    } else {
      // (b) 1-page frames never hit the cap: the chain ends by gas (63/64 forwarding).
      EXPECT_NE(code, to_i32(ExitCode::MemoryOutOfBounds));
      EXPECT_NE(code, to_i32(ExitCode::OutOfMemory));
      EXPECT_GT(depth, 300u);
    }
  }
}

}  // namespace
}  // namespace interlude::host::test
