// The contract-mode executor (protocol.md §3.1–§3.7 with the Interlude profile).
#include "interlude/runtime/executor.h"

#include <algorithm>
#include <string_view>
#include <utility>

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

/// Engine configuration of each mode (protocol.md §3.2, §3.8, Interlude profile "floats").
wasm::Config engine_config(ExecutionMode mode) noexcept {
  const bool system = mode == ExecutionMode::System;
  wasm::Config config;
  config.limits.max_memory_pages = system ? SYSTEM_MAX_MEMORY_PAGES : CONTRACT_MAX_MEMORY_PAGES;
  if (!system) config.limits.max_value_stack = CONTRACT_MAX_VALUE_STACK;
  config.fuel_metering = !system;  // system runtimes meter themselves with `_charge_fuel`
  config.canonical_nan = true;
  config.simd = false;
  return config;
}

/// §2.3: trap T -> -2001 - T.
int32_t trap_exit_code(wasm::Trap trap) noexcept {
  return to_i32(ExitCode::UnreachableCodeReached) - static_cast<int32_t>(trap);
}

ExecutionResult failure(ExitCode code, uint64_t fuel_consumed) noexcept {
  return {to_i32(code), fuel_consumed, 0, {}, {}, {}};
}

/// Return data up to this size is copied into the frame's existing buffer on resume; a buffer
/// larger than this and than the new data is replaced, so that no frame holds more than
/// max(this, its return data) bytes, which the in-flight cap counts by size (§3.2).
constexpr size_t kReusedReturnDataBytes = 4096;

void set_return_data(Bytes& frame_data, std::span<const uint8_t> data) noexcept {
  if (frame_data.capacity() > std::max(data.size(), kReusedReturnDataBytes))
    frame_data = Bytes(data.begin(), data.end());
  else
    frame_data.assign(data.begin(), data.end());
}

/// funcidx of the entry export of `state` if it has the entry functype of `mode`: contract
/// `main` and `deploy` () -> () (§9.1); system `main` (i32, i32) -> i32, `deploy` () -> i32 (§3.8).
std::optional<uint32_t> entry_function(const wasm::Module& module, uint32_t state, ExecutionMode mode) noexcept {
  using enum wasm::ValType;
  wasm::FuncType type;
  if (mode == ExecutionMode::System) {
    if (state == STATE_MAIN) type.params = {I32, I32};
    type.results = {I32};
  }
  const auto funcidx = module.exported_function(state == STATE_DEPLOY ? "deploy" : "main");
  if (!funcidx) return std::nullopt;
  const wasm::FuncType* actual = module.function_type(*funcidx);
  if (!actual || *actual != type) return std::nullopt;
  return funcidx;
}

/// Calls the frame's entry for a new segment; a system `main` gets (0, 0) (§3.8).
wasm::RunResult run_entry(Frame& frame) noexcept {
  frame.exit_code = 0;
  const wasm::Value argc_argv[2] = {0, 0};
  const bool with_args = frame.system && frame.state == STATE_MAIN;
  return frame.instance->call(frame.entry, std::span<const wasm::Value>(argc_argv, with_args ? 2 : 0));
}

/// The exit code of a segment that did not suspend a contract (§2.3, §3.8).
int32_t end_exit_code(const Frame& frame, wasm::RunResult run) noexcept {
  switch (run.status) {
    case wasm::RunStatus::Returned:
      return frame.system ? guest_exit_code(frame, static_cast<int32_t>(frame.instance->results()[0])) : frame.exit_code;
    case wasm::RunStatus::Halted:
      return frame.exit_code;
    case wasm::RunStatus::Trapped:
      if (frame.system && run.trap != wasm::Trap::OutOfFuel) break;
      return trap_exit_code(run.trap);
    case wasm::RunStatus::Suspended:
      break;
  }
  return to_i32(ExitCode::UnexpectedFatalExecutionFailure);
}

}  // namespace

