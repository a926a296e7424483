#pragma once
/// The system-runtime envelopes (protocol.md §6) and their bincode-2 "legacy" wire format (§6.1):
/// u8 and bool 1 byte (bool 0 or 1), u32/i32 4 bytes LE, u64/i64 8 bytes LE, byte strings and
/// sequences a u64 LE count then the elements, fixed arrays raw, Option a u8 tag (0 or 1) then the
/// value, U256 32 bytes LE, maps a u32 LE count then (key, value) pairs. The one codec of them.
///
/// Decoders are bounded: they never allocate more than the bytes they were given (a count is
/// only trusted element by element), they fail on truncation, on a bool or Option tag other than
/// 0 or 1, and accept trailing bytes. A decoded map keeps the last value of a repeated key.
#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "interlude/common/bytes.h"
#include "interlude/common/u256.h"

namespace interlude::host::system {

/// Storage slot -> value (both U256, 32 bytes LE on the wire); encoded in ascending key order.
using StorageMap = std::map<U256, U256>;

/// RuntimeNewFrameInputV1 (§6.2), host -> system runtime at frame start, as the frame's input:
///   metadata (u64 len ‖ bytes) · input (u64 len ‖ bytes) · context (u64 len ‖ bytes) ·
///   storage (u32 count ‖ (key 32 LE ‖ value 32 LE) × count; count 0 = no storage)
struct NewFrameInput {
  Bytes metadata;      ///< the ownable account's metadata (§7.1), else empty
  Bytes input;         ///< calldata (or init code)
  Bytes context;       ///< the 1024-byte SharedContextInputV1 (§9.2)
  StorageMap storage;  ///< the preloaded slots of the target (§5.3 step 4)
  bool operator==(const NewFrameInput&) const = default;
};

/// RuntimeInterruptionOutcomeV1 (§6.3), host -> system runtime on resume, as its return data:
///   halted_frame (bool) · output (u64 len ‖ bytes) · fuel_consumed u64 · fuel_refunded i64 ·
///   exit_code i32
struct InterruptionOutcome {
  bool halted_frame = false;  ///< the syscall halted (§4.2: delivered as a result to a system runtime)
  Bytes output;               ///< the syscall's output (a nested frame's return or revert data)
  uint64_t fuel_consumed = 0; ///< gas spent serving the interruption × 20
  int64_t fuel_refunded = 0;  ///< the refund delta × 20 (§5.6)
  int32_t exit_code = 0;      ///< the syscall's ExitCode (§2.5)
  bool operator==(const InterruptionOutcome&) const = default;
};

/// A log of RuntimeExecutionOutcomeV1: u32 topic count ‖ topics (32 bytes each) ‖ data (u64 len ‖ bytes).
struct JournalLog {
  std::vector<Bytes32> topics;
  Bytes data;
  bool operator==(const JournalLog&) const = default;
};

/// A transfer of RuntimeExecutionOutcomeV1 from the frame's target: address (20) ‖ amount (32 LE), wei.
struct Transfer {
  Address to;
  U256 amount;
  bool operator==(const Transfer&) const = default;
};

/// RuntimeExecutionOutcomeV1 (§6.4), system runtime -> host, as the frame's final output:
///   exit_code i32 · output (u64 len ‖ bytes) · storage (u32 count ‖ (key ‖ value) × count) ·
///   logs (u64 count ‖ JournalLog × count) · new_metadata (Option: u8 tag ‖ u64 len ‖ bytes) ·
///   touched_storage_slots (u32 count ‖ slot 32 LE × count) · transfers (u32 count ‖ Transfer × count)
/// The last two fields are optional trailing fields: an envelope that ends before them has none.
struct ExecutionOutcome {
  int32_t exit_code = 0;  ///< the runtime's own ExitCode; effects apply only when it is Ok (§6.5)
  Bytes output;           ///< replaces the frame's output
  StorageMap storage;     ///< SSTOREs on the target
  std::vector<JournalLog> logs;
  std::optional<Bytes> new_metadata;  ///< the ownable account's new metadata
  /// Absent when the envelope ends before the field. encode() writes touched_storage_slots
  /// (empty if absent) whenever transfers is present.
  std::optional<std::vector<U256>> touched_storage_slots;
  std::optional<std::vector<Transfer>> transfers;
  bool operator==(const ExecutionOutcome&) const = default;
};

/// The wire bytes of an envelope, in the layout documented on its type.
Bytes encode(const NewFrameInput& value);
Bytes encode(const InterruptionOutcome& value);
Bytes encode(const ExecutionOutcome& value);
/// The envelope at the start of `bytes`; nullopt if it is truncated or has a bool or Option tag
/// other than 0 or 1 (trailing bytes are ignored).
std::optional<NewFrameInput> decode_new_frame_input(ByteView bytes);
std::optional<InterruptionOutcome> decode_interruption_outcome(ByteView bytes);
std::optional<ExecutionOutcome> decode_execution_outcome(ByteView bytes);

}  // namespace interlude::host::system
