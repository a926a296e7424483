// LMDB-only State tests: persistence across State objects and processes, open errors, atomicity of
// a commit that fails inside its write transaction. Also holds main(): the binary re-executes
// itself with kChildFlag to act as the second process.
#include <gtest/gtest.h>
#include <lmdb.h>
#include <spawn.h>
#include <sys/wait.h>

#include <fstream>
#include <string_view>

#include "state_internal.h"
#include "test_util.h"

extern char** environ;

namespace interlude::state::test {
namespace {

class LmdbStateTest : public testing::Test {
 protected:
  void SetUp() override { dir_ = fresh_test_dir(); }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

const Bytes kCode{0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};

/// Block 1 written by the parent process: two accounts, storage, code.
BlockDiff block1() {
  BlockDiff diff;
  diff.accounts[addr(0, 1)] = {Account{1, U256(1000), keccak256(kCode)}, false, {{1, 11}, {256, 12}}};
  diff.accounts[addr(0, 2)] = {Account{0, U256::max(), KECCAK_EMPTY}, false, {{7, 13}}};
  diff.codes[keccak256(kCode)] = kCode;
  diff.block_number = 1;
  return diff;
}
/// Block 2 written by the child process: deletes addr(0, 2), re-creates addr(0, 1)'s storage.
BlockDiff block2() {
  BlockDiff diff;
  diff.accounts[addr(0, 1)] = {Account{2, U256(900), keccak256(kCode)}, true, {{5, 55}}};
  diff.accounts[addr(0, 2)] = {std::nullopt, false, {}};
  diff.block_number = 2;
  return diff;
}
const std::string kDumpAfterBlock1 =
    "last_block 1\n"
    "0x0000000000000000000000000000000000000001 nonce 1 balance 0x3e8 code 0x0061736d01000000\n"
    "  0x1 = 0xb\n"
    "  0x100 = 0xc\n"
    "0x0000000000000000000000000000000000000002 nonce 0 balance 0x" +
    std::string(64, 'f') +
    " code 0x\n"
    "  0x7 = 0xd\n";
const std::string kDumpAfterBlock2 =
    "last_block 2\n"
    "0x0000000000000000000000000000000000000001 nonce 2 balance 0x384 code 0x0061736d01000000\n"
    "  0x5 = 0x37\n";

TEST_F(LmdbStateTest, SurvivesReopening) {
  open_lmdb_state(dir_)->commit(block1());
  EXPECT_EQ(dump(*open_lmdb_state(dir_)), kDumpAfterBlock1);
  open_lmdb_state(dir_)->commit(block2());
  EXPECT_EQ(dump(*open_lmdb_state(dir_)), kDumpAfterBlock2);
}

/// Runs this test binary as `state_tests kChildFlag dir` and returns its exit status.
int run_child(const std::filesystem::path& dir) {
  std::string exe = "/proc/self/exe", flag = kChildFlag, dir_arg = dir.string();
  char* argv[] = {exe.data(), flag.data(), dir_arg.data(), nullptr};
  pid_t pid;
  if (posix_spawn(&pid, exe.c_str(), nullptr, nullptr, argv, environ) != 0) return -1;
  int status = 0;
  if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) return -1;
  return WEXITSTATUS(status);
}

TEST_F(LmdbStateTest, SurvivesIntoAnotherProcessAndBack) {
  open_lmdb_state(dir_)->commit(block1());
  EXPECT_EQ(run_child(dir_), 0);  // checks block 1, commits block 2
  EXPECT_EQ(dump(*open_lmdb_state(dir_)), kDumpAfterBlock2);
}

TEST_F(LmdbStateTest, MissingDirectoryIsAnError) {
  const auto missing = dir_ / "missing";
  try {
    open_lmdb_state(missing);
    FAIL() << "opened a missing directory";
  } catch (const StateError& e) {
    EXPECT_EQ(std::string(e.what()), "state directory does not exist: " + missing.string());
  }
  EXPECT_FALSE(std::filesystem::exists(missing));
}

TEST_F(LmdbStateTest, RegularFileIsAnError) {
  const auto file = dir_ / "file";
  std::ofstream(file) << "x";
  EXPECT_THROW(open_lmdb_state(file), StateError);
}

TEST_F(LmdbStateTest, NonLmdbFileIsAnError) {
  std::ofstream(dir_ / "data.mdb") << std::string(8192, 'x');
  EXPECT_THROW(open_lmdb_state(dir_), StateError);
}

TEST_F(LmdbStateTest, ForeignLmdbDatabaseIsRejected) {
  {  // An LMDB environment whose "meta" table names another format.
    MDB_env* env;
    MDB_txn* txn;
    MDB_dbi meta;
    ASSERT_EQ(mdb_env_create(&env), 0);
    ASSERT_EQ(mdb_env_set_maxdbs(env, 1), 0);
    ASSERT_EQ(mdb_env_open(env, dir_.c_str(), 0, 0644), 0);
    ASSERT_EQ(mdb_txn_begin(env, nullptr, 0, &txn), 0);
    ASSERT_EQ(mdb_dbi_open(txn, "meta", MDB_CREATE, &meta), 0);
    std::string key = "format", value = "other-v9";
    MDB_val k{key.size(), key.data()}, v{value.size(), value.data()};
    ASSERT_EQ(mdb_put(txn, meta, &k, &v, 0), 0);
    ASSERT_EQ(mdb_txn_commit(txn), 0);
    mdb_env_close(env);
  }
  try {
    open_lmdb_state(dir_);
    FAIL() << "opened a foreign database";
  } catch (const StateError& e) {
    EXPECT_EQ(
        std::string(e.what()),
        dir_.string() +
            " holds an LMDB database that is not an Interlude state (expected format interlude-state-v1)");
  }
}

TEST_F(LmdbStateTest, ForeignMainTableIsRejected) {
  {  // An LMDB environment with plain keys in its main table and no tables of ours.
    MDB_env* env;
    MDB_txn* txn;
    MDB_dbi main_table;
    ASSERT_EQ(mdb_env_create(&env), 0);
    ASSERT_EQ(mdb_env_open(env, dir_.c_str(), 0, 0644), 0);
    ASSERT_EQ(mdb_txn_begin(env, nullptr, 0, &txn), 0);
    ASSERT_EQ(mdb_dbi_open(txn, nullptr, 0, &main_table), 0);
    std::string key = "meta", value = "plain value";
    MDB_val k{key.size(), key.data()}, v{value.size(), value.data()};
    ASSERT_EQ(mdb_put(txn, main_table, &k, &v, 0), 0);
    ASSERT_EQ(mdb_txn_commit(txn), 0);
    mdb_env_close(env);
  }
  EXPECT_THROW(open_lmdb_state(dir_), StateError);
}

// A 1 MiB map: block 1 fits; a diff whose 2 MiB code comes after its account and storage writes
// fails with MDB_MAP_FULL inside the write transaction, which must leave no trace.
TEST_F(LmdbStateTest, CommitFailingMidTransactionLeavesStateUnchanged) {
  constexpr uint64_t kTinyMap = 1 << 20;
  auto state = open_lmdb_state(dir_, kTinyMap);
  state->commit(block1());
  ASSERT_EQ(dump(*state), kDumpAfterBlock1);

  BlockDiff too_big = block2();
  too_big.accounts[addr(0, 3)] = {Account{}, false, {{1, 1}}};
  const Bytes huge(2 << 20, 0xab);
  too_big.codes[keccak256(huge)] = huge;
  try {
    state->commit(too_big);
    FAIL() << "a 2 MiB code fitted in a 1 MiB map";
  } catch (const StateError& e) {
    EXPECT_EQ(std::string(e.what()), std::string("LMDB mdb_put: ") + mdb_strerror(MDB_MAP_FULL));
  }
  EXPECT_EQ(dump(*state), kDumpAfterBlock1);
  EXPECT_EQ(state->code(keccak256(huge)), std::nullopt);

  state->commit(block2());  // the state stays usable
  EXPECT_EQ(dump(*state), kDumpAfterBlock2);
  state.reset();
  EXPECT_EQ(dump(*open_lmdb_state(dir_)), kDumpAfterBlock2);
}

/// The second process of SurvivesIntoAnotherProcessAndBack: 0 if `dir` holds block 1 and block 2
/// was committed, 1 on a mismatch, 2 on a StateError.
int child_main(const std::filesystem::path& dir) {
  try {
    auto state = open_lmdb_state(dir);
    if (dump(*state) != kDumpAfterBlock1) return 1;
    state->commit(block2());
    return 0;
  } catch (const StateError&) {
    return 2;
  }
}

}  // namespace
}  // namespace interlude::state::test

int main(int argc, char** argv) {
  if (argc == 3 && std::string_view(argv[1]) == interlude::state::test::kChildFlag)
    return interlude::state::test::child_main(argv[2]);
  testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
