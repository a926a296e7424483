// Determinism (issue 6 item 5): the example block (examples/block) applied by `interlude apply` on
// a fresh LMDB state gives byte-identical result JSON (--out) and trace (--trace) on every run:
// three runs in a row, runs with ASLR off (`setarch -R`) and on with a different environment size
// and MALLOC_PERTURB_, and a run of the other build's binary: the ASan+UBSan build-asan/ (from
// `make test-sanitize`) when this build is plain, the default build/ when this build is sanitized.
// That comparison is skipped when the other binary does not exist or is older than a source file
// of lib/ or tools/ (a stale build of older sources may rightly differ).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace {

namespace fs = std::filesystem;

const fs::path WORK = DETERMINISM_WORK_DIR;
const fs::path BLOCK = fs::path(INTERLUDE_EXAMPLES_DIR) / "block";
const std::string MODULE_PREFIX = "@../../build/contracts/";

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Output {
  std::string result;  ///< --out file
  std::string trace;   ///< --trace file
};

class Determinism : public ::testing::Test {
 protected:
  /// Each test works in its own WORK/<test name>: CTest runs the tests as parallel processes.
  /// The example block's txs.json names modules in the default build directory; the copy there
  /// names this build's.
  void SetUp() override {
    dir_ = WORK / ::testing::UnitTest::GetInstance()->current_test_info()->name();
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    nlohmann::json txs = nlohmann::json::parse(read_text(BLOCK / "txs.json"));
    for (auto& tx : txs) {
      const std::string input = tx.value("input", "");
      if (input.starts_with(MODULE_PREFIX))
        tx["input"] = fmt::format("@{}/{}", INTERLUDE_CONTRACT_DIR, input.substr(MODULE_PREFIX.size()));
    }
    std::ofstream(dir_ / "txs.json") << txs.dump(1);
  }

  /// `prefix interlude apply` of the example block on a new state <test dir>/<name>.
  Output apply(const std::string& name, const std::string& prefix = "", const char* bin = INTERLUDE_BIN) const {
    const fs::path state = dir_ / name, out = dir_ / (name + ".json"), trace = dir_ / (name + ".trace.jsonl");
    fs::remove_all(state);
    fs::create_directories(state);
    const std::string command =
        fmt::format("{} {} apply --state {} --alloc {} --env {} --txs {} --out {} --trace {}", prefix, bin,
                    state.string(), (BLOCK / "alloc.json").string(), (BLOCK / "env.json").string(),
                    (dir_ / "txs.json").string(), out.string(), trace.string());
    EXPECT_EQ(std::system(command.c_str()), 0) << command;
    return {read_text(out), read_text(trace)};
  }

  /// Whether `bin` was built after the last change to lib/ and tools/.
  static bool newer_than_sources(const fs::path& bin) {
    const auto built = fs::last_write_time(bin);
    for (const char* dir : {"lib", "tools"})
      for (const auto& entry : fs::recursive_directory_iterator(fs::path(INTERLUDE_SOURCE_DIR) / dir))
        if (entry.is_regular_file() && entry.last_write_time() > built) return false;
    return true;
  }

  static void expect_same(const Output& a, const Output& b) {
    EXPECT_EQ(a.result, b.result);
    EXPECT_EQ(a.trace, b.trace);
  }

  fs::path dir_;
};

TEST_F(Determinism, ThreeRunsAreByteIdentical) {
  const Output first = apply("run1");
  ASSERT_NE(first.result.find("\"receipts\""), std::string::npos) << first.result;
  ASSERT_GT(first.trace.size(), 1000u);
  expect_same(first, apply("run2"));
  expect_same(first, apply("run3"));
}

TEST_F(Determinism, MemoryLayoutsDoNotReachResults) {
  const Output aslr_off = apply("aslr_off", "setarch \"$(uname -m)\" -R");
  const std::string padding(16384, 'x');
  const Output aslr_on = apply("aslr_on", fmt::format("env MALLOC_PERTURB_=165 INTERLUDE_PADDING={}", padding));
  ASSERT_FALSE(aslr_off.result.empty());
  expect_same(aslr_off, aslr_on);
}

TEST_F(Determinism, SanitizedAndPlainBuildsGiveTheSameBytes) {
  const fs::path other = INTERLUDE_OTHER_BIN;
  if (!fs::exists(other)) GTEST_SKIP() << "no other build at " << other << " (make test-sanitize builds build-asan/)";
  if (!newer_than_sources(other))
    GTEST_SKIP() << other << " is older than the sources; rebuild it (make test-sanitize or make build)";
  const Output theirs = apply("other", "", other.c_str());
  ASSERT_FALSE(theirs.result.empty());
  expect_same(apply("this"), theirs);
}

}  // namespace
