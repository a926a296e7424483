// docs/adversarial-cases.md §2.F (T68-T71): ownable accounts, metadata syscalls, runtime addresses
// and code views (protocol.md §4.4 "Metadata syscalls", §5.3, §7).
#include "adv_fixture.h"

namespace interlude::host::test::adv {
namespace {

/// METADATA_CREATE address (§7.8): keccak256(0x44 ‖ owner ‖ salt BE)[12..].
Address metadata_address(const Address& owner, const Bytes32& salt) {
  const Bytes32 h = keccak256(cat({Bytes{0x44}, raw(owner), raw(salt)}));
  return *Address::from(ByteView(h.data() + 12, 20));
}

/// Runtime X (`owner`, a script contract) owns w; runtime Y (addr 0x92) owns v.
class OwnerTest : public HostTest {
 protected:
  const Address owner = addr(0x91), w = addr(0xd1), v = addr(0xd2);
  OwnerTest() {
    chain.put(owner, 0, 1, script);
    chain.put(w, 0, 1, ownable(owner, bytes("abcdef")));
    chain.put(v, 0, 1, ownable(addr(0x92), bytes("other")));
  }
  Receipt run_w(const Script& s) { return chain.apply(call_tx(sender, w, s, kGas)); }
};

TEST_F(OwnerTest, T68_MetadataSyscallsRequireSameOwner) {
  // (a) A plain contract has no account owner: every metadata syscall halts -1003, all gas.
  const std::pair<uint8_t, Bytes> plain[] = {
      {METADATA_SIZE, raw(a)},
      {METADATA_CREATE, Bytes(32)},
      {METADATA_WRITE, cat({raw(a), le32(0)})},
      {METADATA_COPY, copy_input(a, 0, 1)},
      {METADATA_STORAGE_READ, Bytes(32)},
      {METADATA_STORAGE_WRITE, Bytes(64)},
  };
  for (const auto& [id, input] : plain) {
    const Receipt r = run(Script().exec(id, input));
    EXPECT_EQ(r.status, TxStatus::Halt) << int(id);
    EXPECT_EQ(r.exit_code, to_i32(ExitCode::MalformedBuiltinParams)) << int(id);
    EXPECT_EQ(r.gas_used, kGas) << int(id);
  }
  // (b) X (running as w) on Y's account v: WRITE and COPY halt -1003 and v is unchanged.
  for (const Script& s : {Script().exec(METADATA_WRITE, cat({raw(v), le32(0), bytes("pwned")})),
                          Script().exec(METADATA_COPY, copy_input(v, 0, 5))}) {
    const Receipt r = run_w(s);
    EXPECT_EQ(r.status, TxStatus::Halt);
    EXPECT_EQ(r.exit_code, to_i32(ExitCode::MalformedBuiltinParams));
    EXPECT_EQ(r.gas_used, kGas);
    EXPECT_EQ(chain.code(v), ownable(addr(0x92), bytes("other")));
  }
  // SIZE on v: length 0, same runtime = false (cold, not empty): nothing about Y's metadata leaks.
  const Script s = Script().exec(METADATA_SIZE, raw(v));
  const Receipt r = run_w(s);
  ASSERT_EQ(r.status, TxStatus::Success);
  EXPECT_EQ(r.output, cat({le32(0), Bytes{0, 0, 0, 0, 0, 1, 0}}));
  EXPECT_EQ(r.gas_used, expected(s, {7}, 0));
}

TEST_F(OwnerTest, T69_MetadataCreateCollisionAndCopyBounds) {
  const Bytes32 funded_salt = U256(1).to_be(), nonce_salt = U256(2).to_be(), code_salt = U256(3).to_be();
  const Address funded = metadata_address(owner, funded_salt), with_nonce = metadata_address(owner, nonce_salt),
                with_code = metadata_address(owner, code_salt), big = addr(0xd3);
  chain.put(funded, 1);                // (i) only a 1-wei balance
  chain.put(with_nonce, 0, 1);         // (ii) nonce 1
  chain.put(with_code, 0, 0, script);  // (iii) code
  chain.put(big, 0, 1, ownable(owner, Bytes(100, 0x55)));
  const Script s = Script()
                       .exec(METADATA_CREATE, cat({raw(funded_salt), bytes("new")}))
                       .exec(METADATA_CREATE, raw(nonce_salt))
                       .exec(METADATA_CREATE, raw(code_salt))
                       .exec(METADATA_COPY, copy_input(w, 100, 0))
                       .exec(METADATA_COPY, copy_input(w, 0xFFFFFFF0, 0x20))  // offset + len wraps u32
                       .exec(METADATA_COPY, copy_input(w, 2, 100))
                       .exec(METADATA_WRITE, cat({raw(big), le32(0), bytes("wxyz")}))
                       .exec(METADATA_ACCOUNT_OWNER, raw(a));
  const Receipt r = run_w(s);
  ASSERT_EQ(r.status, TxStatus::Success);
  EXPECT_EQ(r.output, cat({le32(0), code(ExitCode::CreateContractCollision), code(ExitCode::CreateContractCollision),
                           le32(0), le32(0), le32(0), bytes("cdef"), le32(0), le32(0), Bytes(20)}));
  EXPECT_EQ(r.gas_used, expected(s, {0, 0, 0, 0, 0, 4, 0, 20}, 0));  // metadata syscalls charge no gas
  EXPECT_EQ(chain.code(funded), ownable(owner, bytes("new")));
  EXPECT_EQ(chain.balance(funded), U256(1));
  EXPECT_EQ(chain.code(with_nonce), Bytes());
  EXPECT_EQ(chain.code(with_code), script);
  EXPECT_EQ(chain.code(big), ownable(owner, bytes("wxyz")));  // a full rewrite, not a 4-byte patch
}

TEST_F(OwnerTest, T70_DirectRuntimeAddressAndDelegation) {
  const Address evm_runtime = runtime_address(kEvmRuntime), wasm_runtime = runtime_address(kWasmRuntime);
  // Top-level calls to the delegated runtimes: NotSupportedBytecode, all gas, no state change.
  for (const Address& to : {evm_runtime, wasm_runtime}) {
    const Receipt r = chain.apply(call_tx(sender, to, {}, 100'000, 5));
    EXPECT_EQ(r.status, TxStatus::Halt);
    EXPECT_EQ(r.exit_code, to_i32(ExitCode::NotSupportedBytecode));
    EXPECT_EQ(r.gas_used, 100'000u);
    EXPECT_EQ(chain.balance(to), U256(0));
  }
  // DELEGATECALL / CALL_CODE from a contract: the child halts -1009, the caller continues.
  const Script s = Script()
                       .exec(DELEGATE_CALL, raw(evm_runtime), 20 * 1000)
                       .exec(CALL_CODE, cat({raw(wasm_runtime), le256(0)}), 20 * 1000)
                       .sstore(1, 1);
  const Receipt r = run(s);
  ASSERT_EQ(r.status, TxStatus::Success);
  EXPECT_EQ(r.output, cat({code(ExitCode::NotSupportedBytecode), code(ExitCode::NotSupportedBytecode), le32(0)}));
  EXPECT_EQ(r.gas_used, expected(s, {0, 0, 0}, 2 * (2600 + 1000) + 22100));
  // EIP-7702 delegation designators (EF 01 00 ‖ address) are not implemented by Interlude: an
  // "EOA" holding one is an account whose code is neither wasm nor an ownable account, so calling
  // it halts NotSupportedBytecode whatever it points at (an ownable EVM contract, a runtime
  // address): delegation to a runtime address is blocked as the case requires, and the ownable
  // chain is not followed (no EVM execution environment exists; protocol.md profile).
  const Address evm_contract = addr(0xe2), to_evm_contract = addr(0xe3), to_runtime = addr(0xe4);
  chain.put(evm_contract, 0, 1, ownable(evm_runtime, Bytes(33)));
  chain.put(to_evm_contract, 0, 0, cat({Bytes{0xEF, 0x01, 0x00}, raw(evm_contract)}));
  chain.put(to_runtime, 0, 0, cat({Bytes{0xEF, 0x01, 0x00}, raw(wasm_runtime)}));
  for (const Address& to : {to_evm_contract, to_runtime}) {
    const Receipt d = chain.apply(call_tx(sender, to, {}, 100'000));
    EXPECT_EQ(d.status, TxStatus::Halt) << to_hex(to);
    EXPECT_EQ(d.exit_code, to_i32(ExitCode::NotSupportedBytecode)) << to_hex(to);
    EXPECT_EQ(d.gas_used, 100'000u) << to_hex(to);
  }
}

TEST_F(HostTest, T71_CodeHashIsAccessOrderIndependent) {
  const Bytes evm = {0x60, 0x01, 0x60, 0x02, 0x01};
  const Address evm_contract = addr(0xe2), precompile = addr(0x04);
  chain.put(evm_contract, 0, 1, ownable(runtime_address(kEvmRuntime), cat({raw(keccak256(evm)), evm})));
  chain.put(precompile, 0, 1, script);  // a system runtime stored at an EVM precompile address
  const struct {
    Address who;
    Bytes32 hash;
    uint64_t size;
    uint8_t first_byte;
  } cases[] = {
      {evm_contract, keccak256(evm), evm.size(), 0x60},  // the EVM-visible code, never the wrapper's hash
      {b, keccak256(script), script.size(), script[0]},  // a wasm contract: its stored module
      {precompile, Bytes32(), 0, 0},                     // EVM precompiles: zero hash, no code
  };
  for (const auto& c : cases) {
    const Script s = Script()
                         .exec(CODE_HASH, raw(c.who))  // cold
                         .exec(CODE_COPY, cat({raw(c.who), Bytes(8), le32(1), le32(0)}))
                         .exec(CODE_SIZE, raw(c.who))
                         .exec(CODE_HASH, raw(c.who));
    const Receipt r = run(s);
    ASSERT_EQ(r.status, TxStatus::Success) << to_hex(c.who);
    EXPECT_EQ(r.output,
              cat({le32(0), raw(c.hash), le32(0), Bytes{c.first_byte}, le32(0), le256(c.size), le32(0), raw(c.hash)}))
        << to_hex(c.who);
    EXPECT_EQ(r.gas_used, expected(s, {32, 1, 32, 32}, 2600 + 3 + 100 + 100 + 100)) << to_hex(c.who);
  }
}

}  // namespace
}  // namespace interlude::host::test::adv
