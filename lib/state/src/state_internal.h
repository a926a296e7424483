#pragma once
/// Internals of lib/state shared by both implementations and by the tests; not part of the API.
#include <cstdint>
#include <filesystem>
#include <memory>

#include "interlude/state/state.h"

namespace interlude::state {

/// Rejects a BlockDiff that contradicts itself, before either implementation applies anything:
/// a code whose key is not keccak256 of its bytes (code is content-addressed), or an account
/// deleted (info = nullopt) whose diff still writes storage slots. Throws StateError naming the
/// offending code hash or address.
void validate_diff(const BlockDiff& diff);

/// Virtual size of the LMDB memory map used by open_lmdb_state: 64 GiB (address space only; the
/// data file grows with the data). A commit that would outgrow the map fails with MDB_MAP_FULL.
inline constexpr uint64_t kLmdbMapSize = uint64_t(64) << 30;

/// open_lmdb_state with an explicit map size in bytes (tests use a tiny map to make a commit fail
/// part-way with MDB_MAP_FULL).
std::unique_ptr<State> open_lmdb_state(const std::filesystem::path& dir, uint64_t map_size);

}  // namespace interlude::state
