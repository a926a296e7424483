#pragma once
/// The registry of trusted system runtimes (protocol.md §3.8, §7.6, Interlude profile "system
/// mode"): the addresses whose frames run in system mode, each either a native runtime written in
/// C++ or the wasm module stored at the address, with the storage slots preloaded for it.
#include <map>
#include <memory>
#include <set>
#include <span>

#include "interlude/host/host.h"
#include "system/envelope.h"

namespace interlude::host::system {

/// What a native runtime returns, as a wasm system runtime returns it from one segment: its exit
/// code, the fuel it consumed (gas × 20) and its RuntimeExecutionOutcomeV1 (§6.4).
struct NativeResult {
  int32_t exit_code = 0;
  uint64_t fuel_consumed = 0;
  ExecutionOutcome outcome;
};

/// A system runtime implemented in C++ with the envelope contract of a wasm one (§6.2, §6.4,
/// §6.5). It runs in one segment: it never interrupts.
class NativeRuntime {
 public:
  virtual ~NativeRuntime() = default;
  /// Runs one frame on `input` with `fuel_limit` fuel (the frame's gas × 20).
  virtual NativeResult run(const NewFrameInput& input, uint64_t fuel_limit) const noexcept = 0;
};

/// One entry of the system set.
struct Runtime {
  /// The native implementation; nullptr: the wasm module stored at the entry's address runs in
  /// system mode (an address without code stops at once, as any code-less account does, §5.2).
  std::shared_ptr<const NativeRuntime> native;
  /// Slots of the frame's target read before the frame starts (§5.3 step 4), ascending.
  std::set<U256> preload_slots;
};

/// The system set, looked up by `account_owner ?? bytecode address` (§5.3 step 4): the reference
/// addresses of §7.6 (EVM precompiles 0x01–0x11, EIP-7951 0x0100, the EVM, Universal Token and
/// WASM runtimes, the WebAuthn, OAuth2 and Nitro verifiers), all stored-code runtimes without
/// preloads except the native SHA256 (0x02) and IDENTITY (0x04) precompiles; then each
/// HostConfig::system_runtimes entry, a stored-code runtime replacing any entry at its address.
class Registry {
 public:
  explicit Registry(std::span<const SystemRuntimeConfig> config);
  /// The runtime at `address`, or nullptr if the address is not in the system set.
  const Runtime* find(const Address& address) const noexcept;

 private:
  std::map<Address, Runtime> runtimes_;
};

/// EVM precompile 0x02 SHA256: the 32-byte SHA-256 digest of the input; gas 60 + 12 per 32-byte
/// word of input (Yellow Paper appendix E). Too little gas: OutOfFuel, all fuel consumed.
std::shared_ptr<const NativeRuntime> sha256_precompile();
/// EVM precompile 0x04 IDENTITY: the input itself; gas 15 + 3 per word (Yellow Paper appendix E).
std::shared_ptr<const NativeRuntime> identity_precompile();

}  // namespace interlude::host::system
