// Output side of interlude_cli: result.json, call/run outcomes, state dumps, the summary table and
// the --trace JSON lines (formats.md).
#include <fmt/format.h>

#include <ostream>
#include <utility>

#include "cli.h"
#include "interlude/runtime/exit_code.h"

namespace interlude::cli {
namespace {

using nlohmann::ordered_json;

std::string hex_u64(uint64_t v) { return U256(v).to_hex(); }

ordered_json log_json(const host::Log& log) {
  ordered_json topics = ordered_json::array();
  for (const Bytes32& topic : log.topics) topics.push_back(to_hex(topic));
  return {{"address", to_hex(log.address)}, {"topics", std::move(topics)}, {"data", to_hex(log.data)}};
}

bool created(const host::Receipt& r) { return r.status == host::TxStatus::Success && r.created_address; }

}  // namespace

const char* status_name(host::TxStatus status) noexcept {
  switch (status) {
    case host::TxStatus::Success: return "success";
    case host::TxStatus::Revert: return "revert";
    case host::TxStatus::Halt: return "halt";
    case host::TxStatus::Rejected: break;
  }
  return "rejected";
}

ordered_json result_json(const host::BlockResult& result) {
  ordered_json receipts = ordered_json::array(), rejected = ordered_json::array();
  uint64_t executed = 0, log_index = 0;
  for (uint64_t i = 0; i < result.receipts.size(); ++i) {
    const host::Receipt& r = result.receipts[i];
    if (r.status == host::TxStatus::Rejected) {
      rejected.push_back({{"index", i}, {"error", r.error}});
      continue;
    }
    std::string tx_index = hex_u64(executed++);
    ordered_json logs = ordered_json::array();
    for (const host::Log& log : r.logs) {
      ordered_json entry = log_json(log);
      entry["transactionIndex"] = tx_index;
      entry["logIndex"] = hex_u64(log_index++);
      logs.push_back(std::move(entry));
    }
    ordered_json receipt = {{"transactionIndex", tx_index},
                            {"status", r.status == host::TxStatus::Success ? "0x1" : "0x0"},
                            {"exitCode", r.exit_code},
                            {"exitCodeName", runtime::exit_code_name(r.exit_code)},
                            {"gasUsed", hex_u64(r.gas_used)},
                            {"cumulativeGasUsed", hex_u64(r.cumulative_gas_used)},
                            {"output", to_hex(r.output)}};
    if (created(r)) receipt["contractAddress"] = to_hex(*r.created_address);
    receipt["interruptions"] = r.interruptions;
    receipt["logs"] = std::move(logs);
    receipts.push_back(std::move(receipt));
  }
  return {{"gasUsed", hex_u64(result.gas_used)}, {"receipts", std::move(receipts)}, {"rejected", std::move(rejected)}};
}

ordered_json outcome_json(const host::Receipt& r) {
  ordered_json out = {{"status", status_name(r.status)}};
  if (r.status == host::TxStatus::Rejected) {
    out["error"] = r.error;
  } else {
    out["exitCode"] = r.exit_code;
    out["exitCodeName"] = runtime::exit_code_name(r.exit_code);
  }
  out["gasUsed"] = hex_u64(r.gas_used);
  out["output"] = to_hex(r.output);
  if (created(r)) out["contractAddress"] = to_hex(*r.created_address);
  ordered_json logs = ordered_json::array();
  for (const host::Log& log : r.logs) logs.push_back(log_json(log));
  out["logs"] = std::move(logs);
  return out;
}

ordered_json dump_json(const state::State& state) {
  // Collect first: a State may not allow reads from inside its own iteration callbacks.
  std::vector<std::pair<Address, state::Account>> accounts;
  state.for_each_account([&](const Address& a, const state::Account& account) { accounts.emplace_back(a, account); });
  ordered_json out = ordered_json::object();
  for (const auto& [address, account] : accounts) {
    std::optional<Bytes> code = state.code(account.code_hash);
    if (!code)
      throw state::StateError(
          fmt::format("code {} of account {} is missing from the state", to_hex(account.code_hash), to_hex(address)));
    ordered_json storage = ordered_json::object();
    state.for_each_storage(address, [&](const U256& slot, const U256& value) { storage[slot.to_hex()] = value.to_hex(); });
    out[to_hex(address)] = {{"balance", account.balance.to_hex()},
                            {"nonce", hex_u64(account.nonce)},
                            {"code", to_hex(*code)},
                            {"storage", std::move(storage)}};
  }
  return out;
}

std::string summary_text(std::span<const host::Transaction> txs, const host::BlockResult& result,
                         const std::string& state_dir) {
  constexpr std::string_view row = "{:>5}  {:<6}  {:<42}  {:<8}  {:<31}  {:>12}  {:>13}{}\n";
  std::string out = fmt::format(row, "index", "kind", "target/created address", "status", "exit code", "gas used",
                                "interruptions", "");
  for (uint64_t i = 0; i < txs.size() && i < result.receipts.size(); ++i) {
    const host::Transaction& tx = txs[i];
    const host::Receipt& r = result.receipts[i];
    bool rejected = r.status == host::TxStatus::Rejected;
    std::string address = tx.to ? to_hex(*tx.to) : created(r) ? to_hex(*r.created_address) : "-";
    out += fmt::format(row, i, tx.to ? "CALL" : "CREATE", address, status_name(r.status),
                       rejected ? "-" : runtime::exit_code_name(r.exit_code), r.gas_used, r.interruptions,
                       rejected ? "  " + r.error : "");
  }
  out += fmt::format("block gas used: {}\nstate: {}\n", result.gas_used, state_dir);
  return out;
}

void TraceWriter::emit(const ordered_json& event) { out_ << event.dump() << '\n'; }

void TraceWriter::tx_start(uint32_t index) {
  emit({{"event", "tx_start"}, {"index", uint64_t{first_index_} + index}});
}

void TraceWriter::frame_start(uint32_t depth, const char* kind, const Address& caller, const Address& target,
                              const U256& value, uint64_t gas, uint64_t input_len) {
  emit({{"event", "frame_start"},
        {"depth", depth},
        {"kind", kind},
        {"caller", to_hex(caller)},
        {"target", to_hex(target)},
        {"value", value.to_hex()},
        {"gas", gas},
        {"inputLength", input_len}});
}

void TraceWriter::frame_end(uint32_t depth, int32_t exit_code, uint64_t gas_used, uint64_t output_len) {
  emit({{"event", "frame_end"},
        {"depth", depth},
        {"exitCode", exit_code},
        {"gasUsed", gas_used},
        {"outputLength", output_len}});
}

void TraceWriter::interruption(uint32_t depth, uint32_t call_id, const char* syscall, uint64_t input_len,
                               uint64_t gas_before, uint64_t gas_after, int32_t exit_code) {
  emit({{"event", "interruption"},
        {"depth", depth},
        {"callId", call_id},
        {"syscall", syscall},
        {"inputLength", input_len},
        {"gasBefore", gas_before},
        {"gasAfter", gas_after},
        {"exitCode", exit_code}});
}

}  // namespace interlude::cli