struct Executor::Impl {
  /// A frame whose first segment ran; or, if `frame` is null, the failure that kept it from running.
  struct Started {
    std::unique_ptr<Frame> frame;
    wasm::RunResult run;
    ExecutionResult failed;
  };

  /// Spare memory and value-stack blocks for the frames' instances; declared first, so that it
  /// outlives the suspended frames.
  wasm::BufferPool buffers;
  /// A compiled module whose imports all link, and the host function of each import.
  struct Loaded {
    std::shared_ptr<const wasm::Module> module;
    std::vector<wasm::HostFunction> imports;
  };
  /// Loaded modules by code hash and mode (a cache, never consensus: §3.10).
  std::map<std::pair<Bytes32, ExecutionMode>, Loaded> modules;
  /// Suspended runtimes by call_id (§3.1), in increasing call_id order (call_ids are handed out in
  /// order): suspending and resuming reuse the vector's storage instead of allocating a map node.
  std::vector<std::pair<uint32_t, std::unique_ptr<Frame>>> suspended;
  uint32_t next_call_id = 1;
  DebugLog debug_log;
  /// Frames whose runtime ended, without their instance, for the next frames (at most
  /// kSpareFrames): a frame and its return-data buffer are then not allocated per frame.
  std::vector<std::unique_ptr<Frame>> spare_frames;
  static constexpr size_t kSpareFrames = 8;
  /// The import bindings of the frame being instantiated (copied into its instance).
  std::vector<wasm::HostImport> bindings;

  /// A spare frame, or a new one; in either case as a default-constructed Frame.
  std::unique_ptr<Frame> take_frame() noexcept {
    if (spare_frames.empty()) return std::make_unique<Frame>();
    std::unique_ptr<Frame> frame = std::move(spare_frames.back());
    spare_frames.pop_back();
    return frame;
  }
  /// Keeps `frame`, whose runtime ended, for take_frame: its instance is destroyed (the memory and
  /// stacks go back to `buffers`) and every field reset; the return-data buffer is kept if it is
  /// at most kReusedReturnDataBytes, as set_return_data would keep it.
  void recycle(std::unique_ptr<Frame> frame) noexcept {
    if (spare_frames.size() >= kSpareFrames) return;
    Bytes return_data = std::move(frame->return_data);
    *frame = Frame{};
    if (return_data.capacity() <= kReusedReturnDataBytes) {
      return_data.clear();
      frame->return_data = std::move(return_data);
    }
    spare_frames.push_back(std::move(frame));
  }

  /// The entry of `call_id` in `suspended` (of a const or non-const Impl), or its end.
  template <class Suspended>
  static auto find(Suspended& suspended, uint32_t call_id) noexcept {
    const auto it = std::lower_bound(suspended.begin(), suspended.end(), call_id,
                                     [](const auto& entry, uint32_t id) { return entry.first < id; });
    return it != suspended.end() && it->first == call_id ? it : suspended.end();
  }

  /// The cached or newly compiled module of `code`; on failure nullptr and the exit code in `status`.
  const Loaded* load(const Bytes32& code_hash, std::span<const uint8_t> code, ExecutionMode mode,
                     ExitCode& status) noexcept {
    if (const auto it = modules.find({code_hash, mode}); it != modules.end()) return &it->second;
    wasm::CompileError error;
    auto module = wasm::Module::compile(code, engine_config(mode), &error);
    if (!module) {
      status = error.message.find("SIMD") != std::string::npos ? ExitCode::NotSupportedBytecode
                                                               : ExitCode::MalformedBuiltinParams;
      return nullptr;
    }
    auto imports = link_imports(*module);
    if (!imports) {
      status = ExitCode::MalformedBuiltinParams;
      return nullptr;
    }
    return &modules.emplace(std::pair(code_hash, mode), Loaded{std::move(module), std::move(*imports)}).first->second;
  }

