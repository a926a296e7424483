// The built `interlude` binary, run as a separate process per command (so every test that applies
// and then dumps also checks that the LMDB state survives a process restart). Contracts: the
// wat/*.wat modules (echo, store, bad_import) converted at build time.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string kAlice = "0x00000000000000000000000000000000000000a1";
const std::string kBob = "0x00000000000000000000000000000000000000b0";
const std::string kStore = "0x00000000000000000000000000000000000000c5";  // holds store.wasm
const std::string kCoinbase = "0x00000000000000000000000000000000000000cb";
/// Calldata of store.wasm: the U256 LE value 42.
const std::string kStore42 = "0x2a" + std::string(62, '0');

struct Outcome {
  int status;
  std::string out, err;
};

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string hex_of_file(const fs::path& file) {
  std::string hex = "0x";
  for (unsigned char c : read_text(file)) hex += fmt::format("{:02x}", c);
  return hex;
}

/// The error output of a failed command: exactly one line "interlude: error: ...".
void expect_one_error_line(const Outcome& r, const std::string& message) {
  EXPECT_EQ(r.err, "interlude: error: " + message + "\n");
  EXPECT_EQ(r.out, "");
}

class Tool : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(CLI_WORK_DIR) / ::testing::UnitTest::GetInstance()->current_test_info()->name();
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "state");
    fs::create_directories(dir_ / "contracts");
    fs::copy_file(fs::path(CLI_WASM_DIR) / "store.wasm", dir_ / "contracts" / "store.wasm");
    write("env.json", json{{"currentCoinbase", kCoinbase}});
    write("alloc.json", json{{kAlice, {{"balance", "1000000"}}}, {kStore, {{"code", "@contracts/store.wasm"}}}});
    write("empty.json", json::array());
  }

  fs::path path(const std::string& name) const { return dir_ / name; }
  std::string arg(const std::string& name) const { return fmt::format("'{}'", path(name).string()); }
  void write(const std::string& name, const json& value) const { std::ofstream(path(name)) << value.dump(2); }
  void write_text(const std::string& name, const std::string& text) const { std::ofstream(path(name)) << text; }

  Outcome interlude(const std::string& args) const {
    fs::path out = path("stdout.txt"), err = path("stderr.txt");
    std::string command = fmt::format("'{}' {} >'{}' 2>'{}'", INTERLUDE_BIN, args, out.string(), err.string());
    int rc = std::system(command.c_str());
    return {WIFEXITED(rc) ? WEXITSTATUS(rc) : -1, read_text(out), read_text(err)};
  }

  Outcome apply(const std::string& state, const std::string& alloc, const std::string& txs,
            const std::string& extra = "") const {
    return interlude(fmt::format("apply --state {} --alloc {} --env {} --txs {} {}", arg(state), arg(alloc),
                                 arg("env.json"), arg(txs), extra));
  }

  json dump(const std::string& state) const {
    Outcome r = interlude("dump --state " + arg(state));
    EXPECT_EQ(r.status, 0) << r.err;
    return json::parse(r.out);
  }

  fs::path dir_;
};

json transfer(const std::string& from, const std::string& to, uint64_t value) {
  return {{"sender", from}, {"to", to}, {"value", value}, {"gas", 21000}};
}

json store_call(const std::string& input) { return {{"sender", kAlice}, {"to", kStore}, {"input", input}, {"gas", 200000}}; }

TEST_F(Tool, MissingStateDirectoryIsAUsageError) {
  write("txs.json", json::array({transfer(kAlice, kBob, 1)}));
  std::string missing = path("no-such-dir").string();
  Outcome r = apply("no-such-dir", "alloc.json", "txs.json");
  EXPECT_EQ(r.status, 2);
  expect_one_error_line(r, "--state: state directory does not exist: \"" + missing + "\"");
  EXPECT_FALSE(fs::exists(missing));

  Outcome d = interlude("dump --state " + arg("no-such-dir"));
  EXPECT_EQ(d.status, 2);
  expect_one_error_line(d, "--state: state directory does not exist: \"" + missing + "\"");
  Outcome c = interlude(fmt::format("call --state {} --to {} --input 0x", arg("no-such-dir"), kStore));
  EXPECT_EQ(c.status, 2);
  expect_one_error_line(c, "--state: state directory does not exist: \"" + missing + "\"");
}

