// Bounded work of a hostile transaction (docs/embedding.md "Bounded work"): what one transaction can
// make the host, runtime and engine do is bounded by its gas limit L and by fixed caps, checked with
// the heap counter (heap_counter.h) and exact outcomes (no timed tests). Bounds:
//  B1 Fuel. The top frame gets (L - intrinsic gas) x 20 fuel; a child at most all but 1/64 of its
//     parent's remaining fuel; engine work per fuel unit is bounded (test/wasm/bounded_work_test.cpp).
//     A spinning frame ends OutOfFuel with all its gas used (T31).
//  B2 Frames. At most 1,024 nested frames (T54); each frame's memory is charged 1,024 fuel per
//     page before it exists (T29, T28) and the in-flight cap (runtime::MAX_IN_FLIGHT_MEMORY_BYTES,
//     1.5 GiB) bounds all live frames' memory, stacks and buffers together: a chain of 64 MiB
//     frames peaks under the cap plus one frame (T30).
//  B3 Syscall inputs. `_exec` charges its input quadratically (T39) before reading it, and a
//     length no memory can hold is rejected before anything is allocated (T17, T22, T27).
//  B4 Output and return data. A frame's output is at most runtime::MAX_FRAME_OUTPUT_BYTES (1 MiB):
//     the `_write`/`_forward_output` that would pass it halts OutOfMemory before copying, so the
//     return data a parent holds is at most 1 MiB too.
//  B5 Logs. A log costs 375 + 375 per topic + 8 per data byte, charged before it is recorded, so a
//     transaction holds at most L / 8 bytes of log data.
#include "a_ops.h"
#include "heap_counter.h"
#include "interlude/common/keccak.h"
#include "interlude/runtime/executor.h"

namespace interlude::host::test {
namespace {

using adv::heap_live;
using adv::heap_peak;
using adv::heap_peak_reset;
using runtime::ExitCode;

constexpr uint32_t kPage = 65536;

/// A program logging `n` times the 64 KiB at memory 65,536 (grown, zero): no topic (count byte 0),
/// 65,535 data bytes each.
Ops logs(int n) {
  Ops p;
  p.op(Ops::GROW, 1);
  const uint32_t id = p.syscall_id(EMIT_LOG);
  for (int i = 0; i < n; ++i) p.op(Ops::EXEC, id, kPage, kPage, 0, 0);
  return p;
}

TEST_F(AdvTest, LogDataHeldIsBoundedByGas) {
  // B5: 40 logs of 65,535 bytes fit in 25 M gas; 140 do not fit in 10 M and the frame halts. Either
  // way the heap peak stays under 3 bytes per 8 gas of the limit (log data is recorded in the
  // frame's journal, then copied to the receipt) plus 1 MiB.
  const uint64_t base = heap_live();
  heap_peak_reset();
  const Receipt r = run_ops(logs(40), 25'000'000);
  ASSERT_EQ(r.status, TxStatus::Success);
  ASSERT_EQ(r.logs.size(), 40u);
  EXPECT_EQ(r.logs[39].data.size(), kPage - 1u);
  EXPECT_LE(heap_peak() - base, 3 * 25'000'000 / 8 + (1u << 20));

  heap_peak_reset();
  expect_halt(run_ops(logs(140), G), ExitCode::OutOfFuel, G);
  EXPECT_LE(heap_peak() - base, 3 * G / 8 + (1u << 20));
}

TEST_F(AdvTest, ReturnDataIsCappedAtOneMiBPerFrame) {
  // B4: the child at `c` writes 1 MiB, all it may. The parent writes the size of that return
  // data (4 bytes) and forwards all but 4 bytes of it: its output is full. One more forwarded
  // byte would pass its cap: it halts OutOfMemory before copying. Heap: both memories (17 pages
  // + 1 page) and a few copies of the 1 MiB payload in flight.
  const Address c = addr(0x0c2);
  chain.put(c, 0, 1, ops_code);
  Ops child;
  child.op(Ops::GROW, 16).op(Ops::WRITE, kPage, 1u << 20);
  Ops parent;
  parent.exec(CALL, cat({c.bytes, Bytes(32), child.bytes()}));
  parent.op(Ops::OSIZE).op(Ops::LAST).op(Ops::FWD, 0, (1u << 20) - 4);
  const Receipt ok = run_ops(parent);
  ASSERT_EQ(ok.status, TxStatus::Success);
  EXPECT_EQ(ok.output, cat({le32(1 << 20), Bytes((1u << 20) - 4)}));

  parent.op(Ops::FWD, 0, 1);
  const uint64_t base = heap_live();
  heap_peak_reset();
  expect_halt(run_ops(parent), ExitCode::OutOfMemory, G);
  EXPECT_LE(heap_peak() - base, 18u * kPage + 4 * runtime::MAX_FRAME_OUTPUT_BYTES + (1u << 20));
}

TEST(BoundedWork, ASuspendedFrameKeepsNoLargeReturnDataBuffer) {
  // B4 with B2: the in-flight cap counts a frame's return data by size, and Executor::resume
  // copies return data into the frame's buffer. A buffer left large by an earlier 1 MiB return
  // must not stay behind the 32 bytes of the next resume: heap with the frame suspended again
  // after that resume is back within 4 KiB (runtime's reuse limit) of what it was before.
  runtime::Executor ex;
  const Bytes code = wasm("a_ops");
  Ops p;
  p.exec(SELF_BALANCE, {}).exec(SELF_BALANCE, {}).exec(SELF_BALANCE, {});
  ASSERT_EQ(ex.execute({keccak256(code), code, p.executor_input(), 10'000'000}).exit_code, 1);
  const uint64_t before = heap_live();
  ASSERT_EQ(ex.resume(1, Bytes(1u << 20), 0, 0, 0).exit_code, 2);
  EXPECT_GE(heap_live() - before, 1u << 20);  // the frame holds the 1 MiB
  ASSERT_EQ(ex.resume(2, Bytes(32), 0, 0, 0).exit_code, 3);
  EXPECT_LE(heap_live() - before, 4096u);
}

}  // namespace
}  // namespace interlude::host::test
