// System-mode frames of the root-STF (protocol.md §5.3 step 4, §5.8, §6.5, Interlude profile
// "system mode" and "static frames"): the new-frame envelope with preloaded storage, native
// runtimes, and the commit rules of a runtime's execution outcome.
#include <algorithm>

#include "execution.h"

namespace interlude::host {

using runtime::ExitCode;
using runtime::to_i32;

std::optional<system::NewFrameInput> Execution::system_frame_input(Frame& f, ByteView metadata) {
  system::NewFrameInput input{Bytes(metadata.begin(), metadata.end()), f.msg.input, frame_input(f, {}), {}};
  for (const U256& slot : f.system_runtime->preload_slots) {
    const uint64_t before = f.gas.remaining;
    const SyscallOutcome read = sload(f, f.msg.target, slot);
    if (read.halt) return std::nullopt;
    f.preload_gas[slot] = before - f.gas.remaining;
    input.storage[slot] = U256::from_le_ptr(read.word.data());
  }
  return input;
}

int32_t Execution::run_native_runtime(Frame& f, ByteView metadata, Bytes& output) {
  const auto input = system_frame_input(f, metadata);
  if (!input) return to_i32(ExitCode::OutOfFuel);
  system::NativeResult result = f.system_runtime->native->run(*input, gas_to_fuel(f.gas.remaining));
  if (!f.gas.charge(fuel_to_gas_ceil(result.fuel_consumed))) return to_i32(ExitCode::OutOfFuel);
  return commit_outcome(f, result.exit_code, std::move(result.outcome), output);
}

int32_t Execution::finish_system_frame(Frame& f, int32_t exit_code, Bytes& output) {
  if (exit_code == to_i32(ExitCode::UnexpectedFatalExecutionFailure)) return exit_code;
  auto outcome = system::decode_execution_outcome(output);
  if (!outcome) return to_i32(ExitCode::UnknownError);
  return commit_outcome(f, exit_code, std::move(*outcome), output);
}

int32_t Execution::commit_outcome(Frame& f, int32_t exit_code, system::ExecutionOutcome outcome, Bytes& output) {
  output = std::move(outcome.output);
  const std::vector<U256> touched = outcome.touched_storage_slots.value_or(std::vector<U256>{});
  for (const auto& [slot, gas] : f.preload_gas)
    if (std::find(touched.begin(), touched.end(), slot) == touched.end()) f.gas.remaining += gas;
  if (outcome.exit_code != to_i32(ExitCode::Ok)) return exit_code;

  const std::vector<system::Transfer> transfers = outcome.transfers.value_or(std::vector<system::Transfer>{});
  const bool effects =
      !outcome.storage.empty() || !outcome.logs.empty() || outcome.new_metadata.has_value() || !transfers.empty();
  if (effects && f.msg.is_static) return to_i32(ExitCode::StateChangeDuringStaticCall);
  const Address& target = f.msg.target;
  for (const auto& [slot, value] : outcome.storage) world_.put_storage(target, slot, value);
  for (system::JournalLog& log : outcome.logs) world_.add_log({target, std::move(log.topics), std::move(log.data)});
  if (outcome.new_metadata) {
    if (!f.account_owner) return to_i32(ExitCode::UnknownError);
    world_.set_code(target, encode_ownable_account(*f.account_owner, *outcome.new_metadata));
  }
  U256 total;
  for (const system::Transfer& t : transfers) {
    const auto sum = U256::checked_add(total, t.amount);
    if (!sum) return to_i32(ExitCode::IntegerOverflow);
    total = *sum;
  }
  if (!world_.has_balance(target, total)) return to_i32(ExitCode::InsufficientBalance);
  for (const system::Transfer& t : transfers) world_.transfer(target, t.to, t.amount);
  return exit_code;
}

}  // namespace interlude::host
