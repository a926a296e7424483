// Syscalls (protocol.md §4.4): exact outputs and gas of STORAGE_READ/WRITE, CALL with value,
// CREATE/CREATE2, EMIT_LOG, BALANCE/SELF_BALANCE, CODE_SIZE/CODE_HASH, TRANSIENT_*, BLOCK_HASH.
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
Bytes raw(const Address& x) { return Bytes(x.bytes.begin(), x.bytes.end()); }
Bytes raw(const Bytes32& x) { return Bytes(x.bytes.begin(), x.bytes.end()); }

TEST_F(HostTest, StorageReadColdThenWarm) {
  chain.put_storage(a, 7, 42);
  const Script s = Script().sload(7).sload(7).sload(8);
  RecordingTracer tracer;
  const Receipt r = run(s, kGas, &tracer);
  EXPECT_EQ(tracer.syscall_gas, (std::vector<uint64_t>{2100, 100, 2100}));
  ASSERT_EQ(r.status, TxStatus::Success);
  EXPECT_EQ(r.output, cat({le32(0), le256(42), le32(0), le256(42), le32(0), le256(0)}));
  EXPECT_EQ(r.gas_used, expected(s, {32, 32, 32}, 2100 + 100 + 2100));
  EXPECT_EQ(r.interruptions, 3u);
}

TEST_F(HostTest, StorageWriteSetThenUpdateThenResetInTheNextTransaction) {
  const Script set = Script().sstore(1, 1).sstore(1, 2);  // cold 0 -> 1: 2100 + 20000; 1 -> 2: 100
  const Script reset = Script().sstore(1, 3);             // new tx: cold, original 2: 2100 + 2900
  const Script noop = Script().sstore(1, 3).sstore(1, 3);  // cold unchanged 2200, then warm 100
  const BlockResult block =
      chain.apply({call_tx(sender, a, set, kGas), call_tx(sender, a, reset, kGas), call_tx(sender, a, noop, kGas)});
  EXPECT_EQ(block.receipts[0].gas_used, expected(set, {0, 0}, 22100 + 100));
  EXPECT_EQ(block.receipts[1].gas_used, expected(reset, {0}, 5000));
  EXPECT_EQ(block.receipts[2].gas_used, expected(noop, {0, 0}, 2200 + 100));
  for (const Receipt& r : block.receipts) EXPECT_EQ(r.gas_refunded, 0u);
  EXPECT_EQ(chain.storage(a, 1), U256(3));
}

TEST_F(HostTest, StorageWriteSentryNeedsMoreThan2300Gas) {
  chain.put_storage(a, 3, 5);
  const Script s = Script().sload(3).sstore(3, 5);  // the SSTORE is warm and unchanged: 100
  const auto seg = s.segment_fuel(std::vector<uint64_t>{32, 0});
  const Transaction probe = call_tx(sender, a, s, 0);
  const uint64_t before_sstore = intrinsic_gas(probe) + gas_of(seg[0]) + 2100 + gas_of(seg[1]);
  const BlockResult block =
      chain.apply({call_tx(sender, a, s, before_sstore + 2300), call_tx(sender, a, s, before_sstore + 2301)});
  EXPECT_EQ(block.receipts[0].status, TxStatus::Halt);
  EXPECT_EQ(block.receipts[0].exit_code, to_i32(ExitCode::OutOfFuel));
  EXPECT_EQ(block.receipts[0].gas_used, before_sstore + 2300);
  EXPECT_EQ(block.receipts[1].status, TxStatus::Success);
  EXPECT_EQ(block.receipts[1].gas_used, before_sstore + 100 + gas_of(seg[2]));
}

TEST_F(HostTest, CallWithValue) {
  const Address fresh = addr(0x77), funded = addr(0x78);
  chain.put(funded, 1);
  // To an empty account: 9000 value + 2600 cold + 25000 new account; the 2300 stipend comes back.
  const Script s1 = Script().call(fresh, 10, {});
  Receipt r = run(s1);
  EXPECT_EQ(r.output, le32(0));
  EXPECT_EQ(r.gas_used, expected(s1, {0}, 9000 + 2600 + 25000 - 2300));
  EXPECT_EQ(chain.balance(fresh), U256(10));
  // To an existing account: no new-account cost.
  const Script s2 = Script().call(funded, 10, {});
  r = run(s2);
  EXPECT_EQ(r.gas_used, expected(s2, {0}, 9000 + 2600 - 2300));
  EXPECT_EQ(chain.balance(funded), U256(11));
  EXPECT_EQ(chain.balance(a), U256(980));
  // More than the caller has: the child never starts, _exec returns -1 and all its gas comes back.
  const Script s3 = Script().call(funded, 5000, {});
  r = run(s3);
  EXPECT_EQ(r.status, TxStatus::Success);
  EXPECT_EQ(r.output, le32(-1));
  EXPECT_EQ(r.gas_used, expected(s3, {0}, 9000 + 2600 - 2300));
  EXPECT_EQ(chain.balance(funded), U256(11));
  EXPECT_EQ(chain.balance(a), U256(980));
  // To a contract: the child runs on its 63/64 share plus the stipend.
  const Script s4 = Script().call(b, 1, {});
  r = run(s4);
  EXPECT_EQ(r.gas_used, expected(s4, {0}, 9000 + 2600 + Script().execution_gas({}) - 2300));
  EXPECT_EQ(chain.balance(b), U256(1));
}

