#pragma once
// Heap accounting for the adversarial tests: the global operator new/delete of this test
// executable are replaced (heap_counter.cpp) so a test can check that an operation's heap peak is
// bounded ("no allocation proportional to a claimed length"). Deterministic, no timing.
#include <cstdint>

namespace interlude::host::test::adv {

/// Bytes currently allocated through operator new.
uint64_t heap_live() noexcept;
/// Restarts the high-water mark at the current live bytes.
void heap_peak_reset() noexcept;
/// Highest heap_live() since the last heap_peak_reset().
uint64_t heap_peak() noexcept;

}  // namespace interlude::host::test::adv
