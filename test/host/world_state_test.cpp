// WorldState (lib/host/src/world_state.*) directly: the per-transaction slot record (EIP-2929
// warmth, EIP-2200 original value) under revert and begin_tx, EIP-6780 deletion of a destroyed
// account's slots (written or cached reads) from the flat storage overlay, and diff() taking only
// the overlay's written slots, grouped by account; the remembered last slot across erasure.
#include <gtest/gtest.h>

#include "interlude/state/state.h"
#include "world_state.h"

namespace interlude::host::test {
namespace {

Address address_of(uint8_t last) {
  Address a;
  a[19] = last;
  return a;
}

const Address kA = address_of(0xa);
const Address kB = address_of(0xb);
const state::Account kHeader{1, U256(0), KECCAK_EMPTY};

class WorldStateTest : public testing::Test {
 protected:
  void SetUp() override {
    state::BlockDiff genesis;
    genesis.accounts[kA] = {kHeader, false, {{1, 5}, {2, 6}}};
    genesis.accounts[kB] = {kHeader, false, {{1, 7}}};
    base_->commit(genesis);
    world_.begin_tx();
  }

  std::unique_ptr<state::State> base_ = state::make_memory_state();
  WorldState world_{*base_};
};

TEST_F(WorldStateTest, RevertColdsOnlyLaterSlotsAndKeepsOriginals) {
  world_.warm_slot(kA, 1);
  const WorldState::Checkpoint cp = world_.checkpoint();
  world_.warm_slot(kA, 1);  // already warm: nothing to undo
  world_.warm_slot(kA, 2);
  world_.put_storage(kA, 2, 8);
  world_.put_storage(kA, 2, 9);
  EXPECT_EQ(world_.original_storage(kA, 2, 9), U256(6));
  world_.revert(cp);
  EXPECT_TRUE(world_.is_warm_slot(kA, 1));
  EXPECT_FALSE(world_.is_warm_slot(kA, 2));
  EXPECT_FALSE(world_.is_warm_slot(kB, 1));
  EXPECT_EQ(world_.storage(kA, 2), U256(6));
  EXPECT_EQ(world_.original_storage(kA, 2, 6), U256(6));
  world_.warm_slot(kA, 2);  // warm again after the revert
  EXPECT_TRUE(world_.is_warm_slot(kA, 2));

  world_.put_storage(kA, 1, 3);
  world_.begin_tx();  // a new transaction: cold again, original = the value it starts with
  EXPECT_FALSE(world_.is_warm_slot(kA, 1));
  EXPECT_EQ(world_.storage(kA, 1), U256(3));
  EXPECT_EQ(world_.original_storage(kA, 1, 3), U256(3));
  world_.put_storage(kA, 1, 4);
  EXPECT_EQ(world_.original_storage(kA, 1, 4), U256(3));
}

TEST_F(WorldStateTest, EndTxDeletesTheSlotsOfDestroyedAccountsOnly) {
  const Address fresh = address_of(0xc);
  world_.put_account(fresh, kHeader);
  world_.mark_created(fresh);
  world_.put_storage(fresh, 1, 1);
  world_.put_storage(fresh, U256(), 1);  // the first and last slots bound the erased range
  world_.put_storage(fresh, U256::max(), 1);
  const Address next = address_of(0xd);  // the address after `fresh`: its slots stay
  world_.put_storage(next, U256(), 7);
  EXPECT_EQ(world_.storage(kA, 1), U256(5));  // a read the overlay keeps
  world_.mark_created(kA);
  world_.put_storage(kB, 1, 2);
  world_.put_storage(kB, 3, 4);
  world_.self_destruct(fresh, fresh);
  world_.self_destruct(kA, kA);
  world_.end_tx();
  EXPECT_EQ(world_.account(fresh), std::nullopt);
  EXPECT_EQ(world_.storage(fresh, 1), U256());
  EXPECT_EQ(world_.storage(fresh, U256()), U256());
  EXPECT_EQ(world_.storage(fresh, U256::max()), U256());
  EXPECT_EQ(world_.storage(next, U256()), U256(7));
  EXPECT_EQ(world_.account(kA), std::nullopt);
  EXPECT_EQ(world_.storage(kA, 1), U256());
  EXPECT_EQ(world_.storage(kA, 2), U256());
  EXPECT_EQ(world_.storage(kB, 1), U256(2));

  const state::BlockDiff d = world_.diff();
  ASSERT_EQ(d.accounts.size(), 4u);
  for (const Address& destroyed : {fresh, kA}) {
    EXPECT_EQ(d.accounts.at(destroyed).info, std::nullopt);
    EXPECT_TRUE(d.accounts.at(destroyed).storage_cleared);
    EXPECT_TRUE(d.accounts.at(destroyed).storage.empty());
  }
  EXPECT_EQ(d.accounts.at(kB).info, kHeader);
  EXPECT_EQ(d.accounts.at(kB).storage, (std::map<U256, U256>{{1, 2}, {3, 4}}));
  EXPECT_EQ(d.accounts.at(next).storage, (std::map<U256, U256>{{U256(), 7}}));
}

// record() remembers the last slot it found (an SSTORE after an SLOAD of the same slot then
// needs no lookup); end_tx() erasing that slot's record must not leave it remembered.
TEST_F(WorldStateTest, TheLastSlotFoundDoesNotOutliveItsErasure) {
  const Address fresh = address_of(0xc);
  world_.put_account(fresh, kHeader);
  world_.mark_created(fresh);
  {
    WorldState::Slot s = world_.slot(fresh, 4);
    s.warm_up();
    s.put(9);
  }
  EXPECT_EQ(world_.slot(fresh, 4).current(), U256(9));  // found again: the remembered record
  world_.self_destruct(fresh, fresh);
  world_.end_tx();
  world_.begin_tx();
  WorldState::Slot s = world_.slot(fresh, 4);
  EXPECT_FALSE(s.warm());
  EXPECT_EQ(s.current(), U256());
  EXPECT_EQ(world_.storage(kA, 1), U256(5));
  EXPECT_EQ(world_.diff().accounts.at(fresh).storage.size(), 0u);
}

TEST_F(WorldStateTest, DiffGroupsTheOverlayByAccount) {
  std::map<Address, std::map<U256, U256>> expected;
  for (uint8_t i = 0; i < 13; ++i) world_.put_account(address_of(0x10 + i), kHeader);
  for (uint32_t i = 0; i < 200; ++i) {  // scrambled addresses and slots, some beyond the low limb
    const Address a = address_of(uint8_t(0x10 + (i * 7) % 13));
    U256 slot((i * 37) % 101);
    slot.limb[3] = i % 3;
    world_.put_storage(a, slot, U256(i + 1));
    expected[a][slot] = U256(i + 1);
  }
  const WorldState::Checkpoint cp = world_.checkpoint();
  world_.put_storage(address_of(0xee), 1, 1);  // reverted: leaves no trace in the diff
  world_.put_storage(kA, 1, 9);
  world_.revert(cp);
  EXPECT_EQ(world_.storage(kB, 1), U256(7));  // read, not written: not in the diff

  const state::BlockDiff d = world_.diff();
  std::map<Address, std::map<U256, U256>> got;
  for (const auto& [address, change] : d.accounts) {
    EXPECT_EQ(change.info, kHeader);
    got[address] = change.storage;
  }
  EXPECT_EQ(got, expected);
  EXPECT_EQ(world_.storage(kA, 1), U256(5));
}

}  // namespace
}  // namespace interlude::host::test
