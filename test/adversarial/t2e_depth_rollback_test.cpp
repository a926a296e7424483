// docs/adversarial-cases.md §2.E: reentrancy, depth and rollback (protocol.md §5.9, §2.4, §5.6).
#include <pthread.h>

#include <algorithm>
#include <map>
#include <string>

#include "adv_fixture.h"

namespace interlude::host::test::adv {
namespace {

/// Records the gas_used and exit code of every frame_end, by depth (last one wins).
class FrameGasTracer : public RecordingTracer {
 public:
  std::map<uint32_t, std::pair<int32_t, uint64_t>> last_end;
  void frame_end(uint32_t depth, int32_t exit_code, uint64_t gas_used, uint64_t output_len) override {
    RecordingTracer::frame_end(depth, exit_code, gas_used, output_len);
    last_end[depth] = {exit_code, gas_used};
  }
};

/// Runs `tx` on `chain` from a thread whose native stack is `stack` bytes.
Receipt apply_on_stack(Chain& chain, const Transaction& tx, size_t stack, Tracer* tracer) {
  struct Job {
    Chain* chain;
    const Transaction* tx;
    Tracer* tracer;
    Receipt r;
  } job{&chain, &tx, tracer, {}};
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, stack);
  pthread_t thread;
  const auto body = [](void* arg) -> void* {
    auto* j = static_cast<Job*>(arg);
    j->r = j->chain->apply(*j->tx, j->tracer);
    return nullptr;
  };
  EXPECT_EQ(pthread_create(&thread, &attr, body, &job), 0);
  pthread_join(thread, nullptr);
  pthread_attr_destroy(&attr);
  return job.r;
}

TEST_F(HostTest, T54_CallDepthLimit) {
  // wat/depth.wat (test/host): each level increments slot 0 and CALLs itself with 63/64 of its gas,
  // ignoring the result. Both runs use a 1 MiB native stack for the caller's thread.
  const Address d = addr(0xde);
  chain.put(d, 0, 1, wasm("depth"));
  chain.env.gas_limit = 10'000'000'000'000;
  // (a) Enough gas for the 63/64 rule not to starve the chain: frames at depths 0..1024 run; the
  // CALL issued at depth 1024 (a child at depth 1025) fails without running. Interlude follows
  // protocol.md §5.9 (the reference's REVM flow): CallTooDeep is revert-class and the parent's
  // _exec returns -1 (Panic), not CallDepthOverflow (-1004), which guards only runtime-level
  // nesting. The transaction succeeds and every level unwinds.
  FrameGasTracer tracer;
  const Receipt r = apply_on_stack(chain, call_tx(sender, d, {}, 10'000'000'000'000), 1u << 20, &tracer);
  ASSERT_EQ(r.status, TxStatus::Success);
  EXPECT_EQ(chain.storage(d, 0), U256(1025));
  EXPECT_EQ(r.interruptions, 3u * 1025);
  EXPECT_EQ(tracer.last_end.size(), 1025u);  // depths 0..1024, nothing deeper
  EXPECT_EQ(tracer.last_end.rbegin()->first, 1024u);
  // call_ids are transaction-scoped, so match the depth-1024 CALL by depth and result only.
  const auto calls_at_1024 = std::count_if(tracer.events.begin(), tracer.events.end(), [](const std::string& e) {
    return e.starts_with("int 1024 ") && e.ends_with(" CALL -1");
  });
  EXPECT_EQ(calls_at_1024, 1);
  for (const auto& [depth, end] : tracer.last_end) EXPECT_EQ(end.first, 0) << depth;

  // (b) A plain transaction with 10^8 gas: the chain ends by gas exhaustion in the deepest frame
  // (OutOfFuel), every caller gets the failure from _exec and unwinds; identical on a rerun.
  uint64_t gas_used[2];
  U256 reached[2];
  for (int run = 0; run < 2; ++run) {
    Chain fresh;
    fresh.put(sender, kWei);
    fresh.put(d, 0, 1, wasm("depth"));
    FrameGasTracer t;
    const Receipt b = apply_on_stack(fresh, call_tx(sender, d, {}, 100'000'000), 1u << 20, &t);
    ASSERT_EQ(b.status, TxStatus::Success);
    EXPECT_LE(b.gas_used, 100'000'000u);
    const uint32_t deepest = t.last_end.rbegin()->first;
    EXPECT_LT(deepest, 1024u);
    EXPECT_EQ(t.last_end[deepest].first, to_i32(ExitCode::OutOfFuel));
    for (uint32_t depth = 0; depth < deepest; ++depth) EXPECT_EQ(t.last_end[depth].first, 0) << depth;
    // The frames below the one that ran out of gas committed their increments.
    EXPECT_EQ(fresh.storage(d, 0), U256(deepest));
    gas_used[run] = b.gas_used;
    reached[run] = fresh.storage(d, 0);
  }
  EXPECT_EQ(gas_used[0], gas_used[1]);
  EXPECT_EQ(reached[0], reached[1]);
}

TEST_F(HostTest, T55_DeepWasmRecursionAndOperandStack) {
  // (a) `func f call f end`: a deterministic trap, all gas, the host alive (and the same twice).
  const Address rec = addr(0xe5), params = addr(0xe7);
  chain.put(rec, 0, 1, wasm("e_recurse"));
  for (int i = 0; i < 2; ++i) {
    const Receipt r = chain.apply(call_tx(sender, rec, {}, 10'000'000));
    EXPECT_EQ(r.status, TxStatus::Halt);
    EXPECT_EQ(r.exit_code, to_i32(ExitCode::StackOverflow));
    EXPECT_EQ(r.gas_used, 10'000'000u);
  }
  // (b) 8,200 i32.const then 8,200 drop. Interlude's contract value stack holds
  // CONTRACT_MAX_VALUE_STACK = 65,536 cells (runtime/executor.h), not rWasm's 8,192 slots, so this
  // valid module deploys and runs correctly. 65,600 pushes exceed it: the engine checks each
  // function's maximum operand-stack height at validation, so deployment is REJECTed
  // (MalformedBuiltinParams, all gas) and the stack can never overflow at run time.
  const auto pushes = [](uint32_t n) {
    Bytes body{0x00};
    for (uint32_t i = 0; i < n; ++i) body.insert(body.end(), {0x41, 0x00});
    body.insert(body.end(), n, 0x1a);
    body.push_back(0x0b);
    return module_with_main(body);
  };
  const Receipt deploy = chain.apply(create_tx(sender, pushes(8200), 10'000'000));
  ASSERT_EQ(deploy.status, TxStatus::Success);
  const Receipt ok = chain.apply(call_tx(sender, *deploy.created_address, {}, 1'000'000));
  EXPECT_EQ(ok.status, TxStatus::Success);
  chain.env.gas_limit = 30'000'000;
  const Bytes too_deep = pushes(65'600);
  const Receipt w = chain.apply(create_tx(sender, too_deep, 30'000'000));
  EXPECT_EQ(w.status, TxStatus::Halt);
  EXPECT_EQ(w.exit_code, to_i32(ExitCode::MalformedBuiltinParams));
  EXPECT_EQ(w.gas_used, 30'000'000u);
  EXPECT_FALSE(chain.state().account(create_address(sender, chain.nonce(sender) - 1)));
  // (c) 40 parameters: correct values, no stack corruption.
  chain.put(params, 0, 1, wasm("e_params40"));
  const Receipt p = chain.apply(call_tx(sender, params, {}, 1'000'000));
  ASSERT_EQ(p.status, TxStatus::Success);
  EXPECT_EQ(p.output, cat({le32(820), le32(1), le32(40)}));
}

class RollbackTest : public HostTest {
 protected:
  const Address c = addr(0xc1);
  static constexpr uint64_t kBGas = 200'000;  ///< gas forwarded to B
  RollbackTest() { chain.put(c, 0, 1, script); }
};

TEST_F(RollbackTest, T56_RevertAndHaltRollBackNestedEffects) {
  const Script c_prog = Script()
                            .sstore(1, 1)
                            .emit_log({topic(0xc)}, bytes("Lc"))
                            .exec(TRANSIENT_WRITE, cat({le256(1), le256(1)}))
                            .exit(0);
  const Script b_common = Script().sstore(1, 1).emit_log({topic(0xb)}, bytes("Lb")).call(c, 0, c_prog);
  const Bytes c_out = cat({le32(0), le32(0), le32(0)});
  const Bytes b_out = cat({le32(0), le32(0), le32(0), c_out});
  for (int variant = 0; variant < 2; ++variant) {
    const Script b_prog = variant == 0 ? Script(b_common).exit(-1) : Script(b_common).trap();
    const Script s = Script()
                         .sstore(1, 1)
                         .emit_log({topic(0xa)}, bytes("La"))
                         .call(b, 0, b_prog, 20 * kBGas)
                         .call(c, 0, Script().exec(TRANSIENT_READ, le256(1)));
    RecordingTracer tracer;
    const Receipt r = chain.apply(call_tx(sender, a, s, 2'000'000), &tracer);
    ASSERT_EQ(r.status, TxStatus::Success) << variant;
    // Variant 1 returns B's output as revert data; variant 2 (unreachable) returns nothing.
    const Bytes b_result = variant == 0 ? cat({le32(-1), b_out}) : code(ExitCode::UnreachableCodeReached);
    // A reads C's transient slot after B failed: 0, the TSTORE was reverted with B's subtree.
    EXPECT_EQ(r.output, cat({le32(0), le32(0), b_result, le32(0), le32(0), le256(0)})) << variant;
    EXPECT_EQ(chain.storage(a, 1), U256(1));
    EXPECT_EQ(chain.storage(b, 1), U256(0));
    EXPECT_EQ(chain.storage(c, 1), U256(0));
    ASSERT_EQ(r.logs.size(), 1u);
    EXPECT_EQ(r.logs[0].address, a);
    EXPECT_EQ(r.logs[0].topics, std::vector<Bytes32>{topic(0xa)});
    EXPECT_EQ(r.logs[0].data, bytes("La"));
    // B's frame is the first depth-1 frame to end (before the TRANSIENT_READ call of C).
    const auto b_end = std::find_if(tracer.events.begin(), tracer.events.end(),
                                    [](const std::string& e) { return e.starts_with("end 1 "); });
    ASSERT_NE(b_end, tracer.events.end());
    EXPECT_EQ(*b_end, variant == 0 ? "end 1 -1" : "end 1 -2001");
  }
}

TEST_F(RollbackTest, T56_RevertReturnsUnusedGasAndHaltConsumesAll) {
  // The same B (an SSTORE, then fail) under both failure kinds: the frame's gas_used as the tracer
  // reports it is exactly its spend for the revert, and all kBGas for the trap.
  for (int variant = 0; variant < 2; ++variant) {
    const Script b_prog = variant == 0 ? Script().sstore(1, 1).exit(-1) : Script().sstore(1, 1).trap();
    FrameGasTracer tracer;
    const Receipt r = chain.apply(call_tx(sender, a, Script().call(b, 0, b_prog, 20 * kBGas), 2'000'000), &tracer);
    ASSERT_EQ(r.status, TxStatus::Success);
    const uint64_t spent = b_prog.execution_gas({0}) + 22100;  // its execution and the cold SSTORE set
    EXPECT_EQ(tracer.last_end.at(1), std::make_pair(variant == 0 ? -1 : to_i32(ExitCode::UnreachableCodeReached),
                                                    variant == 0 ? spent : kBGas));
  }
}

TEST_F(RollbackTest, T57_CreateCollisionRollbackAndValueFailures) {
  const Bytes init = script;  // deploy runs the empty program: OK
  const U256 salt(0x5a);
  const Address x = create2_address(b, salt.to_be(), init);
  const Address over_call = addr(0x77);
  const Script create = Script().create2(0, salt, init);
  const Script s = Script()
                       .call(b, 0, Script(create).exit(-1))  // 1: created, then rolled back with B
                       .call(b, 0, create)                   // 2: created at x
                       .call(b, 0, create)                   // 3: collision
                       .call(over_call, 5000, {})            // a has 1000 wei
                       .create(5000, init);
  const Receipt r = chain.apply(call_tx(sender, a, s, 5'000'000));
  ASSERT_EQ(r.status, TxStatus::Success);
  EXPECT_EQ(r.output, cat({le32(-1), le32(0), raw(x),                         // 1: revert data
                           le32(0), le32(0), raw(x),                          // 2
                           le32(0), code(ExitCode::CreateContractCollision),  // 3: SOFT
                           le32(-1),                                          // over-balance CALL
                           le32(-1)}));                                       // over-balance CREATE
  EXPECT_EQ(chain.code(x), init);
  EXPECT_EQ(chain.nonce(x), 1u);
  // B's nonce: call 1's bump was rolled back with B; calls 2 and 3 bump it (EVM: a colliding
  // CREATE2 still increments the creator's nonce).
  EXPECT_EQ(chain.nonce(b), 3u);
  // No transfer and nothing executed or created for the over-balance attempts.
  EXPECT_EQ(chain.balance(a), U256(1000));
  EXPECT_FALSE(chain.state().account(over_call));
  EXPECT_EQ(chain.nonce(a), 1u);
  EXPECT_FALSE(chain.state().account(create_address(a, 1)));
}

}  // namespace
}  // namespace interlude::host::test::adv
