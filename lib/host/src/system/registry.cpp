#include "system/registry.h"

#include "runtime_accounts.h"

namespace interlude::host::system {

Registry::Registry(std::span<const SystemRuntimeConfig> config) {
  // §7.6 "System-runtime set" (EIP-2935 and SVM are commented out in the reference; the runtime
  // upgrade precompile and the fee manager run in contract mode).
  for (uint32_t precompile = 0x01; precompile <= EVM_PRECOMPILE_LAST; ++precompile)
    runtimes_[low_address(precompile)] = {};
  for (const Address& address :
       {low_address(0x0100) /* EIP-7951 P-256 verify */, PRECOMPILE_EVM_RUNTIME,
        low_address(0x520005) /* WebAuthn verifier */, low_address(0x520006) /* OAuth2 verifier */,
        low_address(0x520007) /* Nitro verifier */, PRECOMPILE_UNIVERSAL_TOKEN_RUNTIME, PRECOMPILE_WASM_RUNTIME})
    runtimes_[address] = {};
  runtimes_[low_address(0x02)].native = sha256_precompile();
  runtimes_[low_address(0x04)].native = identity_precompile();
  for (const SystemRuntimeConfig& entry : config)
    runtimes_[entry.address] = {nullptr, std::set<U256>(entry.preload_slots.begin(), entry.preload_slots.end())};
}

const Runtime* Registry::find(const Address& address) const noexcept {
  const auto it = runtimes_.find(address);
  return it == runtimes_.end() ? nullptr : &it->second;
}

}  // namespace interlude::host::system
