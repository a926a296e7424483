// Frames (protocol.md §5): final exit codes and their classes, revert vs halt rollback and gas,
// nested frames, the depth limit, the context header, call_ids and the §5.10 worked example.
#include <gtest/gtest.h>
#include <pthread.h>

#include "host_fixture.h"
#include "interlude/runtime/exit_code.h"

namespace interlude::host::test {
namespace {

using runtime::ExitCode;
using runtime::to_i32;

/// Gas of a script segment list: ceil(fuel / 20) each.
uint64_t gas_of(uint64_t fuel) { return (fuel + 19) / 20; }

TEST_F(HostTest, HaltsBurnAllGasAndRollBack) {
  struct Case {
    Script script;
    ExitCode code;
  };
  const Case cases[] = {
      {Script().sstore(1, 1).exit(1), ExitCode::NonNegativeExitCode},
      {Script().sstore(1, 1).exit(-3001), ExitCode::UnknownError},  // fatal classes never surface
      {Script().sstore(1, 1).exit(-1003), ExitCode::MalformedBuiltinParams},
      {Script().sstore(1, 1).resume(), ExitCode::RootCallOnly},
      {Script().sstore(1, 1).trap(), ExitCode::UnreachableCodeReached},
      {Script().sstore(1, 1).spin(), ExitCode::OutOfFuel},
      {Script().sstore(1, 1).exec(0x99, {}), ExitCode::MalformedBuiltinParams},  // unknown syscall id
      {Script().sstore(1, 1).exec(CALL_CODE, Bytes(51)), ExitCode::MalformedBuiltinParams},  // len < 52
      {Script().exec(STORAGE_READ, le256(1), UINT64_MAX, 1), ExitCode::MalformedBuiltinParams},  // state != 0
      {Script().exec(STORAGE_READ, Bytes(31)), ExitCode::MalformedBuiltinParams},                // len != 32
      {Script().exec(SELF_BALANCE, Bytes(1)), ExitCode::MalformedBuiltinParams},                 // len != 0
      {Script().exec(EMIT_LOG, Bytes{5}), ExitCode::MalformedBuiltinParams},                     // 5 topics
      {Script().exec(EMIT_LOG, Bytes{1, 0}), ExitCode::MalformedBuiltinParams},  // 1 topic, 1 byte
  };
  for (const Case& c : cases) {
    const Receipt r = run(c.script);
    EXPECT_EQ(r.status, TxStatus::Halt);
    EXPECT_EQ(r.exit_code, to_i32(c.code));
    EXPECT_EQ(r.gas_used, kGas);
    EXPECT_TRUE(r.output.empty());
    EXPECT_TRUE(r.logs.empty());
    EXPECT_EQ(chain.storage(a, 1), U256(0));
  }
}

TEST_F(HostTest, UnreadableSyscallInputIsAResultForTheFixedPartAndAHaltForTheTail) {
  const Address o = addr(0x1b);  // not 0x0b: an EVM precompile address is in the system set (§7.6)
  chain.put(o, 0, 1, wasm("oob_input"));
  RecordingTracer tracer;
  const Receipt r = chain.apply(call_tx(sender, o, {}, kGas), &tracer);
  EXPECT_EQ(r.status, TxStatus::Halt);
  EXPECT_EQ(r.exit_code, to_i32(ExitCode::MemoryOutOfBounds));
  EXPECT_EQ(r.gas_used, kGas);
  EXPECT_EQ(tracer.events, (std::vector<std::string>{"start 0 CALL", "int 0 1 STORAGE_READ -2002",
                                                      "int 0 2 CALL -2002", "end 0 -2002"}));
}

TEST_F(HostTest, PanicRevertsAndReturnsUnusedGas) {
  const Script s = Script().sstore(1, 1).emit_log({}, bytes("L")).write(bytes("E")).exit(-1);
  const Receipt r = run(s);
  EXPECT_EQ(r.status, TxStatus::Revert);
  EXPECT_EQ(r.exit_code, -1);
  EXPECT_EQ(r.output, cat({le32(0), le32(0), bytes("E")}));  // revert data
  EXPECT_TRUE(r.logs.empty());
  EXPECT_EQ(chain.storage(a, 1), U256(0));
  EXPECT_EQ(r.gas_refunded, 0u);
  EXPECT_EQ(r.gas_used, expected(s, {0, 0}, 22100 + 375 + 8));
}

TEST_F(HostTest, ChildRevertRollsBackItsWritesAndLogsAndReturnsItsGas) {
  const Script inner = Script().sstore(2, 2).emit_log({}, bytes("M")).write(bytes("x")).exit(-1);
  const Script outer = Script().sstore(1, 1).emit_log({}, bytes("L")).call(b, 0, inner);
  const Receipt r = run(outer);
  ASSERT_EQ(r.status, TxStatus::Success);
  // The child's revert data is its own output: its two EXEC results and "x".
  EXPECT_EQ(r.output, cat({le32(0), le32(0), le32(-1), le32(0), le32(0), bytes("x")}));
  ASSERT_EQ(r.logs.size(), 1u);
  EXPECT_EQ(r.logs[0].address, a);
  EXPECT_EQ(r.logs[0].data, bytes("L"));
  EXPECT_EQ(chain.storage(a, 1), U256(1));
  EXPECT_EQ(chain.storage(b, 2), U256(0));
  // The child pays only what it used: its execution, a cold SSTORE and a 1-byte log.
  const uint64_t child = inner.execution_gas({0, 0}) + 22100 + 383;
  EXPECT_EQ(r.gas_used, expected(outer, {0, 0, 9}, 22100 + 383 + 2600 + child));
}

TEST_F(HostTest, ChildHaltBurnsTheGasItWasGiven) {
  const Script inner = Script().sstore(2, 2).trap();
  const Script outer = Script().sstore(1, 1).call(b, 0, inner).write(bytes("after"));
  const Receipt r = run(outer);
  ASSERT_EQ(r.status, TxStatus::Success);
  EXPECT_EQ(r.output, cat({le32(0), le32(to_i32(ExitCode::UnreachableCodeReached)), bytes("after")}));
  EXPECT_EQ(chain.storage(a, 1), U256(1));
  EXPECT_EQ(chain.storage(b, 2), U256(0));
  // At the CALL the caller keeps 1/64 of its remaining gas; the child's 63/64 are gone.
  const auto seg = outer.segment_fuel(std::vector<uint64_t>{0, 0});
  ASSERT_EQ(seg.size(), 3u);
  const uint64_t frame_gas = kGas - intrinsic_gas(call_tx(sender, a, outer, kGas));
  const uint64_t at_call = frame_gas - gas_of(seg[0]) - 22100 - gas_of(seg[1]) - 2600;
  EXPECT_EQ(r.gas_used, kGas - (at_call / 64 - gas_of(seg[2])));
}

TEST_F(HostTest, InsufficientBalanceIsRevertClass) {
  // §2.4: InsufficientBalance is EVM OutOfFunds, a revert: rolled back, unused gas returned.
  const Script s = Script().sstore(1, 1).exit(to_i32(ExitCode::InsufficientBalance));
  const Receipt r = run(s);
  EXPECT_EQ(r.status, TxStatus::Revert);
  EXPECT_EQ(r.exit_code, to_i32(ExitCode::InsufficientBalance));
  EXPECT_EQ(chain.storage(a, 1), U256(0));
  EXPECT_EQ(r.gas_used, expected(s, {0}, 22100));
}

TEST_F(HostTest, ChildExitCodesReachTheParentThroughTheEvmResult) {
  // §2.4 -> §2.5: a revert-class child resumes its parent with -1; OutOfMemory comes back as
  // MemoryOutOfBounds; other halts keep their code.
  const std::pair<ExitCode, ExitCode> cases[] = {
      {ExitCode::InsufficientBalance, ExitCode::Panic},
      {ExitCode::OutOfMemory, ExitCode::MemoryOutOfBounds},
      {ExitCode::NotSupportedBytecode, ExitCode::NotSupportedBytecode},
  };
  for (const auto& [child_code, seen] : cases) {
    const Receipt r = run(Script().call(b, 0, Script().exit(to_i32(child_code))));
    ASSERT_EQ(r.status, TxStatus::Success);
    EXPECT_EQ(r.output, le32(to_i32(seen))) << runtime::exit_code_name(to_i32(child_code));
  }
}

TEST_F(HostTest, StaticContextForbidsStateChanges) {
  const Address x = addr(0x77);
  const Script write = Script().sstore(1, 1);
  const Script log = Script().emit_log({}, {});
  const Script pay = Script().call(x, 1, {});
  const Script create = Script().create(0, script);
  const Script twrite = Script().exec(TRANSIENT_WRITE, Bytes(64));
  for (const Script* inner : {&write, &log, &pay, &create, &twrite}) {
    const Receipt r = run(Script().static_call(b, *inner));
    ASSERT_EQ(r.status, TxStatus::Success);
    EXPECT_EQ(r.output, le32(to_i32(ExitCode::StateChangeDuringStaticCall)));
  }
  // The static flag is inherited through a CALL inside the static frame.
  const Receipt r = run(Script().static_call(b, Script().call(a, 0, write)));
  EXPECT_EQ(r.output, cat({le32(0), le32(to_i32(ExitCode::StateChangeDuringStaticCall))}));
  EXPECT_EQ(chain.storage(a, 1), U256(0));
  EXPECT_EQ(chain.storage(b, 1), U256(0));
  EXPECT_EQ(chain.balance(x), U256(0));
  // Reads are fine: the child's output comes back as return data.
  chain.put_storage(b, 4, 44);
  const Receipt read = run(Script().static_call(b, Script().sload(4)));
  EXPECT_EQ(read.output, cat({le32(0), le32(0), le256(44)}));
}

TEST_F(HostTest, RefundsOfASucceedingChildCountAndThoseOfAFailingChildAreDropped) {
  // §5.6: a child that succeeds passes its refund up; a reverted child's is dropped.
  chain.put_storage(b, 1, 5);
  chain.put_storage(b, 2, 5);
  const Script ok = Script().sstore(1, 0);                // 2100 + 100 + 2800, refund 4800
  const Script reverted = Script().sstore(2, 0).exit(-1);  // the same, then reverts
  const Script s = Script().call(b, 0, ok).call(b, 0, reverted);
  const Receipt r = run(s);
  ASSERT_EQ(r.status, TxStatus::Success);
  EXPECT_EQ(r.output, cat({le32(0), le32(0), le32(-1), le32(0)}));
  const uint64_t before_refund =
      expected(s, {4, 4}, 2600 + ok.execution_gas({0}) + 5000 + 100 + reverted.execution_gas({0}) + 5000);
  EXPECT_EQ(r.gas_refunded, 4800u);
  EXPECT_EQ(r.gas_used, before_refund - 4800);
  EXPECT_EQ(chain.storage(b, 1), U256(0));
  EXPECT_EQ(chain.storage(b, 2), U256(5));
}

TEST_F(HostTest, DelegateCallRunsTheCalleeOnTheCallersState) {
  const Receipt r = run(Script().delegate_call(b, Script().sstore(5, 9)));
  ASSERT_EQ(r.status, TxStatus::Success);
  EXPECT_EQ(chain.storage(a, 5), U256(9));
  EXPECT_EQ(chain.storage(b, 5), U256(0));
}

TEST_F(HostTest, DepthLimitStopsTheChildOfDepth1024) {
  const Address d = addr(0xde);
  chain.put(d, 0, 1, wasm("depth"));
  // Each level forwards 63/64 of its gas: (63/64)^1024 ~ 1e-7, so start with 10^13 gas.
  chain.env.gas_limit = 10'000'000'000'000;
  const Receipt r = chain.apply(call_tx(sender, d, {}, 10'000'000'000'000));
  ASSERT_EQ(r.status, TxStatus::Success);
  // Frames at depths 0..1024 ran; the CALL from depth 1024 returned -1 without running.
  EXPECT_EQ(chain.storage(d, 0), U256(1025));
  EXPECT_EQ(r.interruptions, 3u * 1025);
}

TEST_F(HostTest, DeepFramesDoNotDependOnTheCallersStack) {
  // The host runs blocks on its own stack: 1025 nested frames from a 256 KiB thread are fine.
  const Address d = addr(0xde);
  chain.put(d, 0, 1, wasm("depth"));
  chain.env.gas_limit = 10'000'000'000'000;
  Receipt r;
  pthread_attr_t attr;
  ASSERT_EQ(pthread_attr_init(&attr), 0);
  ASSERT_EQ(pthread_attr_setstacksize(&attr, 256u << 10), 0);
  struct Job {
    Chain* chain;
    Transaction tx;
    Receipt* r;
  } job{&chain, call_tx(sender, d, {}, 10'000'000'000'000), &r};
  pthread_t thread;
  ASSERT_EQ(pthread_create(
                &thread, &attr,
                [](void* arg) -> void* {
                  auto* j = static_cast<Job*>(arg);
                  *j->r = j->chain->apply(j->tx);
                  return nullptr;
                },
                &job),
            0);
  pthread_join(thread, nullptr);
  pthread_attr_destroy(&attr);
  ASSERT_EQ(r.status, TxStatus::Success);
  EXPECT_EQ(chain.storage(d, 0), U256(1025));
}

TEST_F(HostTest, WorkedExampleTwoNestedCalls) {
  // protocol.md §5.10 shape with Interlude's fuel numbers (see wat/nested_call.wat, wat/leaf.wat):
  // A and B: 1969 fuel -> 99 gas each; C: 1212 + 580 + 920 fuel -> 61 + 29 + 46 gas.
  // 21000 + 2 x (100 warm base + 2500 cold) + 99 + 99 + 136 = 26534.
  Address a_leaf, b_leaf;
  a_leaf.bytes.fill(0xaa);
  b_leaf.bytes.fill(0xbb);
  const Address c = addr(0xcc);
  chain.put(a_leaf, 0, 1, wasm("leaf"));
  chain.put(b_leaf, 0, 1, wasm("leaf"));
  chain.put(c, 0, 1, wasm("nested_call"));
  RecordingTracer tracer;
  const BlockResult block =
      chain.apply({call_tx(sender, c, {}, 26534), call_tx(sender, c, {}, 26533)}, &tracer);
  const Receipt& ok = block.receipts[0];
  EXPECT_EQ(ok.status, TxStatus::Success);
  EXPECT_EQ(ok.output, (Bytes{0xaa, 0xbb}));
  EXPECT_EQ(ok.gas_used, 26534u);
  EXPECT_EQ(ok.interruptions, 2u);
  // One gas less: C cannot pay its last segment (46 gas with 45 left).
  const Receipt& short_of_one = block.receipts[1];
  EXPECT_EQ(short_of_one.status, TxStatus::Halt);
  EXPECT_EQ(short_of_one.exit_code, to_i32(ExitCode::OutOfFuel));
  EXPECT_EQ(short_of_one.gas_used, 26533u);
  const std::vector<std::string> first_tx(tracer.events.begin(), tracer.events.begin() + 8);
  EXPECT_EQ(first_tx, (std::vector<std::string>{"start 0 CALL", "start 1 CALL", "end 1 0", "int 0 1 CALL 0",
                                                "start 1 CALL", "end 1 0", "int 0 2 CALL 0", "end 0 0"}));
}

TEST_F(HostTest, CallIdsCountSyscallsOfATransactionFromOne) {
  const Script s = Script().call(b, 0, Script().sload(1)).sload(2);
  RecordingTracer tracer;
  const BlockResult block = chain.apply({call_tx(sender, a, s, kGas), call_tx(sender, a, s, kGas)}, &tracer);
  EXPECT_EQ(block.receipts[0].interruptions, 3u);
  EXPECT_EQ(block.receipts[1].interruptions, 3u);
  // The child's STORAGE_READ (call_id 2) is served before the parent's CALL (1) completes.
  EXPECT_EQ(tracer.call_ids, (std::vector<uint32_t>{2, 1, 3, 2, 1, 3}));
  EXPECT_EQ(tracer.events[0], "start 0 CALL");
  EXPECT_EQ(tracer.events[2], "int 1 2 STORAGE_READ 0");
}

TEST_F(HostTest, ContextHeaderCarriesBlockTransactionAndFrame) {
  const Address e = addr(0xec);
  chain.put(e, 0, 1, wasm("echo"));
  chain.env.chain_id = 0x0102030405060708;
  chain.env.timestamp = 1234;
  chain.env.number = 56;
  chain.env.difficulty = 0x1234;
  chain.env.prev_randao[0] = 0x77;
  chain.env.gas_limit = 30'000'000;
  chain.env.base_fee = 3;
  Transaction tx = call_tx(sender, e, bytes("zz"), 500'000, 9);
  tx.gas_price = 5;
  tx.max_priority_fee_per_gas = U256(1);
  const Receipt r = chain.apply(tx);
  ASSERT_EQ(r.status, TxStatus::Success);
  ASSERT_EQ(r.output.size(), 1024u + 2);
  const uint8_t* h = r.output.data();
  auto u64_at = [&](size_t off) { return load_u64_le(h + off); };
  auto word_at = [&](size_t off) { return U256::from_be(*Bytes32::from(ByteView(h + off, 32))); };
  auto addr_at = [&](size_t off) { return *Address::from(ByteView(h + off, 20)); };
  EXPECT_EQ(u64_at(0), 0x0102030405060708u);
  EXPECT_EQ(addr_at(8), chain.env.coinbase);
  EXPECT_EQ(u64_at(28), 1234u);
  EXPECT_EQ(u64_at(36), 56u);
  EXPECT_EQ(word_at(44), U256(0x1234));
  EXPECT_EQ(h[76], 0x77);
  EXPECT_EQ(u64_at(108), 30'000'000u);
  EXPECT_EQ(word_at(116), U256(3));
  EXPECT_EQ(u64_at(148), 500'000u);
  EXPECT_EQ(u64_at(156), 0u);  // tx nonce
  EXPECT_EQ(word_at(164), U256(5));
  EXPECT_EQ(h[196], 1);
  EXPECT_EQ(word_at(197), U256(1));
  EXPECT_EQ(addr_at(229), sender);  // origin
  EXPECT_EQ(word_at(249), U256(9));
  EXPECT_EQ(addr_at(281), e);       // contract.address
  EXPECT_EQ(addr_at(301), e);       // contract.bytecode_address
  EXPECT_EQ(addr_at(321), sender);  // contract.caller
  EXPECT_EQ(h[341], 0);
  EXPECT_EQ(word_at(342), U256(9));
  EXPECT_EQ(u64_at(374), 500'000u - intrinsic_gas(tx));  // contract.gas_limit
  EXPECT_TRUE(std::all_of(h + 382, h + 1024, [](uint8_t v) { return v == 0; }));
  EXPECT_EQ(Bytes(h + 1024, h + 1026), bytes("zz"));

  // DELEGATECALL from a: the state account and caller are a's, the code is e's; STATIC_CALL sets is_static.
  chain.env.base_fee = 0;
  const Receipt d = run(Script().delegate_call(e, {}));
  ASSERT_EQ(d.output.size(), 4u + 1024);
  const uint8_t* dh = d.output.data() + 4;
  EXPECT_EQ(*Address::from(ByteView(dh + 281, 20)), a);
  EXPECT_EQ(*Address::from(ByteView(dh + 301, 20)), e);
  EXPECT_EQ(*Address::from(ByteView(dh + 321, 20)), sender);
  const Receipt s = run(Script().static_call(e, {}));
  ASSERT_EQ(s.output.size(), 4u + 1024);
  EXPECT_EQ(s.output[4 + 341], 1);
  EXPECT_EQ(*Address::from(ByteView(s.output.data() + 4 + 321, 20)), a);
}

}  // namespace
}  // namespace interlude::host::test