  /// Instantiates a new frame and runs its first segment (§3.2 steps 1–4).
  Started start(ExecuteParams params) noexcept {
    // Every failure before the entry function runs consumes the whole fuel_limit (§3.2 steps 2–3);
    // a system runtime that cannot run is an abnormal end (§3.8).
    const uint64_t fuel_limit = params.fuel_limit;
    const bool system = params.mode == ExecutionMode::System;
    const auto fail = [&](ExitCode contract_code) {
      return Started{nullptr, {}, failure(system ? ExitCode::UnexpectedFatalExecutionFailure : contract_code, fuel_limit)};
    };
    if (params.state != STATE_MAIN && params.state != STATE_DEPLOY)
      return {nullptr, {}, failure(ExitCode::MalformedBuiltinParams, fuel_limit)};
    if (params.call_depth > CALL_STACK_LIMIT) return {nullptr, {}, failure(ExitCode::CallDepthOverflow, fuel_limit)};
    ExitCode status = ExitCode::Ok;
    const Loaded* loaded = load(params.code_hash, params.code, params.mode, status);
    if (!loaded) return fail(status);
    const auto entry = entry_function(*loaded->module, params.state, params.mode);
    if (!entry) return fail(ExitCode::MalformedBuiltinParams);

    std::unique_ptr<Frame> frame = take_frame();
    frame->input = std::move(params.input);
    frame->state = params.state;
    frame->call_depth = params.call_depth;
    frame->entry = *entry;
    frame->debug_log = &debug_log;
    frame->system = system;
    frame->fuel_limit = fuel_limit;
    bind_imports(loaded->imports, *frame, bindings);
    auto instantiated = wasm::Instance::instantiate(loaded->module, bindings, fuel_limit, &buffers);
    if (instantiated.trap) {
      const int32_t code = system ? to_i32(ExitCode::UnexpectedFatalExecutionFailure) : trap_exit_code(*instantiated.trap);
      return {nullptr, {}, {code, fuel_limit, 0, {}, {}, {}}};
    }
    // A link error; also a start function that suspended at `_exec`.
    if (!instantiated.instance) return fail(ExitCode::MalformedBuiltinParams);
    frame->instance = std::move(instantiated.instance);
    // The start function ended the frame (`_exit` or another halting import).
    if (frame->halted) return {std::move(frame), {wasm::RunStatus::Halted, wasm::Trap::Unreachable}, {}};

    if (!system) {
      uint64_t in_flight = frame->in_flight_bytes();
      for (const auto& [call_id, other] : suspended) in_flight += other->in_flight_bytes();
      if (in_flight > MAX_IN_FLIGHT_MEMORY_BYTES) return {nullptr, {}, failure(ExitCode::OutOfMemory, fuel_limit)};
    }
    const wasm::RunResult run = run_entry(*frame);
    return {std::move(frame), run, {}};
  }

  /// Fuel of a frame's first segment (§3.2 step 5).
  static uint64_t first_segment_fuel(const Frame& frame) noexcept {
    return frame.system ? frame.system_segment_fuel : frame.instance->fuel_consumed();
  }

