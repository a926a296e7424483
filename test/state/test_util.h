#pragma once
// Helpers shared by the State test files.
#include <filesystem>
#include <string>

#include "interlude/state/state.h"

namespace interlude::state::test {

/// Address whose 20 bytes are all zero except the last two: (hi, lo).
Address addr(uint8_t hi, uint8_t lo);

/// A fresh, empty directory under the build tree named after the running test (suite.name).
std::filesystem::path fresh_test_dir();

/// The whole state as text, one line per account / slot in iteration order, plus last_block and
/// every account's code size; equal dumps mean equal states.
std::string dump(const State& state);

/// Flag with which the test binary re-executes itself as a second process (see main()).
inline constexpr const char* kChildFlag = "--state-child";

}  // namespace interlude::state::test
