// Syscalls on accounts and code (protocol.md §4.4): CALL_CODE (with the Interlude profile's
// static-frame rule), DESTROY_ACCOUNT (EIP-6780), CODE_COPY, and what CODE_SIZE / CODE_HASH /
// CODE_COPY see of EVM-runtime-owned accounts (§7.7) and EVM precompile addresses. Exact gas.
#include <gtest/gtest.h>

#include "host_fixture.h"
#include "interlude/common/keccak.h"
#include "interlude/runtime/exit_code.h"

namespace interlude::host::test {
namespace {

using runtime::ExitCode;
using runtime::to_i32;

uint64_t gas_of(uint64_t fuel) { return (fuel + 19) / 20; }
uint64_t words(uint64_t n) { return (n + 31) / 32; }
template <size_t N>
Bytes raw(const FixedBytes<N>& x) {
  return Bytes(x.bytes.begin(), x.bytes.end());
}
Bytes le64(uint64_t v) {
  Bytes out(8);
  store_u64_le(out.data(), v);
  return out;
}
/// CODE_COPY input: address ‖ offset u64 LE ‖ length u64 LE.
Bytes copy_input(const Address& who, uint64_t offset, uint64_t len) { return cat({raw(who), le64(offset), le64(len)}); }
/// Ownable account code (protocol.md §7.1): EF 44 00 ‖ owner ‖ metadata.
Bytes ownable(const Address& owner, ByteView metadata) { return cat({Bytes{0xEF, 0x44, 0x00}, raw(owner), metadata}); }
Address runtime_address(uint32_t low) {
  Address x;
  for (int i = 0; i < 4; ++i) x[19 - i] = uint8_t(low >> (8 * i));
  return x;
}
const Address evm_runtime = runtime_address(0x520001);

/// Gas used by a transaction that calls `to` with `calldata` and succeeds, minus its intrinsic gas.
uint64_t frame_gas(Chain& chain, const Address& from, const Address& to, ByteView calldata) {
  const Transaction tx = call_tx(from, to, calldata, 1'000'000);
  return chain.apply(tx).gas_used - intrinsic_gas(tx);
}
/// Gas used by a successful run of `s` on any script contract: intrinsic (or the EIP-7623 floor)
/// + the script's execution with these return sizes + `other`.
uint64_t used(const Script& s, std::span<const uint64_t> returns, uint64_t other) {
  const Transaction tx = call_tx(Address(), Address(), s, 0);
  return std::max(intrinsic_gas(tx) + s.execution_gas(returns) + other, floor_gas(tx));
}

TEST_F(HostTest, CallCodeRunsTheCalleesCodeOnTheCallersAccount) {
  const Address x = addr(0x77), e = addr(0xec);
  chain.put(e, 0, 1, wasm("echo"));
  const uint64_t echo_gas = frame_gas(chain, sender, e, bytes("zz"));
  const Script inner = Script().sstore(5, 9).exec(SELF_BALANCE, {});
  const Script s = Script()
                       .call_code(b, 10, inner)  // b's code on a's storage; the 10 wei go from a to a
                       .call_code(x, 10, {})     // no code: stops at once; no new-account cost
                       .call_code(e, 7, bytes("zz"));
  const Receipt r = run(s);
  ASSERT_EQ(r.status, TxStatus::Success);
  ASSERT_EQ(r.output.size(), 4u + 40 + 4 + 4 + 1026);
  EXPECT_EQ(Bytes(r.output.begin(), r.output.begin() + 52),
            cat({le32(0), le32(0), le32(0), le256(1000), le32(0), le32(0)}));
  EXPECT_EQ(chain.storage(a, 5), U256(9));
  EXPECT_EQ(chain.storage(b, 5), U256(0));
  EXPECT_EQ(chain.balance(a), U256(1000));
  EXPECT_EQ(chain.balance(b), U256(0));
  EXPECT_FALSE(chain.state().account(x));
  // The callee's context: address = caller = a, bytecode_address = the callee, value 7, not static.
  const uint8_t* h = r.output.data() + 52;
  EXPECT_EQ(*Address::from(ByteView(h + 281, 20)), a);
  EXPECT_EQ(*Address::from(ByteView(h + 301, 20)), e);
  EXPECT_EQ(*Address::from(ByteView(h + 321, 20)), a);
  EXPECT_EQ(h[341], 0);
  EXPECT_EQ(U256::from_be(*Bytes32::from(ByteView(h + 342, 32))), U256(7));
  EXPECT_EQ(Bytes(h + 1024, h + 1026), bytes("zz"));
  // Each: 9000 value + 2600 cold - the 2300 stipend + what the callee used.
  const uint64_t first = 9000 + 2600 - 2300 + inner.execution_gas({0, 32}) + 22100 + 5;
  const uint64_t second = 9000 + 2600 - 2300;
  const uint64_t third = 9000 + 2600 - 2300 + echo_gas;
  EXPECT_EQ(r.gas_used, expected(s, {40, 0, 1026}, first + second + third));
}

TEST_F(HostTest, ValueToAnEvmPrecompileAddressPaysTheNewAccountCost) {
  // §4.4 CALL: EVM precompile addresses count as empty even when their account exists.
  const Address precompile = addr(0x11);
  chain.put(precompile, 1);
  const Script s = Script().call(precompile, 10, {});
  const Receipt r = run(s);
  EXPECT_EQ(r.output, le32(0));
  EXPECT_EQ(r.gas_used, expected(s, {0}, 9000 + 2600 + 25000 - 2300));
  EXPECT_EQ(chain.balance(precompile), U256(11));
  // 0x12 is not a precompile: an existing account, no new-account cost.
  chain.put(addr(0x12), 1);
  const Script t = Script().call(addr(0x12), 10, {});
  EXPECT_EQ(run(t).gas_used, expected(t, {0}, 9000 + 2600 - 2300));
}

TEST_F(HostTest, CallCodeWithValueIsAllowedInAStaticFrameAndItsCalleeIsStatic) {
  // Interlude profile "static frames" (EIP-214): the value moves from b to b.
  const Address c = addr(0xc1), e = addr(0xec);
  chain.put(b, 50, 1, script);
  chain.put(c, 0, 1, script);
  chain.put(e, 0, 1, wasm("echo"));
  const uint64_t echo_gas = frame_gas(chain, sender, e, {});
  const Script write = Script().sstore(1, 1);
  const Script in_b = Script()
                          .exec(CALL_CODE, cat({raw(c), le256(7), write}), 20 * 5000)  // 5000 gas: the SSTORE halts
                          .call_code(e, 7, {});
  const Script s = Script().static_call(b, in_b);
  const Receipt r = run(s);
  ASSERT_EQ(r.status, TxStatus::Success);
  ASSERT_EQ(r.output.size(), 4u + 4 + 4 + 1024);
  EXPECT_EQ(Bytes(r.output.begin(), r.output.begin() + 12),
            cat({le32(0), le32(to_i32(ExitCode::StateChangeDuringStaticCall)), le32(0)}));
  const uint8_t* h = r.output.data() + 12;
  EXPECT_EQ(h[341], 1);
  EXPECT_EQ(*Address::from(ByteView(h + 281, 20)), b);
  EXPECT_EQ(U256::from_be(*Bytes32::from(ByteView(h + 342, 32))), U256(7));
  EXPECT_EQ(chain.balance(b), U256(50));
  EXPECT_EQ(chain.storage(b, 1), U256(0));
  // a: 2600 for b; b: 9000 + 2600 + the 5000 its halted callee burned (the stipend is not b's),
  // then 9000 + 2600 - 2300 + the echo frame.
  const uint64_t in_b_gas = in_b.execution_gas({0, 1024}) + 9000 + 2600 + 5000 + 9000 + 2600 - 2300 + echo_gas;
  EXPECT_EQ(r.gas_used, expected(s, {1032}, 2600 + in_b_gas));
}

TEST_F(HostTest, DestroyAccountOfAnOldAccountOnlyMovesItsBalance) {
  // EIP-6780: a was not created in this transaction, so it keeps its code and storage.
  const Address x = addr(0x77);
  chain.put_storage(a, 1, 7);
  const Script s = Script()
                       .exec(DESTROY_ACCOUNT, raw(x))  // 5000 + 25000 (value to a new account) + 2600 cold
                       .exec(DESTROY_ACCOUNT, raw(x))  // no value left, x warm: 5000
                       .exec(DESTROY_ACCOUNT, raw(a))  // to itself: 5000, nothing moves
                       .sload(1);
  const Receipt r = run(s);
  ASSERT_EQ(r.status, TxStatus::Success);
  EXPECT_EQ(r.output, cat({le32(0), le32(0), le32(0), le32(0), le256(7)}));
  EXPECT_EQ(r.gas_used, expected(s, {0, 0, 0, 32}, 32600 + 5000 + 5000 + 2100));
  EXPECT_EQ(chain.balance(x), U256(1000));
  EXPECT_EQ(chain.balance(a), U256(0));
  EXPECT_EQ(chain.code(a), script);
  EXPECT_EQ(chain.storage(a, 1), U256(7));
  // To itself with a balance: nothing moves.
  chain.put(b, 30, 1, script);
  const Receipt self = chain.apply(call_tx(sender, b, Script().exec(DESTROY_ACCOUNT, raw(b)), kGas));
  EXPECT_EQ(self.output, le32(0));
  EXPECT_EQ(chain.balance(b), U256(30));
}

TEST_F(HostTest, DestroyAccountOfAnAccountCreatedInTheSameTransactionDeletesIt) {
  const Address x = addr(0x77);
  const Script ctor1 = Script().sstore(1, 7).exec(DESTROY_ACCOUNT, raw(x));
  const Bytes init1 = with_custom_section(script, "input", ctor1);
  const Address first = create2_address(a, U256(1).to_be(), init1), second = create_address(a, 2);
  const Script ctor2 = Script().exec(DESTROY_ACCOUNT, raw(second));  // to itself: the balance is burned
  const Bytes init2 = with_custom_section(script, "input", ctor2);
  chain.put_storage(first, 9, 99);  // storage at a code-less, nonce-0 address does not collide
  const Script s = Script().create2(100, 1, init1).create(50, init2).exec(CODE_SIZE, raw(first));
  // The next transaction of the block sends 5 wei to the deleted address: a new, plain account.
  const BlockResult block = chain.apply({call_tx(sender, a, s, 3'000'000), call_tx(sender, first, {}, kGas, 5)});
  const Receipt& r = block.receipts[0];
  ASSERT_EQ(r.status, TxStatus::Success);
  // The destroyed account keeps its code until the transaction ends (and is warm: 100).
  EXPECT_EQ(r.output, cat({le32(0), raw(first), le32(0), raw(second), le32(0), le256(init1.size())}));
  EXPECT_EQ(block.receipts[1].status, TxStatus::Success);
  EXPECT_EQ(chain.state().account(first), (state::Account{0, U256(5), KECCAK_EMPTY}));
  EXPECT_EQ(chain.storage(first, 1), U256(0));
  EXPECT_EQ(chain.storage(first, 9), U256(0));
  EXPECT_FALSE(chain.state().account(second));
  EXPECT_EQ(chain.balance(x), U256(100));
  EXPECT_EQ(chain.balance(a), U256(850));
  const uint64_t child1 = 50 * init1.size() + ctor1.execution_gas({0, 0}) + 22100 + 32600;
  const uint64_t child2 = 50 * init2.size() + ctor2.execution_gas({0}) + 5000;
  const uint64_t creates = 2 * words(init1.size()) + 32000 + 6 * words(init1.size()) + 2 * words(init2.size()) + 32000;
  EXPECT_EQ(r.gas_used, expected(s, {20, 20, 32}, creates + child1 + child2 + 100));
}

TEST_F(HostTest, DestroyAccountChecksItsInputBeforeTheStaticFlagAndCountsPrecompilesAsNew) {
  const Address x = addr(0x77), precompile = addr(0x02);
  chain.put(precompile, 1);  // exists (EIP-161), yet counts as absent: the 25000 top-up applies
  const Script s = Script()
                       .exec(STATIC_CALL, cat({raw(b), Script().exec(DESTROY_ACCOUNT, Bytes(19))}), 20 * 5000)
                       .exec(STATIC_CALL, cat({raw(b), Script().exec(DESTROY_ACCOUNT, raw(x))}), 20 * 5000)
                       .exec(DESTROY_ACCOUNT, raw(precompile));
  const Receipt r = run(s);
  ASSERT_EQ(r.status, TxStatus::Success);
  EXPECT_EQ(r.output, cat({le32(to_i32(ExitCode::MalformedBuiltinParams)),
                           le32(to_i32(ExitCode::StateChangeDuringStaticCall)), le32(0)}));
  EXPECT_EQ(r.gas_used, expected(s, {0, 0, 0}, 2600 + 5000 + 100 + 5000 + 32600));
  EXPECT_EQ(chain.balance(precompile), U256(1001));
  EXPECT_EQ(chain.balance(x), U256(0));
}

TEST_F(HostTest, DestroyAccountOutOfGas) {
  const Script s = Script().exec(DESTROY_ACCOUNT, raw(addr(0x77)));
  const uint64_t before = intrinsic_gas(call_tx(sender, a, s, 0)) + gas_of(s.segment_fuel(std::vector<uint64_t>{})[0]);
  const BlockResult block = chain.apply({call_tx(sender, a, s, before + 32600 - 1), call_tx(sender, a, s, kGas)});
  EXPECT_EQ(block.receipts[0].status, TxStatus::Halt);
  EXPECT_EQ(block.receipts[0].exit_code, to_i32(ExitCode::OutOfFuel));
  EXPECT_EQ(block.receipts[0].gas_used, before + 32600 - 1);
  EXPECT_EQ(block.receipts[1].status, TxStatus::Success);
  EXPECT_EQ(block.receipts[1].gas_used, before + 32600 + gas_of(s.segment_fuel(std::vector<uint64_t>{0})[1]));
}

TEST_F(HostTest, CodeCopyReturnsExactlyLenBytesZeroPadded) {
  const uint64_t n = script.size();
  const Script s = Script()
                       .exec(CODE_COPY, copy_input(b, 3, 4))             // cold: 3 + 2600
                       .exec(CODE_COPY, copy_input(b, n - 2, 40))        // 2 bytes, then zeros: 6 + 100
                       .exec(CODE_COPY, copy_input(b, n + 100, 5))       // past the end: zeros, 3 + 100
                       .exec(CODE_COPY, copy_input(b, 0, 0))             // empty: 100
                       .exec(CODE_COPY, copy_input(addr(0x99), 0, 33));  // no account: zeros, 6 + 2600
  const Receipt r = run(s);
  ASSERT_EQ(r.status, TxStatus::Success);
  Bytes tail(40);
  std::copy(script.end() - 2, script.end(), tail.begin());
  EXPECT_EQ(r.output, cat({le32(0), Bytes(script.begin() + 3, script.begin() + 7), le32(0), tail, le32(0), Bytes(5),
                           le32(0), le32(0), Bytes(33)}));
  EXPECT_EQ(r.gas_used, expected(s, {4, 40, 5, 0, 33}, 2603 + 106 + 103 + 100 + 2606));
}

TEST_F(HostTest, CodeCopyCapAndOutOfGas) {
  // Over 12 MiB: MalformedBuiltinParams. 12 MiB: 3 gas per word are charged before the account
  // is loaded, more than the transaction has: OutOfFuel.
  const uint64_t cap = 12u << 20;
  const Script over = Script().exec(CODE_COPY, copy_input(b, 0, cap + 1));
  const Script at = Script().exec(CODE_COPY, copy_input(b, 0, cap));
  const Script bad = Script().exec(CODE_COPY, Bytes(35));
  const Script one = Script().exec(CODE_COPY, copy_input(b, 0, 1));
  const uint64_t before =
      intrinsic_gas(call_tx(sender, a, one, 0)) + gas_of(one.segment_fuel(std::vector<uint64_t>{})[0]);
  const BlockResult block = chain.apply({call_tx(sender, a, over, kGas), call_tx(sender, a, at, kGas),
                                         call_tx(sender, a, bad, kGas), call_tx(sender, a, one, before + 2603 - 1)});
  const ExitCode codes[] = {ExitCode::MalformedBuiltinParams, ExitCode::OutOfFuel, ExitCode::MalformedBuiltinParams,
                            ExitCode::OutOfFuel};
  for (size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(block.receipts[i].status, TxStatus::Halt) << i;
    EXPECT_EQ(block.receipts[i].exit_code, to_i32(codes[i])) << i;
    EXPECT_EQ(block.receipts[i].gas_used, i < 3 ? kGas : before + 2603 - 1) << i;
  }
}

TEST_F(HostTest, CodeViewsOfEvmOwnedAccountsAndPrecompiles) {
  const Bytes evm = {0x60, 0x01, 0x60, 0x02, 0x01};
  const Bytes32 evm_hash = keccak256(evm);
  Bytes32 analyzed_marker;
  analyzed_marker[31] = 1;
  Bytes padded = evm;
  padded.resize(evm.size() + 33);
  // §7.7 analyzed: marker ‖ hash ‖ original_len u64 ‖ padded code (u64 len ‖ bytes) ‖ jump table (u64 len ‖ bytes).
  const Bytes analyzed_md =
      cat({raw(analyzed_marker), raw(evm_hash), le64(evm.size()), le64(padded.size()), padded, le64(1), Bytes{0}});
  const Bytes truncated_md = Bytes(analyzed_md.begin(), analyzed_md.end() - 1);
  const Address legacy = addr(0xe1), analyzed = addr(0xe2), truncated = addr(0xe3), precompile = addr(0x04),
                other = addr(0xe4);
  const Bytes other_code = ownable(addr(0x91), bytes("md"));
  chain.put(legacy, 0, 1, ownable(evm_runtime, cat({raw(evm_hash), evm})));
  chain.put(analyzed, 0, 1, ownable(evm_runtime, analyzed_md));
  chain.put(truncated, 0, 1, ownable(evm_runtime, truncated_md));
  chain.put(precompile, 0, 1, script);  // e.g. a system runtime stored at 0x04
  chain.put(other, 0, 1, other_code);   // owned by another runtime: the stored bytes
  Script s;
  for (const Address& x : {legacy, analyzed, truncated, precompile, other})
    s.exec(CODE_SIZE, raw(x)).exec(CODE_HASH, raw(x)).exec(CODE_COPY, copy_input(x, 0, 8));
  const Receipt r = run(s);
  ASSERT_EQ(r.status, TxStatus::Success);
  const Bytes evm8 = cat({evm, Bytes(3)});
  EXPECT_EQ(r.output, cat({le32(0),
                           le256(5),
                           le32(0),
                           raw(evm_hash),
                           le32(0),
                           evm8,  //
                           le32(0),
                           le256(5),
                           le32(0),
                           raw(evm_hash),
                           le32(0),
                           evm8,  //
                           le32(0),
                           le256(0),
                           le32(0),
                           raw(KECCAK_EMPTY),
                           le32(0),
                           Bytes(8),  //
                           le32(0),
                           le256(0),
                           le32(0),
                           Bytes(32),
                           le32(0),
                           Bytes(8),  //
                           le32(0),
                           le256(other_code.size()),
                           le32(0),
                           raw(keccak256(other_code)),
                           le32(0),  //
                           Bytes(other_code.begin(), other_code.begin() + 8)}));
  std::vector<uint64_t> returns;
  for (int i = 0; i < 5; ++i) returns.insert(returns.end(), {32, 32, 8});
  EXPECT_EQ(r.gas_used, used(s, returns, 5 * (2600 + 100 + 103)));
}

}  // namespace
}  // namespace interlude::host::test
