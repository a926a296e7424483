#include "execution.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include "interlude/common/keccak.h"
#include "wasm_sections.h"

namespace interlude::host {

using runtime::ExitCode;
using runtime::to_i32;

namespace {

const char* frame_kind_name(FrameKind kind) noexcept {
  switch (kind) {
    case FrameKind::Call: return "CALL";
    case FrameKind::StaticCall: return "STATICCALL";
    case FrameKind::CallCode: return "CALLCODE";
    case FrameKind::DelegateCall: return "DELEGATECALL";
    case FrameKind::Create: return "CREATE";
    case FrameKind::Create2: return "CREATE2";
  }
  return "CALL";
}

bool is_create(FrameKind kind) noexcept { return kind == FrameKind::Create || kind == FrameKind::Create2; }

void put(uint8_t* dst, ByteView src) noexcept { std::memcpy(dst, src.data(), src.size()); }

}  // namespace

FrameStatus frame_status(int32_t exit_code) noexcept {
  switch (static_cast<ExitCode>(exit_code)) {
    case ExitCode::Ok: return FrameStatus::Success;
    case ExitCode::Panic:
    case ExitCode::InsufficientBalance: return FrameStatus::Revert;
    default: return FrameStatus::Halt;
  }
}

int32_t halted_child_exit_code(int32_t exit_code) noexcept {
  return exit_code == to_i32(ExitCode::OutOfMemory) ? to_i32(ExitCode::MemoryOutOfBounds) : exit_code;
}

AccountCode Execution::resolve_code(const Address& code_address) const {
  AccountCode resolved{world_.account_or_empty(code_address).code_hash, std::nullopt, {}};
  if (auto ownable = parse_ownable_account(world_.code(resolved.code_hash))) {
    resolved.code_hash = world_.account_or_empty(ownable->owner).code_hash;
    resolved.account_owner = ownable->owner;
    resolved.metadata = ownable->metadata;
  }
  return resolved;
}

FrameResult Execution::run_frame(Message m) {
  // CallTooDeep, OutOfFunds, or a creator whose nonce cannot grow (§5.2, §5.9): revert class,
  // the frame never starts and all of its gas goes back.
  auto not_started = [&m] {
    FrameResult r;
    r.status = FrameStatus::Revert;
    r.exit_code = to_i32(ExitCode::Panic);
    r.gas = Gas(m.gas_limit);
    return r;
  };
  if (m.depth > MAX_CALL_DEPTH || !world_.has_balance(m.caller, m.transfer ? m.value : U256())) return not_started();
  if (is_create(m.kind)) {
    // The creator's nonce is bumped before the frame's checkpoint, so it survives a failed create.
    auto caller = world_.account_or_empty(m.caller);
    if (caller.nonce == UINT64_MAX) return not_started();
    m.target = m.kind == FrameKind::Create ? create_address(m.caller, caller.nonce)
                                           : create2_address(m.caller, m.salt, m.input);
    m.code_address = m.target;
    ++caller.nonce;
    world_.put_account(m.caller, caller);
    world_.warm_account(m.target);
  }
  if (tracer_)
    tracer_->frame_start(m.depth, frame_kind_name(m.kind), m.caller, m.code_address, m.value, m.gas_limit,
                         m.input.size());
  const auto cp = world_.checkpoint();
  Frame f{m, Gas(m.gas_limit), std::nullopt, nullptr, {}};
  FrameResult r;
  r.exit_code = execute(f, r.output);
  r.gas = f.gas;
  r.status = frame_status(r.exit_code);
  if (r.status == FrameStatus::Success) {
    if (is_create(m.kind)) r.created = m.target;
  } else {
    world_.revert(cp);
    r.gas.refunded = 0;
    if (r.status == FrameStatus::Halt) {
      r.gas.remaining = 0;
      r.output.clear();
    }
  }
  if (tracer_) tracer_->frame_end(m.depth, r.exit_code, r.gas.spent(), r.output.size());
  return r;
}

int32_t Execution::execute(Frame& f, Bytes& output) {
  const Message& m = f.msg;
  Bytes32 code_hash;
  ByteView payload = m.input;
  ByteView metadata;
  uint32_t state = runtime::STATE_MAIN;
  if (is_create(m.kind)) {
    auto existing = world_.account(m.target);
    if (existing && (existing->nonce != 0 || existing->code_hash != KECCAK_EMPTY))
      return to_i32(ExitCode::CreateContractCollision);
    state::Account created = existing.value_or(state::Account{});
    created.nonce = 1;  // EIP-161
    world_.put_account(m.target, created);
    world_.mark_created(m.target);  // EIP-6780
    world_.transfer(m.caller, m.target, m.value);
    // Interlude profile "wasm deploy": the root-STF validates, prices and stores the module;
    // "other init code": NotSupportedBytecode.
    if (!is_wasm(m.input)) return to_i32(ExitCode::NotSupportedBytecode);
    if (m.input.size() > WASM_MAX_CODE_SIZE) return to_i32(ExitCode::CreateContractSizeLimit);
    if (!f.gas.charge(WASM_DEPLOY_GAS_PER_BYTE * m.input.size())) return to_i32(ExitCode::OutOfFuel);
    if (auto c = executor_.check_module(m.input); c != ExitCode::Ok) return to_i32(c);
    code_hash = world_.set_code(m.target, m.input);
    payload = wasm_custom_section(m.input, "input").value_or(ByteView());
    state = runtime::STATE_DEPLOY;
  } else {
    // §5.3 step 3: a delegated runtime runs only as the owner of an ownable account.
    if (is_delegated_runtime(m.target) || is_delegated_runtime(m.code_address))
      return to_i32(ExitCode::NotSupportedBytecode);
    if (m.transfer) world_.transfer(m.caller, m.target, m.value);
    const AccountCode code = resolve_code(m.code_address);
    f.account_owner = code.account_owner;
    // §5.3 step 4: account_owner ?? bytecode address in the system set selects system mode.
    f.system_runtime = system_runtimes_.find(code.account_owner.value_or(m.code_address));
    if (f.system_runtime && f.system_runtime->native) return run_native_runtime(f, code.metadata, output);
    // §5.2: no code stops at once. §5.3 step 5: only a wasm module runs, so an ownable account
    // whose owner has none (e.g. PRECOMPILE_EVM_RUNTIME in Interlude) halts NotSupportedBytecode.
    if (code.code_hash == KECCAK_EMPTY && !code.account_owner) return to_i32(ExitCode::Ok);
    if (!is_wasm(world_.code(code.code_hash))) return to_i32(ExitCode::NotSupportedBytecode);
    code_hash = code.code_hash;
    metadata = code.metadata;
  }
  runtime::ExecuteParams params;
  params.code_hash = code_hash;
  params.code = world_.code(code_hash);
  if (f.system_runtime) {
    auto input = system_frame_input(f, metadata);
    if (!input) return to_i32(ExitCode::OutOfFuel);
    params.input = system::encode(*input);
    params.mode = runtime::ExecutionMode::System;
  } else {
    params.input = frame_input(f, payload);
  }
  params.fuel_limit = gas_to_fuel(f.gas.remaining);
  params.state = state;
  return interruption_loop(f, executor_.execute(std::move(params)), output);
}

int32_t Execution::interruption_loop(Frame& f, runtime::ExecutionResult res, Bytes& output) {
  for (;;) {
    // §5.3 step 7 / §5.7 step 6: every segment pays ceil(fuel / 20) gas.
    if (!f.gas.charge(fuel_to_gas_ceil(res.fuel_consumed))) {
      if (res.exit_code > 0) executor_.forget_runtime(uint32_t(res.exit_code));
      return to_i32(ExitCode::OutOfFuel);
    }
    f.gas.refunded += res.fuel_refunded / int64_t(runtime::FUEL_DENOM_RATE);
    if (res.exit_code <= 0) {
      output = std::move(res.output);
      if (f.system_runtime) return finish_system_frame(f, res.exit_code, output);
      // §5.8 contract mode: fatal classes never surface from a contract.
      if (res.exit_code == to_i32(ExitCode::UnexpectedFatalExecutionFailure) ||
          res.exit_code == to_i32(ExitCode::MissingStorageSlot))
        return to_i32(ExitCode::UnknownError);
      return res.exit_code;
    }
    const auto call_id = uint32_t(res.exit_code);
    // §5.4: a system runtime's request is its output, which may be malformed.
    if (f.system_runtime && res.output.size() < runtime::SyscallInvocationParams::kEncodedSize) {
      executor_.forget_runtime(call_id);
      return to_i32(ExitCode::UnknownError);
    }
    const runtime::SyscallInvocationParams& params = res.request;
    ++interruptions_;
    const Gas snapshot = f.gas;
    const char* name = "UNKNOWN";
    SyscallOutcome out = dispatch(f, SyscallRequest(res.memory, params), name);
    if (tracer_)
      tracer_->interruption(f.msg.depth, call_id, name, params.input_end - params.input_start, snapshot.remaining,
                            f.gas.remaining, out.exit_code);
    // §4.2: a halt ends a contract frame; a system runtime gets it as a result to unwind itself.
    if (out.halt && !f.system_runtime) {
      executor_.forget_runtime(call_id);
      return out.exit_code;
    }
    // §5.6, §5.7: the gas spent since the interruption (syscall charges and child consumption;
    // never negative, because a value call charges 9000 before adding the 2300 stipend), and the
    // refund delta as the reference reports it (snapshot − current).
    const uint64_t spent = snapshot.remaining - f.gas.remaining;
    const int64_t refund = (snapshot.refunded - f.gas.refunded) * int64_t(runtime::FUEL_DENOM_RATE);
    // §5.7 step 4: a system runtime's return data is RuntimeInterruptionOutcomeV1 (§6.3).
    if (f.system_runtime) {
      if (out.is_word) out.output.assign(out.word.begin(), out.word.end());
      const Bytes payload = system::encode(
          system::InterruptionOutcome{out.halt, std::move(out.output), gas_to_fuel(spent), refund, out.exit_code});
      res = executor_.resume(call_id, payload, out.exit_code, gas_to_fuel(spent), refund);
    } else {
      res = executor_.resume(call_id, out.data(), out.exit_code, gas_to_fuel(spent), refund);
    }
  }
}

Bytes Execution::frame_input(const Frame& f, ByteView payload) const {
  // SharedContextInputV1 (§9.2): integers LE, U256 BE, bytes 382..1023 reserved (zero).
  Bytes in(runtime::CONTEXT_HEADER_SIZE + payload.size());
  uint8_t* p = in.data();
  store_u64_le(p + 0, env_.chain_id);
  put(p + 8, env_.coinbase.view());
  store_u64_le(p + 28, env_.timestamp);
  store_u64_le(p + 36, env_.number);
  put(p + 44, env_.difficulty.to_be().view());
  put(p + 76, env_.prev_randao.view());
  store_u64_le(p + 108, env_.gas_limit);
  put(p + 116, env_.base_fee.to_be().view());
  store_u64_le(p + 148, tx_.gas_limit);
  store_u64_le(p + 156, tx_nonce_);
  put(p + 164, tx_.gas_price.to_be().view());
  p[196] = tx_.max_priority_fee_per_gas.has_value();
  put(p + 197, tx_.max_priority_fee_per_gas.value_or(U256()).to_be().view());
  put(p + 229, tx_.sender.view());
  put(p + 249, tx_.value.to_be().view());
  put(p + 281, f.msg.target.view());
  put(p + 301, f.msg.code_address.view());
  put(p + 321, f.msg.caller.view());
  p[341] = f.msg.is_static;
  put(p + 342, f.msg.value.to_be().view());
  store_u64_le(p + 374, f.gas.remaining);
  std::copy(payload.begin(), payload.end(), in.begin() + runtime::CONTEXT_HEADER_SIZE);
  return in;
}

}  // namespace interlude::host
