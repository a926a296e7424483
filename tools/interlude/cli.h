#pragma once
/// interlude_cli: everything behind the `interlude` tool except argument parsing (main.cpp).
///   - input: the JSON files of `interlude apply` (/work/notes/formats.md, go-ethereum `evm t8n`
///     names) -> state::BlockDiff (alloc), host::BlockEnv (env), host::Transaction (txs);
///   - output: result.json, call/run outcomes, state dumps (alloc format), the --summary table and
///     the --trace JSON lines;
///   - the subcommands apply, call, run and dump.
/// This is the tool edge, so errors are exceptions: InputError for bad input (exit status 2),
/// state::StateError and other std::exception for execution and state failures (exit status 1).
/// Every message names the problem and where it is ("txs.json[1].gas: missing required field").
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "interlude/common/bytes.h"
#include "interlude/common/u256.h"
#include "interlude/host/host.h"
#include "interlude/state/state.h"

namespace interlude::cli {

/// A problem with the user's input: arguments, files, JSON. The tool exits with status 2.
class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Where a JSON document came from: `name` starts every error message about it; `dir` is the base
/// for "@relative/path" data (the directory of the JSON file).
struct Source {
  std::string name;
  std::filesystem::path dir;
};

/// A parsed JSON file and its Source.
struct Document {
  nlohmann::json json;
  Source source;
};

// ---- input (input.cpp) ----------------------------------------------------------------------

/// Parses JSON text; malformed JSON -> InputError "<name>: malformed JSON: <parser message>".
nlohmann::json parse_json(std::string_view text, const std::string& name);
/// Reads and parses a JSON file; InputError "<where>: cannot read file ..." (where: e.g. the
/// option "--alloc") or "<file>: malformed JSON: ...". The Source is {file as given, its directory}.
Document load_json(const std::filesystem::path& file, const std::string& where);
/// Reads a whole file as bytes; InputError "<where>: cannot read file \"<file>\"" if it is missing
/// or not a readable regular file.
Bytes read_file_bytes(const std::filesystem::path& file, const std::string& where);

/// A quantity (formats.md): "0x" hex (any number of leading zeros), a decimal string, or a
/// non-negative JSON integer. InputError on negative numbers, fractions, bad digits, empty strings
/// and values above 2^256 - 1 ("number out of range for U256").
U256 parse_u256(const nlohmann::json& value, const std::string& where);
/// A quantity that must fit 64 bits ("number out of range for u64" above 2^64 - 1).
uint64_t parse_u64(const nlohmann::json& value, const std::string& where);
/// An address: a string "0x" + 40 hex digits (20 bytes).
Address parse_address(const nlohmann::json& value, const std::string& where);
/// A 32-byte word: a string "0x" + 64 hex digits.
Bytes32 parse_bytes32(const nlohmann::json& value, const std::string& where);
/// Data: a string "0x" + an even number of hex digits, or "@relative/path" = the bytes of that
/// file, resolved against `source.dir`.
Bytes parse_data(const nlohmann::json& value, const Source& source, const std::string& where);

/// alloc.json: {"0x<addr>": {"balance": Q, "nonce": Q, "code": DATA, "storage": {"<slot Q>":
/// "<value Q>"}}} (every field optional) -> one AccountDiff per address (header with
/// code_hash = keccak256(code)) with its storage, the non-empty codes by hash, and no
/// block_number. Unknown fields and addresses or slots given twice are errors.
state::BlockDiff parse_alloc(const nlohmann::json& alloc, const Source& source);
/// env.json -> BlockEnv. "currentCoinbase" is required; every other field defaults as in
/// host::BlockEnv. Fields: currentGasLimit, currentNumber, currentTimestamp (u64),
/// currentDifficulty, currentBaseFee (U256), currentRandom (32 bytes), chainId (u64, Interlude
/// extension), blockHashes {"<number Q>": "0x<32 bytes>"}.
host::BlockEnv parse_env(const nlohmann::json& env, const Source& source);
/// txs.json: an array of {sender (required), to (absent or null = create), value, input, gas
/// (required), gasPrice | maxFeePerGas (+ maxPriorityFeePerGas, default 0), nonce}. maxFeePerGas
/// becomes Transaction::gas_price with max_priority_fee_per_gas set (EIP-1559); gasPrice together
/// with maxFeePerGas, or maxPriorityFeePerGas without maxFeePerGas, is an error.
std::vector<host::Transaction> parse_txs(const nlohmann::json& txs, const Source& source);

// ---- output (output.cpp) --------------------------------------------------------------------

/// result.json of `interlude apply` (formats.md): {"gasUsed", "receipts", "rejected"}. Receipts
/// are listed for executed transactions only; their "transactionIndex" counts executed
/// transactions (as go-ethereum t8n does), a log's "logIndex" counts logs across the block, and a
/// rejected transaction appears as {"index": its position in txs.json, "error"}. Quantities are
/// minimal "0x" hex; exitCode and interruptions are JSON integers.
nlohmann::ordered_json result_json(const host::BlockResult& result);
/// The outcome of one transaction for `call` and `run`: {"status": "success" | "revert" | "halt" |
/// "rejected", then "error" if rejected, else "exitCode" and "exitCodeName"; "gasUsed" (hex),
/// "output" (hex), "contractAddress" (successful creation only), "logs": [{address, topics,
/// data}]}.
nlohmann::ordered_json outcome_json(const host::Receipt& receipt);
/// The whole state in the alloc format, accounts in ascending address order, each with "balance",
/// "nonce" (minimal hex), "code" (hex, "0x" if none) and "storage" (slots ascending, minimal hex),
/// so that parse_alloc(dump_json(s)) rebuilds s. Throws state::StateError if an account's code is
/// missing from the state.
nlohmann::ordered_json dump_json(const state::State& state);
/// The --summary table: one line per transaction (index, CREATE/CALL, target or created address,
/// status, exit code name, gas used, interruptions), then the block's gas used and `state_dir`.
std::string summary_text(std::span<const host::Transaction> txs, const host::BlockResult& result,
                         const std::string& state_dir);
/// "success", "revert", "halt" or "rejected".
const char* status_name(host::TxStatus status) noexcept;

/// Writes host::Tracer events to `out` as --trace JSON lines (formats.md), as they happen.
/// Transaction indices are offset by `first_index` (for `run`, whose deploy and call are two blocks).
class TraceWriter final : public host::Tracer {
 public:
  explicit TraceWriter(std::ostream& out, uint32_t first_index = 0) : out_(out), first_index_(first_index) {}
  void tx_start(uint32_t index) override;
  void frame_start(uint32_t depth, const char* kind, const Address& caller, const Address& target,
                   const U256& value, uint64_t gas, uint64_t input_len) override;
  void frame_end(uint32_t depth, int32_t exit_code, uint64_t gas_used, uint64_t output_len) override;
  void interruption(uint32_t depth, uint32_t call_id, const char* syscall, uint64_t input_len,
                    uint64_t gas_before, uint64_t gas_after, int32_t exit_code) override;

