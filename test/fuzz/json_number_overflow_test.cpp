// Found by fuzz_cli_json: a JSON number too large for a double (e.g. 1E400) made nlohmann::json
// throw out_of_range.406, which parse_json let escape instead of reporting "malformed JSON" as a
// cli::InputError (the CLI's clear-error path).
#include <gtest/gtest.h>

#include "cli.h"

namespace interlude::cli {
namespace {

TEST(FuzzRegression, JsonNumberOverflowIsMalformedJson) {
  try {
    parse_json("{\"currentCoinbase\": 8888888880000000004E4073709551615}", "env.json");
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "env.json: malformed JSON: number overflow parsing '8888888880000000004E4073709551615'");
  }
}

}  // namespace
}  // namespace interlude::cli
