// Behavioural suite of the State interface, run against the in-memory and the LMDB implementation.
#include <gtest/gtest.h>

#include <vector>

#include "test_util.h"

namespace interlude::state::test {
namespace {

struct MemoryBackend {
  static constexpr const char* kName = "Memory";
  static std::unique_ptr<State> open(const std::filesystem::path&) { return make_memory_state(); }
};
struct LmdbBackend {
  static constexpr const char* kName = "Lmdb";
  static std::unique_ptr<State> open(const std::filesystem::path& dir) { return open_lmdb_state(dir); }
};
struct BackendName {
  template <class Backend>
  static std::string GetName(int) {
    return Backend::kName;
  }
};

template <class Backend>
class StateTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = fresh_test_dir();
    state_ = Backend::open(dir_);
  }
  void TearDown() override {
    state_.reset();
    std::filesystem::remove_all(dir_);
  }

  /// Commits a diff touching only `address`.
  void commit_account(const Address& address, AccountDiff change) {
    BlockDiff diff;
    diff.accounts[address] = std::move(change);
    state_->commit(diff);
  }
  std::vector<std::pair<U256, U256>> slots(const Address& address) const {
    std::vector<std::pair<U256, U256>> out;
    state_->for_each_storage(address,
                             [&](const U256& slot, const U256& value) { out.emplace_back(slot, value); });
    return out;
  }

  std::filesystem::path dir_;
  std::unique_ptr<State> state_;
};
using Backends = testing::Types<MemoryBackend, LmdbBackend>;
TYPED_TEST_SUITE(StateTest, Backends, BackendName);

const Account kAlice{1, U256(1000), KECCAK_EMPTY};

TYPED_TEST(StateTest, FreshStateIsEmpty) {
  State& s = *this->state_;
  EXPECT_TRUE(s.empty());
  EXPECT_EQ(s.last_block(), std::nullopt);
  EXPECT_EQ(s.account(addr(0, 1)), std::nullopt);
  EXPECT_EQ(s.storage(addr(0, 1), 1), U256());
  EXPECT_EQ(s.code(KECCAK_EMPTY), Bytes());
  EXPECT_EQ(s.code(keccak256(Bytes{1})), std::nullopt);
  uint32_t visits = 0;
  s.for_each_account([&](const Address&, const Account&) { ++visits; });
  s.for_each_storage(addr(0, 1), [&](const U256&, const U256&) { ++visits; });
  EXPECT_EQ(visits, 0u);
}

TYPED_TEST(StateTest, AccountCreateUpdateDelete) {
  State& s = *this->state_;
  this->commit_account(addr(0, 1), {kAlice, false, {}});
  EXPECT_EQ(s.account(addr(0, 1)), kAlice);
  EXPECT_EQ(s.account(addr(0, 2)), std::nullopt);
  EXPECT_FALSE(s.empty());

  const Account updated{2, U256(999), keccak256(Bytes{0xaa})};
  this->commit_account(addr(0, 1), {updated, false, {}});
  EXPECT_EQ(s.account(addr(0, 1)), updated);

  this->commit_account(addr(0, 1), {std::nullopt, false, {}});
  EXPECT_EQ(s.account(addr(0, 1)), std::nullopt);
  EXPECT_TRUE(s.empty());
  this->commit_account(addr(0, 1), {std::nullopt, false, {}});  // deleting an absent account is a no-op
  EXPECT_TRUE(s.empty());
}

TYPED_TEST(StateTest, AccountFieldsAtTheirLimits) {
  const Account extreme{UINT64_MAX, U256::max(), *bytes32_from_hex("0x" + std::string(62, '0') + "01")};
  const Account low_bytes{0x0102030405060708ull, U256(0xa0b0c0d0), KECCAK_EMPTY};
  this->commit_account(addr(0xff, 0xff), {extreme, false, {}});
  this->commit_account(addr(0, 0), {low_bytes, false, {}});
  EXPECT_EQ(this->state_->account(addr(0xff, 0xff)), extreme);
  EXPECT_EQ(this->state_->account(addr(0, 0)), low_bytes);
}

