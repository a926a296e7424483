/*
 * Counter: one uint256 in storage slot 0.
 *
 *   increment()  0xd09de08a  slot0 += 1 (wrapping), returns nothing
 *   get()        0x6d4ce63c  returns slot0 as uint256
 *   (empty calldata)         a plain call (e.g. a value transfer) increments too
 *   anything else            reverts without data
 *
 * `deploy` does nothing: the counter starts at 0. The factory example embeds this module.
 */
#include "interlude/contract.h"

#define SEL_INCREMENT 0xd09de08au
#define SEL_GET 0x6d4ce63cu

static void increment(void) {
  il_u256 slot = il_u256_from_u64(0), one = il_u256_from_u64(1);
  il_u256 v = il_storage_read(&slot);
  il_u256_add(&v, &v, &one);
  il_storage_write(&slot, &v);
}

IL_EXPORT("deploy") void counter_deploy(void) {}

IL_EXPORT("main") void counter_main(void) {
  if (il_payload_size() == 0) {
    increment();
    return;
  }
  switch (il_abi_selector()) {
    case SEL_INCREMENT:
      increment();
      return;
    case SEL_GET: {
      il_u256 slot = il_u256_from_u64(0);
      il_u256 v = il_storage_read(&slot);
      il_return_u256(&v);
    }
    default:
      il_revert();
  }
}
