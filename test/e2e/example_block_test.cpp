// The example block (examples/block/{alloc,env,txs}.json) parsed with the CLI's input functions
// and applied twice with Host::apply_block, checking the outcomes examples/README.md documents.
#include "cli.h"
#include "e2e_util.h"

namespace interlude::e2e {
namespace {

using host::TxStatus;

const std::string BLOCK_DIR = std::string(INTERLUDE_EXAMPLES_DIR) + "/block";
const std::string MODULE_PREFIX = "@../../build/contracts/";

class ExampleBlockTest : public ::testing::Test {
 protected:
  ExampleBlockTest() : state_(state::make_memory_state()) {
    cli::Document alloc = cli::load_json(BLOCK_DIR + "/alloc.json", "alloc");
    cli::Document env = cli::load_json(BLOCK_DIR + "/env.json", "env");
    cli::Document txs = cli::load_json(BLOCK_DIR + "/txs.json", "txs");
    // The block names modules in the default build directory; load them from this build's.
    for (auto& tx : txs.json) {
      const std::string input = tx.value("input", "");
      if (!input.starts_with('@')) continue;
      EXPECT_TRUE(input.starts_with(MODULE_PREFIX)) << input;
      std::string module = INTERLUDE_CONTRACT_DIR;
      module.append("/").append(input, MODULE_PREFIX.size());
      tx["input"] = "@" + module;
    }
    state_->commit(cli::parse_alloc(alloc.json, alloc.source));
    env_ = cli::parse_env(env.json, env.source);
    txs_ = cli::parse_txs(txs.json, txs.source);
  }

  std::vector<TxStatus> apply() {
    host::BlockResult result = host_.apply_block(*state_, env_, txs_);
    receipts_ = result.receipts;
    std::vector<TxStatus> statuses;
    for (const host::Receipt& r : receipts_) statuses.push_back(r.status);
    return statuses;
  }

  std::unique_ptr<state::State> state_;
  host::Host host_;
  host::BlockEnv env_;
  std::vector<host::Transaction> txs_;
  std::vector<host::Receipt> receipts_;
};

TEST_F(ExampleBlockTest, AppliesAsDocumentedAndAgain) {
  const Address token = *address_from_hex("fa4572b568d757199334eac305098b938ae9ec67");
  const Address router = *address_from_hex("67f2a8c840bfc5f37318297f90f110b31c762625");
  const Address factory = *address_from_hex("83924e1241e8c6eb49300179f34bcb06d23bb85d");
  const Address counter = *address_from_hex("2c67656141b59f8a9661575e9174ce368bc79e5c");
  ASSERT_EQ(txs_.size(), 12u);
  const auto S = TxStatus::Success, R = TxStatus::Revert;

  EXPECT_EQ(apply(), (std::vector<TxStatus>{S, S, S, S, S, S, S, R, S, S, S, S}));
  ASSERT_EQ(receipts_.size(), 12u);
  EXPECT_EQ(receipts_[0].created_address, token);
  EXPECT_EQ(receipts_[0].created_address, host::create_address(ALICE, 0));
  EXPECT_EQ(receipts_[1].created_address, router);
  EXPECT_EQ(receipts_[1].created_address, host::create_address(ALICE, 1));
  EXPECT_EQ(receipts_[2].created_address, factory);
  EXPECT_EQ(receipts_[2].created_address, host::create_address(ALICE, 2));
  EXPECT_EQ(to_hex(receipts_[7].output), to_hex(error_string("insufficient balance")));
  EXPECT_EQ(to_hex(receipts_[8].output), to_hex(word(ETHER * U256(850))));
  const Address counter2 = host::create2_address(factory, word(U256(0x2a)), contract_code("counter"));
  EXPECT_EQ(to_hex(receipts_[9].output), to_hex(word(counter2)));
  EXPECT_EQ(counter, host::create_address(factory, 2));
  EXPECT_EQ(to_hex(receipts_[10].output), to_hex(word(counter)));
  EXPECT_EQ(state_->storage(counter, U256(0)), U256(1));
  const U256 bob_slot = mapping_slot(word(BOB), U256(0)), router_slot = mapping_slot(word(router), U256(0));
  EXPECT_EQ(state_->storage(token, bob_slot), ETHER * U256(850));
  EXPECT_EQ(state_->storage(token, router_slot), ETHER * U256(400));

  // Again on the same state: new copies are deployed, the calls go to the first copies; the
  // CREATE2 with the same salt now collides.
  EXPECT_EQ(apply(), (std::vector<TxStatus>{S, S, S, S, S, S, S, R, S, R, S, S}));
  EXPECT_EQ(receipts_[0].created_address, host::create_address(ALICE, 8));
  EXPECT_EQ(state_->storage(counter, U256(0)), U256(2));
  EXPECT_EQ(state_->storage(token, bob_slot), ETHER * U256(1700));
  EXPECT_EQ(to_hex(receipts_[8].output), to_hex(word(ETHER * U256(1700))));
}

}  // namespace
}  // namespace interlude::e2e