TYPED_TEST(StateTest, StorageSetOverwriteAndZeroDeletes) {
  State& s = *this->state_;
  const Address a = addr(0, 1);
  this->commit_account(a, {kAlice, false, {{1, 5}, {2, 7}, {3, 0}}});
  EXPECT_EQ(s.storage(a, 1), U256(5));
  EXPECT_EQ(s.storage(a, 2), U256(7));
  EXPECT_EQ(s.storage(a, 3), U256());
  EXPECT_EQ(s.storage(addr(0, 2), 1), U256());

  this->commit_account(a, {kAlice, false, {{1, U256::max()}, {2, 0}}});
  EXPECT_EQ(s.storage(a, 1), U256::max());
  EXPECT_EQ(s.storage(a, 2), U256());
  EXPECT_EQ(this->slots(a), (std::vector<std::pair<U256, U256>>{{1, U256::max()}}));

  this->commit_account(a, {kAlice, false, {{1, 0}}});
  EXPECT_TRUE(this->slots(a).empty());
  EXPECT_EQ(s.account(a), kAlice);  // the account outlives its storage
}

TYPED_TEST(StateTest, DeletingAnAccountRemovesItsStorage) {
  State& s = *this->state_;
  // Neighbours on both sides of addr(1, 0) in key order must keep their storage.
  for (const Address& a : {addr(0, 0xff), addr(1, 0), addr(1, 1)})
    this->commit_account(a, {kAlice, false, {{1, 1}, {2, 2}}});
  this->commit_account(addr(1, 0), {std::nullopt, false, {}});
  EXPECT_EQ(s.account(addr(1, 0)), std::nullopt);
  EXPECT_EQ(s.storage(addr(1, 0), 1), U256());
  EXPECT_TRUE(this->slots(addr(1, 0)).empty());
  EXPECT_EQ(this->slots(addr(0, 0xff)).size(), 2u);
  EXPECT_EQ(this->slots(addr(1, 1)).size(), 2u);

  this->commit_account(addr(1, 0), {kAlice, false, {}});  // re-created: no old slots come back
  EXPECT_TRUE(this->slots(addr(1, 0)).empty());
}

TYPED_TEST(StateTest, StorageClearedWipesBeforeApplyingNewSlots) {
  State& s = *this->state_;
  for (const Address& a : {addr(0, 0xff), addr(1, 0), addr(1, 1)})
    this->commit_account(a, {kAlice, false, {{1, 1}, {2, 2}}});
  const Account recreated{1, U256(), KECCAK_EMPTY};
  this->commit_account(addr(1, 0), {recreated, true, {{2, 20}, {3, 30}}});
  EXPECT_EQ(s.account(addr(1, 0)), recreated);
  EXPECT_EQ(this->slots(addr(1, 0)), (std::vector<std::pair<U256, U256>>{{2, 20}, {3, 30}}));
  EXPECT_EQ(s.storage(addr(1, 0), 1), U256());
  EXPECT_EQ(this->slots(addr(0, 0xff)), (std::vector<std::pair<U256, U256>>{{1, 1}, {2, 2}}));
  EXPECT_EQ(this->slots(addr(1, 1)), (std::vector<std::pair<U256, U256>>{{1, 1}, {2, 2}}));
}

TYPED_TEST(StateTest, CodeByHash) {
  State& s = *this->state_;
  const Bytes wasm{0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};
  const Bytes32 hash = keccak256(wasm);
  BlockDiff diff;
  diff.accounts[addr(0, 1)] = {Account{1, U256(), hash}, false, {}};
  diff.codes[hash] = wasm;
  s.commit(diff);
  EXPECT_EQ(s.code(hash), wasm);
  EXPECT_EQ(s.code(s.account(addr(0, 1))->code_hash), wasm);
  EXPECT_EQ(s.code(KECCAK_EMPTY), Bytes());
  EXPECT_EQ(s.code(keccak256(Bytes{0x00})), std::nullopt);

  s.commit(BlockDiff{{}, {{hash, wasm}}, std::nullopt});  // the same code again
  EXPECT_EQ(s.code(hash), wasm);
  s.commit(BlockDiff{{{addr(0, 1), {std::nullopt, false, {}}}}, {}, std::nullopt});
  EXPECT_EQ(s.code(hash), wasm);  // code outlives the account (content-addressed, never deleted)
}

