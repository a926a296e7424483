// docs/adversarial-cases.md §2.I: runtime-upgrade authority (protocol.md §4.4 UPGRADE_*) and the
// syscall matrix (every syscall id × hostile length, state, pointer, fuel buffer, static flag).
#include <algorithm>
#include <map>
#include <tuple>

#include "adv_fixture.h"

namespace interlude::host::test::adv {
namespace {

TEST_F(HostTest, T76_UpgradeSyscallRestrictions) {
  const Address upgrader = runtime_address(kRuntimeUpgrade), evm_runtime = runtime_address(kEvmRuntime),
                target = addr(0x71);
  chain.put(upgrader, 0, 1, script);
  chain.put(target, 0, 1, script);
  const Bytes leaf = wasm("leaf");
  constexpr uint64_t kUpgradeGas = 5'000'000;  // room for the EIP-7623 floor of a 24 KiB input
  const auto upgrade = [&](const Address& from, uint8_t id, ByteView input) {
    return chain.apply(call_tx(sender, from, Script().exec(id, input), kUpgradeGas));
  };
  const auto expect_halt = [&](const Receipt& r, ExitCode c, const char* what) {
    EXPECT_EQ(r.status, TxStatus::Halt) << what;
    EXPECT_EQ(r.exit_code, to_i32(c)) << what;
    EXPECT_EQ(r.gas_used, kUpgradeGas) << what;
  };
  // An ordinary contract: MalformedBuiltinParams, the EVM runtime's code unchanged (it has none).
  expect_halt(upgrade(a, UPGRADE_WASM_RUNTIME, cat({raw(evm_runtime), leaf})), ExitCode::MalformedBuiltinParams,
              "not the upgrade precompile");
  EXPECT_FALSE(chain.state().account(evm_runtime));
  // From the upgrade precompile: a payload that is not a wasm module (Interlude stores wasm, so
  // "the compiled-module magic" is `\0asm`), and EVM code of 0 or 24,577 (> 0x6000) bytes.
  expect_halt(upgrade(upgrader, UPGRADE_WASM_RUNTIME, cat({raw(target), bytes("EFR\x01 not a module")})),
              ExitCode::MalformedBuiltinParams, "bad magic");
  expect_halt(upgrade(upgrader, UPGRADE_EVM_RUNTIME, raw(target)), ExitCode::MalformedBuiltinParams, "empty EVM");
  expect_halt(upgrade(upgrader, UPGRADE_EVM_RUNTIME, cat({raw(target), Bytes(24'577, 0x5b)})),
              ExitCode::MalformedBuiltinParams, "24,577-byte EVM code");
  EXPECT_EQ(chain.code(target), script);
  // A valid payload from the precompile in a non-static frame: OK and the code hash changes.
  const Script hash = Script().exec(CODE_HASH, raw(target));
  EXPECT_EQ(run(hash).output, cat({le32(0), raw(keccak256(script))}));
  const Receipt ok = upgrade(upgrader, UPGRADE_WASM_RUNTIME, cat({raw(target), leaf}));
  ASSERT_EQ(ok.status, TxStatus::Success);
  EXPECT_EQ(chain.code(target), leaf);
  EXPECT_EQ(run(hash).output, cat({le32(0), raw(keccak256(leaf))}));
}

/// The exact input length of each syscall id (the fixed prefix for ">= N" layouts, §4.3).
constexpr std::pair<uint8_t, uint32_t> kSyscalls[] = {
    {STORAGE_READ, 32},
    {STORAGE_WRITE, 64},
    {CALL, 52},
    {STATIC_CALL, 20},
    {CALL_CODE, 52},
    {DELEGATE_CALL, 20},
    {CREATE, 32},
    {CREATE2, 64},
    {EMIT_LOG, 1},
    {DESTROY_ACCOUNT, 20},
    {BALANCE, 20},
    {SELF_BALANCE, 0},
    {CODE_SIZE, 20},
    {CODE_HASH, 20},
    {CODE_COPY, 36},
    {TRANSIENT_READ, 32},
    {TRANSIENT_WRITE, 64},
    {BLOCK_HASH, 8},
    {METADATA_WRITE, 24},
    {METADATA_SIZE, 20},
    {METADATA_CREATE, 32},
    {METADATA_COPY, 28},
    {METADATA_STORAGE_READ, 32},
    {METADATA_STORAGE_WRITE, 64},
    {METADATA_ACCOUNT_OWNER, 20},
    {UPGRADE_EVM_RUNTIME, 20},
    {UPGRADE_WASM_RUNTIME, 20},
    {0x00, 32},
    {0x10, 32},
    {0x47, 32},  // not syscall ids
};

/// Counts transactions whose call_ids are not exactly 1..n (n interruptions, in any report
/// order): call_ids are transaction-scoped (protocol.md §3.1), so nothing suspended in one cell
/// survives into the next. check() closes the last transaction.
class CallIdTracer : public RecordingTracer {
 public:
  uint32_t stale = 0;
  void tx_start(uint32_t) override { check(); }
  void interruption(uint32_t depth, uint32_t call_id, const char* syscall, uint64_t input_len, uint64_t gas_before,
                    uint64_t gas_after, int32_t exit_code) override {
    ids_.push_back(call_id);
    (void)depth, (void)syscall, (void)input_len, (void)gas_before, (void)gas_after, (void)exit_code;
  }
  void check() {
    std::sort(ids_.begin(), ids_.end());
    for (uint32_t i = 0; i < ids_.size(); ++i)
      if (ids_[i] != i + 1) {
        ++stale;
        break;
      }
    ids_.clear();
  }

 private:
  std::vector<uint32_t> ids_;
};

/// One matrix cell's observable outcome: receipt status, exit code, gas_used and output.
using Outcome = std::tuple<TxStatus, int32_t, uint64_t, Bytes>;

/// Runs the whole matrix on a fresh chain: a (script) CALLs or STATIC_CALLs x (wat/i_exec.wat)
/// with each cell, forwarding 200,000 gas; one transaction per cell.
std::vector<Outcome> run_matrix() {
  Chain chain;
  const Address sender = addr(0x5e), a = addr(0xa1), x = addr(0xe8);
  chain.put(sender, U256(1'000'000'000'000'000'000ull));
  chain.put(a, 1000, 1, wasm("script"));
  chain.put(x, 0, 1, wasm("i_exec"));
  chain.env.gas_limit = UINT64_MAX / 2;
  constexpr uint32_t kPointers[] = {0, 65'535, 0x8000'0000u, 0xFFFF'FFFFu};
  constexpr uint32_t kFuel16[] = {0, 0xFFFF'FFF8u, 64, 80};  // null, out of bounds, (-1, -1), (0, 0)
  std::vector<Outcome> out;
  std::vector<Transaction> block;
  CallIdTracer tracer;
  const auto flush = [&] {
    for (const Receipt& r : chain.apply(block, &tracer).receipts)
      out.emplace_back(r.status, r.exit_code, r.gas_used, r.output);
    block.clear();
  };
  for (const auto& [id, exact] : kSyscalls) {
    std::vector<uint32_t> lengths = {0, 1, exact + 1, 1'310'720, 0xFFFF'FFFFu};
    if (exact > 1) lengths.insert(lengths.end(), {exact - 1, exact});
    for (uint32_t len : lengths)
      for (uint32_t state : {0u, 1u, 2u})
        for (uint32_t ptr : kPointers)
          for (uint32_t fuel16 : kFuel16)
            for (bool is_static : {false, true}) {
              const Bytes cell =
                  cat({Bytes{id}, le32(int32_t(ptr)), le32(int32_t(len)), le32(int32_t(fuel16)), le32(int32_t(state))});
              Script s;
              if (is_static)
                s.exec(STATIC_CALL, cat({raw(x), cell}), 20 * 200'000);
              else
                s.exec(CALL, cat({raw(x), le256(0), cell}), 20 * 200'000);
              block.push_back(call_tx(sender, a, s, 1'000'000));
              if (block.size() == 256) flush();
            }
  }
  flush();
  tracer.check();
  EXPECT_EQ(tracer.stale, 0u);
  return out;
}

TEST(T80, SyscallMatrixNoAbort) {
  const std::vector<Outcome> first = run_matrix();
  ASSERT_GT(first.size(), 10'000u);
  std::map<int32_t, uint32_t> histogram;  // child exit code -> cells
  for (const auto& [status, exit_code, gas_used, output] : first) {
    // The driver always survives: x's failure is reported by a's _exec, never a host abort.
    ASSERT_EQ(status, TxStatus::Success);
    ASSERT_EQ(exit_code, 0);
    ASSERT_LE(gas_used, 1'000'000u);
    ASSERT_GE(output.size(), 4u);
    const int32_t child = int32_t(load_u32_le(output.data()));
    EXPECT_TRUE(child <= 0 && runtime::is_defined_exit_code(child)) << child;
    ++histogram[child];
    if (child == 0) {  // x ran to the end: its _exec returned a final code, never a call_id
      ASSERT_EQ(output.size(), 12u);
      const int32_t exec = int32_t(load_u32_le(output.data() + 4));
      EXPECT_TRUE(exec <= 0 && runtime::is_defined_exit_code(exec)) << exec;
    }
  }
  // Pinned per outcome: a change is a consensus change. x's own outcome: 0 it ran to the end (its
  // _exec returned a Result or a soft failure); -1003 bad length, state or unknown id; -1010 a
  // mutation in the static variant; -2002 an out-of-bounds input range or fuel16 pointer (trap in
  // the _exec import, §3.3); -2006 input_len above 1,310,720 (the fuel procedure's overflow trap);
  // -2010 the quadratic _exec fuel of 1,310,720 bytes exceeds the 200,000 gas given to x.
  EXPECT_EQ(histogram, (std::map<int32_t, uint32_t>{
                           {0, 372}, {-1003, 7227}, {-1010, 822}, {-2002, 5595}, {-2006, 2880}, {-2010, 2880}}));
  // Identical outcomes and gas on a second run from scratch.
  EXPECT_TRUE(first == run_matrix());
}

}  // namespace
}  // namespace interlude::host::test::adv
