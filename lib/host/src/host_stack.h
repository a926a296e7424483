#pragma once
// The host's native stack. Frames nest by C++ recursion (run_frame -> syscall -> run_frame, one
// level per EVM frame, to depth 1024), about 2 KiB per level in a release build and 6 KiB under
// ASan, so the host runs every block and call on a thread whose stack it sizes itself: a caller
// on a small stack (a thread pool, musl's 128 KiB) can never be overflowed by a deep transaction.
#include <cstdint>
#include <functional>

namespace interlude::host {

/// Stack of the thread that runs a block or a call: room for 1025 nested frames with a wide margin.
inline constexpr uint64_t HOST_STACK_BYTES = 64ull << 20;

/// Runs `fn` on a thread with a HOST_STACK_BYTES stack and waits for it; an exception thrown by
/// `fn` is rethrown here. If no such thread can be created, runs `fn` on the calling thread.
void run_on_host_stack(const std::function<void()>& fn);

}  // namespace interlude::host
