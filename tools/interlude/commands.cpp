// The subcommands of `interlude`: apply, call, run, dump (see cli.h).
#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <ostream>

#include "cli.h"

namespace interlude::cli {
namespace {

using nlohmann::json;

void require_state_dir(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec))
    throw InputError(fmt::format("--state: state directory does not exist: \"{}\"", dir.string()));
}

/// Opens (truncates) an output file named by `option`; InputError if it cannot be created.
std::optional<std::ofstream> open_output(const std::optional<std::filesystem::path>& file, const char* option) {
  if (!file) return std::nullopt;
  std::ofstream out(*file, std::ios::binary | std::ios::trunc);
  if (!out) throw InputError(fmt::format("{}: cannot open file \"{}\" for writing", option, file->string()));
  return out;
}

void write_json(std::ostream& out, const nlohmann::ordered_json& value) { out << value.dump(2) << '\n'; }

void close_output(std::optional<std::ofstream>& out, const std::optional<std::filesystem::path>& file) {
  if (!out) return;
  out->close();
  if (!*out) throw std::runtime_error(fmt::format("cannot write file \"{}\"", file->string()));
}

/// Host::apply_block, streaming the trace (transactions numbered from `first_index`) if `trace`.
host::BlockResult apply_traced(host::Host& host, state::State& state, const host::BlockEnv& env,
                               std::span<const host::Transaction> txs, std::optional<std::ofstream>& trace,
                               uint32_t first_index) {
  std::optional<TraceWriter> writer;
  if (trace) writer.emplace(*trace, first_index);
  host::BlockResult result = host.apply_block(state, env, txs, writer ? &*writer : nullptr);
  if (result.receipts.size() != txs.size())
    throw std::runtime_error(
        fmt::format("the host returned {} receipts for {} transactions", result.receipts.size(), txs.size()));
  return result;
}

}  // namespace

void cmd_apply(const ApplyOptions& options, std::ostream& out) {
  Document alloc_doc = load_json(options.alloc_file, "--alloc");
  state::BlockDiff alloc = parse_alloc(alloc_doc.json, alloc_doc.source);
  Document env_doc = load_json(options.env_file, "--env");
  host::BlockEnv env = parse_env(env_doc.json, env_doc.source);
  Document txs_doc = load_json(options.txs_file, "--txs");
  std::vector<host::Transaction> txs = parse_txs(txs_doc.json, txs_doc.source);
  require_state_dir(options.state_dir);
  std::optional<std::ofstream> out_file = open_output(options.out_file, "--out");
  std::optional<std::ofstream> trace_file = open_output(options.trace_file, "--trace");

  std::unique_ptr<state::State> state = state::open_lmdb_state(options.state_dir);
  if (state->empty()) state->commit(alloc);
  host::Host host;
  host::BlockResult result = apply_traced(host, *state, env, txs, trace_file, 0);

  close_output(trace_file, options.trace_file);
  if (out_file) write_json(*out_file, result_json(result));
  close_output(out_file, options.out_file);
  if (!out_file && !options.summary) write_json(out, result_json(result));
  if (options.summary) out << summary_text(txs, result, options.state_dir.string());
}

void cmd_call(const CallOptions& options, std::ostream& out) {
  host::Transaction tx;
  tx.sender = parse_address(options.from, "--from");
  tx.to = parse_address(options.to, "--to");
  tx.input = parse_data(options.input, Source{}, "--input");
  tx.gas_limit = parse_u64(options.gas, "--gas");
  tx.value = parse_u256(options.value, "--value");
  host::BlockEnv env;
  if (options.env_file) {
    Document env_doc = load_json(*options.env_file, "--env");
    env = parse_env(env_doc.json, env_doc.source);
  }
  require_state_dir(options.state_dir);

  std::unique_ptr<state::State> state = state::open_lmdb_state(options.state_dir);
  host::Host host;
  write_json(out, outcome_json(host.call(*state, env, tx)));
}

void cmd_run(const RunOptions& options, std::ostream& out) {
  Bytes module = read_file_bytes(options.module_file, "MODULE");
  Bytes input = parse_data(options.input, Source{}, "--input");
  uint64_t gas = parse_u64(options.gas, "--gas");
  std::optional<std::ofstream> trace_file = open_output(options.trace_file, "--trace");

  Address sender = *address_from_hex(RUN_SENDER);
  std::unique_ptr<state::State> state = state::make_memory_state();
  state::BlockDiff genesis;
  genesis.accounts[sender].info = state::Account{.balance = *U256::parse(RUN_SENDER_BALANCE)};
  state->commit(genesis);
  host::BlockEnv env;
  env.gas_limit = std::max(env.gas_limit, gas);
  host::Host host;

  auto transaction = [&](std::optional<Address> to, Bytes data) {
    host::Transaction tx;
    tx.sender = sender;
    tx.to = to;
    tx.input = std::move(data);
    tx.gas_limit = gas;
    return tx;
  };
  host::Transaction deploy = transaction(std::nullopt, std::move(module));
  host::Receipt deployed = apply_traced(host, *state, env, {&deploy, 1}, trace_file, 0).receipts[0];
  nlohmann::ordered_json result = {{"deploy", outcome_json(deployed)}, {"call", nullptr}};
  if (deployed.status == host::TxStatus::Success && deployed.created_address) {
    env.number = 1;
    host::Transaction call = transaction(deployed.created_address, std::move(input));
    result["call"] = outcome_json(apply_traced(host, *state, env, {&call, 1}, trace_file, 1).receipts[0]);
  }
  close_output(trace_file, options.trace_file);
  write_json(out, result);
}

void cmd_dump(const std::filesystem::path& state_dir, std::ostream& out) {
  require_state_dir(state_dir);
  write_json(out, dump_json(*state::open_lmdb_state(state_dir)));
}

}  // namespace interlude::cli