TEST_F(Tool, BadTxsExitWithStatus2AndLeaveTheStateUntouched) {
  write("txs.json", json::array({transfer(kAlice, kBob, 100)}));
  ASSERT_EQ(apply("state", "alloc.json", "txs.json").status, 0);
  json before = dump("state");

  write("bad.json", json::array({transfer(kAlice, kBob, 100), {{"sender", kAlice}, {"gas", "0x1ffffffffffffffff"}}}));
  Outcome r = apply("state", "alloc.json", "bad.json", "--out " + arg("result.json"));
  EXPECT_EQ(r.status, 2);
  expect_one_error_line(r, path("bad.json").string() + "[1].gas: number out of range for u64: \"0x1ffffffffffffffff\"");
  EXPECT_FALSE(fs::exists(path("result.json")));  // outputs are opened only after the inputs are good

  write_text("malformed.json", "[{\"sender\": ");
  Outcome m = apply("state", "alloc.json", "malformed.json");
  EXPECT_EQ(m.status, 2);
  expect_one_error_line(m, path("malformed.json").string() +
                               ": malformed JSON: parse error at line 1, column 13: syntax error while parsing value - "
                               "unexpected end of input; expected '[', '{', or a literal");
  EXPECT_EQ(dump("state"), before);
}

TEST_F(Tool, ApplyTwiceContinuesFromTheCommittedState) {
  write("txs.json", json::array({transfer(kAlice, kBob, 100)}));
  Outcome first = apply("state", "alloc.json", "txs.json");
  ASSERT_EQ(first.status, 0) << first.err;
  json result = json::parse(first.out);
  EXPECT_EQ(result["receipts"][0]["status"], "0x1");
  EXPECT_EQ(result["receipts"][0]["gasUsed"], "0x5208");
  EXPECT_EQ(result["rejected"], json::array());

  ASSERT_EQ(apply("state", "alloc.json", "txs.json").status, 0);
  json state = dump("state");
  // Not re-initialised from the alloc: Alice paid twice (1000000 - 200), nonce 2; Bob got 200.
  EXPECT_EQ(state[kAlice]["balance"], "0xf4178");
  EXPECT_EQ(state[kAlice]["nonce"], "0x2");
  EXPECT_EQ(state[kBob]["balance"], "0xc8");
  EXPECT_EQ(state[kBob]["nonce"], "0x0");
}

TEST_F(Tool, DumpReusedAsAllocReproducesTheDump) {
  write("alloc.json", json{{kAlice, {{"balance", "0x10"}, {"nonce", 3}}},
                           {kStore, {{"code", "@contracts/store.wasm"}, {"storage", {{"0x1", "42"}, {"16", "0x7"}}}}}});
  ASSERT_EQ(apply("state", "alloc.json", "empty.json").status, 0);
  json first = dump("state");
  json expected = {{kAlice, {{"balance", "0x10"}, {"nonce", "0x3"}, {"code", "0x"}, {"storage", json::object()}}},
                   {kStore,
                    {{"balance", "0x0"},
                     {"nonce", "0x0"},
                     {"code", hex_of_file(path("contracts/store.wasm"))},
                     {"storage", {{"0x1", "0x2a"}, {"0x10", "0x7"}}}}}};
  EXPECT_EQ(first, expected);

  write("dump.json", first);
  fs::create_directories(path("state2"));
  ASSERT_EQ(apply("state2", "dump.json", "empty.json").status, 0);
  EXPECT_EQ(dump("state2"), first);
}

TEST_F(Tool, ContractStorageSurvivesProcessRestartAndCallIsReadOnly) {
  write("txs.json", json::array({store_call(kStore42)}));
  Outcome r = apply("state", "alloc.json", "txs.json");
  ASSERT_EQ(r.status, 0) << r.err;
  json receipt = json::parse(r.out)["receipts"][0];
  EXPECT_EQ(receipt["status"], "0x1");
  EXPECT_EQ(receipt["exitCodeName"], "Ok");
  EXPECT_EQ(receipt["interruptions"], 1);

  json state = dump("state");  // another process
  EXPECT_EQ(state[kStore]["storage"], (json{{"0x0", "0x2a"}}));

  Outcome c = interlude(fmt::format("call --state {} --to {} --from {} --input 0x07{}", arg("state"), kStore, kAlice,
                                std::string(62, '0')));
  ASSERT_EQ(c.status, 0) << c.err;
  json outcome = json::parse(c.out);
  EXPECT_EQ(outcome["status"], "success");
  EXPECT_EQ(outcome["exitCode"], 0);
  EXPECT_EQ(outcome["output"], "0x");
  EXPECT_EQ(dump("state"), state);
}