TEST_F(HostTest, CallGasIsCappedByTheRequestFuelLimit) {
  const Script s = Script().call(b, 0, Script().spin(), 20 * 5000);  // the child gets exactly 5000 gas
  const Receipt r = run(s);
  EXPECT_EQ(r.output, le32(to_i32(ExitCode::OutOfFuel)));
  EXPECT_EQ(r.gas_used, expected(s, {0}, 2600 + 5000));
}

TEST_F(HostTest, CreateDeploysTheModuleAndRunsItsConstructor) {
  const Script ctor = Script().sstore(1, 7);
  const Bytes init = with_custom_section(script, "input", ctor);
  const Script s = Script().create(100, init);
  const Receipt r = run(s, 2'000'000);
  ASSERT_EQ(r.status, TxStatus::Success);
  const Address created = create_address(a, 1);
  EXPECT_EQ(r.output, cat({le32(0), raw(created)}));
  EXPECT_EQ(chain.code(created), init);
  EXPECT_EQ(chain.nonce(created), 1u);
  EXPECT_EQ(chain.balance(created), U256(100));
  EXPECT_EQ(chain.balance(a), U256(900));
  EXPECT_EQ(chain.storage(created, 1), U256(7));
  EXPECT_EQ(chain.nonce(a), 2u);
  // 2/word init code + 32000 + the child's 50/byte, constructor execution and cold SSTORE.
  const uint64_t child = 50 * init.size() + ctor.execution_gas({0}) + 22100;
  EXPECT_EQ(r.gas_used, std::max(intrinsic_gas(call_tx(sender, a, s, 0)) + s.execution_gas({20}) +
                                     2 * words(init.size()) + 32000 + child,
                                 floor_gas(call_tx(sender, a, s, 0))));
}

TEST_F(HostTest, Create2AddressAndCollision) {
  const Bytes init = with_custom_section(script, "input", Script().write(bytes("hi")));
  const Script s = Script().create2(0, 0x42, init).create2(0, 0x42, init);
  const Receipt r = run(s, 3'000'000);
  ASSERT_EQ(r.status, TxStatus::Success);
  const Address created = create2_address(a, U256(0x42).to_be(), init);
  // The second CREATE2 collides (nonce 1 and code at the address): CreateContractCollision, and
  // the gas given to the child is consumed.
  EXPECT_EQ(r.output, cat({le32(0), raw(created), le32(to_i32(ExitCode::CreateContractCollision))}));
  EXPECT_EQ(chain.code(created), init);
  EXPECT_EQ(chain.nonce(a), 3u);  // both CREATE2s bumped the nonce
  const auto seg = s.segment_fuel(std::vector<uint64_t>{20, 0});
  const uint64_t frame_gas = 3'000'000 - intrinsic_gas(call_tx(sender, a, s, 0));
  const uint64_t create_cost = 2 * words(init.size()) + 32000 + 6 * words(init.size());
  const uint64_t first_child = 50 * init.size() + Script().write(bytes("hi")).execution_gas({});
  const uint64_t at_second =
      frame_gas - gas_of(seg[0]) - create_cost - first_child - gas_of(seg[1]) - create_cost;
  EXPECT_EQ(r.gas_used, 3'000'000 - (at_second / 64 - gas_of(seg[2])));
}

