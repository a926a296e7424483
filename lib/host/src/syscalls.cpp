// Layer B syscall handlers (protocol.md §4.2 mechanics, §4.4 per-syscall validation order and gas).
#include <algorithm>
#include <array>
#include <cstring>

#include "execution.h"
#include "interlude/common/keccak.h"
#include "wasm_sections.h"

namespace interlude::host {

using runtime::ExitCode;
using runtime::to_i32;

namespace {

SyscallOutcome halt(ExitCode code) { return {true, to_i32(code), {}}; }
SyscallOutcome result(Bytes output = {}, int32_t exit_code = 0) { return {false, exit_code, std::move(output)}; }

/// Result Ok with output `v` as 32 bytes LE.
SyscallOutcome word_result(const U256& v) {
  SyscallOutcome out;
  v.store_le(out.word.data());
  out.is_word = true;
  return out;
}

template <size_t N>
Bytes raw(const FixedBytes<N>& b) {
  return Bytes(b.bytes.begin(), b.bytes.end());
}

Address address_at(const uint8_t* p) {
  Address a;
  std::copy(p, p + 20, a.data());
  return a;
}

/// EIP-3529 SSTORE refund delta (REVM `sstore_refund`).
int64_t sstore_refund(const U256& original, const U256& current, const U256& value) {
  if (value == current) return 0;
  if (original == current && value.is_zero()) return SSTORE_CLEARS_REFUND;
  int64_t refund = 0;
  if (!original.is_zero()) {
    if (current.is_zero()) refund -= SSTORE_CLEARS_REFUND;
    else if (value.is_zero()) refund += SSTORE_CLEARS_REFUND;
  }
  if (original == value) refund += original.is_zero() ? SSTORE_SET_RESTORE_REFUND : SSTORE_RESET_RESTORE_REFUND;
  return refund;
}

}  // namespace

bool SyscallRequest::read(uint64_t offset, std::span<uint8_t> out) const noexcept {
  if (offset > size() || out.size() > size() - offset) return false;
  const uint64_t start = params_.input_start + offset;  // <= input_end: no overflow
  if (start > memory_.size() || out.size() > memory_.size() - start) return false;
  if (!out.empty()) std::memcpy(out.data(), memory_.data() + start, out.size());
  return true;
}

std::optional<SyscallOutcome> SyscallRequest::exact(std::span<uint8_t> out) const {
  if (size() != out.size()) return halt(ExitCode::MalformedBuiltinParams);
  return prefix(out);
}

std::optional<SyscallOutcome> SyscallRequest::prefix(std::span<uint8_t> out) const {
  if (size() < out.size() || params_.state != runtime::STATE_MAIN) return halt(ExitCode::MalformedBuiltinParams);
  if (!read(0, out)) return result({}, to_i32(ExitCode::MemoryOutOfBounds));
  return std::nullopt;
}

std::optional<Bytes> SyscallRequest::tail(uint64_t offset) const {
  Bytes out(size() - offset);
  if (!read(offset, out)) return std::nullopt;
  return out;
}

SyscallOutcome Execution::dispatch(Frame& f, const SyscallRequest& rq, const char*& name) {
  const Bytes32& id = rq.params().code_hash;
  // The id shape: bytes 0..30 zero (the last load overlaps the third to cover bytes 23..30).
  const uint8_t* p = id.data();
  const bool id_shape = (load_u64_le(p) | load_u64_le(p + 8) | load_u64_le(p + 16) | load_u64_le(p + 23)) == 0;
  if (!id_shape || rq.params().input_end < rq.params().input_start) return halt(ExitCode::MalformedBuiltinParams);
  switch (id[31]) {
#define INTERLUDE_DISPATCH_SYSCALL(id_byte, syscall_name, handler) \
  case id_byte:                                                    \
    name = #syscall_name;                                          \
    return handler(f, rq);
    INTERLUDE_HOST_SYSCALLS(INTERLUDE_DISPATCH_SYSCALL)
#undef INTERLUDE_DISPATCH_SYSCALL
    default:
      return halt(ExitCode::MalformedBuiltinParams);
  }
}

bool Execution::access_account(Frame& f, const Address& address) {
  const bool cold = !world_.is_warm_account(address);
  if (!f.gas.charge(cold ? COLD_ACCOUNT_ACCESS_GAS : WARM_ACCESS_GAS)) return false;
  if (cold) world_.warm_account(address);
  return true;
}

SyscallOutcome Execution::sload(Frame& f, const Address& address, const U256& slot) {
  // Charged before the load: a cold slot the frame cannot pay for is never read (skip-cold).
  WorldState::Slot s = world_.slot(address, slot);
  const bool cold = !s.warm();
  if (!f.gas.charge(cold ? COLD_SLOAD_GAS : WARM_ACCESS_GAS)) return halt(ExitCode::OutOfFuel);
  if (cold) s.warm_up();
  return word_result(s.current());
}

SyscallOutcome Execution::sstore(Frame& f, const Address& address, const U256& slot, const U256& value) {
  if (f.gas.remaining <= SSTORE_SENTRY_GAS) return halt(ExitCode::OutOfFuel);  // EIP-2200
  WorldState::Slot s = world_.slot(address, slot);
  const bool cold = !s.warm();
  if (!f.gas.charge(WARM_ACCESS_GAS) || (cold && f.gas.remaining < COLD_SLOAD_GAS)) return halt(ExitCode::OutOfFuel);
  if (cold) s.warm_up();
  const U256 current = s.current();
  const U256 original = s.original();
  uint64_t cost = cold ? COLD_SLOAD_GAS : 0;
  if (value != current && current == original)
    cost += original.is_zero() ? SSTORE_SET_EXTRA_GAS : SSTORE_RESET_EXTRA_GAS;
  if (!f.gas.charge(cost)) return halt(ExitCode::OutOfFuel);
  f.gas.refunded += sstore_refund(original, current, value);
  if (value != current) s.put(value);
  return result();
}

SyscallOutcome Execution::storage_read(Frame& f, const SyscallRequest& rq) {
  std::array<uint8_t, 32> in;
  if (auto fail = rq.exact(in)) return *fail;
  return sload(f, f.msg.target, U256::from_le_ptr(in.data()));
}

SyscallOutcome Execution::storage_write(Frame& f, const SyscallRequest& rq) {
  if (f.msg.is_static) return halt(ExitCode::StateChangeDuringStaticCall);
  std::array<uint8_t, 64> in;
  if (auto fail = rq.exact(in)) return *fail;
  return sstore(f, f.msg.target, U256::from_le_ptr(in.data()), U256::from_le_ptr(in.data() + 32));
}

SyscallOutcome Execution::call(Frame& f, const SyscallRequest& rq) { return call_family(f, rq, FrameKind::Call); }
SyscallOutcome Execution::static_call(Frame& f, const SyscallRequest& rq) {
  return call_family(f, rq, FrameKind::StaticCall);
}
SyscallOutcome Execution::call_code(Frame& f, const SyscallRequest& rq) {
  return call_family(f, rq, FrameKind::CallCode);
}
SyscallOutcome Execution::delegate_call(Frame& f, const SyscallRequest& rq) {
  return call_family(f, rq, FrameKind::DelegateCall);
}

SyscallOutcome Execution::call_family(Frame& f, const SyscallRequest& rq, FrameKind kind) {
  // CALL, CALL_CODE: address(20) ‖ value(32 LE) ‖ calldata; STATIC_CALL, DELEGATE_CALL:
  // address(20) ‖ calldata.
  std::array<uint8_t, 52> head{};
  const bool with_value = kind == FrameKind::Call || kind == FrameKind::CallCode;
  const std::span<uint8_t> fixed(head.data(), with_value ? 52 : 20);
  if (auto fail = rq.prefix(fixed)) return *fail;
  const Address callee = address_at(head.data());
  const U256 value = U256::from_le_ptr(head.data() + 20);  // zero unless CALL or CALL_CODE
  // Interlude profile "static frames": a CALL_CODE with value is allowed (EIP-214: the value
  // stays in the frame's own account, and the callee is static).
  if (kind == FrameKind::Call && f.msg.is_static && !value.is_zero())
    return halt(ExitCode::StateChangeDuringStaticCall);
  if (!f.gas.charge(value.is_zero() ? 0 : CALL_VALUE_GAS) || !access_account(f, callee))
    return halt(ExitCode::OutOfFuel);
  // A value CALL to an account that does not exist (EVM precompiles count as such) creates it.
  if (kind == FrameKind::Call && !value.is_zero() && (world_.is_empty(callee) || is_evm_precompile(callee)) &&
      !f.gas.charge(NEW_ACCOUNT_GAS))
    return halt(ExitCode::OutOfFuel);
  // EIP-150 all but 1/64, capped by the request's fuel limit.
  const uint64_t gas_limit =
      std::min(f.gas.remaining - f.gas.remaining / 64, rq.params().fuel_limit / runtime::FUEL_DENOM_RATE);
  f.gas.remaining -= gas_limit;
  auto calldata = rq.tail(fixed.size());
  if (!calldata) return halt(ExitCode::MemoryOutOfBounds);

  Message child;
  child.kind = kind;
  child.code_address = callee;
  child.depth = f.msg.depth + 1;
  child.gas_limit = gas_limit + (value.is_zero() ? 0 : CALL_STIPEND);
  child.input = std::move(*calldata);
  child.is_static = f.msg.is_static || kind == FrameKind::StaticCall;
  if (kind == FrameKind::DelegateCall) {
    child.caller = f.msg.caller;
    child.target = f.msg.target;
    child.value = f.msg.value;
  } else {
    child.caller = f.msg.target;
    child.target = kind == FrameKind::CallCode ? f.msg.target : callee;
    child.value = value;
    child.transfer = true;
  }
  return settle_child(f, run_frame(std::move(child)));
}

SyscallOutcome Execution::create(Frame& f, const SyscallRequest& rq) { return create_family(f, rq, FrameKind::Create); }
SyscallOutcome Execution::create2(Frame& f, const SyscallRequest& rq) {
  return create_family(f, rq, FrameKind::Create2);
}

SyscallOutcome Execution::create_family(Frame& f, const SyscallRequest& rq, FrameKind kind) {
  // CREATE: value(32 LE) ‖ init code; CREATE2: value(32 LE) ‖ salt(32 LE) ‖ init code.
  if (f.msg.is_static) return halt(ExitCode::StateChangeDuringStaticCall);
  if (rq.size() > WASM_MAX_CODE_SIZE + 64) return halt(ExitCode::MalformedBuiltinParams);
  std::array<uint8_t, 64> head{};
  const std::span<uint8_t> fixed(head.data(), kind == FrameKind::Create2 ? 64 : 32);
  if (auto fail = rq.prefix(fixed)) return *fail;
  const uint64_t init_len = rq.size() - fixed.size();
  if (!f.gas.charge(INITCODE_WORD_GAS * words(init_len))) return halt(ExitCode::OutOfFuel);  // EIP-3860
  auto init_code = rq.tail(fixed.size());
  if (!init_code) return halt(ExitCode::MemoryOutOfBounds);
  if (init_len > (is_wasm(*init_code) ? WASM_MAX_CODE_SIZE : MAX_INITCODE_SIZE))
    return halt(ExitCode::CreateContractSizeLimit);
  const uint64_t hashing = kind == FrameKind::Create2 ? KECCAK_WORD_GAS * words(init_len) : 0;
  if (!f.gas.charge(CREATE_GAS + hashing)) return halt(ExitCode::OutOfFuel);
  const uint64_t gas_limit = f.gas.remaining - f.gas.remaining / 64;  // EIP-150 all but 1/64
  f.gas.remaining -= gas_limit;

  Message child;
  child.kind = kind;
  child.caller = f.msg.target;
  child.value = U256::from_le_ptr(head.data());
  child.transfer = true;
  child.depth = f.msg.depth + 1;
  child.gas_limit = gas_limit;
  child.input = std::move(*init_code);
  child.salt = U256::from_le_ptr(head.data() + 32).to_be();  // the syscall gives the salt LE
  return settle_child(f, run_frame(std::move(child)));
}

SyscallOutcome Execution::settle_child(Frame& f, const FrameResult& child) {
  // run_frame already zeroed the gas of a halted child and the refund of a failed one.
  f.gas.remaining += child.gas.remaining;
  f.gas.refunded += child.gas.refunded;
  switch (child.status) {
    case FrameStatus::Success:
      return result(child.created ? Bytes(child.created->bytes.begin(), child.created->bytes.end()) : child.output);
    case FrameStatus::Revert:
      return result(child.output, to_i32(ExitCode::Panic));
    case FrameStatus::Halt:
      break;
  }
  return result({}, halted_child_exit_code(child.exit_code));
}

SyscallOutcome Execution::emit_log(Frame& f, const SyscallRequest& rq) {
  // u8 n (<= 4) ‖ n × 32-byte topics ‖ data.
  if (f.msg.is_static) return halt(ExitCode::StateChangeDuringStaticCall);
  if (rq.size() == 0 || rq.params().state != runtime::STATE_MAIN) return halt(ExitCode::MalformedBuiltinParams);
  std::array<uint8_t, 1 + 32 * MAX_LOG_TOPICS> head{};
  if (!rq.read(0, std::span(head.data(), 1))) return result({}, to_i32(ExitCode::MemoryOutOfBounds));
  const uint32_t topics = head[0];
  if (topics > MAX_LOG_TOPICS || rq.size() <= 32ull * topics) return halt(ExitCode::MalformedBuiltinParams);
  const uint64_t fixed = 1 + 32ull * topics;
  if (!rq.read(0, std::span(head.data(), fixed))) return result({}, to_i32(ExitCode::MemoryOutOfBounds));
  if (!f.gas.charge(LOG_GAS + LOG_TOPIC_GAS * topics + LOG_DATA_GAS * (rq.size() - fixed)))
    return halt(ExitCode::OutOfFuel);
  auto data = rq.tail(fixed);
  if (!data) return halt(ExitCode::MemoryOutOfBounds);
  Log log{f.msg.target, {}, std::move(*data)};
  log.topics.reserve(topics);
  for (uint32_t i = 0; i < topics; ++i) log.topics.push_back(*Bytes32::from(ByteView(head.data() + 1 + 32 * i, 32)));
  world_.add_log(std::move(log));
  return result();
}

SyscallOutcome Execution::balance(Frame& f, const SyscallRequest& rq) {
  std::array<uint8_t, 20> in;
  if (auto fail = rq.exact(in)) return *fail;
  const Address who = address_at(in.data());
  if (!access_account(f, who)) return halt(ExitCode::OutOfFuel);
  return word_result(world_.account_or_empty(who).balance);
}

SyscallOutcome Execution::self_balance(Frame& f, const SyscallRequest& rq) {
  if (auto fail = rq.exact({})) return *fail;
  if (!f.gas.charge(SELF_BALANCE_GAS)) return halt(ExitCode::OutOfFuel);
  return word_result(world_.account_or_empty(f.msg.target).balance);
}

SyscallOutcome Execution::destroy_account(Frame& f, const SyscallRequest& rq) {
  std::array<uint8_t, 20> in;
  if (auto fail = rq.exact(in)) return *fail;
  if (f.msg.is_static) return halt(ExitCode::StateChangeDuringStaticCall);
  const Address beneficiary = address_at(in.data());
  const Address& self = f.msg.target;
  // SELFDESTRUCT gas (EIP-2929, EIP-161): 5000, + 25000 when value goes to an account that does
  // not exist (EVM precompiles count as such), + 2600 cold. A cold beneficiary the frame cannot
  // pay for is never loaded (skip-cold).
  const bool had_value = !world_.account_or_empty(self).balance.is_zero();
  const bool exists = !world_.is_empty(beneficiary) && !is_evm_precompile(beneficiary);
  const bool cold = !world_.is_warm_account(beneficiary);
  if (!f.gas.charge(SELFDESTRUCT_GAS + (had_value && !exists ? NEW_ACCOUNT_GAS : 0) +
                    (cold ? COLD_ACCOUNT_ACCESS_GAS : 0)))
    return halt(ExitCode::OutOfFuel);
  world_.warm_account(beneficiary);
  world_.self_destruct(self, beneficiary);
  return result();
}

ExternalCode Execution::external_code(const Address& address) const {
  if (is_evm_precompile(address)) return {};
  const bool empty = world_.is_empty(address);
  const Bytes32 stored_hash = world_.account_or_empty(address).code_hash;
  ExternalCode view{world_.code(stored_hash), empty ? Bytes32() : stored_hash};
  if (auto ownable = parse_ownable_account(view.code); ownable && ownable->owner == PRECOMPILE_EVM_RUNTIME) {
    const auto evm = parse_ethereum_metadata(ownable->metadata);
    view.code = evm ? evm->code : ByteView();
    view.hash = evm ? evm->code_hash : Bytes32();
  }
  if (view.hash.is_zero() && !empty) view.hash = KECCAK_EMPTY;
  return view;
}

SyscallOutcome Execution::code_size(Frame& f, const SyscallRequest& rq) {
  std::array<uint8_t, 20> in;
  if (auto fail = rq.exact(in)) return *fail;
  const Address who = address_at(in.data());
  if (!access_account(f, who)) return halt(ExitCode::OutOfFuel);
  return word_result(U256(external_code(who).code.size()));
}

SyscallOutcome Execution::code_hash(Frame& f, const SyscallRequest& rq) {
  std::array<uint8_t, 20> in;
  if (auto fail = rq.exact(in)) return *fail;
  const Address who = address_at(in.data());
  if (!access_account(f, who)) return halt(ExitCode::OutOfFuel);
  return result(raw(external_code(who).hash));
}

SyscallOutcome Execution::code_copy(Frame& f, const SyscallRequest& rq) {
  // address(20) ‖ offset u64 LE ‖ length u64 LE.
  std::array<uint8_t, 36> in;
  if (auto fail = rq.exact(in)) return *fail;
  const Address who = address_at(in.data());
  const uint64_t offset = load_u64_le(in.data() + 20), len = load_u64_le(in.data() + 28);
  if (len > EXT_CODE_COPY_MAX_COPY_SIZE) return halt(ExitCode::MalformedBuiltinParams);
  // The copy is charged for the requested length, before the account is loaded.
  if (!f.gas.charge(COPY_WORD_GAS * words(len)) || !access_account(f, who)) return halt(ExitCode::OutOfFuel);
  Bytes out(len);  // exactly `len` bytes, zero past the end of the code
  const ByteView code = external_code(who).code;
  if (offset < code.size())
    std::copy_n(code.begin() + offset, std::min<uint64_t>(len, code.size() - offset), out.begin());
  return result(std::move(out));
}

SyscallOutcome Execution::transient_read(Frame& f, const SyscallRequest& rq) {
  std::array<uint8_t, 32> in;
  if (auto fail = rq.exact(in)) return *fail;
  if (!f.gas.charge(TRANSIENT_GAS)) return halt(ExitCode::OutOfFuel);
  return word_result(world_.transient(f.msg.target, U256::from_le_ptr(in.data())));
}

SyscallOutcome Execution::transient_write(Frame& f, const SyscallRequest& rq) {
  std::array<uint8_t, 64> in;
  if (auto fail = rq.exact(in)) return *fail;
  if (f.msg.is_static) return halt(ExitCode::StateChangeDuringStaticCall);
  if (!f.gas.charge(TRANSIENT_GAS)) return halt(ExitCode::OutOfFuel);
  world_.put_transient(f.msg.target, U256::from_le_ptr(in.data()), U256::from_le_ptr(in.data() + 32));
  return result();
}

SyscallOutcome Execution::block_hash(Frame& f, const SyscallRequest& rq) {
  std::array<uint8_t, 8> in;
  if (auto fail = rq.exact(in)) return *fail;
  if (!f.gas.charge(BLOCK_HASH_GAS)) return halt(ExitCode::OutOfFuel);
  const uint64_t number = load_u64_le(in.data());
  Bytes32 hash;
  if (number < env_.number && env_.number - number <= BLOCK_HASH_WINDOW)
    if (auto it = env_.block_hashes.find(number); it != env_.block_hashes.end()) hash = it->second;
  return result(raw(hash));
}

std::optional<OwnableAccount> Execution::owned_account(const Frame& f, const Address& address) {
  world_.warm_account(address);
  auto ownable = parse_ownable_account(world_.code(world_.account_or_empty(address).code_hash));
  if (!ownable || ownable->owner != *f.account_owner) return std::nullopt;
  return ownable;
}

// Metadata syscalls (§4.4): only a frame that runs an ownable account's owner code (§7.4) may
// issue them (else Halt -1003, checked first); none charges gas except the two storage ones.

SyscallOutcome Execution::metadata_size(Frame& f, const SyscallRequest& rq) {
  if (!f.account_owner) return halt(ExitCode::MalformedBuiltinParams);
  std::array<uint8_t, 20> in;
  if (auto fail = rq.exact(in)) return *fail;
  const Address who = address_at(in.data());
  // u32 LE metadata length (0 unless owned by this frame's owner) ‖ is_same_runtime ‖ is_cold ‖ is_empty.
  Bytes out(7);
  out[5] = !world_.is_warm_account(who);
  if (auto owned = owned_account(f, who)) {
    store_u32_le(out.data(), uint32_t(owned->metadata.size()));
    out[4] = 1;
  }
  out[6] = world_.is_empty(who);
  return result(std::move(out));
}

SyscallOutcome Execution::metadata_account_owner(Frame& f, const SyscallRequest& rq) {
  if (!f.account_owner) return halt(ExitCode::MalformedBuiltinParams);
  std::array<uint8_t, 20> in;
  if (auto fail = rq.exact(in)) return *fail;
  const Address who = address_at(in.data());
  if (who == f.msg.target) return result(raw(*f.account_owner));
  world_.warm_account(who);
  const auto ownable = parse_ownable_account(world_.code(world_.account_or_empty(who).code_hash));
  return result(raw(ownable ? ownable->owner : Address()));
}

SyscallOutcome Execution::metadata_create(Frame& f, const SyscallRequest& rq) {
  // salt(32, big-endian) ‖ metadata.
  if (!f.account_owner) return halt(ExitCode::MalformedBuiltinParams);
  if (f.msg.is_static) return halt(ExitCode::StateChangeDuringStaticCall);
  Bytes32 salt;
  if (auto fail = rq.prefix(salt.bytes)) return *fail;
  const Address created = metadata_account_address(*f.account_owner, salt);
  world_.warm_account(created);
  // A balance does not collide (the address may be funded in advance).
  const state::Account existing = world_.account_or_empty(created);
  if (existing.code_hash != KECCAK_EMPTY || existing.nonce != 0)
    return result({}, to_i32(ExitCode::CreateContractCollision));
  auto metadata = rq.tail(32);
  if (!metadata) return halt(ExitCode::MemoryOutOfBounds);
  world_.set_code(created, encode_ownable_account(*f.account_owner, *metadata));
  return result();
}

SyscallOutcome Execution::metadata_write(Frame& f, const SyscallRequest& rq) {
  // address(20) ‖ offset u32 LE (ignored: the whole metadata is replaced) ‖ metadata.
  if (!f.account_owner) return halt(ExitCode::MalformedBuiltinParams);
  if (f.msg.is_static) return halt(ExitCode::StateChangeDuringStaticCall);
  std::array<uint8_t, 24> head;
  if (auto fail = rq.prefix(head)) return *fail;
  const Address who = address_at(head.data());
  if (!owned_account(f, who)) return halt(ExitCode::MalformedBuiltinParams);
  auto metadata = rq.tail(head.size());
  if (!metadata) return halt(ExitCode::MemoryOutOfBounds);
  world_.set_code(who, encode_ownable_account(*f.account_owner, *metadata));
  return result();
}

SyscallOutcome Execution::metadata_copy(Frame& f, const SyscallRequest& rq) {
  // address(20) ‖ offset u32 LE ‖ length u32 LE -> metadata[offset, min(offset + length, size)).
  if (!f.account_owner) return halt(ExitCode::MalformedBuiltinParams);
  std::array<uint8_t, 28> in;
  if (auto fail = rq.exact(in)) return *fail;
  const auto owned = owned_account(f, address_at(in.data()));
  if (!owned) return halt(ExitCode::MalformedBuiltinParams);
  const uint64_t offset = load_u32_le(in.data() + 20), len = load_u32_le(in.data() + 24);
  const ByteView metadata = owned->metadata;
  if (offset >= metadata.size()) return result();
  const auto begin = metadata.begin() + offset;
  return result(Bytes(begin, begin + std::min<uint64_t>(len, metadata.size() - offset)));
}

SyscallOutcome Execution::metadata_storage_read(Frame& f, const SyscallRequest& rq) {
  if (!f.account_owner) return halt(ExitCode::MalformedBuiltinParams);
  std::array<uint8_t, 32> in;
  if (auto fail = rq.exact(in)) return *fail;
  return sload(f, *f.account_owner, U256::from_le_ptr(in.data()));
}

SyscallOutcome Execution::metadata_storage_write(Frame& f, const SyscallRequest& rq) {
  if (!f.account_owner) return halt(ExitCode::MalformedBuiltinParams);
  if (f.msg.is_static) return halt(ExitCode::StateChangeDuringStaticCall);
  std::array<uint8_t, 64> in;
  if (auto fail = rq.exact(in)) return *fail;
  return sstore(f, *f.account_owner, U256::from_le_ptr(in.data()), U256::from_le_ptr(in.data() + 32));
}

std::optional<SyscallOutcome> Execution::upgrade_request(const Frame& f, const SyscallRequest& rq, Address& target,
                                                         Bytes& code) {
  // target(20) ‖ code.
  if (f.msg.is_static) return halt(ExitCode::StateChangeDuringStaticCall);
  if (f.msg.target != PRECOMPILE_RUNTIME_UPGRADE) return halt(ExitCode::MalformedBuiltinParams);
  if (auto fail = rq.prefix(target.bytes)) return fail;
  auto tail = rq.tail(target.size());
  if (!tail) return halt(ExitCode::MemoryOutOfBounds);
  code = std::move(*tail);
  return std::nullopt;
}

SyscallOutcome Execution::upgrade_wasm_runtime(Frame& f, const SyscallRequest& rq) {
  Address target;
  Bytes code;
  if (auto fail = upgrade_request(f, rq, target, code)) return *fail;
  // Interlude stores wasm modules, not rWasm: the module must pass the deploy check (no size cap).
  if (executor_.check_module(code) != ExitCode::Ok) return halt(ExitCode::MalformedBuiltinParams);
  world_.set_code(target, code);
  return result();
}

SyscallOutcome Execution::upgrade_evm_runtime(Frame& f, const SyscallRequest& rq) {
  Address target;
  Bytes code;
  if (auto fail = upgrade_request(f, rq, target, code)) return *fail;
  if (code.empty() || code.size() > EVM_MAX_CODE_SIZE) return halt(ExitCode::MalformedBuiltinParams);
  // The target would become OwnableAccount(PRECOMPILE_EVM_RUNTIME, analyzed EVM code); Interlude
  // has no EVM execution environment yet (profile "other init code").
  return halt(ExitCode::NotSupportedBytecode);
}

}  // namespace interlude::host