  /// Turns how a segment ended into its result (§3.2 step 6, §3.4, §3.8); stores a suspended frame.
  ExecutionResult finish(std::unique_ptr<Frame> frame, wasm::RunResult run, uint64_t fuel_consumed) noexcept {
    const bool interrupted = frame->system ? end_exit_code(*frame, run) == to_i32(ExitCode::InterruptionCalled)
                                           : run.status == wasm::RunStatus::Suspended;
    if (!interrupted) {
      ExecutionResult result{end_exit_code(*frame, run), fuel_consumed, 0, std::move(frame->output), {}, {}};
      recycle(std::move(frame));
      return result;
    }
    // A root runtime may not interrupt (§3.4).
    if (frame->call_depth == 0) return {to_i32(ExitCode::UnexpectedFatalExecutionFailure), fuel_consumed, 0, {}, {}, {}};
    // The counter never wraps and a live entry is never overwritten (adversarial T11): an
    // interruption that cannot get a fresh call_id above every suspended one fails instead.
    if (next_call_id > uint32_t(INT32_MAX) || (!suspended.empty() && suspended.back().first >= next_call_id))
      return {to_i32(ExitCode::UnknownError), fuel_consumed, 0, {}, {}, {}};
    const uint32_t call_id = next_call_id++;
    std::span<const uint8_t> memory;
    if (const uint8_t* data = std::as_const(*frame->instance).memory_data())
      memory = std::span<const uint8_t>(data, frame->instance->memory_size());
    // Built in place from the request rather than zero-filled and then assigned: GCC zero-fills
    // a result with `rep stos`, whose stores the caller's loads of the result then wait for.
    if (frame->system) {
      // The runtime's own request (§6.4): its output, decoded (all zero if malformed, §5.4).
      Bytes output = std::move(frame->output);
      const SyscallInvocationParams request = SyscallInvocationParams::decode(output).value_or(SyscallInvocationParams{});
      suspended.emplace_back(call_id, std::move(frame));
      return {static_cast<int32_t>(call_id), fuel_consumed, 0, std::move(output), request, memory};
    }
    ExecutionResult result{static_cast<int32_t>(call_id), fuel_consumed, 0, {}, frame->pending, memory};
    suspended.emplace_back(call_id, std::move(frame));
    return result;
  }

  /// The request of `interrupted`, the segment that suspended `call_id`, as bytes (a contract's
  /// 64-byte encoding, a system runtime's own output), followed by the request's input bytes if
  /// that range lies inside the runtime's memory (root mode, §3.6).
  Bytes request_with_input(uint32_t call_id, ExecutionResult& interrupted) const noexcept {
    const auto it = find(suspended, call_id);
    if (it == suspended.end()) return {};
    Bytes out = std::move(interrupted.output);
    if (!it->second->system) {
      const auto encoded = interrupted.request.encode();
      out.assign(encoded.begin(), encoded.end());
    }
    const SyscallInvocationParams& request = interrupted.request;
    if (request.input_end < request.input_start || request.input_end > it->second->instance->memory_size())
      return out;
    const size_t size = out.size();
    out.resize(size + (request.input_end - request.input_start));
    it->second->instance->memory_read(request.input_start, std::span(out).subspan(size));
    return out;
  }
};

Executor::Executor() noexcept : impl_(std::make_unique<Impl>()) {}
Executor::~Executor() = default;

ExitCode Executor::check_module(std::span<const uint8_t> code) noexcept {
  ExitCode status = ExitCode::Ok;
  const Impl::Loaded* loaded = impl_->load(keccak256(code), code, ExecutionMode::Contract, status);
  if (!loaded) return status;
  if (!entry_function(*loaded->module, STATE_MAIN, ExecutionMode::Contract) ||
      !entry_function(*loaded->module, STATE_DEPLOY, ExecutionMode::Contract))
    return ExitCode::MalformedBuiltinParams;
  return ExitCode::Ok;
}

ExecutionResult Executor::execute(ExecuteParams params) noexcept {
  Impl::Started started = impl_->start(std::move(params));
  if (!started.frame) return started.failed;
  const uint64_t fuel_consumed = Impl::first_segment_fuel(*started.frame);
  return impl_->finish(std::move(started.frame), started.run, fuel_consumed);
}

