/*
 * Router: forwards ERC-20 operations to a token contract with nested calls.
 *
 *   transferVia(address token, address to, uint256 amount)  0xb85c4f28
 *     increments the routed-transfer counter in storage slot 0, then CALLs
 *     token.transfer(to, amount): the router pays from its own token balance. On success it returns
 *     the token's return data (ABI bool true). If the token call fails, the router reverts with the
 *     token's return data (e.g. Error("insufficient balance")), which also rolls back its own
 *     counter write.
 *   balanceVia(address token, address who)  0xf67ba3ed
 *     STATICCALLs token.balanceOf(who) and returns its result (uint256); a failure is propagated
 *     the same way.
 *
 * `deploy` does nothing. Unknown selectors and short calldata revert without data.
 */
#include "interlude/contract.h"

#define SEL_TRANSFER_VIA 0xb85c4f28u
#define SEL_BALANCE_VIA 0xf67ba3edu
#define SEL_TOKEN_TRANSFER 0xa9059cbbu  /* transfer(address,uint256) */
#define SEL_TOKEN_BALANCE_OF 0x70a08231u /* balanceOf(address) */

/* Writes the 4-byte selector (BE) at `out`. */
static void put_selector(uint8_t* out, uint32_t selector) {
  for (int i = 0; i < 4; ++i) out[i] = (uint8_t)(selector >> (24 - 8 * i));
}

/* Ends the frame with the callee's return data: Ok if `code` is Ok, else a revert. */
__attribute__((noreturn)) static void finish(int32_t code) {
  il_forward_return_data(code == IL_EXIT_OK ? IL_EXIT_OK : IL_EXIT_PANIC);
}

IL_EXPORT("deploy") void router_deploy(void) {}

IL_EXPORT("main") void router_main(void) {
  switch (il_abi_selector()) {
    case SEL_TRANSFER_VIA: {
      il_abi_require_args(3);
      il_address token = il_abi_arg_address(0), to = il_abi_arg_address(1);
      il_u256 amount = il_abi_arg_u256(2), slot = il_u256_from_u64(0), one = il_u256_from_u64(1);
      il_u256 routed = il_storage_read(&slot);
      il_u256_add(&routed, &routed, &one);
      il_storage_write(&slot, &routed);
      uint8_t calldata[4 + 64];
      put_selector(calldata, SEL_TOKEN_TRANSFER);
      il_address_to_word(&to, calldata + 4);
      il_u256_to_be(&amount, calldata + 36);
      finish(il_call(&token, 0, calldata, sizeof calldata));
    }
    case SEL_BALANCE_VIA: {
      il_abi_require_args(2);
      il_address token = il_abi_arg_address(0), who = il_abi_arg_address(1);
      uint8_t calldata[4 + 32];
      put_selector(calldata, SEL_TOKEN_BALANCE_OF);
      il_address_to_word(&who, calldata + 4);
      finish(il_static_call(&token, calldata, sizeof calldata));
    }
    default:
      il_revert();
  }
}
