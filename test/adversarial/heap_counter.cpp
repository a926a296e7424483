// Replaces the global operator new/delete of adversarial_tests to count live heap bytes (see
// heap_counter.h). Each block keeps its size in a header in front of it.
#include "heap_counter.h"

#include <atomic>
#include <cstddef>
#include <cstdlib>
#include <new>

namespace {

std::atomic<uint64_t> g_live{0};
std::atomic<uint64_t> g_peak{0};
constexpr size_t kHeader = alignof(std::max_align_t);

}  // namespace

// Not inlined: g++ would otherwise see free() applied to operator new's result and warn
// (-Wmismatched-new-delete).
[[gnu::noinline]] void* operator new(size_t n) {
  void* p = std::malloc(n + kHeader);
  if (p == nullptr) throw std::bad_alloc();
  *static_cast<size_t*>(p) = n;
  const uint64_t live = g_live.fetch_add(n, std::memory_order_relaxed) + n;
  uint64_t peak = g_peak.load(std::memory_order_relaxed);
  while (live > peak && !g_peak.compare_exchange_weak(peak, live, std::memory_order_relaxed)) {
  }
  return static_cast<char*>(p) + kHeader;
}
[[gnu::noinline]] void operator delete(void* p) noexcept {
  if (p == nullptr) return;
  void* block = static_cast<char*>(p) - kHeader;
  g_live.fetch_sub(*static_cast<size_t*>(block), std::memory_order_relaxed);
  std::free(block);
}
void* operator new[](size_t n) { return operator new(n); }
void operator delete[](void* p) noexcept { operator delete(p); }
void operator delete(void* p, size_t) noexcept { operator delete(p); }
void operator delete[](void* p, size_t) noexcept { operator delete(p); }

namespace interlude::host::test::adv {

uint64_t heap_live() noexcept { return g_live.load(std::memory_order_relaxed); }
void heap_peak_reset() noexcept { g_peak.store(heap_live(), std::memory_order_relaxed); }
uint64_t heap_peak() noexcept { return g_peak.load(std::memory_order_relaxed); }

}  // namespace interlude::host::test::adv
