// Output side of interlude_cli: result.json, call/run outcomes, the summary table, the --trace
// lines and state dumps, compared byte for byte.
#include <gtest/gtest.h>

#include <sstream>

#include "cli.h"
#include "interlude/common/keccak.h"

namespace interlude::cli {
namespace {

using host::Receipt;
using host::TxStatus;

const Address kA = *address_from_hex("0x00000000000000000000000000000000000000aa");
const Address kB = *address_from_hex("0x00000000000000000000000000000000000000bb");
const Bytes32 kTopic = *bytes32_from_hex("0x" + std::string(62, '0') + "01");
const std::string kA_hex = "0x00000000000000000000000000000000000000aa";
const std::string kB_hex = "0x00000000000000000000000000000000000000bb";
const std::string kTopic_hex = "0x" + std::string(62, '0') + "01";

Receipt receipt(TxStatus status, int32_t exit_code, uint64_t gas_used, uint64_t cumulative, Bytes output,
                uint32_t interruptions) {
  Receipt r;
  r.status = status;
  r.exit_code = exit_code;
  r.gas_used = gas_used;
  r.cumulative_gas_used = cumulative;
  r.output = std::move(output);
  r.interruptions = interruptions;
  return r;
}

/// A call with one log, a rejected transaction, a creation with two logs, a revert.
host::BlockResult sample_block() {
  host::BlockResult block;
  Receipt call = receipt(TxStatus::Success, 0, 21000, 21000, {0x01}, 2);
  call.logs.push_back({kA, {kTopic}, {0xff}});
  Receipt rejected;
  rejected.error = "nonce too low: address 0xaa, tx: 0 state: 1";
  Receipt create = receipt(TxStatus::Success, 0, 53000, 74000, {}, 0);
  create.created_address = kB;
  create.logs.push_back({kB, {}, {}});
  create.logs.push_back({kB, {kTopic, kTopic}, {}});
  Receipt revert = receipt(TxStatus::Revert, -1, 22000, 96000, {0x08, 0xc3, 0x79, 0xa0}, 1);
  block.receipts = {call, rejected, create, revert};
  block.gas_used = 96000;
  return block;
}

std::vector<host::Transaction> sample_txs() {
  std::vector<host::Transaction> txs(4);
  txs[0].to = kA;
  txs[1].to = kB;
  return txs;
}

TEST(ResultJson, ReceiptsOfExecutedTransactionsAndRejectedByIndex) {
  std::string log0 = "{\"address\":\"" + kA_hex + "\",\"topics\":[\"" + kTopic_hex +
                     "\"],\"data\":\"0xff\",\"transactionIndex\":\"0x0\",\"logIndex\":\"0x0\"}";
  std::string log1 = "{\"address\":\"" + kB_hex + "\",\"topics\":[],\"data\":\"0x\",\"transactionIndex\":\"0x1\",\"logIndex\":\"0x1\"}";
  std::string log2 = "{\"address\":\"" + kB_hex + "\",\"topics\":[\"" + kTopic_hex + "\",\"" + kTopic_hex +
                     "\"],\"data\":\"0x\",\"transactionIndex\":\"0x1\",\"logIndex\":\"0x2\"}";
  std::string expected =
      "{\"gasUsed\":\"0x17700\",\"receipts\":["
      "{\"transactionIndex\":\"0x0\",\"status\":\"0x1\",\"exitCode\":0,\"exitCodeName\":\"Ok\",\"gasUsed\":\"0x5208\","
      "\"cumulativeGasUsed\":\"0x5208\",\"output\":\"0x01\",\"interruptions\":2,\"logs\":[" + log0 + "]},"
      "{\"transactionIndex\":\"0x1\",\"status\":\"0x1\",\"exitCode\":0,\"exitCodeName\":\"Ok\",\"gasUsed\":\"0xcf08\","
      "\"cumulativeGasUsed\":\"0x12110\",\"output\":\"0x\",\"contractAddress\":\"" + kB_hex +
      "\",\"interruptions\":0,\"logs\":[" + log1 + "," + log2 + "]},"
      "{\"transactionIndex\":\"0x2\",\"status\":\"0x0\",\"exitCode\":-1,\"exitCodeName\":\"Panic\",\"gasUsed\":\"0x55f0\","
      "\"cumulativeGasUsed\":\"0x17700\",\"output\":\"0x08c379a0\",\"interruptions\":1,\"logs\":[]}],"
      "\"rejected\":[{\"index\":1,\"error\":\"nonce too low: address 0xaa, tx: 0 state: 1\"}]}";
  EXPECT_EQ(result_json(sample_block()).dump(), expected);
}

TEST(ResultJson, EmptyBlock) {
  EXPECT_EQ(result_json(host::BlockResult{}).dump(), "{\"gasUsed\":\"0x0\",\"receipts\":[],\"rejected\":[]}");
}

TEST(OutcomeJson, SuccessfulCreation) {
  Receipt r = sample_block().receipts[2];
  EXPECT_EQ(outcome_json(r).dump(),
            "{\"status\":\"success\",\"exitCode\":0,\"exitCodeName\":\"Ok\",\"gasUsed\":\"0xcf08\",\"output\":\"0x\","
            "\"contractAddress\":\"" + kB_hex + "\",\"logs\":[{\"address\":\"" + kB_hex +
                "\",\"topics\":[],\"data\":\"0x\"},{\"address\":\"" + kB_hex + "\",\"topics\":[\"" + kTopic_hex +
                "\",\"" + kTopic_hex + "\"],\"data\":\"0x\"}]}");
}

TEST(OutcomeJson, HaltedCreationHasNoAddressAndRejectedHasError) {
  Receipt halt = receipt(TxStatus::Halt, -1003, 100000, 100000, {}, 0);
  halt.created_address = kB;  // ignored: only a successful creation has a contract address
  EXPECT_EQ(outcome_json(halt).dump(),
            "{\"status\":\"halt\",\"exitCode\":-1003,\"exitCodeName\":\"MalformedBuiltinParams\",\"gasUsed\":\"0x186a0\","
            "\"output\":\"0x\",\"logs\":[]}");
  EXPECT_EQ(outcome_json(sample_block().receipts[1]).dump(),
            "{\"status\":\"rejected\",\"error\":\"nonce too low: address 0xaa, tx: 0 state: 1\",\"gasUsed\":\"0x0\","
            "\"output\":\"0x\",\"logs\":[]}");
}

TEST(SummaryText, OneLinePerTransactionThenTotals) {
  std::string expected =
      "index  kind    target/created address                      status    exit code                            gas used  interruptions\n"
      "    0  CALL    0x00000000000000000000000000000000000000aa  success   Ok                                      21000              2\n"
      "    1  CALL    0x00000000000000000000000000000000000000bb  rejected  -                                           0              0  nonce too low: address 0xaa, tx: 0 state: 1\n"
      "    2  CREATE  0x00000000000000000000000000000000000000bb  success   Ok                                      53000              0\n"
      "    3  CREATE  -                                           revert    Panic                                   22000              1\n"
      "block gas used: 96000\n"
      "state: /tmp/state\n";
  EXPECT_EQ(summary_text(sample_txs(), sample_block(), "/tmp/state"), expected);
}

TEST(TraceWriter, WritesOneJsonLinePerEventWithOffsetIndices) {
  std::ostringstream out;
  TraceWriter trace(out, 7);
  host::Tracer& tracer = trace;
  tracer.tx_start(0);
  tracer.frame_start(0, "CALL", kA, kB, U256(5), 1000, 36);
  tracer.interruption(0, 1, "STORAGE_WRITE", 64, 900, 800, 0);
  tracer.frame_start(1, "STATICCALL", kB, kA, U256(0), 700, 4);
  tracer.frame_end(1, -1, 70, 4);
  tracer.frame_end(0, 0, 300, 0);
  tracer.tx_start(1);
  tracer.tx_start(2);
  tracer.frame_start(0, "CREATE", kA, kB, U256(0), 2000, 100);
  tracer.frame_end(0, -1003, 2000, 0);
  EXPECT_EQ(out.str(),
            "{\"event\":\"tx_start\",\"index\":7}\n"
            "{\"event\":\"frame_start\",\"depth\":0,\"kind\":\"CALL\",\"caller\":\"" + kA_hex + "\",\"target\":\"" + kB_hex +
                "\",\"value\":\"0x5\",\"gas\":1000,\"inputLength\":36}\n"
                "{\"event\":\"interruption\",\"depth\":0,\"callId\":1,\"syscall\":\"STORAGE_WRITE\",\"inputLength\":64,"
                "\"gasBefore\":900,\"gasAfter\":800,\"exitCode\":0}\n"
                "{\"event\":\"frame_start\",\"depth\":1,\"kind\":\"STATICCALL\",\"caller\":\"" + kB_hex + "\",\"target\":\"" +
                kA_hex + "\",\"value\":\"0x0\",\"gas\":700,\"inputLength\":4}\n"
                "{\"event\":\"frame_end\",\"depth\":1,\"exitCode\":-1,\"gasUsed\":70,\"outputLength\":4}\n"
                "{\"event\":\"frame_end\",\"depth\":0,\"exitCode\":0,\"gasUsed\":300,\"outputLength\":0}\n"
                "{\"event\":\"tx_start\",\"index\":8}\n"
                "{\"event\":\"tx_start\",\"index\":9}\n"
                "{\"event\":\"frame_start\",\"depth\":0,\"kind\":\"CREATE\",\"caller\":\"" + kA_hex + "\",\"target\":\"" +
                kB_hex + "\",\"value\":\"0x0\",\"gas\":2000,\"inputLength\":100}\n"
                "{\"event\":\"frame_end\",\"depth\":0,\"exitCode\":-1003,\"gasUsed\":2000,\"outputLength\":0}\n");
}

TEST(DumpJson, AllocFormatInAddressAndSlotOrderAndRoundTrip) {
  Bytes code = {0x00, 0x61, 0x73, 0x6d};
  state::BlockDiff diff;
  diff.accounts[kB].info = state::Account{1, U256(2), keccak256(code)};
  diff.accounts[kB].storage = {{U256(16), U256(1)}, {U256(2), U256(0xabc)}};
  diff.accounts[kA].info = state::Account{0, U256::max(), KECCAK_EMPTY};
  diff.codes[keccak256(code)] = code;
  std::unique_ptr<state::State> state = state::make_memory_state();
  state->commit(diff);
  std::string expected = "{\"" + kA_hex + "\":{\"balance\":\"0x" + std::string(64, 'f') +
                         "\",\"nonce\":\"0x0\",\"code\":\"0x\",\"storage\":{}},\"" + kB_hex +
                         "\":{\"balance\":\"0x2\",\"nonce\":\"0x1\",\"code\":\"0x0061736d\",\"storage\":"
                         "{\"0x2\":\"0xabc\",\"0x10\":\"0x1\"}}}";
  std::string dump = dump_json(*state).dump();
  EXPECT_EQ(dump, expected);

  std::unique_ptr<state::State> copy = state::make_memory_state();
  copy->commit(parse_alloc(nlohmann::json::parse(dump), Source{"dump", {}}));
  EXPECT_EQ(dump_json(*copy).dump(), expected);
}

TEST(StatusName, AllStatuses) {
  EXPECT_STREQ(status_name(TxStatus::Success), "success");
  EXPECT_STREQ(status_name(TxStatus::Revert), "revert");
  EXPECT_STREQ(status_name(TxStatus::Halt), "halt");
  EXPECT_STREQ(status_name(TxStatus::Rejected), "rejected");
}

}  // namespace
}  // namespace interlude::cli