TEST_F(HostTest, CreateFailuresReachTheCaller) {
  const uint8_t evm_code[] = {0x60, 0x00, 0x60, 0x00, 0xf3};
  const Receipt r = run(Script()
                            .create(5000, script)                 // more than a's 1000 wei: -1, no nonce bump
                            .create(0, evm_code)                  // not wasm
                            .create(0, wasm("bad_import")),       // import outside the table
                        3'000'000);
  ASSERT_EQ(r.status, TxStatus::Success);
  EXPECT_EQ(r.output, cat({le32(-1), le32(to_i32(ExitCode::NotSupportedBytecode)),
                           le32(to_i32(ExitCode::MalformedBuiltinParams))}));
  EXPECT_EQ(chain.nonce(a), 3u);
  EXPECT_FALSE(chain.state().account(create_address(a, 1)));
  EXPECT_FALSE(chain.state().account(create_address(a, 2)));
}

TEST_F(HostTest, EmitLog) {
  const Bytes32 t1 = keccak256(bytes("Transfer")), t2 = U256(5).to_be();
  const Script s = Script().emit_log({t1, t2}, bytes("data"));
  const Receipt r = run(s);
  ASSERT_EQ(r.status, TxStatus::Success);
  ASSERT_EQ(r.logs.size(), 1u);
  EXPECT_EQ(r.logs[0].address, a);
  EXPECT_EQ(r.logs[0].topics, (std::vector<Bytes32>{t1, t2}));
  EXPECT_EQ(r.logs[0].data, bytes("data"));
  EXPECT_EQ(r.gas_used, expected(s, {0}, 375 + 2 * 375 + 4 * 8));
}

TEST_F(HostTest, BalanceAndSelfBalance) {
  const Address x = addr(0x77);
  chain.put(x, 12345);
  const Script s = Script().exec(BALANCE, raw(x)).exec(BALANCE, raw(x)).exec(SELF_BALANCE, {});
  const Receipt r = run(s);
  EXPECT_EQ(r.output, cat({le32(0), le256(12345), le32(0), le256(12345), le32(0), le256(1000)}));
  EXPECT_EQ(r.gas_used, expected(s, {32, 32, 32}, 2600 + 100 + 5));
}

TEST_F(HostTest, CodeSizeAndCodeHash) {
  const Script s = Script()
                       .exec(CODE_SIZE, raw(b))      // cold 2600
                       .exec(CODE_HASH, raw(b))      // warm 100
                       .exec(CODE_HASH, raw(addr(0x99)))  // cold, does not exist: zero
                       .exec(CODE_HASH, raw(sender));     // warm (tx sender), no code
  const Receipt r = run(s);
  EXPECT_EQ(r.output, cat({le32(0), le256(script.size()), le32(0), raw(keccak256(script)), le32(0), Bytes(32),
                           le32(0), raw(KECCAK_EMPTY)}));
  EXPECT_EQ(r.gas_used, expected(s, {32, 32, 32, 32}, 2600 + 100 + 2600 + 100));
}

TEST_F(HostTest, TransientStorageIsClearedPerTransaction) {
  const Bytes write = cat({le256(1), le256(5)});
  const Script s = Script().exec(TRANSIENT_WRITE, write).exec(TRANSIENT_READ, le256(1));
  const Script read = Script().exec(TRANSIENT_READ, le256(1));
  const BlockResult block = chain.apply({call_tx(sender, a, s, kGas), call_tx(sender, a, read, kGas)});
  EXPECT_EQ(block.receipts[0].output, cat({le32(0), le32(0), le256(5)}));
  EXPECT_EQ(block.receipts[0].gas_used, expected(s, {0, 32}, 200));
  EXPECT_EQ(block.receipts[1].output, cat({le32(0), le256(0)}));
}

TEST_F(HostTest, BlockHashCoversThe256PreviousBlocks) {
  chain.env.number = 300;
  const Bytes32 h299 = keccak256(bytes("299")), h44 = keccak256(bytes("44")), h43 = keccak256(bytes("43"));
  chain.env.block_hashes = {{299, h299}, {44, h44}, {43, h43}};
  auto number = [](uint64_t n) {
    Bytes out(8);
    store_u64_le(out.data(), n);
    return out;
  };
  const Script s = Script()
                       .exec(BLOCK_HASH, number(299))
                       .exec(BLOCK_HASH, number(44))    // 256 back
                       .exec(BLOCK_HASH, number(43))    // 257 back: zero
                       .exec(BLOCK_HASH, number(300));  // the current block: zero
  const Receipt r = run(s);
  EXPECT_EQ(r.output, cat({le32(0), raw(h299), le32(0), raw(h44), le32(0), Bytes(32), le32(0), Bytes(32)}));
  EXPECT_EQ(r.gas_used, expected(s, {32, 32, 32, 32}, 4 * 20));
}

}  // namespace
}  // namespace interlude::host::test
