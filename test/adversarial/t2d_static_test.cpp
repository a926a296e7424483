// docs/adversarial-cases.md §2.D: static context. Every mutating syscall under STATICCALL halts
// StateChangeDuringStaticCall (-1010) with all of the static frame's gas consumed and no effect;
// the flag is inherited through every call scheme; reads stay OK (protocol.md §4.2, §4.3).
#include "adv_fixture.h"

namespace interlude::host::test::adv {
namespace {

/// Gas forwarded to each static child (its fuel limit is 20 × this).
constexpr uint64_t kChildGas = 5000;

class StaticTest : public HostTest {
 protected:
  const Address c = addr(0xc1), d = addr(0xc2);
  StaticTest() {
    chain.put(c, 0, 1, script);
    chain.put(d, 0, 1, script);
  }
  /// a STATIC_CALLs `to` with program `inner`, forwarding kChildGas.
  static Script static_into(const Address& to, const Script& inner) {
    return Script().exec(STATIC_CALL, cat({raw(to), inner}), 20 * kChildGas);
  }
  void expect_untouched() {
    for (const Address& x : {a, b, c, d}) {
      EXPECT_EQ(chain.storage(x, 1), U256(0));
      EXPECT_EQ(chain.nonce(x), 1u);
      EXPECT_EQ(chain.code(x), script);
    }
    EXPECT_EQ(chain.balance(a), U256(1000));
    EXPECT_EQ(chain.balance(b), U256(0));
  }
};

TEST_F(StaticTest, T46_StaticStorageLogCreateDestroy) {
  const struct {
    const char* name;
    Script inner;
    ExitCode expected;
  } cases[] = {
      {"STORAGE_WRITE", Script().sstore(1, 1), ExitCode::StateChangeDuringStaticCall},
      {"TRANSIENT_WRITE", Script().exec(TRANSIENT_WRITE, cat({le256(1), le256(1)})),
       ExitCode::StateChangeDuringStaticCall},
      {"EMIT_LOG", Script().emit_log({topic(7)}, bytes("x")), ExitCode::StateChangeDuringStaticCall},
      {"CREATE", Script().create(0, script), ExitCode::StateChangeDuringStaticCall},
      {"CREATE2", Script().create2(0, 1, script), ExitCode::StateChangeDuringStaticCall},
      {"DESTROY_ACCOUNT", Script().exec(DESTROY_ACCOUNT, raw(sender)), ExitCode::StateChangeDuringStaticCall},
      // §4.4: DESTROY_ACCOUNT checks its length before the static flag; both are halts.
      {"DESTROY_ACCOUNT/19", Script().exec(DESTROY_ACCOUNT, Bytes(19)), ExitCode::MalformedBuiltinParams},
  };
  for (const auto& k : cases) {
    const Script s = static_into(b, k.inner);
    const Receipt r = run(s);
    ASSERT_EQ(r.status, TxStatus::Success) << k.name;
    // The caller's _exec returns the halt code with empty return data and continues.
    EXPECT_EQ(r.output, code(k.expected)) << k.name;
    // Cold access of b (2600) plus all the gas forwarded to the halted frame.
    EXPECT_EQ(r.gas_used, expected(s, {0}, 2600 + kChildGas)) << k.name;
    EXPECT_TRUE(r.logs.empty()) << k.name;
    expect_untouched();
    EXPECT_FALSE(chain.state().account(create_address(b, 1))) << k.name;
    EXPECT_FALSE(chain.state().account(create2_address(b, U256(1).to_be(), script))) << k.name;
  }
  // The halted TRANSIENT_WRITE left nothing behind within the same transaction.
  const Script t =
      Script()
          .exec(STATIC_CALL, cat({raw(b), Script().exec(TRANSIENT_WRITE, cat({le256(1), le256(1)}))}), 20 * kChildGas)
          .call(b, 0, Script().exec(TRANSIENT_READ, le256(1)));
  EXPECT_EQ(run(t).output, cat({code(ExitCode::StateChangeDuringStaticCall), le32(0), le32(0), le256(0)}));
}

TEST_F(StaticTest, T46_ReadsAreAllowedInAStaticFrame) {
  chain.put_storage(b, 1, 11);
  const Script inner = Script().sload(1).exec(TRANSIENT_READ, le256(1)).exec(BALANCE, raw(a));
  const Script s = static_into(b, inner);
  const Receipt r = run(s);
  ASSERT_EQ(r.status, TxStatus::Success);
  EXPECT_EQ(r.output, cat({le32(0), le32(0), le256(11), le32(0), le256(0), le32(0), le256(1000)}));
  // b: its execution, cold SLOAD 2100, TLOAD 100, BALANCE of the warm a 100.
  const uint64_t child = inner.execution_gas({32, 32, 32}) + 2100 + 100 + 100;
  EXPECT_EQ(r.gas_used, expected(s, {3 * 36}, 2600 + child));
}

TEST_F(StaticTest, T48_StaticFlagPropagation) {
  // STATICCALL a -> b, b CALL(value 0) c, c DELEGATECALL d, d mutates: d halts -1010, c sees it.
  for (const Script& mutate :
       {Script().sstore(1, 1), Script().create2(0, 1, script), Script().emit_log({}, bytes("L"))}) {
    const Script c_prog = Script().delegate_call(d, mutate);
    const Script b_prog = Script().call(c, 0, c_prog);
    const Receipt r = run(Script().static_call(b, b_prog));
    ASSERT_EQ(r.status, TxStatus::Success);
    EXPECT_EQ(r.output, cat({le32(0), le32(0), code(ExitCode::StateChangeDuringStaticCall)}));
    EXPECT_TRUE(r.logs.empty());
    expect_untouched();
    EXPECT_FALSE(chain.state().account(create2_address(c, U256(1).to_be(), script)));
  }
  // a -> b by STATICCALL, b -> c by CALL_CODE (value 0): c runs on b's account, still static.
  const Receipt r = run(Script().static_call(b, Script().call_code(c, 0, Script().sstore(1, 1))));
  ASSERT_EQ(r.status, TxStatus::Success);
  EXPECT_EQ(r.output, cat({le32(0), code(ExitCode::StateChangeDuringStaticCall)}));
  expect_untouched();
}

TEST_F(StaticTest, T49_StaticMetadataMutations) {
  const Address owner = addr(0x91), w = addr(0xd1);
  chain.put(owner, 0, 1, script);
  chain.put(w, 0, 1, ownable(owner, bytes("meta")));
  for (const Script& inner :
       {Script().exec(METADATA_CREATE, Bytes(32)), Script().exec(METADATA_WRITE, cat({raw(w), le32(0), bytes("zz")})),
        Script().exec(METADATA_STORAGE_WRITE, cat({le256(1), le256(9)}))}) {
    const Script s = static_into(w, inner);
    const Receipt r = run(s);
    ASSERT_EQ(r.status, TxStatus::Success);
    EXPECT_EQ(r.output, code(ExitCode::StateChangeDuringStaticCall));
    EXPECT_EQ(r.gas_used, expected(s, {0}, 2600 + kChildGas));
    EXPECT_EQ(chain.code(w), ownable(owner, bytes("meta")));
    EXPECT_EQ(chain.storage(owner, 1), U256(0));
    const Bytes32 h = keccak256(cat({Bytes{0x44}, raw(owner), Bytes(32)}));
    EXPECT_FALSE(chain.state().account(*Address::from(ByteView(h.data() + 12, 20))));
  }
  // Read-only metadata syscalls are OK (own account: length 4, same runtime, warm, not empty).
  chain.put_storage(owner, 1, 5);
  const Script reads = Script()
                           .exec(METADATA_SIZE, raw(w))
                           .exec(METADATA_COPY, copy_input(w, 0, 4))
                           .exec(METADATA_STORAGE_READ, le256(1))
                           .exec(METADATA_ACCOUNT_OWNER, raw(w));
  const Receipt r = run(Script().static_call(w, reads));
  ASSERT_EQ(r.status, TxStatus::Success);
  EXPECT_EQ(r.output, cat({le32(0), le32(0), Bytes{4, 0, 0, 0, 1, 0, 0}, le32(0), bytes("meta"), le32(0), le256(5),
                           le32(0), raw(owner)}));
}

TEST_F(StaticTest, T52_StaticUpgrade) {
  const Address upgrader = runtime_address(kRuntimeUpgrade), target = addr(0x71);
  chain.put(upgrader, 0, 1, script);
  chain.put(target, 0, 1, script);
  for (const Script& inner : {Script().exec(UPGRADE_WASM_RUNTIME, cat({raw(target), wasm("leaf")})),
                              Script().exec(UPGRADE_EVM_RUNTIME, cat({raw(target), Bytes{0x60, 0x00}}))}) {
    const Script s = static_into(upgrader, inner);
    const Receipt r = run(s);
    ASSERT_EQ(r.status, TxStatus::Success);
    EXPECT_EQ(r.output, code(ExitCode::StateChangeDuringStaticCall));
    EXPECT_EQ(r.gas_used, expected(s, {0}, 2600 + kChildGas));
    EXPECT_EQ(chain.code(target), script);
  }
}

}  // namespace
}  // namespace interlude::host::test::adv
