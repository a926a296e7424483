// Fuzz target (a): decode + validate + compile of arbitrary bytes (wasm spec §5 binary format,
// §3 validation). Module::compile must return a module or a CompileError, never crash; an error
// offset never points past the end of the input.
#include <cstdint>
#include <cstdlib>
#include <span>

#include "interlude/wasm/engine.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace interlude::wasm;
  CompileError error;
  auto module = Module::compile(std::span(data, size), Config{}, &error);
  if (!module && error.offset > size) std::abort();
  return 0;
}
