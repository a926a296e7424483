// Native system runtimes: EVM precompiles priced in EVM gas (Yellow Paper appendix E), with the
// envelope contract of protocol.md §6.
#include "interlude/common/sha256.h"

#include "gas.h"
#include "interlude/runtime/exit_code.h"
#include "system/registry.h"

namespace interlude::host::system {

namespace {

/// A precompile costing `base + word · ⌈len / 32⌉` gas whose output is `function(input)`.
class PricedPrecompile final : public NativeRuntime {
 public:
  using Function = Bytes (*)(ByteView input);
  PricedPrecompile(uint64_t base, uint64_t word, Function function) : base_(base), word_(word), function_(function) {}

  NativeResult run(const NewFrameInput& input, uint64_t fuel_limit) const noexcept override {
    const uint64_t fuel = gas_to_fuel(base_ + word_ * words(input.input.size()));
    NativeResult result;
    if (fuel > fuel_limit) {
      result.exit_code = result.outcome.exit_code = runtime::to_i32(runtime::ExitCode::OutOfFuel);
      result.fuel_consumed = fuel_limit;
      return result;
    }
    result.fuel_consumed = fuel;
    result.outcome.output = function_(input.input);
    return result;
  }

 private:
  uint64_t base_, word_;
  Function function_;
};

Bytes sha256(ByteView input) {
  const Bytes32 digest = interlude::sha256(input);
  return Bytes(digest.bytes.begin(), digest.bytes.end());
}

Bytes identity(ByteView input) { return Bytes(input.begin(), input.end()); }

}  // namespace

std::shared_ptr<const NativeRuntime> sha256_precompile() { return std::make_shared<PricedPrecompile>(60, 12, &sha256); }
std::shared_ptr<const NativeRuntime> identity_precompile() {
  return std::make_shared<PricedPrecompile>(15, 3, &identity);
}

}  // namespace interlude::host::system
