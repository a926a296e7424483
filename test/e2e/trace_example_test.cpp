// docs/trace-example/: the worked trace of docs/trace.md ("A nested call, traced") re-run with
// the built `interlude` binary and the built example contracts; the trace must equal the checked-in
// trace.jsonl byte for byte, so the documented gas, call_ids and depths cannot silently rot.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace {

namespace fs = std::filesystem;

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST(TraceExample, ApplyReproducesTheDocumentedTrace) {
  const fs::path example = fs::path(INTERLUDE_DOCS_DIR) / "trace-example";
  const fs::path work = fs::path(TRACE_EXAMPLE_WORK_DIR);
  fs::remove_all(work);
  fs::create_directories(work / "state");
  fs::copy_file(example / "alloc.json", work / "alloc.json");
  fs::copy_file(example / "env.json", work / "env.json");
  // txs.json names the contracts relative to docs/trace-example (the default build/ directory);
  // point them at this build's contracts.
  std::string txs = read_text(example / "txs.json");
  const std::string from = "@../../build/contracts/", to = "@" + std::string(INTERLUDE_CONTRACT_DIR) + "/";
  for (size_t at = txs.find(from); at != std::string::npos; at = txs.find(from, at + to.size()))
    txs.replace(at, from.size(), to);
  std::ofstream(work / "txs.json") << txs;

  const std::string command = "'" + std::string(INTERLUDE_BIN) + "' apply --state '" + (work / "state").string() +
                              "' --alloc '" + (work / "alloc.json").string() + "' --env '" +
                              (work / "env.json").string() + "' --txs '" + (work / "txs.json").string() +
                              "' --out '" + (work / "result.json").string() + "' --trace '" +
                              (work / "trace.jsonl").string() + "'";
  const int rc = std::system(command.c_str());
  ASSERT_TRUE(WIFEXITED(rc) && WEXITSTATUS(rc) == 0) << command;
  EXPECT_EQ(read_text(work / "trace.jsonl"), read_text(example / "trace.jsonl"));
}

}  // namespace
