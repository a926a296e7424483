#pragma once
/// ExitCode (protocol.md §2.1). Values <= 0 are final statuses; positive values are call_ids.
#include <cstdint>

namespace interlude::runtime {

enum class ExitCode : int32_t {
  Ok = 0,
  Panic = -1,
  InterruptionCalled = -3,
  RootCallOnly = -1002,
  MalformedBuiltinParams = -1003,
  CallDepthOverflow = -1004,
  NonNegativeExitCode = -1005,
  UnknownError = -1006,
  InputOutputOutOfBounds = -1007,
  PrecompileError = -1008,
  NotSupportedBytecode = -1009,
  StateChangeDuringStaticCall = -1010,
  CreateContractSizeLimit = -1011,
  CreateContractCollision = -1012,
  CreateContractStartingWithEF = -1013,
  OutOfMemory = -1014,
  InsufficientBalance = -1015,
  UnreachableCodeReached = -2001,
  MemoryOutOfBounds = -2002,
  TableOutOfBounds = -2003,
  IndirectCallToNull = -2004,
  IntegerDivisionByZero = -2005,
  IntegerOverflow = -2006,
  BadConversionToInteger = -2007,
  StackOverflow = -2008,
  BadSignature = -2009,
  OutOfFuel = -2010,
  UnknownExternalFunction = -2011,
  UnexpectedFatalExecutionFailure = -3001,
  MissingStorageSlot = -3002,
};

/// True if `code` is one of the values above.
bool is_defined_exit_code(int32_t code) noexcept;
/// The ExitCode name ("OutOfFuel"), or "Unknown" for an undefined value. call_ids (> 0) give "CallId".
const char* exit_code_name(int32_t code) noexcept;
/// Trap class: -3000 < code <= -2000.
constexpr bool is_trap_code(int32_t code) noexcept { return code > -3000 && code <= -2000; }

constexpr int32_t to_i32(ExitCode c) noexcept { return static_cast<int32_t>(c); }

}  // namespace interlude::runtime
