// Crash consistency (issue 6 item 4): `interlude apply` of a 1,000-transaction block on an LMDB
// state is killed with SIGKILL at pseudo-random moments (fixed seed) 50 times. After each kill the
// state (`interlude dump`) must be exactly the pre-block or the post-block state — State::commit
// writes a block in one LMDB transaction (lib/state) — and the next run must succeed; when the
// kill left the pre-block state, that run must produce exactly the post-block state.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <thread>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path WORK = CRASH_WORK_DIR;
constexpr uint32_t TX_COUNT = 1000;
constexpr uint32_t KILLS = 50;
constexpr uint64_t SEED = 0x1e7e1d0e;  // the kill moments: fractions of a clean run's wall time
const char* const ALICE = "0xa11ce00000000000000000000000000000000000";

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_json(const fs::path& file, const json& j) { std::ofstream(file) << j.dump(1) << '\n'; }

/// The block: alice funds 500 new accounts and calls 8 counter contracts 500 times (each call
/// writes storage slot 0), so the post-block diff touches ~510 accounts.
void write_block() {
  json alloc = {{ALICE, {{"balance", "1000000000000000000000000"}}}};
  for (uint32_t k = 0; k < 8; ++k)
    alloc[fmt::format("0x{:040x}", 0xc0c0 + k)] = {{"code", fmt::format("@{}/counter.wasm", INTERLUDE_CONTRACT_DIR)}};
  write_json(WORK / "alloc.json", alloc);
  write_json(WORK / "env.json", {{"currentCoinbase", "0xc0ffee0000000000000000000000000000000000"},
                                 {"currentGasLimit", "1000000000"},
                                 {"currentNumber", "1"},
                                 {"currentBaseFee", "7"}});
  json txs = json::array();
  for (uint32_t i = 0; i < TX_COUNT; ++i) {
    const uint32_t to = i % 2 ? 0xc0c0 + i % 8 : 0x100000 + i;
    txs.push_back({{"sender", ALICE}, {"to", fmt::format("0x{:040x}", to)}, {"value", std::to_string(i + 1)},
                   {"gas", 100000}, {"gasPrice", "1000000000"}});
  }
  write_json(WORK / "txs.json", txs);
  write_json(WORK / "empty.json", json::array());
}

std::string apply_command(const fs::path& state, const char* txs) {
  return fmt::format("{} apply --state {} --alloc {} --env {} --txs {} > /dev/null", INTERLUDE_BIN, state.string(),
                     (WORK / "alloc.json").string(), (WORK / "env.json").string(), (WORK / txs).string());
}

/// `interlude apply` of the block on `state`; the exit status.
int apply(const fs::path& state, const char* txs = "txs.json") {
  return std::system(apply_command(state, txs).c_str());
}

/// `interlude dump` of `state`.
std::string dump(const fs::path& state) {
  const fs::path out = WORK / "dump.json";
  const std::string command = fmt::format("{} dump --state {} > {}", INTERLUDE_BIN, state.string(), out.string());
  if (std::system(command.c_str()) != 0) return "dump failed";
  return read_text(out);
}

void copy_state(const fs::path& from, const fs::path& to) {
  fs::remove_all(to);
  fs::copy(from, to, fs::copy_options::recursive);
}

/// Starts `interlude apply` of the block on `state` in a child process (exec, no shell).
pid_t spawn_apply(const fs::path& state) {
  const std::string s = state.string(), alloc = (WORK / "alloc.json").string(), env = (WORK / "env.json").string(),
                    txs = (WORK / "txs.json").string();
  const pid_t pid = fork();
  if (pid == 0) {
    if (!freopen("/dev/null", "w", stdout)) _exit(127);
    execl(INTERLUDE_BIN, INTERLUDE_BIN, "apply", "--state", s.c_str(), "--alloc", alloc.c_str(), "--env", env.c_str(),
          "--txs", txs.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  return pid;
}

TEST(CrashConsistency, SigkillLeavesPreOrPostBlockState) {
  fs::remove_all(WORK);
  fs::create_directories(WORK);
  write_block();
  const fs::path pre = WORK / "pre", post = WORK / "post", state = WORK / "state";

  // Pre-block state: the genesis alone (an empty block), so a kill can never meet an empty state.
  fs::create_directories(pre);
  ASSERT_EQ(apply(pre, "empty.json"), 0);
  const std::string pre_dump = dump(pre);
  copy_state(pre, post);
  const auto start = std::chrono::steady_clock::now();
  const pid_t clean_pid = spawn_apply(post);
  int clean_status = -1;
  ASSERT_EQ(waitpid(clean_pid, &clean_status, 0), clean_pid);
  ASSERT_EQ(clean_status, 0);
  const auto clean_run = std::chrono::steady_clock::now() - start;
  const std::string post_dump = dump(post);
  ASSERT_NE(pre_dump, post_dump);

  std::mt19937_64 rng(SEED);
  std::uniform_int_distribution<int64_t> permille(0, 1000);
  uint32_t at_pre = 0, at_post = 0, finished = 0;
  for (uint32_t kill_index = 0; kill_index < KILLS; ++kill_index) {
    SCOPED_TRACE(fmt::format("kill {}", kill_index));
    copy_state(pre, state);
    const pid_t pid = spawn_apply(state);
    ASSERT_GT(pid, 0);
    std::this_thread::sleep_for(clean_run * permille(rng) / 1000);
    kill(pid, SIGKILL);
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    finished += !WIFSIGNALED(status);
    const std::string after_kill = dump(state);
    const bool is_pre = after_kill == pre_dump, is_post = after_kill == post_dump;
    EXPECT_TRUE(is_pre || is_post) << "state after SIGKILL is neither the pre- nor the post-block state";
    at_pre += is_pre;
    at_post += is_post;
    EXPECT_EQ(apply(state), 0) << "the run after the kill failed";
    if (is_pre) {
      EXPECT_EQ(dump(state), post_dump);
    }
  }
  std::printf("crash consistency: of %u kills, %u left the pre-block state, %u the post-block state (%u came after "
              "the run had ended)\n", KILLS, at_pre, at_post, finished);
}

}  // namespace
