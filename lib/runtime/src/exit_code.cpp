#include "interlude/runtime/exit_code.h"

namespace interlude::runtime {

namespace {
struct Entry {
  int32_t code;
  const char* name;
};
constexpr Entry kExitCodes[] = {
    {0, "Ok"},
    {-1, "Panic"},
    {-3, "InterruptionCalled"},
    {-1002, "RootCallOnly"},
    {-1003, "MalformedBuiltinParams"},
    {-1004, "CallDepthOverflow"},
    {-1005, "NonNegativeExitCode"},
    {-1006, "UnknownError"},
    {-1007, "InputOutputOutOfBounds"},
    {-1008, "PrecompileError"},
    {-1009, "NotSupportedBytecode"},
    {-1010, "StateChangeDuringStaticCall"},
    {-1011, "CreateContractSizeLimit"},
    {-1012, "CreateContractCollision"},
    {-1013, "CreateContractStartingWithEF"},
    {-1014, "OutOfMemory"},
    {-1015, "InsufficientBalance"},
    {-2001, "UnreachableCodeReached"},
    {-2002, "MemoryOutOfBounds"},
    {-2003, "TableOutOfBounds"},
    {-2004, "IndirectCallToNull"},
    {-2005, "IntegerDivisionByZero"},
    {-2006, "IntegerOverflow"},
    {-2007, "BadConversionToInteger"},
    {-2008, "StackOverflow"},
    {-2009, "BadSignature"},
    {-2010, "OutOfFuel"},
    {-2011, "UnknownExternalFunction"},
    {-3001, "UnexpectedFatalExecutionFailure"},
    {-3002, "MissingStorageSlot"},
};
}  // namespace

bool is_defined_exit_code(int32_t code) noexcept {
  for (const auto& e : kExitCodes)
    if (e.code == code) return true;
  return false;
}

const char* exit_code_name(int32_t code) noexcept {
  if (code > 0) return "CallId";
  for (const auto& e : kExitCodes)
    if (e.code == code) return e.name;
  return "Unknown";
}

}  // namespace interlude::runtime
