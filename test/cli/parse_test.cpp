// Input parsing of interlude_cli (formats.md): values, alloc, env, txs, and an exact error message
// naming the problem and its place for every class of bad input.
#include <gtest/gtest.h>

#include <filesystem>

#include "cli.h"
#include "interlude/common/keccak.h"

namespace interlude::cli {
namespace {

using nlohmann::json;

const std::string kAddrA = "0x00000000000000000000000000000000000000aa";
const std::string kAddrB = "0x00000000000000000000000000000000000000bb";

template <class F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

Address addr(const std::string& hex) { return *address_from_hex(hex); }
Bytes file_bytes(const std::string& name) { return read_file_bytes(std::filesystem::path(CLI_WASM_DIR) / name, name); }

const Source kAlloc{"alloc.json", CLI_WASM_DIR};
const Source kEnv{"env.json", CLI_WASM_DIR};
const Source kTxs{"txs.json", CLI_WASM_DIR};

// ---- JSON text and files ----

TEST(ParseJson, MalformedJsonNamesFileAndPosition) {
  EXPECT_EQ(error_of([] { parse_json("{\"a\": }", "env.json"); }),
            "env.json: malformed JSON: parse error at line 1, column 7: syntax error while parsing value - unexpected "
            "'}'; expected '[', '{', or a literal");
}

TEST(ParseJson, TrailingGarbageIsMalformed) {
  EXPECT_EQ(error_of([] { parse_json("[] x", "txs.json"); }),
            "txs.json: malformed JSON: parse error at line 1, column 4: syntax error while parsing value - invalid "
            "literal; last read: '[] x'; expected end of input");
}

TEST(LoadJson, MissingFileNamesOptionAndFile) {
  EXPECT_EQ(error_of([] { load_json("/nonexistent/alloc.json", "--alloc"); }),
            "--alloc: cannot read file \"/nonexistent/alloc.json\"");
}

TEST(LoadJson, DirectoryIsNotAReadableFile) {
  EXPECT_EQ(error_of([] { load_json(CLI_WASM_DIR, "--env"); }),
            std::string("--env: cannot read file \"") + CLI_WASM_DIR + "\"");
}

// ---- quantities ----

TEST(ParseQuantity, AcceptsHexDecimalAndJsonIntegers) {
  EXPECT_EQ(parse_u256("0x2a", "q"), U256(42));
  EXPECT_EQ(parse_u256("0X2A", "q"), U256(42));
  EXPECT_EQ(parse_u256("42", "q"), U256(42));
  EXPECT_EQ(parse_u256(42, "q"), U256(42));
  EXPECT_EQ(parse_u256(json::parse("18446744073709551615"), "q"), U256(~0ull));
  EXPECT_EQ(parse_u256("0x" + std::string(70, '0') + "1", "q"), U256(1));  // leading zeros are fine
  EXPECT_EQ(parse_u256("0x" + std::string(64, 'f'), "q"), U256::max());
  EXPECT_EQ(parse_u256("0x0", "q"), U256(0));
  EXPECT_EQ(parse_u64("0xffffffffffffffff", "q"), ~0ull);
  EXPECT_EQ(parse_u64("18446744073709551615", "q"), ~0ull);
}

TEST(ParseQuantity, OutOfRange) {
  EXPECT_EQ(error_of([] { parse_u64("0x10000000000000000", "txs.json[0].gas"); }),
            "txs.json[0].gas: number out of range for u64: \"0x10000000000000000\"");
  EXPECT_EQ(error_of([] { parse_u64("18446744073709551616", "env.json.currentNumber"); }),
            "env.json.currentNumber: number out of range for u64: \"18446744073709551616\"");
  EXPECT_EQ(error_of([] { parse_u256("0x1" + std::string(64, '0'), "v"); }),
            "v: number out of range for U256: \"0x1" + std::string(64, '0') + "\"");
  const std::string two_to_256 = "115792089237316195423570985008687907853269984665640564039457584007913129639936";
  EXPECT_EQ(error_of([&] { parse_u256(two_to_256, "v"); }), "v: number out of range for U256: \"" + two_to_256 + "\"");
}

TEST(ParseQuantity, JsonNumbersBeyondIntegersNeedStrings) {
  EXPECT_EQ(error_of([] { parse_u256(json::parse("18446744073709551616"), "v"); }),
            "v: not an integer or too large for a JSON number (write it as a \"0x\" hex or decimal string): "
            "1.8446744073709552e+19");
  EXPECT_EQ(error_of([] { parse_u64(1.5, "v"); }),
            "v: not an integer or too large for a JSON number (write it as a \"0x\" hex or decimal string): 1.5");
}

TEST(ParseQuantity, NegativeNumbers) {
  EXPECT_EQ(error_of([] { parse_u64(json::parse("-1"), "txs.json[0].value"); }),
            "txs.json[0].value: negative number: -1");
  EXPECT_EQ(error_of([] { parse_u256("-5", "v"); }), "v: negative number: \"-5\"");
  EXPECT_EQ(error_of([] { parse_u256(-2.5, "v"); }), "v: negative number: -2.5");
}

TEST(ParseQuantity, BadDigitsAndTypes) {
  EXPECT_EQ(error_of([] { parse_u256("0xzz", "v"); }), "v: bad hex digit in number: \"0xzz\"");
  EXPECT_EQ(error_of([] { parse_u256("12a", "v"); }), "v: bad decimal digit in number: \"12a\"");
  EXPECT_EQ(error_of([] { parse_u256("", "v"); }), "v: empty number: \"\"");
  EXPECT_EQ(error_of([] { parse_u256("0x", "v"); }), "v: empty number: \"0x\"");
  EXPECT_EQ(error_of([] { parse_u256(true, "v"); }), "v: expected a number, got boolean");
  EXPECT_EQ(error_of([] { parse_u256(nullptr, "v"); }), "v: expected a number, got null");
}

// ---- addresses, words, data ----

TEST(ParseAddress, Accepts40HexDigits) {
  Address a = parse_address("0x6AC7EA33F8831EA9DCC53393AAA88B25A785DBF0", "a");
  EXPECT_EQ(to_hex(a), "0x6ac7ea33f8831ea9dcc53393aaa88b25a785dbf0");
}

TEST(ParseAddress, BadLength) {
  EXPECT_EQ(error_of([] { parse_address("0x00000000000000000000000000000000000000", "txs.json[0].to"); }),
            "txs.json[0].to: bad address length: expected 20 bytes (40 hex digits), got 19 bytes: "
            "\"0x00000000000000000000000000000000000000\"");
}

TEST(ParseAddress, BadHexOddHexPrefixAndType) {
  EXPECT_EQ(error_of([] { parse_address("0x000000000000000000000000000000000000000g", "a"); }),
            "a: bad hex digit in address: \"0x000000000000000000000000000000000000000g\"");
  EXPECT_EQ(error_of([] { parse_address("0x123", "a"); }), "a: odd number of hex digits in address: \"0x123\"");
  EXPECT_EQ(error_of([] { parse_address("00000000000000000000000000000000000000aa", "a"); }),
            "a: address must start with \"0x\": \"00000000000000000000000000000000000000aa\"");
  EXPECT_EQ(error_of([] { parse_address(5, "a"); }), "a: expected a string, got number");
}

TEST(ParseBytes32, ExactLength) {
  EXPECT_EQ(parse_bytes32("0x" + std::string(62, '0') + "01", "w")[31], 1);
  EXPECT_EQ(error_of([] { parse_bytes32("0x01", "env.json.currentRandom"); }),
            "env.json.currentRandom: bad 32-byte word length: expected 32 bytes (64 hex digits), got 1 bytes: \"0x01\"");
}

TEST(ParseData, HexBytes) {
  EXPECT_EQ(parse_data("0x01ff", kTxs, "d"), (Bytes{0x01, 0xff}));
  EXPECT_EQ(parse_data("0x", kTxs, "d"), Bytes{});
}

TEST(ParseData, OddAndBadHex) {
  EXPECT_EQ(error_of([] { parse_data("0x123", kTxs, "txs.json[2].input"); }),
            "txs.json[2].input: odd number of hex digits in data: \"0x123\"");
  EXPECT_EQ(error_of([] { parse_data("0x12zz", kTxs, "d"); }), "d: bad hex digit in data: \"0x12zz\"");
  EXPECT_EQ(error_of([] { parse_data("1234", kTxs, "d"); }), "d: data must start with \"0x\": \"1234\"");
}

TEST(ParseData, AtFileIsRelativeToTheJsonFile) {
  Bytes echo = file_bytes("echo.wasm");
  ASSERT_GT(echo.size(), 8u);
  EXPECT_EQ(parse_data("@echo.wasm", kTxs, "d"), echo);
}

TEST(ParseData, MissingAtFile) {
  EXPECT_EQ(error_of([] { parse_data("@missing.wasm", kAlloc, "alloc.json[\"0xaa\"].code"); }),
            std::string("alloc.json[\"0xaa\"].code: cannot read file \"") + CLI_WASM_DIR + "/missing.wasm\"");
  EXPECT_EQ(error_of([] { parse_data("@", kAlloc, "d"); }), "d: empty file name after \"@\"");
}

// ---- alloc.json ----

TEST(ParseAlloc, AccountsCodeAndStorage) {
  json alloc = {{kAddrA, {{"balance", "0x10"}, {"nonce", 3}, {"code", "@echo.wasm"}, {"storage", {{"0x1", "42"}, {"2", "0x0"}}}}},
                {kAddrB, json::object()}};
  state::BlockDiff diff = parse_alloc(alloc, kAlloc);
  Bytes echo = file_bytes("echo.wasm");
  ASSERT_EQ(diff.accounts.size(), 2u);
  const state::AccountDiff& a = diff.accounts.at(addr(kAddrA));
  EXPECT_EQ(a.info, (state::Account{3, U256(16), keccak256(echo)}));
  EXPECT_FALSE(a.storage_cleared);
  EXPECT_EQ(a.storage, (std::map<U256, U256>{{U256(1), U256(42)}, {U256(2), U256(0)}}));
  const state::AccountDiff& b = diff.accounts.at(addr(kAddrB));
  EXPECT_EQ(b.info, state::Account{});
  EXPECT_TRUE(b.storage.empty());
  ASSERT_EQ(diff.codes.size(), 1u);
  EXPECT_EQ(diff.codes.at(keccak256(echo)), echo);
  EXPECT_FALSE(diff.block_number.has_value());
}

TEST(ParseAlloc, UnknownField) {
  json alloc = {{kAddrA, {{"balanse", "1"}}}};
  EXPECT_EQ(error_of([&] { parse_alloc(alloc, kAlloc); }), "alloc.json[\"" + kAddrA + "\"]: unknown field \"balanse\"");
}

TEST(ParseAlloc, BadAddressKey) {
  json alloc = {{"0xaa", json::object()}};
  EXPECT_EQ(error_of([&] { parse_alloc(alloc, kAlloc); }),
            "alloc.json[\"0xaa\"]: bad address length: expected 20 bytes (40 hex digits), got 1 bytes: \"0xaa\"");
}

TEST(ParseAlloc, SameAddressOrSlotTwice) {
  json twice = {{kAddrA, json::object()}, {"0x00000000000000000000000000000000000000AA", json::object()}};
  EXPECT_EQ(error_of([&] { parse_alloc(twice, kAlloc); }),
            "alloc.json[\"0x00000000000000000000000000000000000000aa\"]: address given twice");
  json slots = {{kAddrA, {{"storage", {{"0x1", "1"}, {"1", "2"}}}}}};
  EXPECT_EQ(error_of([&] { parse_alloc(slots, kAlloc); }), "alloc.json[\"" + kAddrA + "\"].storage[\"1\"]: slot given twice");
}

TEST(ParseAlloc, WrongShapes) {
  EXPECT_EQ(error_of([] { parse_alloc(json::array(), kAlloc); }), "alloc.json: expected an object of accounts, got array");
  json storage = {{kAddrA, {{"storage", json::array()}}}};
  EXPECT_EQ(error_of([&] { parse_alloc(storage, kAlloc); }),
            "alloc.json[\"" + kAddrA + "\"].storage: expected an object of slots, got array");
  json balance = {{kAddrA, {{"balance", json::parse("-7")}}}};
  EXPECT_EQ(error_of([&] { parse_alloc(balance, kAlloc); }), "alloc.json[\"" + kAddrA + "\"].balance: negative number: -7");
}

// ---- env.json ----

TEST(ParseEnv, DefaultsWithOnlyTheCoinbase) {
  host::BlockEnv env = parse_env({{"currentCoinbase", kAddrB}}, kEnv);
  EXPECT_EQ(env.coinbase, addr(kAddrB));
  EXPECT_EQ(env.chain_id, 1337u);
  EXPECT_EQ(env.gas_limit, 100000000u);
  EXPECT_EQ(env.number, 0u);
  EXPECT_EQ(env.timestamp, 0u);
  EXPECT_EQ(env.difficulty, U256(0));
  EXPECT_EQ(env.prev_randao, Bytes32{});
  EXPECT_EQ(env.base_fee, U256(0));
  EXPECT_TRUE(env.block_hashes.empty());
}

TEST(ParseEnv, EveryField) {
  std::string random = "0x" + std::string(62, '0') + "07";
  json j = {{"currentCoinbase", kAddrA}, {"currentGasLimit", "0x1000"}, {"currentNumber", 5},
            {"currentTimestamp", "1700000000"}, {"currentDifficulty", "0x20000"}, {"currentRandom", random},
            {"currentBaseFee", 7}, {"chainId", "0x1"}, {"blockHashes", {{"4", random}}}};
  host::BlockEnv env = parse_env(j, kEnv);
  EXPECT_EQ(env.coinbase, addr(kAddrA));
  EXPECT_EQ(env.gas_limit, 4096u);
  EXPECT_EQ(env.number, 5u);
  EXPECT_EQ(env.timestamp, 1700000000u);
  EXPECT_EQ(env.difficulty, U256(0x20000));
  EXPECT_EQ(env.prev_randao, *bytes32_from_hex(random));
  EXPECT_EQ(env.base_fee, U256(7));
  EXPECT_EQ(env.chain_id, 1u);
  EXPECT_EQ(env.block_hashes, (std::map<uint64_t, Bytes32>{{4, *bytes32_from_hex(random)}}));
}

TEST(ParseEnv, MissingCoinbase) {
  EXPECT_EQ(error_of([] { parse_env({{"currentNumber", 1}}, kEnv); }),
            "env.json: missing required field \"currentCoinbase\"");
}

TEST(ParseEnv, UnknownFieldAndBadValues) {
  EXPECT_EQ(error_of([] { parse_env({{"currentCoinbase", kAddrA}, {"parentHash", "0x"}}, kEnv); }),
            "env.json: unknown field \"parentHash\"");
  EXPECT_EQ(error_of([] { parse_env({{"currentCoinbase", kAddrA}, {"currentTimestamp", "0x1ffffffffffffffff"}}, kEnv); }),
            "env.json.currentTimestamp: number out of range for u64: \"0x1ffffffffffffffff\"");
  EXPECT_EQ(error_of([] { parse_env({{"currentCoinbase", kAddrA}, {"blockHashes", {{"x", "0x"}}}}, kEnv); }),
            "env.json.blockHashes[\"x\"]: bad decimal digit in number: \"x\"");
  EXPECT_EQ(error_of([] { parse_env(json::array(), kEnv); }), "env.json: expected an object, got array");
}

// ---- txs.json ----

TEST(ParseTxs, LegacyCallAndCreateWithDefaults) {
  json j = json::array({{{"sender", kAddrA}, {"to", kAddrB}, {"value", "0x64"}, {"input", "0xabcd"}, {"gas", 21000},
                         {"gasPrice", "10"}, {"nonce", "0x2"}},
                        {{"sender", kAddrB}, {"to", nullptr}, {"input", "@store.wasm"}, {"gas", "0x100000"}},
                        {{"sender", kAddrB}, {"gas", 0}}});
  std::vector<host::Transaction> txs = parse_txs(j, kTxs);
  ASSERT_EQ(txs.size(), 3u);
  EXPECT_EQ(txs[0].sender, addr(kAddrA));
  EXPECT_EQ(txs[0].to, addr(kAddrB));
  EXPECT_EQ(txs[0].value, U256(100));
  EXPECT_EQ(txs[0].input, (Bytes{0xab, 0xcd}));
  EXPECT_EQ(txs[0].gas_limit, 21000u);
  EXPECT_EQ(txs[0].gas_price, U256(10));
  EXPECT_FALSE(txs[0].max_priority_fee_per_gas.has_value());
  EXPECT_EQ(txs[0].nonce, 2u);
  EXPECT_FALSE(txs[1].to.has_value());
  EXPECT_EQ(txs[1].input, file_bytes("store.wasm"));
  EXPECT_EQ(txs[1].gas_limit, 0x100000u);
  EXPECT_EQ(txs[1].gas_price, U256(0));
  EXPECT_FALSE(txs[1].nonce.has_value());
  EXPECT_FALSE(txs[2].to.has_value());
  EXPECT_EQ(txs[2].value, U256(0));
  EXPECT_TRUE(txs[2].input.empty());
}

TEST(ParseTxs, Eip1559Fees) {
  json j = json::array({{{"sender", kAddrA}, {"gas", 1}, {"maxFeePerGas", 30}, {"maxPriorityFeePerGas", 2}},
                        {{"sender", kAddrA}, {"gas", 1}, {"maxFeePerGas", "0x1e"}}});
  std::vector<host::Transaction> txs = parse_txs(j, kTxs);
  EXPECT_EQ(txs[0].gas_price, U256(30));
  EXPECT_EQ(txs[0].max_priority_fee_per_gas, U256(2));
  EXPECT_EQ(txs[1].gas_price, U256(30));
  EXPECT_EQ(txs[1].max_priority_fee_per_gas, U256(0));
}

TEST(ParseTxs, FeeFieldConflicts) {
  json both = json::array({{{"sender", kAddrA}, {"gas", 1}, {"gasPrice", 1}, {"maxFeePerGas", 1}}});
  EXPECT_EQ(error_of([&] { parse_txs(both, kTxs); }),
            "txs.json[0]: \"gasPrice\" and \"maxFeePerGas\" are mutually exclusive");
  json tip_only = json::array({{{"sender", kAddrA}, {"gas", 1}, {"maxPriorityFeePerGas", 1}}});
  EXPECT_EQ(error_of([&] { parse_txs(tip_only, kTxs); }),
            "txs.json[0]: \"maxPriorityFeePerGas\" requires \"maxFeePerGas\"");
}

TEST(ParseTxs, MissingRequiredFields) {
  json no_gas = json::array({{{"sender", kAddrA}, {"gas", 1}}, {{"sender", kAddrA}}});
  EXPECT_EQ(error_of([&] { parse_txs(no_gas, kTxs); }), "txs.json[1]: missing required field \"gas\"");
  json no_sender = json::array({{{"gas", 1}}});
  EXPECT_EQ(error_of([&] { parse_txs(no_sender, kTxs); }), "txs.json[0]: missing required field \"sender\"");
}

TEST(ParseTxs, UnknownFieldAndWrongShapes) {
  json from = json::array({{{"sender", kAddrA}, {"gas", 1}, {"from", kAddrA}}});
  EXPECT_EQ(error_of([&] { parse_txs(from, kTxs); }), "txs.json[0]: unknown field \"from\"");
  EXPECT_EQ(error_of([] { parse_txs(json::object(), kTxs); }), "txs.json: expected an array of transactions, got object");
  EXPECT_EQ(error_of([] { parse_txs(json::array({"0x"}), kTxs); }), "txs.json[0]: expected an object, got string");
}

TEST(ParseTxs, BadValuesNameTheField) {
  json odd = json::array({{{"sender", kAddrA}, {"gas", 1}, {"input", "0xabc"}}});
  EXPECT_EQ(error_of([&] { parse_txs(odd, kTxs); }), "txs.json[0].input: odd number of hex digits in data: \"0xabc\"");
  json short_to = json::array({{{"sender", kAddrA}, {"gas", 1}, {"to", "0xbb"}}});
  EXPECT_EQ(error_of([&] { parse_txs(short_to, kTxs); }),
            "txs.json[0].to: bad address length: expected 20 bytes (40 hex digits), got 1 bytes: \"0xbb\"");
  json negative = json::array({{{"sender", kAddrA}, {"gas", -21000}}});
  EXPECT_EQ(error_of([&] { parse_txs(negative, kTxs); }), "txs.json[0].gas: negative number: -21000");
  json missing = json::array({{{"sender", kAddrA}, {"gas", 1}, {"input", "@nope.bin"}}});
  EXPECT_EQ(error_of([&] { parse_txs(missing, kTxs); }),
            std::string("txs.json[0].input: cannot read file \"") + CLI_WASM_DIR + "/nope.bin\"");
}

}  // namespace
}  // namespace interlude::cli
