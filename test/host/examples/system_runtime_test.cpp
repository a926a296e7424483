// The wasm system runtime example (examples/system_runtime) in the root-STF: storage through the
// envelope (a preloaded slot, written back in the outcome) and a nested CALL through an
// interruption to the counter example (examples/counter).
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "../host_test_util.h"

namespace interlude::host::test {
namespace {

constexpr uint64_t kGas = 1'000'000;
constexpr uint64_t kSegmentGas = 1000;  // system_runtime.c: 20,000 fuel per entry call

Bytes contract(const std::string& name) {
  std::ifstream file(std::string(INTERLUDE_CONTRACT_DIR) + "/" + name + ".wasm", std::ios::binary);
  return Bytes(std::istreambuf_iterator<char>(file), {});
}

class SystemRuntimeExample : public ::testing::Test {
 protected:
  const Address sender = addr(0x5e), runtime = addr(0xe5), counter = addr(0xc0);
  Chain chain;
  Host host{HostConfig{{{runtime, {U256(0)}}}}};

  SystemRuntimeExample() {
    chain.put(sender, U256(1'000'000'000'000'000'000ull));
    chain.put(runtime, 0, 1, contract("system_runtime"));
    chain.put(counter, 0, 1, contract("counter"));
  }
  Receipt call(const Bytes& calldata, RecordingTracer* tracer = nullptr) {
    return host.apply_block(chain.state(), chain.env, std::vector<Transaction>{call_tx(sender, runtime, calldata, kGas)},
                            tracer)
        .receipts.at(0);
  }
  /// Calldata forwarding `data` to the counter.
  Bytes forward(std::string_view selector_hex) const {
    Bytes calldata(counter.bytes.begin(), counter.bytes.end());
    const Bytes selector = from_hex(selector_hex).value();
    calldata.insert(calldata.end(), selector.begin(), selector.end());
    return calldata;
  }
};

TEST_F(SystemRuntimeExample, CountsInItsPreloadedSlot) {
  for (uint64_t expected : {1, 2}) {
    const Receipt r = call({});
    ASSERT_EQ(r.status, TxStatus::Success);
    const Bytes32 be = U256(expected).to_be();
    EXPECT_EQ(r.output, Bytes(be.bytes.begin(), be.bytes.end()));
    // One segment, and the preload of slot 0 (cold: 2100), which the outcome touches.
    EXPECT_EQ(r.gas_used, 21'000 + kSegmentGas + 2100);
    EXPECT_EQ(chain.storage(runtime, U256(0)), U256(expected));
  }
}

TEST_F(SystemRuntimeExample, ForwardsACallThroughAnInterruption) {
  RecordingTracer tracer;
  Bytes calldata = forward("d09de08a");  // counter.increment()
  Receipt r = call(calldata, &tracer);
  ASSERT_EQ(r.status, TxStatus::Success);
  EXPECT_TRUE(r.output.empty());
  EXPECT_EQ(chain.storage(runtime, U256(0)), U256(1));
  EXPECT_EQ(chain.storage(counter, U256(0)), U256(1));
  ASSERT_EQ(tracer.syscall_gas.size(), 3u);  // the runtime's CALL, the counter's read and write
  EXPECT_EQ(tracer.events[1], "start 1 CALL");
  // Two segments of the runtime, the preload, and what the CALL syscall cost (the cold counter
  // account, 2600, and the counter's own gas).
  const Transaction tx = call_tx(sender, runtime, calldata, kGas);
  EXPECT_EQ(r.gas_used, intrinsic_gas(tx) + 2 * kSegmentGas + 2100 + tracer.syscall_gas.back());

  // counter.get() returns the counter's value through the runtime.
  r = call(forward("6d4ce63c"));
  ASSERT_EQ(r.status, TxStatus::Success);
  Bytes one(32);
  one[31] = 1;
  EXPECT_EQ(r.output, one);
  EXPECT_EQ(chain.storage(runtime, U256(0)), U256(2));

  // The counter reverts on an unknown selector: the runtime reverts too, its count unchanged.
  r = call(forward("ffffffff"));
  EXPECT_EQ(r.status, TxStatus::Revert);
  EXPECT_EQ(chain.storage(runtime, U256(0)), U256(2));
}

}  // namespace
}  // namespace interlude::host::test
