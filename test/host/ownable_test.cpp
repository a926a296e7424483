// Ownable accounts and routing (protocol.md §7, §5.3): an ownable account runs its owner's code on
// its own state; the METADATA_* syscalls (§4.4) serve only such frames; the delegated runtimes
// refuse direct calls; runtime upgrades are gated to PRECOMPILE_RUNTIME_UPGRADE. Exact gas.
#include <gtest/gtest.h>

#include "host_fixture.h"
#include "interlude/common/keccak.h"
#include "interlude/runtime/exit_code.h"

namespace interlude::host::test {
namespace {

using runtime::ExitCode;
using runtime::to_i32;

uint64_t gas_of(uint64_t fuel) { return (fuel + 19) / 20; }
template <size_t N>
Bytes raw(const FixedBytes<N>& x) {
  return Bytes(x.bytes.begin(), x.bytes.end());
}
/// Ownable account code (§7.1): EF 44 00 ‖ owner ‖ metadata.
Bytes ownable(const Address& owner, ByteView metadata) { return cat({Bytes{0xEF, 0x44, 0x00}, raw(owner), metadata}); }
/// 0x00..00 ‖ `low` (§7.5 addresses).
Address runtime_address(uint32_t low) {
  Address x;
  for (int i = 0; i < 4; ++i) x[19 - i] = uint8_t(low >> (8 * i));
  return x;
}
/// METADATA_COPY input: address ‖ offset u32 LE ‖ length u32 LE.
Bytes copy_input(const Address& who, uint32_t offset, uint32_t len) {
  return cat({raw(who), le32(int32_t(offset)), le32(int32_t(len))});
}
/// METADATA_CREATE address (§7.8): keccak256(0x44 ‖ owner ‖ salt BE)[12..].
Address metadata_address(const Address& owner, const Bytes32& salt) {
  const Bytes32 h = keccak256(cat({Bytes{0x44}, raw(owner), raw(salt)}));
  return *Address::from(ByteView(h.data() + 12, 20));
}

/// `w`: an ownable account with metadata "meta" owned by `owner`, a script contract; `v`: one
/// owned by another runtime.
class OwnableTest : public HostTest {
 protected:
  const Address owner = addr(0x91);
  const Address w = addr(0xd1);
  const Address v = addr(0xd2);