TYPED_TEST(StateTest, IterationIsInAscendingKeyOrder) {
  State& s = *this->state_;
  Address high, mid;
  high[0] = 0xff;
  mid[0] = 0x80;
  const std::vector<Address> inserted{high, addr(0, 2), mid, addr(1, 0), addr(0, 1)};
  for (uint32_t i = 0; i < inserted.size(); ++i)
    this->commit_account(inserted[i], {Account{i, U256(), KECCAK_EMPTY}, false, {}});
  std::vector<Address> seen;
  std::vector<uint64_t> nonces;
  s.for_each_account([&](const Address& a, const Account& account) {
    seen.push_back(a);
    nonces.push_back(account.nonce);
  });
  EXPECT_EQ(seen, (std::vector<Address>{addr(0, 1), addr(0, 2), addr(1, 0), mid, high}));
  EXPECT_EQ(nonces, (std::vector<uint64_t>{4, 1, 3, 2, 0}));

  // Numeric order, which differs from the order of the slots' little-endian bytes (256 < 1 there).
  U256 two_64, two_255;
  two_64.limb[1] = 1;
  two_255.limb[3] = uint64_t(1) << 63;
  this->commit_account(addr(0, 1), {kAlice, false, {{two_255, 1}, {256, 2}, {1, 3}, {two_64, 4}, {255, 5}}});
  this->commit_account(addr(0, 1), {kAlice, false, {{0, 6}}});
  EXPECT_EQ(this->slots(addr(0, 1)), (std::vector<std::pair<U256, U256>>{
                                         {0, 6}, {1, 3}, {255, 5}, {256, 2}, {two_64, 4}, {two_255, 1}}));
}

TYPED_TEST(StateTest, LastBlock) {
  State& s = *this->state_;
  s.commit(BlockDiff{{}, {}, 7});
  EXPECT_EQ(s.last_block(), 7u);
  s.commit(BlockDiff{{{addr(0, 1), {kAlice, false, {}}}}, {}, std::nullopt});  // no block number: kept
  EXPECT_EQ(s.last_block(), 7u);
  s.commit(BlockDiff{{}, {}, 0x0100000000000001ull});
  EXPECT_EQ(s.last_block(), 0x0100000000000001ull);
  EXPECT_TRUE(s.empty() == false);
}

TYPED_TEST(StateTest, ReadsInsideIterationCallbacks) {
  State& s = *this->state_;
  const Bytes code{1, 2, 3};
  BlockDiff diff;
  diff.accounts[addr(0, 1)] = {Account{1, U256(5), keccak256(code)}, false, {{1, 9}}};
  diff.accounts[addr(0, 2)] = {kAlice, false, {{4, 16}}};
  diff.codes[keccak256(code)] = code;
  diff.block_number = 3;
  s.commit(diff);
  EXPECT_EQ(dump(s),  // dump() reads account, code and storage from inside for_each_account
            "last_block 3\n"
            "0x0000000000000000000000000000000000000001 nonce 1 balance 0x5 code 0x010203\n"
            "  0x1 = 0x9\n"
            "0x0000000000000000000000000000000000000002 nonce 1 balance 0x3e8 code 0x\n"
            "  0x4 = 0x10\n");
}

TYPED_TEST(StateTest, RejectedDiffChangesNothing) {
  State& s = *this->state_;
  s.commit(BlockDiff{{{addr(0, 1), {kAlice, false, {{1, 1}}}}}, {}, 1});
  const std::string before = dump(s);

  BlockDiff wrong_code_key{{{addr(0, 1), {Account{9, U256(9), KECCAK_EMPTY}, true, {{2, 2}}}}}, {}, 2};
  wrong_code_key.codes[keccak256(Bytes{1})] = Bytes{2};
  EXPECT_THROW(s.commit(wrong_code_key), StateError);
  EXPECT_EQ(dump(s), before);
  EXPECT_EQ(s.code(keccak256(Bytes{1})), std::nullopt);

  BlockDiff deleted_with_storage{
      {{addr(0, 2), {kAlice, false, {}}}, {addr(0, 1), {std::nullopt, false, {{3, 3}}}}}, {}, 2};
  try {
    s.commit(deleted_with_storage);
    FAIL() << "commit accepted a deleted account with storage writes";
  } catch (const StateError& e) {
    EXPECT_STREQ(e.what(),
                 "block diff: account 0x0000000000000000000000000000000000000001 is deleted but its storage "
                 "is written");
  }
  EXPECT_EQ(dump(s), before);
}

}  // namespace
}  // namespace interlude::state::test
