/*
 * sload_loop: the warm STORAGE_READ benchmark contract (bench/host_bench.cpp).
 *
 *   main: payload = n (u32 LE); performs n SLOADs (STORAGE_READ syscalls) of slot 0 and returns the
 *         XOR of the values read (32 bytes LE). The first read is cold (2100 gas), the rest warm
 *         (100 gas each, EIP-2929).
 *   deploy: nothing.
 */
#include "interlude/contract.h"

IL_EXPORT("deploy") void sload_loop_deploy(void) {}

IL_EXPORT("main") void sload_loop_main(void) {
  uint8_t n_le[4];
  il_payload_read(n_le, 0, 4);
  uint32_t n = (uint32_t)n_le[0] | (uint32_t)n_le[1] << 8 | (uint32_t)n_le[2] << 16 | (uint32_t)n_le[3] << 24;
  il_u256 slot = il_u256_from_u64(0), acc = il_u256_from_u64(0);
  for (uint32_t i = 0; i < n; ++i) {
    il_u256 v = il_storage_read(&slot);
    for (int l = 0; l < 4; ++l) acc.limb[l] ^= v.limb[l];
  }
  uint8_t out[32];
  il_u256_to_le(&acc, out);
  il_return(out, 32);
}
