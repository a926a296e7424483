// The contract-mode executor (protocol.md §3.1–§3.7 with the Interlude profile).
#include "interlude/runtime/executor.h"

#include <algorithm>
#include <string_view>

#include "frame.h"
#include "interlude/common/keccak.h"

namespace interlude::runtime {

std::array<uint8_t, SyscallInvocationParams::kEncodedSize> SyscallInvocationParams::encode() const noexcept {
  std::array<uint8_t, kEncodedSize> out{};
  std::copy(code_hash.bytes.begin(), code_hash.bytes.end(), out.begin());
  store_u64_le(out.data() + 32, fuel_limit);
  store_u32_le(out.data() + 40, state);
  store_u32_le(out.data() + 44, fuel16_ptr);
  store_u64_le(out.data() + 48, input_start);
  store_u64_le(out.data() + 56, input_end);
  return out;
}

std::optional<SyscallInvocationParams> SyscallInvocationParams::decode(std::span<const uint8_t> bytes) noexcept {
  if (bytes.size() < kEncodedSize) return std::nullopt;
  SyscallInvocationParams p;
  std::copy(bytes.begin(), bytes.begin() + 32, p.code_hash.bytes.begin());
  p.fuel_limit = load_u64_le(bytes.data() + 32);
  p.state = load_u32_le(bytes.data() + 40);
  p.fuel16_ptr = load_u32_le(bytes.data() + 44);
  p.input_start = load_u64_le(bytes.data() + 48);
  p.input_end = load_u64_le(bytes.data() + 56);
  return p;
}

namespace {

/// Engine configuration of contract mode (protocol.md §3.2, Interlude profile "floats").
wasm::Config contract_config() noexcept {
  wasm::Config config;
  config.limits.max_memory_pages = CONTRACT_MAX_MEMORY_PAGES;
  config.limits.max_value_stack = CONTRACT_MAX_VALUE_STACK;
  config.fuel_metering = true;
  config.canonical_nan = true;
  config.simd = false;
  return config;
}

/// §2.3: trap T -> -2001 - T.
int32_t trap_exit_code(wasm::Trap trap) noexcept {
  return to_i32(ExitCode::UnreachableCodeReached) - static_cast<int32_t>(trap);
}

ExecutionResult failure(ExitCode code, uint64_t fuel_consumed) noexcept {
  return {to_i32(code), fuel_consumed, 0, {}};
}

/// funcidx of the entry export `name` if it is a function of type () -> () (§9.1).
std::optional<uint32_t> entry_function(const wasm::Module& module, std::string_view name) noexcept {
  const auto funcidx = module.exported_function(name);
  if (!funcidx) return std::nullopt;
  const wasm::FuncType* type = module.function_type(*funcidx);
  if (!type || !type->params.empty() || !type->results.empty()) return std::nullopt;
  return funcidx;
}

}  // namespace

struct Executor::Impl {
  /// Compiled modules whose imports all link, by code hash (a cache, never consensus: §3.10).
  std::map<Bytes32, std::shared_ptr<const wasm::Module>> modules;
  /// Suspended runtimes by call_id (§3.1).
  std::map<uint32_t, std::unique_ptr<Frame>> suspended;
  uint32_t next_call_id = 1;
  DebugLog debug_log;

  /// The cached or newly compiled module of `code`; on failure nullptr and the exit code in `status`.
  std::shared_ptr<const wasm::Module> load(const Bytes32& code_hash, std::span<const uint8_t> code,
                                           ExitCode& status) noexcept {
    if (const auto it = modules.find(code_hash); it != modules.end()) return it->second;
    wasm::CompileError error;
    auto module = wasm::Module::compile(code, contract_config(), &error);
    if (!module) {
      status = error.message.find("SIMD") != std::string::npos ? ExitCode::NotSupportedBytecode
                                                               : ExitCode::MalformedBuiltinParams;
      return nullptr;
    }
    status = check_imports(*module);
    if (status != ExitCode::Ok) return nullptr;
    modules.emplace(code_hash, module);
    return module;
  }

