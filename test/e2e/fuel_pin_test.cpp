// Consensus pins (issue 5 item 6): fuel and gas are consensus, so an engine or host optimisation
// must not change them. Pinned here:
//   - each benchmark kernel (bench/kernels, wasm32 build): its checksum (equal to the native
//     build's) and the exact fuel of one `bench` call with metering on, plus the instantiation
//     fuel (32 pages of initial memory x 1024);
//   - the exact gas_used and interruption count of the example contracts' deploys and main calls
//     through Host::apply_block (protocol.md §4.4 gas, "Interlude profile" fuel schedule).
// A change to any number below is a consensus change and has to be deliberate.
#include <fstream>
#include <iterator>

#include "e2e_util.h"
#include "interlude/wasm/engine.h"
#include "kernels.h"

namespace interlude::e2e {
namespace {

struct KernelPin {
  const char* name;
  uint32_t (*native)();
  uint32_t checksum;
  uint64_t fuel;
};

TEST(FuelPin, BenchKernels) {
  const KernelPin pins[] = {
      {"keccak", kernel_keccak, 0x89328ee3u, 9'987'240u},
      {"sha256", kernel_sha256, 0xb745ae7du, 17'320'179u},
      {"fib", kernel_fib, 196418u, 9'852'133u},
      {"sieve", kernel_sieve, 82025u, 31'011'747u},
      {"matmul", kernel_matmul, 0xfe1c76deu, 45'324'952u},
      {"mulmod", kernel_mulmod, 0x5926c439u, 35'580'109u},
      {"statemachine", kernel_statemachine, 0x6d322a8fu, 28'706'758u},
  };
  for (const KernelPin& pin : pins) {
    SCOPED_TRACE(pin.name);
    std::ifstream in(std::string(INTERLUDE_BENCH_KERNEL_DIR) + "/" + pin.name + ".wasm", std::ios::binary);
    const std::vector<uint8_t> binary((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    wasm::CompileError error;
    auto module = wasm::Module::compile(binary, wasm::Config{}, &error);
    ASSERT_TRUE(module) << error.message;
    auto inst = wasm::Instance::instantiate(module, {}, ~0ull).instance;
    ASSERT_TRUE(inst);
    EXPECT_EQ(inst->fuel_consumed(), 32u * 1024u);  // 2 MiB of initial memory
    const uint64_t before = inst->fuel_consumed();
    ASSERT_EQ(inst->call(*module->exported_function("bench"), {}).status, wasm::RunStatus::Returned);
    EXPECT_EQ(uint32_t(inst->results()[0]), pin.checksum);
    EXPECT_EQ(pin.native(), pin.checksum);
    EXPECT_EQ(inst->fuel_consumed() - before, pin.fuel);
  }
}

// Selectors of the example contracts' main entry points (checked in examples_test.cpp).
constexpr uint32_t INCREMENT = 0xd09de08a, TRANSFER = 0xa9059cbb, TRANSFER_VIA = 0xb85c4f28,
                   DEPLOY_COUNTER = 0x8f90742d;

struct GasPin {
  const char* what;
  uint64_t gas_used;
  uint32_t interruptions;
};

TEST_F(E2ETest, FuelPinExampleContractGas) {
  std::vector<std::pair<std::string, host::Receipt>> got;
  auto deploy_pinned = [&](const std::string& name) {
    got.emplace_back("deploy " + name, create(ALICE, contract_code(name)));
    return got.back().second.created_address.value_or(Address{});
  };
  const Address counter = deploy_pinned("counter"), token = deploy_pinned("token"),
                router = deploy_pinned("router"), factory = deploy_pinned("factory");
  got.emplace_back("counter.increment()", send(ALICE, counter, abi_call(INCREMENT)));
  got.emplace_back("token.transfer(router, 500e18)",
                   send(ALICE, token, abi_call(TRANSFER, {word(router), word(ETHER * U256(500))})));
  got.emplace_back("router.transferVia(token, BOB, 100e18)",
                   send(BOB, router, abi_call(TRANSFER_VIA, {word(token), word(BOB), word(ETHER * U256(100))})));
  got.emplace_back("factory.deployCounter()", send(ALICE, factory, abi_call(DEPLOY_COUNTER)));

  const GasPin pins[] = {
      {"deploy counter", 124'681, 0},
      {"deploy token", 417'981, 3},
      {"deploy router", 181'233, 0},
      {"deploy factory", 233'693, 0},
      {"counter.increment()", 43'380, 2},
      {"token.transfer(router, 500e18)", 51'136, 5},
      {"router.transferVia(token, BOB, 100e18)", 76'402, 8},
      {"factory.deployCounter()", 110'607, 2},
  };
  ASSERT_EQ(got.size(), std::size(pins));
  for (size_t i = 0; i < got.size(); ++i) {
    const auto& [what, r] = got[i];
    SCOPED_TRACE(what);
    EXPECT_EQ(what, pins[i].what);
    EXPECT_EQ(r.status, host::TxStatus::Success) << r.exit_code << " " << r.error;
    EXPECT_EQ(r.gas_used, pins[i].gas_used);
    EXPECT_EQ(r.interruptions, pins[i].interruptions);
  }
}

}  // namespace
}  // namespace interlude::e2e
