// Fuzz target (d): the CLI's JSON inputs (tools/interlude/cli.h: parse_json, then parse_alloc,
// parse_env or parse_txs, chosen by the first input byte). Bad input must end in
// cli::InputError (the CLI's "clear error" path); any other exception or a crash is a bug.
// "@file" data references resolve against a directory that does not exist.
#include <cstdint>
#include <string_view>

#include "cli.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace interlude::cli;
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  const Source source{"fuzz.json", "/nonexistent-interlude-fuzz"};
  try {
    const nlohmann::json json = parse_json(text, source.name);
    switch (data[0] % 3) {
      case 0: parse_alloc(json, source); break;
      case 1: parse_env(json, source); break;
      default: parse_txs(json, source); break;
    }
  } catch (const InputError&) {
  }
  return 0;
}
