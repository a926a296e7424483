// interlude: command-line front end. Wires CLI11 to the subcommands of interlude_cli (cli.h) and
// turns every failure into one line "interlude: error: <what and where>" on stderr with exit
// status 2 (usage or input error) or 1 (execution or state error).
#include <CLI/CLI.hpp>

#include <algorithm>
#include <iostream>

#include "cli.h"

namespace {

int report_error(std::string message, int status) {
  std::replace(message.begin(), message.end(), '\n', ' ');
  std::cerr << "interlude: error: " << message << std::endl;
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace interlude::cli;
  CLI::App app{"Interlude: runs Fluent-style WebAssembly contracts through the interruption system "
               "(root-STF over an LMDB state). JSON formats: go-ethereum `evm t8n` names.",
               "interlude"};
  app.require_subcommand(1);

  ApplyOptions apply;
  CLI::App* apply_cmd = app.add_subcommand("apply", "Apply a block (alloc, env, txs) to the state; print result.json");
  apply_cmd->add_option("--state", apply.state_dir, "LMDB state directory (must exist)")->required();
  apply_cmd->add_option("--alloc", apply.alloc_file, "alloc.json: committed first if the state is empty")->required();
  apply_cmd->add_option("--env", apply.env_file, "env.json: the block environment")->required();
  apply_cmd->add_option("--txs", apply.txs_file, "txs.json: the transactions")->required();
  apply_cmd->add_option("--out", apply.out_file, "write result.json here instead of stdout");
  apply_cmd->add_option("--trace", apply.trace_file, "write a JSON-lines trace of frames and interruptions here");
  apply_cmd->add_flag("--summary", apply.summary,
                      "print a table of the transactions to stdout (instead of result.json if there is no --out)");

  CallOptions call;
  CLI::App* call_cmd = app.add_subcommand("call", "Read-only call against the state (never modifies it); print the outcome");
  call_cmd->add_option("--state", call.state_dir, "LMDB state directory (must exist)")->required();
  call_cmd->add_option("--to", call.to, "contract address")->required();
  call_cmd->add_option("--input", call.input, "calldata: 0x hex or @file")->required();
  call_cmd->add_option("--from", call.from, "caller address")->capture_default_str();
  call_cmd->add_option("--gas", call.gas, "gas limit")->capture_default_str();
  call_cmd->add_option("--value", call.value, "value in wei")->capture_default_str();
  call_cmd->add_option("--env", call.env_file, "env.json: the block environment (default: all defaults, coinbase 0)");

  RunOptions run;
  CLI::App* run_cmd = app.add_subcommand(
      "run", "Deploy a wasm module on a fresh in-memory state, call it, print both outcomes");
  run_cmd->add_option("MODULE", run.module_file, "the wasm module (init code)")->required();
  run_cmd->add_option("--input", run.input, "calldata: 0x hex or @file")->capture_default_str();
  run_cmd->add_option("--gas", run.gas, "gas limit of the deploy and of the call")->capture_default_str();
  run_cmd->add_option("--trace", run.trace_file, "write a JSON-lines trace of frames and interruptions here");

  std::filesystem::path dump_state;
  CLI::App* dump_cmd = app.add_subcommand("dump", "Print the whole state as an alloc.json object");
  dump_cmd->add_option("--state", dump_state, "LMDB state directory (must exist)")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help
    return report_error(e.what(), 2);
  }

  try {
    if (*apply_cmd) cmd_apply(apply, std::cout);
    if (*call_cmd) cmd_call(call, std::cout);
    if (*run_cmd) cmd_run(run, std::cout);
    if (*dump_cmd) cmd_dump(dump_state, std::cout);
    if (!std::cout.flush()) return report_error("cannot write to standard output", 1);
    return 0;
  } catch (const InputError& e) {
    return report_error(e.what(), 2);
  } catch (const std::exception& e) {
    return report_error(e.what(), 1);
  } catch (...) {
    return report_error("unexpected failure", 1);
  }
}
