/* A br_table-driven state machine: 1,000,000 steps of an eight-state automaton over LCG input
 * bytes; the dense `switch` compiles to a wasm br_table. Checksum: the accumulator. */
#include "kernel.h"

KERNEL(statemachine) {
  uint32_t x = kernel_seed, acc = 0, state = 0;
  for (uint32_t step = 0; step < 1000000; ++step) {
    x = x * 1664525u + 1013904223u;
    uint32_t in = x >> 24;
    switch (state) {
      case 0: acc += in; state = in & 7; break;
      case 1: acc ^= in << 3; state = (in >> 2) & 7; break;
      case 2: acc = acc * 33 + in; state = (acc >> 5) & 7; break;
      case 3: acc -= in * 7; state = in % 5; break;
      case 4: acc = (acc << 1) | (acc >> 31); state = (in + 3) & 7; break;
      case 5: acc += acc >> 3; state = in < 128 ? 6 : 1; break;
      case 6: acc ^= 0x5bd1e995u; state = (in ^ acc) & 7; break;
      default: acc += step; state = 0; break;
    }
  }
  return acc;
}