  /// Turns how a segment ended into its result (§3.2 step 6, §3.4); stores a suspended frame.
  ExecutionResult finish(std::unique_ptr<Frame> frame, wasm::RunResult run, uint64_t fuel_consumed) noexcept {
    ExecutionResult result{to_i32(ExitCode::Ok), fuel_consumed, 0, {}};
    if (run.status != wasm::RunStatus::Suspended) {
      result.exit_code = run.status == wasm::RunStatus::Trapped ? trap_exit_code(run.trap) : frame->exit_code;
      result.output = std::move(frame->output);
      return result;
    }
    if (frame->call_depth == 0) {  // a root runtime may not interrupt (§3.4)
      result.exit_code = to_i32(ExitCode::UnexpectedFatalExecutionFailure);
      return result;
    }
    if (next_call_id > uint32_t(INT32_MAX)) {
      result.exit_code = to_i32(ExitCode::UnknownError);
      return result;
    }
    const uint32_t call_id = next_call_id++;
    const auto request = frame->pending.encode();
    result.exit_code = static_cast<int32_t>(call_id);
    result.output.assign(request.begin(), request.end());
    suspended.emplace(call_id, std::move(frame));
    return result;
  }
};

Executor::Executor() noexcept : impl_(std::make_unique<Impl>()) {}
Executor::~Executor() = default;

ExitCode Executor::check_module(std::span<const uint8_t> code) noexcept {
  ExitCode status = ExitCode::Ok;
  const auto module = impl_->load(keccak256(code), code, status);
  if (!module) return status;
  if (!entry_function(*module, "main") || !entry_function(*module, "deploy")) return ExitCode::MalformedBuiltinParams;
  return ExitCode::Ok;
}

ExecutionResult Executor::execute(ExecuteParams params) noexcept {
  // Every failure before the entry function runs consumes the whole fuel_limit (§3.2 steps 2–3).
  const uint64_t fuel_limit = params.fuel_limit;
  if (params.state != STATE_MAIN && params.state != STATE_DEPLOY)
    return failure(ExitCode::MalformedBuiltinParams, fuel_limit);
  if (params.call_depth > CALL_STACK_LIMIT) return failure(ExitCode::CallDepthOverflow, fuel_limit);
  ExitCode status = ExitCode::Ok;
  const auto module = impl_->load(params.code_hash, params.code, status);
  if (!module) return failure(status, fuel_limit);
  const auto entry = entry_function(*module, params.state == STATE_DEPLOY ? "deploy" : "main");
  if (!entry) return failure(ExitCode::MalformedBuiltinParams, fuel_limit);

  auto frame = std::make_unique<Frame>();
  frame->input = std::move(params.input);
  frame->state = params.state;
  frame->call_depth = params.call_depth;
  frame->debug_log = &impl_->debug_log;
  const auto imports = bind_imports(*module, *frame);
  auto instantiated = wasm::Instance::instantiate(module, imports, fuel_limit);
  if (instantiated.trap) return {trap_exit_code(*instantiated.trap), fuel_limit, 0, {}};
  // A link error; also a start function that suspended at `_exec`.
  if (!instantiated.instance) return failure(ExitCode::MalformedBuiltinParams, fuel_limit);
  frame->instance = std::move(instantiated.instance);
  if (frame->halted) {  // the start function ended the frame (`_exit` or another halting import)
    const uint64_t fuel_consumed = frame->instance->fuel_consumed();
    return impl_->finish(std::move(frame), {wasm::RunStatus::Halted, wasm::Trap::Unreachable}, fuel_consumed);
  }

  uint64_t in_flight = frame->in_flight_bytes();
  for (const auto& [call_id, suspended] : impl_->suspended) in_flight += suspended->in_flight_bytes();
  if (in_flight > MAX_IN_FLIGHT_MEMORY_BYTES) return failure(ExitCode::OutOfMemory, fuel_limit);

  const wasm::RunResult run = frame->instance->call(*entry, {});
  const uint64_t fuel_consumed = frame->instance->fuel_consumed();
  return impl_->finish(std::move(frame), run, fuel_consumed);
}

ExecutionResult Executor::resume(uint32_t call_id, Bytes return_data, int32_t exit_code, uint64_t fuel_consumed,
                                 int64_t fuel_refunded) noexcept {
  const auto it = impl_->suspended.find(call_id);
  if (it == impl_->suspended.end()) return failure(ExitCode::UnknownError, fuel_consumed);
  std::unique_ptr<Frame> frame = std::move(it->second);
  impl_->suspended.erase(it);
  frame->return_data = std::move(return_data);
  wasm::Instance& instance = *frame->instance;

  if (frame->pending.fuel16_ptr != 0) {
    std::array<uint8_t, 16> fuel16;
    store_u64_le(fuel16.data(), fuel_consumed);
    store_u64_le(fuel16.data() + 8, static_cast<uint64_t>(fuel_refunded));
    if (!instance.memory_write(frame->pending.fuel16_ptr, fuel16))
      return impl_->finish(std::move(frame), {wasm::RunStatus::Trapped, wasm::Trap::MemoryOutOfBounds}, 0);
  }
  // §3.5 step 5: the host-charged fuel is not part of this segment, unless the segment ran out.
  const uint64_t remaining_before = instance.fuel_remaining();
  if (!instance.consume_fuel(fuel_consumed))
    return impl_->finish(std::move(frame), {wasm::RunStatus::Trapped, wasm::Trap::OutOfFuel}, remaining_before);
  const wasm::Value exec_result = static_cast<uint32_t>(exit_code);
  const wasm::RunResult run = instance.resume({&exec_result, 1});
  const bool out_of_fuel = run.status == wasm::RunStatus::Trapped && run.trap == wasm::Trap::OutOfFuel;
  const uint64_t segment_fuel =
      out_of_fuel ? remaining_before : remaining_before - fuel_consumed - instance.fuel_remaining();
  return impl_->finish(std::move(frame), run, segment_fuel);
}

bool Executor::memory_read(uint32_t call_id, uint64_t offset, std::span<uint8_t> out) const noexcept {
  const auto it = impl_->suspended.find(call_id);
  return it != impl_->suspended.end() && it->second->instance->memory_read(offset, out);
}

void Executor::forget_runtime(uint32_t call_id) noexcept { impl_->suspended.erase(call_id); }

void Executor::reset_call_id_counter() noexcept {
  impl_->next_call_id = 1;
  impl_->suspended.clear();
}

size_t Executor::suspended_count() const noexcept { return impl_->suspended.size(); }

void Executor::set_debug_log_sink(DebugLogSink sink, void* env) noexcept { impl_->debug_log = {sink, env}; }

}  // namespace interlude::runtime
