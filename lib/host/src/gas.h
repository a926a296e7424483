#pragma once
/// Gas schedule (Prague) and limits of the root-STF, plus the frame gas meter.
/// Sources: protocol.md §4.2, §4.4, §5.1, §5.5, §8 and the EIPs named per constant.
#include <cstdint>

#include "interlude/runtime/executor.h"

namespace interlude::host {

// Transaction intrinsic gas (Yellow Paper G_transaction, EIP-2028, EIP-3860, EIP-7623, protocol.md §5.1).
inline constexpr uint64_t TX_BASE_GAS = 21'000;
inline constexpr uint64_t TX_DATA_ZERO_GAS = 4;
inline constexpr uint64_t TX_DATA_NON_ZERO_GAS = 16;   // EIP-2028
inline constexpr uint64_t TX_CREATE_GAS = 32'000;
inline constexpr uint64_t INITCODE_WORD_GAS = 2;       // EIP-3860, per 32-byte word
inline constexpr uint64_t TOTAL_COST_FLOOR_PER_TOKEN = 10;  // EIP-7623; token = zero byte 1, non-zero 4
inline constexpr uint64_t CALLDATA_QUADRATIC_THRESHOLD = 131'072;  // bytes, protocol.md §5.1
inline constexpr uint64_t CALLDATA_QUADRATIC_DIVISOR = 30;
inline constexpr uint64_t MAX_REFUND_QUOTIENT = 5;     // EIP-3529: refund <= gas_used / 5

// Account and storage access (EIP-2929, EIP-2200, EIP-3529).
inline constexpr uint64_t WARM_ACCESS_GAS = 100;
inline constexpr uint64_t COLD_ACCOUNT_ADDITIONAL_GAS = 2'500;
inline constexpr uint64_t COLD_ACCOUNT_ACCESS_GAS = 2'600;
inline constexpr uint64_t COLD_SLOAD_GAS = 2'100;
inline constexpr uint64_t SSTORE_SENTRY_GAS = 2'300;           // EIP-2200: remaining <= this -> OutOfFuel
inline constexpr uint64_t SSTORE_SET_EXTRA_GAS = 19'900;       // 20000 - warm access
inline constexpr uint64_t SSTORE_RESET_EXTRA_GAS = 2'800;      // 5000 - cold sload - warm access
inline constexpr int64_t SSTORE_CLEARS_REFUND = 4'800;         // EIP-3529
inline constexpr int64_t SSTORE_SET_RESTORE_REFUND = 19'900;   // restore to an original zero
inline constexpr int64_t SSTORE_RESET_RESTORE_REFUND = 2'800;  // restore to an original non-zero

// Calls and creates (Yellow Paper, EIP-150, EIP-1014, EIP-3860).
inline constexpr uint64_t CALL_VALUE_GAS = 9'000;
inline constexpr uint64_t NEW_ACCOUNT_GAS = 25'000;
inline constexpr uint64_t CALL_STIPEND = 2'300;
inline constexpr uint64_t CREATE_GAS = 32'000;
inline constexpr uint64_t KECCAK_WORD_GAS = 6;  // CREATE2 hashing of the init code, per word

// Other syscalls (protocol.md §4.3).
inline constexpr uint64_t LOG_GAS = 375;
inline constexpr uint64_t LOG_TOPIC_GAS = 375;
inline constexpr uint64_t LOG_DATA_GAS = 8;  // per byte
inline constexpr uint64_t SELF_BALANCE_GAS = 5;
inline constexpr uint64_t TRANSIENT_GAS = 100;  // EIP-1153 TLOAD/TSTORE
inline constexpr uint64_t BLOCK_HASH_GAS = 20;
inline constexpr uint64_t SELFDESTRUCT_GAS = 5'000;  // + NEW_ACCOUNT_GAS top-up, + 2600 cold (EIP-2929)
inline constexpr uint64_t COPY_WORD_GAS = 3;         // EXTCODECOPY, per 32-byte word copied

// Interlude profile "wasm deploy": the root-STF charges this per byte of init code.
inline constexpr uint64_t WASM_DEPLOY_GAS_PER_BYTE = 50;

// Limits (protocol.md §4.4, §5.9, §8, Interlude profile).
inline constexpr uint32_t MAX_CALL_DEPTH = 1024;              // frames deeper than this: CallTooDeep
inline constexpr uint64_t WASM_MAX_CODE_SIZE = 1u << 20;      // bytes of a wasm module
inline constexpr uint64_t MAX_INITCODE_SIZE = 49'152;         // EIP-3860, non-wasm init code
inline constexpr uint64_t BLOCK_HASH_WINDOW = 256;            // BLOCKHASH reaches back this many blocks
inline constexpr uint32_t MAX_LOG_TOPICS = 4;
inline constexpr uint64_t EXT_CODE_COPY_MAX_COPY_SIZE = 12u << 20;  // bytes CODE_COPY may return
inline constexpr uint64_t EVM_MAX_CODE_SIZE = 0x6000;               // EIP-170, UPGRADE_EVM_RUNTIME

/// Number of 32-byte words covering `bytes` (ceil(bytes / 32)).
constexpr uint64_t words(uint64_t bytes) noexcept { return bytes / 32 + (bytes % 32 != 0); }

/// Gas to fuel, saturating at UINT64_MAX (protocol.md §5.5: fuel = gas × FUEL_DENOM_RATE).
constexpr uint64_t gas_to_fuel(uint64_t gas) noexcept {
  return gas > UINT64_MAX / runtime::FUEL_DENOM_RATE ? UINT64_MAX : gas * runtime::FUEL_DENOM_RATE;
}
/// Fuel of one execution segment to gas, rounded up (protocol.md §5.5).
constexpr uint64_t fuel_to_gas_ceil(uint64_t fuel) noexcept {
  return fuel / runtime::FUEL_DENOM_RATE + (fuel % runtime::FUEL_DENOM_RATE != 0);
}

/// The gas meter of one frame (REVM `Gas`): limit, remaining and the EIP-3529 refund counter.
struct Gas {
  uint64_t limit = 0;
  uint64_t remaining = 0;
  int64_t refunded = 0;

  explicit constexpr Gas(uint64_t gas_limit = 0) noexcept : limit(gas_limit), remaining(gas_limit) {}
  /// Charges `cost`; false (and nothing charged) if fewer than `cost` remain.
  constexpr bool charge(uint64_t cost) noexcept {
    if (cost > remaining) return false;
    remaining -= cost;
    return true;
  }
  constexpr uint64_t spent() const noexcept { return limit - remaining; }
};

}  // namespace interlude::host