 private:
  void emit(const nlohmann::ordered_json& event);
  std::ostream& out_;
  uint32_t first_index_;
};

// ---- subcommands (commands.cpp) -------------------------------------------------------------

/// `interlude apply`. Parses alloc, env and txs and opens the --out and --trace files before it
/// touches the state (any problem: InputError, state untouched); then opens the LMDB state in
/// `state_dir` (which must exist), commits the alloc if the state is empty (block_number unset),
/// applies the block, and writes result.json to `out_file`, the trace to `trace_file`, and the
/// summary table to `out`. result.json goes to `out` when there is no `out_file` and no `summary`.
struct ApplyOptions {
  std::filesystem::path state_dir, alloc_file, env_file, txs_file;
  std::optional<std::filesystem::path> out_file, trace_file;
  bool summary = false;
};
void cmd_apply(const ApplyOptions& options, std::ostream& out);

/// `interlude call`: a read-only Host::call on the LMDB state (never committed); writes
/// outcome_json to `out`. The strings are command-line texts: `to`, `from` addresses (default
/// `from`: the zero address), `input` DATA, `gas` (gas, default 30,000,000) and `value` (wei)
/// quantities. Without `env_file` the block environment is host::BlockEnv's defaults.
struct CallOptions {
  std::filesystem::path state_dir;
  std::string to, input, from = "0x0000000000000000000000000000000000000000", gas = "30000000", value = "0";
  std::optional<std::filesystem::path> env_file;
};
void cmd_call(const CallOptions& options, std::ostream& out);

/// `interlude run`: deploys `module_file` from RUN_SENDER on a fresh in-memory state (block 0),
/// then, if the deploy succeeded, calls the contract with `input` (block 1), each transaction
/// with gas limit `gas` (gas price 0, default block environment with the block gas limit raised
/// to `gas` if needed); writes {"deploy": outcome, "call": outcome or null} to `out`, and the
/// trace of both blocks (tx_start 0 and 1) to `trace_file`. An unreadable module is an
/// InputError; an invalid one is a deploy outcome (halt MalformedBuiltinParams).
struct RunOptions {
  std::filesystem::path module_file;
  std::string input = "0x", gas = "30000000";
  std::optional<std::filesystem::path> trace_file;
};
void cmd_run(const RunOptions& options, std::ostream& out);
/// The funded sender of `interlude run` and its balance in wei (10^24).
inline constexpr std::string_view RUN_SENDER = "0x1000000000000000000000000000000000000001";
inline constexpr std::string_view RUN_SENDER_BALANCE = "1000000000000000000000000";

/// `interlude dump`: writes dump_json of the LMDB state in `state_dir` to `out`.
void cmd_dump(const std::filesystem::path& state_dir, std::ostream& out);

}  // namespace interlude::cli
