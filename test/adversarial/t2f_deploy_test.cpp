// docs/adversarial-cases.md §2.F: deployment and module validation. Interlude profile "wasm
// deploy": the root-STF charges 50 gas per init-code byte, then validates and compiles the module;
// an invalid module or an import outside the table halts MalformedBuiltinParams (-1003, all gas)
// and installs nothing; more than 1 MiB is CreateContractSizeLimit (-1011).
#include "adv_fixture.h"
#include "heap_counter.h"

namespace interlude::host::test::adv {
namespace {

constexpr uint64_t kDeployGas = 2'000'000;

class DeployTest : public HostTest {
 protected:
  /// Deploys `init` from the sender and checks a REJECT with `expected`: all gas, no account.
  void expect_reject(ByteView init, ExitCode expected, const std::string& what, uint64_t gas = kDeployGas) {
    const Address would_be = create_address(sender, chain.nonce(sender));
    const Receipt r = chain.apply(create_tx(sender, init, gas));
    EXPECT_EQ(r.status, TxStatus::Halt) << what;
    EXPECT_EQ(r.exit_code, to_i32(expected)) << what;
    EXPECT_EQ(r.gas_used, gas) << what;
    EXPECT_FALSE(r.created_address) << what;
    EXPECT_FALSE(chain.state().account(would_be)) << what;
  }
  /// Deploys `init` and calls it; returns the call's receipt.
  Receipt deploy_and_call(ByteView init) {
    const Receipt d = chain.apply(create_tx(sender, init, kDeployGas));
    EXPECT_EQ(d.status, TxStatus::Success);
    EXPECT_TRUE(d.created_address);
    if (!d.created_address) return d;
    return chain.apply(call_tx(sender, *d.created_address, {}, kGas));
  }
};

TEST_F(DeployTest, T58_MalformedWasm) {
  const Bytes valid = module_with_main(Bytes{0x00, 0x0b});
  const Bytes header(valid.begin(), valid.begin() + 8);
  const Bytes type_section(valid.begin() + 8, valid.begin() + 14);
  const struct {
    const char* name;
    Bytes init;
  } cases[] = {
      {"version 2",
       cat({Bytes{0x00, 0x61, 0x73, 0x6d, 0x02, 0x00, 0x00, 0x00}, Bytes(valid.begin() + 8, valid.end())})},
      {"section length 0xFFFFFFFF", cat({header, Bytes{0x01, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x01, 0x60, 0x00, 0x00}})},
      {"body length beyond the input",
       cat({header, type_section, section(3, Bytes{0x01, 0x00}), section(10, Bytes{0x01, 0xe8, 0x07, 0x00, 0x0b})})},
      {"opcode 0xFF", module_with_main(Bytes{0x00, 0xff, 0x0b})},
      {"duplicate type section", cat({header, type_section, type_section, Bytes(valid.begin() + 14, valid.end())})},
      {"magic only", header},
  };
  for (const auto& c : cases) {
    // No allocation driven by a claimed length (e.g. a 4 GiB section): the whole transaction's
    // heap peak stays small.
    heap_peak_reset();
    const uint64_t base = heap_live();
    expect_reject(c.init, ExitCode::MalformedBuiltinParams, c.name);
    EXPECT_LT(heap_peak() - base, uint64_t(4) << 20) << c.name;
  }
  // Truncated magic: not `\0asm`, so not routed to the wasm path at all (profile "other init
  // code"): NotSupportedBytecode, still a REJECT with all gas.
  expect_reject(Bytes{0x00, 0x61, 0x73}, ExitCode::NotSupportedBytecode, "truncated magic");
  // The 50 gas/byte is charged before compiling: one gas short of it halts OutOfFuel, not -1003.
  const Bytes bad = module_with_main(Bytes{0x00, 0xff, 0x0b});
  const uint64_t before_compile = intrinsic_gas(create_tx(sender, bad, 0)) + 50 * bad.size();
  expect_reject(bad, ExitCode::OutOfFuel, "short of the per-byte charge", before_compile - 1);
  expect_reject(bad, ExitCode::MalformedBuiltinParams, "with the per-byte charge", before_compile);
  // 1 MiB + 1 byte: a valid module padded with a custom section.
  Bytes big = valid;
  const uint64_t pad = (1u << 20) + 1 - big.size() - 1 - 4 - 1 - 1;  // id, 4-byte LEB, name length, name
  big.insert(big.end(), {0x00, uint8_t(0x80 | ((pad + 2) & 0x7f)), uint8_t(0x80 | (((pad + 2) >> 7) & 0x7f)),
                         uint8_t(0x80 | (((pad + 2) >> 14) & 0x7f)), uint8_t((pad + 2) >> 21), 0x01, 'x'});
  big.resize((1u << 20) + 1);
  ASSERT_EQ(big.size(), (1u << 20) + 1);
  chain.env.gas_limit = 100'000'000;
  expect_reject(big, ExitCode::CreateContractSizeLimit, "1 MiB + 1", 100'000'000);
}

TEST_F(DeployTest, T59_UnknownOrMistypedImports) {
  for (const char* name : {"f_import_env_foo", "f_import_nonexistent", "f_import_write_fd", "f_import_exit_i64",
                           "f_import_exec_4", "f_import_memory", "f_import_table", "f_import_global"}) {
    expect_reject(wasm(name), ExitCode::MalformedBuiltinParams, name);
  }
}

TEST_F(DeployTest, T60_EntrypointShapeAndStartFunction) {
  // (a), (b): REJECT (MalformedBuiltinParams, all gas).
  expect_reject(wasm("f_no_main"), ExitCode::MalformedBuiltinParams, "no main");
  expect_reject(wasm("f_main_params"), ExitCode::MalformedBuiltinParams, "main (i32, i32) -> i32");
  // (c): the start function runs at instantiation, before `deploy`: the trap is a deterministic
  // REJECT with UnreachableCodeReached (-2001).
  expect_reject(wasm("f_start_traps"), ExitCode::UnreachableCodeReached, "trapping start");
  // (d): start runs before main, and main still runs: output g = 7.
  const Receipt r = deploy_and_call(wasm("f_start_sets_global"));
  ASSERT_EQ(r.status, TxStatus::Success);
  EXPECT_EQ(r.output, le32(7));
}

TEST_F(DeployTest, T62_HugeTables) {
  // Spec-correct semantics: the table has 5000 entries and entry 4999 is callable.
  const Receipt big = deploy_and_call(wasm("f_table_5000"));
  ASSERT_EQ(big.status, TxStatus::Success);
  EXPECT_EQ(big.output, cat({le32(5000), le32(9)}));
  // A maximum above 2^31: the grow succeeds (returns the old size 1), the table has 2 entries.
  const Receipt grow = deploy_and_call(wasm("f_table_grow"));
  ASSERT_EQ(grow.status, TxStatus::Success);
  EXPECT_EQ(grow.output, cat({le32(1), le32(2)}));
}

TEST_F(DeployTest, T63_UnsupportedProposalsRejected) {
  // Profile "floats": SIMD modules are rejected at deploy with NotSupportedBytecode.
  expect_reject(wasm("f_simd"), ExitCode::NotSupportedBytecode, "simd");
  // Proposals the engine does not implement are invalid modules: MalformedBuiltinParams.
  const struct {
    const char* name;
    Bytes init;
  } cases[] = {
      // i32.const 0; i32.atomic.load align=2 offset=0; drop
      {"atomics", module_with_main(Bytes{0x00, 0x41, 0x00, 0xfe, 0x10, 0x02, 0x00, 0x1a, 0x0b})},
      {"memory64", module_with_main(Bytes{0x00, 0x0b}, Bytes{0x01, 0x04, 0x01})},
      {"multi-memory", module_with_main(Bytes{0x00, 0x0b}, Bytes{0x02, 0x00, 0x01, 0x00, 0x01})},
      {"tail call", module_with_main(Bytes{0x00, 0x12, 0x01, 0x0b})},  // return_call deploy
  };
  for (const auto& c : cases) expect_reject(c.init, ExitCode::MalformedBuiltinParams, c.name);
  // Reference types are supported: an externref local works.
  const Receipt r = deploy_and_call(wasm("f_externref"));
  ASSERT_EQ(r.status, TxStatus::Success);
  EXPECT_EQ(r.output, le32(1));
}

}  // namespace
}  // namespace interlude::host::test::adv