  OwnableTest() {
    chain.put(owner, 0, 1, script);
    chain.put(w, 0, 1, ownable(owner, bytes("meta")));
    chain.put(v, 0, 1, ownable(addr(0x92), bytes("other")));
  }
  /// Runs program `s` as w (the owner's script code on w's account).
  Receipt run_w(const Script& s, uint64_t gas = kGas) { return chain.apply(call_tx(sender, w, s, gas)); }
};

TEST_F(OwnableTest, AnOwnableAccountRunsItsOwnersCodeOnItsOwnState) {
  const Script s = Script().sstore(1, 5).exec(METADATA_ACCOUNT_OWNER, raw(w));
  const Receipt r = run_w(s);
  ASSERT_EQ(r.status, TxStatus::Success);
  EXPECT_EQ(r.output, cat({le32(0), le32(0), raw(owner)}));
  EXPECT_EQ(chain.storage(w, 1), U256(5));
  EXPECT_EQ(chain.storage(owner, 1), U256(0));
  EXPECT_EQ(r.gas_used, expected(s, {0, 20}, 22100));
  // The context header names the ownable account as address and bytecode address.
  const Address echo_owner = addr(0x93), e = addr(0xd3);
  chain.put(echo_owner, 0, 1, wasm("echo"));
  chain.put(e, 0, 1, ownable(echo_owner, {}));
  const Receipt h = chain.apply(call_tx(sender, e, {}, kGas));
  ASSERT_EQ(h.output.size(), 1024u);
  EXPECT_EQ(*Address::from(ByteView(h.output.data() + 281, 20)), e);
  EXPECT_EQ(*Address::from(ByteView(h.output.data() + 301, 20)), e);
  // A DELEGATE_CALL to w runs the owner's code on a's state, with the owner as account owner.
  const Receipt d = run(Script().delegate_call(w, Script().sstore(2, 6).exec(METADATA_ACCOUNT_OWNER, raw(a))));
  EXPECT_EQ(d.output, cat({le32(0), le32(0), le32(0), raw(owner)}));
  EXPECT_EQ(chain.storage(a, 2), U256(6));
}

TEST_F(OwnableTest, DelegatedRuntimesAndCodeLessOwnersRefuseToRun) {
  // §5.3 step 3: EVM, SVM, Universal Token and WASM runtime addresses cannot be called directly,
  // code or not (Halt NotSupportedBytecode, all gas). §5.3 step 5: an ownable account whose
  // owner holds no wasm module (the EVM runtime in Interlude, or another ownable account) too.
  const Address evm_owned = addr(0xd4), nested = addr(0xd5);
  chain.put(evm_owned, 0, 1, ownable(runtime_address(0x520001), bytes("evm metadata")));
  chain.put(nested, 0, 1, ownable(w, {}));
  chain.put(runtime_address(0x520009), 0, 1, script);
  for (const Address& to : {runtime_address(0x520001), runtime_address(0x520003), runtime_address(0x520008),
                            runtime_address(0x520009), evm_owned, nested}) {
    const Receipt r = chain.apply(call_tx(sender, to, {}, 100'000));
    EXPECT_EQ(r.status, TxStatus::Halt) << to_hex(to);
    EXPECT_EQ(r.exit_code, to_i32(ExitCode::NotSupportedBytecode)) << to_hex(to);
    EXPECT_EQ(r.gas_used, 100'000u);
  }
  // Through syscalls: the child halts, the caller sees -1009 (and loses the child's gas).
  const Script s = Script()
                       .exec(CALL, cat({raw(runtime_address(0x520009)), le256(0)}), 20 * 1000)
                       .exec(DELEGATE_CALL, raw(runtime_address(0x520008)), 20 * 1000)
                       .exec(CALL_CODE, cat({raw(runtime_address(0x520003)), le256(0)}), 20 * 1000)
                       .exec(STATIC_CALL, raw(runtime_address(0x520001)), 20 * 1000);
  const Receipt r = run(s);
  const Bytes refused = le32(to_i32(ExitCode::NotSupportedBytecode));
  EXPECT_EQ(r.output, cat({refused, refused, refused, refused}));
  EXPECT_EQ(r.gas_used, expected(s, {0, 0, 0, 0}, 4 * (2600 + 1000)));
  // A plain value transfer to a delegated runtime is refused as well.
  const Receipt pay = chain.apply(call_tx(sender, runtime_address(0x520008), {}, 100'000, 1));
  EXPECT_EQ(pay.exit_code, to_i32(ExitCode::NotSupportedBytecode));
  EXPECT_EQ(chain.balance(runtime_address(0x520008)), U256(0));
}

TEST_F(OwnableTest, CreateRoutesOnlyWasmInitCode) {
  // Profile "other init code": EVM bytecode, "ERC " (Universal Token) and ELF (SVM) init code.
  const uint8_t evm[] = {0x60, 0x00, 0x60, 0x00, 0xf3};
  const uint8_t erc[] = {'E', 'R', 'C', ' ', 1};
  const uint8_t elf[] = {0x7f, 'E', 'L', 'F', 2};
  for (ByteView init : {ByteView(evm), ByteView(erc), ByteView(elf)}) {
    const Receipt r = chain.apply(create_tx(sender, init, 100'000));
    EXPECT_EQ(r.status, TxStatus::Halt);
    EXPECT_EQ(r.exit_code, to_i32(ExitCode::NotSupportedBytecode));
    EXPECT_EQ(r.gas_used, 100'000u);
  }
}

TEST_F(OwnableTest, MetadataSyscallsNeedAnAccountOwner) {
  // a is a plain contract: every metadata syscall halts MalformedBuiltinParams, even with a valid input.
  const Bytes inputs[] = {cat({raw(a), le32(0)}), raw(a), Bytes(32), copy_input(a, 0, 1), Bytes(32), Bytes(64), raw(a)};
  const uint8_t ids[] = {METADATA_WRITE,        METADATA_SIZE,          METADATA_CREATE,       METADATA_COPY,
                         METADATA_STORAGE_READ, METADATA_STORAGE_WRITE, METADATA_ACCOUNT_OWNER};
  for (int i = 0; i < 7; ++i) {
    const Receipt r = run(Script().exec(ids[i], inputs[i]));
    EXPECT_EQ(r.status, TxStatus::Halt) << i;
    EXPECT_EQ(r.exit_code, to_i32(ExitCode::MalformedBuiltinParams)) << i;
    EXPECT_EQ(r.gas_used, kGas) << i;
  }
  // The owner check comes before the static check.
  const Script s = Script().exec(STATIC_CALL, cat({raw(b), Script().exec(METADATA_CREATE, Bytes(32))}), 20 * 5000);
  const Receipt r = run(s);
  EXPECT_EQ(r.output, le32(to_i32(ExitCode::MalformedBuiltinParams)));
  EXPECT_EQ(r.gas_used, expected(s, {0}, 2600 + 5000));
}

TEST_F(OwnableTest, MetadataSizeAndAccountOwnerChargeNoGas) {
  const Address nobody = addr(0x99);
  const Script s = Script()
                       .exec(METADATA_SIZE, raw(w))       // own: length 4, same runtime, warm, not empty
                       .exec(METADATA_SIZE, raw(v))       // another runtime's: length 0, cold
                       .exec(METADATA_SIZE, raw(nobody))  // cold and empty
                       .exec(METADATA_SIZE, raw(nobody))  // now warm
                       .exec(METADATA_ACCOUNT_OWNER, raw(w))
                       .exec(METADATA_ACCOUNT_OWNER, raw(v))
                       .exec(METADATA_ACCOUNT_OWNER, raw(a));
  const Receipt r = run_w(s);
  ASSERT_EQ(r.status, TxStatus::Success);
  EXPECT_EQ(r.output, cat({le32(0), Bytes{4, 0, 0, 0, 1, 0, 0}, le32(0), Bytes{0, 0, 0, 0, 0, 1, 0},  //
                           le32(0), Bytes{0, 0, 0, 0, 0, 1, 1}, le32(0), Bytes{0, 0, 0, 0, 0, 0, 1},  //
                           le32(0), raw(owner), le32(0), raw(addr(0x92)), le32(0), Bytes(20)}));
  EXPECT_EQ(r.gas_used, expected(s, {7, 7, 7, 7, 20, 20, 20}, 0));
  const Receipt bad = run_w(Script().exec(METADATA_SIZE, Bytes(19)));
  EXPECT_EQ(bad.status, TxStatus::Halt);
  EXPECT_EQ(bad.exit_code, to_i32(ExitCode::MalformedBuiltinParams));
}

TEST_F(OwnableTest, MetadataCreateDerivesTheAddressFromOwnerAndSalt) {
  const Bytes32 salt = U256(5).to_be(), funded_salt = U256(6).to_be();
  const Address created = metadata_address(owner, salt), funded = metadata_address(owner, funded_salt);
  chain.put(funded, 77);  // a balance does not collide
  const Script s = Script()
                       .exec(METADATA_CREATE, cat({raw(salt), bytes("hello")}))
                       .exec(METADATA_CREATE, cat({raw(salt), bytes("again")}))  // collision: a Result
                       .exec(METADATA_CREATE, raw(funded_salt));
  const Receipt r = run_w(s);
  ASSERT_EQ(r.status, TxStatus::Success);
  EXPECT_EQ(r.output, cat({le32(0), le32(to_i32(ExitCode::CreateContractCollision)), le32(0)}));
  EXPECT_EQ(r.gas_used, expected(s, {0, 0, 0}, 0));
  EXPECT_EQ(chain.code(created), ownable(owner, bytes("hello")));
  EXPECT_EQ(chain.nonce(created), 0u);
  EXPECT_EQ(chain.code(funded), ownable(owner, {}));
  EXPECT_EQ(chain.balance(funded), U256(77));
  // In a static frame: StateChangeDuringStaticCall; shorter than the 32-byte salt: malformed.
  const Script st = Script().exec(STATIC_CALL, cat({raw(w), Script().exec(METADATA_CREATE, Bytes(32))}), 20 * 5000);
  const Receipt rs = run(st);
  EXPECT_EQ(rs.output, le32(to_i32(ExitCode::StateChangeDuringStaticCall)));
  EXPECT_EQ(rs.gas_used, expected(st, {0}, 2600 + 5000));
  EXPECT_EQ(run_w(Script().exec(METADATA_CREATE, Bytes(31))).exit_code, to_i32(ExitCode::MalformedBuiltinParams));
}

TEST_F(OwnableTest, MetadataWriteReplacesTheWholeMetadataOfAnOwnedAccount) {
  // The offset (2) is ignored: "ab" replaces "meta".
  const Script s =
      Script().exec(METADATA_WRITE, cat({raw(w), le32(2), bytes("ab")})).exec(METADATA_COPY, copy_input(w, 0, 100));
  const Receipt r = run_w(s);
  ASSERT_EQ(r.status, TxStatus::Success);
  EXPECT_EQ(r.output, cat({le32(0), le32(0), bytes("ab")}));
  EXPECT_EQ(r.gas_used, expected(s, {0, 2}, 0));
  EXPECT_EQ(chain.code(w), ownable(owner, bytes("ab")));
  // Another runtime's account, or a plain one: MalformedBuiltinParams; a static frame: -1010.
  for (const Address& x : {v, a}) {
    const Receipt bad = run_w(Script().exec(METADATA_WRITE, cat({raw(x), le32(0), bytes("zz")})));
    EXPECT_EQ(bad.status, TxStatus::Halt);
    EXPECT_EQ(bad.exit_code, to_i32(ExitCode::MalformedBuiltinParams));
  }
  EXPECT_EQ(chain.code(v), ownable(addr(0x92), bytes("other")));
  const Script st =
      Script().exec(STATIC_CALL, cat({raw(w), Script().exec(METADATA_WRITE, cat({raw(w), le32(0)}))}), 20 * 5000);
  EXPECT_EQ(run(st).output, le32(to_i32(ExitCode::StateChangeDuringStaticCall)));
  EXPECT_EQ(chain.code(w), ownable(owner, bytes("ab")));
}

TEST_F(OwnableTest, MetadataCopyReturnsAClampedSliceWithoutPadding) {
  const Script s = Script()
                       .exec(METADATA_COPY, copy_input(w, 1, 2))
                       .exec(METADATA_COPY, copy_input(w, 2, 100))
                       .exec(METADATA_COPY, copy_input(w, 4, 1))
                       .exec(METADATA_COPY, copy_input(w, 0xffffffff, 0xffffffff));
  const Receipt r = run_w(s);
  ASSERT_EQ(r.status, TxStatus::Success);
  EXPECT_EQ(r.output, cat({le32(0), bytes("et"), le32(0), bytes("ta"), le32(0), le32(0)}));
  EXPECT_EQ(r.gas_used, expected(s, {2, 2, 0, 0}, 0));
  for (const Bytes& in : {copy_input(v, 0, 1), Bytes(27)}) {
    const Receipt bad = run_w(Script().exec(METADATA_COPY, in));
    EXPECT_EQ(bad.status, TxStatus::Halt);
    EXPECT_EQ(bad.exit_code, to_i32(ExitCode::MalformedBuiltinParams));
  }
}

TEST_F(OwnableTest, MetadataStorageUsesTheOwnersStorageWithSloadAndSstorePricing) {
  chain.put_storage(owner, 3, 33);
  const Script s = Script()
                       .exec(METADATA_STORAGE_READ, le256(3))                     // cold 2100
                       .exec(METADATA_STORAGE_READ, le256(3))                     // warm 100
                       .exec(METADATA_STORAGE_WRITE, cat({le256(4), le256(44)}))  // cold set 22100
                       .sload(3);                                                 // w's own slot 3: cold 2100, zero
  const Receipt r = run_w(s);
  ASSERT_EQ(r.status, TxStatus::Success);
  EXPECT_EQ(r.output, cat({le32(0), le256(33), le32(0), le256(33), le32(0), le32(0), le256(0)}));
  EXPECT_EQ(r.gas_used, expected(s, {32, 32, 0, 32}, 2100 + 100 + 22100 + 2100));
  EXPECT_EQ(chain.storage(owner, 4), U256(44));
  EXPECT_EQ(chain.storage(w, 4), U256(0));
  // Static: -1010 before the input is looked at.
  const Script st =
      Script().exec(STATIC_CALL, cat({raw(w), Script().exec(METADATA_STORAGE_WRITE, Bytes(1))}), 20 * 5000);
  EXPECT_EQ(run(st).output, le32(to_i32(ExitCode::StateChangeDuringStaticCall)));
  // EIP-2200 sentry: the write needs more than 2300 gas left.
  const Script write = Script().exec(METADATA_STORAGE_WRITE, cat({le256(4), le256(44)}));  // cold, unchanged
  const uint64_t before =
      intrinsic_gas(call_tx(sender, w, write, 0)) + gas_of(write.segment_fuel(std::vector<uint64_t>{})[0]);
  const BlockResult block = chain.apply({call_tx(sender, w, write, before + 2300), call_tx(sender, w, write, kGas)});
  EXPECT_EQ(block.receipts[0].status, TxStatus::Halt);
  EXPECT_EQ(block.receipts[0].exit_code, to_i32(ExitCode::OutOfFuel));
  EXPECT_EQ(block.receipts[0].gas_used, before + 2300);
  EXPECT_EQ(block.receipts[1].gas_used, expected(write, {0}, 2200));  // cold, unchanged: 2100 + 100
}

TEST_F(OwnableTest, UpgradeWasmRuntimeOnlyFromTheUpgradePrecompile) {
  const Address upgrader = runtime_address(0x520010), target = addr(0x71);
  chain.put(upgrader, 0, 1, script);
  const Bytes leaf = wasm("leaf");
  const Script s = Script().exec(UPGRADE_WASM_RUNTIME, cat({raw(target), leaf}));
  const Receipt r = chain.apply(call_tx(sender, upgrader, s, kGas));
  ASSERT_EQ(r.status, TxStatus::Success);
  EXPECT_EQ(r.output, le32(0));
  EXPECT_EQ(r.gas_used, expected(s, {0}, 0));
  EXPECT_EQ(chain.code(target), leaf);
  EXPECT_EQ(chain.nonce(target), 0u);
  // The upgraded code runs (leaf writes the last byte of its address).
  EXPECT_EQ(chain.apply(call_tx(sender, target, {}, kGas)).output, Bytes{0x71});

  struct Case {
    Address from;
    Bytes input;
    ExitCode code;
  };
  const Case cases[] = {
      {a, cat({raw(target), leaf}), ExitCode::MalformedBuiltinParams},  // not the upgrader
      {upgrader, cat({raw(target), bytes("not wasm")}), ExitCode::MalformedBuiltinParams},
      {upgrader, cat({raw(target), wasm("bad_import")}), ExitCode::MalformedBuiltinParams},
      {upgrader, Bytes(19), ExitCode::MalformedBuiltinParams},
  };
  for (const Case& c : cases) {
    const Receipt bad = chain.apply(call_tx(sender, c.from, Script().exec(UPGRADE_WASM_RUNTIME, c.input), kGas));
    EXPECT_EQ(bad.status, TxStatus::Halt);
    EXPECT_EQ(bad.exit_code, to_i32(c.code));
    EXPECT_EQ(bad.gas_used, kGas);
  }
  EXPECT_EQ(chain.code(target), leaf);
  // Static first: even from a non-upgrader frame.
  const Script st = Script().exec(STATIC_CALL, cat({raw(b), Script().exec(UPGRADE_WASM_RUNTIME, Bytes(1))}), 20 * 5000);
  EXPECT_EQ(run(st).output, le32(to_i32(ExitCode::StateChangeDuringStaticCall)));
}

TEST_F(OwnableTest, UpgradeEvmRuntimeIsNotSupportedYet) {
  const Address upgrader = runtime_address(0x520010), target = addr(0x71);
  chain.put(upgrader, 0, 1, script);
  const std::pair<Bytes, ExitCode> cases[] = {
      {cat({raw(target), Bytes{0x60, 0x00}}), ExitCode::NotSupportedBytecode},
      {raw(target), ExitCode::MalformedBuiltinParams},                        // no EVM code
      {cat({raw(target), Bytes(0x6001)}), ExitCode::MalformedBuiltinParams},  // > 0x6000 bytes
  };
  for (const auto& [input, code] : cases) {
    const Receipt r = chain.apply(call_tx(sender, upgrader, Script().exec(UPGRADE_EVM_RUNTIME, input), kGas));
    EXPECT_EQ(r.status, TxStatus::Halt);
    EXPECT_EQ(r.exit_code, to_i32(code));
    EXPECT_EQ(r.gas_used, kGas);
  }
  const Receipt from_a = run(Script().exec(UPGRADE_EVM_RUNTIME, cat({raw(target), Bytes{0x60, 0x00}})));
  EXPECT_EQ(from_a.exit_code, to_i32(ExitCode::MalformedBuiltinParams));
  EXPECT_FALSE(chain.state().account(target));
}

TEST_F(OwnableTest, NewSyscallsHaltOnABadLengthOrAStateOtherThanMain) {
  // §4.2 validators: a wrong input length or state != STATE_MAIN halts MalformedBuiltinParams.
  const Address upgrader = runtime_address(0x520010);
  chain.put(upgrader, 0, 1, script);
  struct Case {
    uint8_t id;
    Address frame;  // the account whose frame issues it
    Bytes good;
    Bytes bad_length;
  };
  const Case cases[] = {
      {CALL_CODE, a, cat({raw(b), le256(0)}), Bytes(51)},
      {DESTROY_ACCOUNT, a, raw(b), Bytes(21)},
      {CODE_COPY, a, Bytes(36), Bytes(37)},
      {METADATA_WRITE, w, cat({raw(w), le32(0)}), Bytes(23)},
      {METADATA_SIZE, w, raw(w), Bytes(21)},
      {METADATA_CREATE, w, Bytes(32), Bytes(31)},
      {METADATA_COPY, w, copy_input(w, 0, 1), Bytes(29)},
      {METADATA_STORAGE_READ, w, Bytes(32), Bytes(33)},
      {METADATA_STORAGE_WRITE, w, Bytes(64), Bytes(63)},
      {METADATA_ACCOUNT_OWNER, w, raw(w), Bytes(19)},
      {UPGRADE_WASM_RUNTIME, upgrader, cat({raw(b), wasm("leaf")}), Bytes(19)},
      {UPGRADE_EVM_RUNTIME, upgrader, cat({raw(b), Bytes{0x00}}), Bytes(19)},
  };
  for (const Case& c : cases) {
    for (const Script& s : {Script().exec(c.id, c.good, UINT64_MAX, 1), Script().exec(c.id, c.bad_length)}) {
      const Receipt r = chain.apply(call_tx(sender, c.frame, s, kGas));
      EXPECT_EQ(r.status, TxStatus::Halt) << int(c.id);
      EXPECT_EQ(r.exit_code, to_i32(ExitCode::MalformedBuiltinParams)) << int(c.id);
      EXPECT_EQ(r.gas_used, kGas) << int(c.id);
    }
  }
}

TEST_F(OwnableTest, CallCodeAndMetadataStorageReadOutOfGas) {
  // One gas short of the syscall's charge: Halt OutOfFuel, all gas; with it: success.
  const struct {
    Address frame;
    Script script;
    uint64_t cost;
  } cases[] = {
      {a, Script().call_code(addr(0x77), 1, {}), 9000 + 2600},    // value + cold, charged before the child
      {w, Script().exec(METADATA_STORAGE_READ, le256(1)), 2100},  // cold slot of the owner
  };
  for (const auto& c : cases) {
    const uint64_t before = intrinsic_gas(call_tx(sender, c.frame, c.script, 0)) +
                            gas_of(c.script.segment_fuel(std::vector<uint64_t>{})[0]);
    const BlockResult block = chain.apply(
        {call_tx(sender, c.frame, c.script, before + c.cost - 1), call_tx(sender, c.frame, c.script, kGas)});
    EXPECT_EQ(block.receipts[0].status, TxStatus::Halt);
    EXPECT_EQ(block.receipts[0].exit_code, to_i32(ExitCode::OutOfFuel));
    EXPECT_EQ(block.receipts[0].gas_used, before + c.cost - 1);
    EXPECT_EQ(block.receipts[1].status, TxStatus::Success);
  }
}

}  // namespace
}  // namespace interlude::host::test