ExecutionResult Executor::execute_root(ExecuteParams params, CodeByHash code_by_hash, void* env) noexcept {
  params.call_depth = 0;
  params.mode = ExecutionMode::Contract;
  Impl::Started started = impl_->start(std::move(params));
  if (!started.frame) return started.failed;
  std::unique_ptr<Frame>& frame = started.frame;
  wasm::RunResult& run = started.run;
  wasm::Instance& root = *frame->instance;
  const auto trapped = [&](wasm::Trap trap) {
    const uint64_t fuel_consumed = root.fuel_consumed();
    return impl_->finish(std::move(frame), {wasm::RunStatus::Trapped, trap}, fuel_consumed);
  };
  // The root is suspended at `_exec` or `_resume`: serve it, then continue it with the nested
  // segment's exit code.
  while (run.status == wasm::RunStatus::Suspended) {
    ExecutionResult nested;
    uint32_t fuel16_ptr = 0;
    if (frame->root_resume) {
      RootResume request = std::move(*frame->root_resume);
      frame->root_resume.reset();
      fuel16_ptr = request.fuel16_ptr;
      nested = resume(request.call_id, request.return_data, request.exit_code, request.fuel_consumed,
                      request.fuel_refunded);
    } else {
      const SyscallInvocationParams& request = frame->pending;
      fuel16_ptr = request.fuel16_ptr;
      // input_len <= FUEL_MAX_QUADRATIC_X: `_exec`'s fuel procedure traps above it.
      Bytes input(request.input_end - request.input_start);
      if (!root.memory_read(request.input_start, input)) return trapped(wasm::Trap::MemoryOutOfBounds);
      const auto code = code_by_hash ? code_by_hash(env, request.code_hash) : std::nullopt;
      nested = code ? execute({request.code_hash, *code, std::move(input), request.fuel_limit, request.state, 1,
                               ExecutionMode::Contract})
                    : failure(ExitCode::MalformedBuiltinParams, 0);
    }
    frame->return_data = nested.exit_code > 0 ? impl_->request_with_input(uint32_t(nested.exit_code), nested)
                                              : std::move(nested.output);
    if (fuel16_ptr != 0) {
      std::array<uint8_t, 16> fuel16;
      store_u64_le(fuel16.data(), nested.fuel_consumed);
      store_u64_le(fuel16.data() + 8, static_cast<uint64_t>(nested.fuel_refunded));
      if (!root.memory_write(fuel16_ptr, fuel16)) return trapped(wasm::Trap::MemoryOutOfBounds);
    }
    if (!root.consume_fuel(nested.fuel_consumed)) return trapped(wasm::Trap::OutOfFuel);
    const wasm::Value exit_code = static_cast<uint32_t>(nested.exit_code);
    run = root.resume({&exit_code, 1});
  }
  const uint64_t fuel_consumed = root.fuel_consumed();
  return impl_->finish(std::move(frame), run, fuel_consumed);
}

ExecutionResult Executor::resume(uint32_t call_id, std::span<const uint8_t> return_data, int32_t exit_code,
                                 uint64_t fuel_consumed, int64_t fuel_refunded) noexcept {
  const auto it = Impl::find(impl_->suspended, call_id);
  if (it == impl_->suspended.end()) return failure(ExitCode::UnknownError, fuel_consumed);
  std::unique_ptr<Frame> frame = std::move(it->second);
  impl_->suspended.erase(it);
  set_return_data(frame->return_data, return_data);
  if (frame->system) {
    // §3.5 step 4, system mode: the exit code and the fuel pair reach the runtime inside the
    // RuntimeInterruptionOutcomeV1 of its return data.
    frame->output.clear();
    frame->system_segment_fuel = 0;
    const wasm::RunResult run = run_entry(*frame);
    const uint64_t segment_fuel = frame->system_segment_fuel;
    return impl_->finish(std::move(frame), run, segment_fuel);
  }
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
  const auto it = Impl::find(impl_->suspended, call_id);
  return it != impl_->suspended.end() && it->second->instance->memory_read(offset, out);
}

void Executor::forget_runtime(uint32_t call_id) noexcept {
  if (const auto it = Impl::find(impl_->suspended, call_id); it != impl_->suspended.end()) impl_->suspended.erase(it);
}

void Executor::reset_call_id_counter() noexcept {
  impl_->next_call_id = 1;
  impl_->suspended.clear();
}

void Executor::set_next_call_id(uint32_t call_id) noexcept { impl_->next_call_id = call_id; }

size_t Executor::suspended_count() const noexcept { return impl_->suspended.size(); }

void Executor::set_debug_log_sink(DebugLogSink sink, void* env) noexcept { impl_->debug_log = {sink, env}; }

}  // namespace interlude::runtime
