#pragma once
// Shared helpers of the benchmark suite (bench/*.cpp).
#include <cstdint>
#include <string>
#include <vector>

namespace interlude::bench {

/// The bytes of the file at `path`; empty if it cannot be read.
std::vector<uint8_t> read_file(const std::string& path);

}  // namespace interlude::bench
