/* Recursive Fibonacci: fib(27) = 196,418 (calls, compares, i32 arithmetic). */
#include "kernel.h"

static uint32_t fib(uint32_t n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

KERNEL(fib) { return fib(26 + kernel_seed); }