TEST_F(Tool, TraceSummaryAndOutFile) {
  json rejected = store_call(kStore42);
  rejected["nonce"] = 5;
  write("txs.json", json::array({store_call(kStore42), rejected, store_call(kStore42)}));
  Outcome r = apply("state", "alloc.json", "txs.json",
                fmt::format("--out {} --trace {} --summary", arg("result.json"), arg("trace.jsonl")));
  ASSERT_EQ(r.status, 0) << r.err;

  json result = json::parse(read_text(path("result.json")));
  ASSERT_EQ(result["receipts"].size(), 2u);
  EXPECT_EQ(result["receipts"][1]["transactionIndex"], "0x1");
  ASSERT_EQ(result["rejected"].size(), 1u);
  EXPECT_EQ(result["rejected"][0]["index"], 1);

  std::vector<json> events;
  std::istringstream lines(read_text(path("trace.jsonl")));
  for (std::string line; std::getline(lines, line);) events.push_back(json::parse(line));
  std::vector<std::string> names;
  for (const json& e : events) names.push_back(e["event"]);
  EXPECT_EQ(names, (std::vector<std::string>{"tx_start", "frame_start", "interruption", "frame_end", "tx_start",
                                             "tx_start", "frame_start", "interruption", "frame_end"}));
  EXPECT_EQ(events[0]["index"], 0);
  EXPECT_EQ(events[4]["index"], 1);
  EXPECT_EQ(events[5]["index"], 2);
  for (size_t i : {1u, 6u}) {
    EXPECT_EQ(events[i]["depth"], 0);
    EXPECT_EQ(events[i]["kind"], "CALL");
    EXPECT_EQ(events[i]["caller"], kAlice);
    EXPECT_EQ(events[i]["target"], kStore);
  }
  for (size_t i : {2u, 7u}) {
    EXPECT_EQ(events[i]["syscall"], "STORAGE_WRITE");
    EXPECT_EQ(events[i]["callId"], 1);  // call_ids restart in every transaction
    EXPECT_EQ(events[i]["inputLength"], 64);
    EXPECT_EQ(events[i]["exitCode"], 0);
  }
  // SSTORE (EIP-2200/2929): 0 -> 42 in a cold slot costs 20000 + 2100; 42 -> 42 in the next
  // transaction (cold again) costs 100 + 2100.
  EXPECT_EQ(events[2]["gasBefore"].get<uint64_t>() - events[2]["gasAfter"].get<uint64_t>(), 22100u);
  EXPECT_EQ(events[7]["gasBefore"].get<uint64_t>() - events[7]["gasAfter"].get<uint64_t>(), 2200u);
  EXPECT_EQ(events[3]["exitCode"], 0);

  std::vector<std::string> summary;
  std::istringstream table(r.out);
  for (std::string line; std::getline(table, line);) summary.push_back(line);
  ASSERT_EQ(summary.size(), 6u) << r.out;
  EXPECT_EQ(summary[1].substr(0, 67), "    0  CALL    " + kStore + "  success ");
  EXPECT_EQ(summary[2].substr(0, 67), "    1  CALL    " + kStore + "  rejected");
  EXPECT_EQ(summary[5], "state: " + path("state").string());
}

TEST_F(Tool, RunDeploysAndCalls) {
  Outcome r = interlude(fmt::format("run '{}/echo.wasm' --input 0x0102ff", CLI_WASM_DIR));
  ASSERT_EQ(r.status, 0) << r.err;
  json out = json::parse(r.out);
  EXPECT_EQ(out["deploy"]["status"], "success");
  EXPECT_TRUE(out["deploy"].contains("contractAddress"));
  EXPECT_EQ(out["call"]["status"], "success");
  EXPECT_EQ(out["call"]["exitCodeName"], "Ok");
  EXPECT_EQ(out["call"]["output"], "0x0102ff");
}

TEST_F(Tool, RunModuleFailingValidationIsAResult) {
  Outcome r = interlude(fmt::format("run '{}/bad_import.wasm' --gas 1000000", CLI_WASM_DIR));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err, "");
  json out = json::parse(r.out);
  EXPECT_EQ(out["deploy"]["status"], "halt");
  EXPECT_EQ(out["deploy"]["exitCode"], -1003);
  EXPECT_EQ(out["deploy"]["exitCodeName"], "MalformedBuiltinParams");
  EXPECT_EQ(out["deploy"]["gasUsed"], "0xf4240");  // a halt burns the whole gas limit
  EXPECT_FALSE(out["deploy"].contains("contractAddress"));
  EXPECT_TRUE(out["call"].is_null());
}

TEST_F(Tool, RunUnreadableModuleIsAUsageError) {
  Outcome r = interlude("run " + arg("missing.wasm"));
  EXPECT_EQ(r.status, 2);
  expect_one_error_line(r, "MODULE: cannot read file \"" + path("missing.wasm").string() + "\"");
}

TEST_F(Tool, CommandLineErrorsAreOneLine) {
  Outcome none = interlude("");
  EXPECT_EQ(none.status, 2);
  expect_one_error_line(none, "A subcommand is required");
  Outcome missing = interlude("dump");
  EXPECT_EQ(missing.status, 2);
  expect_one_error_line(missing, "--state is required");
  Outcome gas = interlude(fmt::format("call --state {} --to {} --input 0x --gas -5", arg("state"), kStore));
  EXPECT_EQ(gas.status, 2);
  expect_one_error_line(gas, "--gas: negative number: \"-5\"");
}

TEST_F(Tool, UnusableStateIsAnExecutionError) {
  write_text("state/data.mdb", "this is not an LMDB environment");
  Outcome r = interlude("dump --state " + arg("state"));
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err.rfind("interlude: error: ", 0), 0u) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1);
}

}  // namespace
