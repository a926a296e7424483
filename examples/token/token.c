/*
 * Token: an ERC-20 (EIP-20) with the storage layout a Solidity contract
 *   mapping(address => uint256) balances;                       // slot 0
 *   mapping(address => mapping(address => uint256)) allowances; // slot 1
 *   uint256 totalSupply;                                        // slot 2
 * would have (mapping entries at keccak256(key word ‖ slot word)). name, symbol and decimals are
 * constants in the code, like Solidity `constant`s, and occupy no storage.
 *
 * `deploy` mints 1,000,000 tokens (10^24 base units, 18 decimals) to the deployer (contract.caller
 * of the deploy frame) and emits Transfer(0, deployer, 10^24).
 *
 * Selectors: name() 0x06fdde03, symbol() 0x95d89b41, decimals() 0x313ce567, totalSupply()
 * 0x18160ddd, balanceOf(address) 0x70a08231, transfer(address,uint256) 0xa9059cbb,
 * approve(address,uint256) 0x095ea7b3, transferFrom(address,address,uint256) 0x23b872dd,
 * allowance(address,address) 0xdd62ed3e. Unknown selectors, empty and short calldata revert
 * without data; a failed balance or allowance check reverts with Error("insufficient balance") or
 * Error("insufficient allowance"). An allowance of 2^256-1 is never decreased (infinite approval).
 */
#include "interlude/contract.h"

#define SEL_NAME 0x06fdde03u
#define SEL_SYMBOL 0x95d89b41u
#define SEL_DECIMALS 0x313ce567u
#define SEL_TOTAL_SUPPLY 0x18160dddu
#define SEL_BALANCE_OF 0x70a08231u
#define SEL_TRANSFER 0xa9059cbbu
#define SEL_APPROVE 0x095ea7b3u
#define SEL_TRANSFER_FROM 0x23b872ddu
#define SEL_ALLOWANCE 0xdd62ed3eu

enum { SLOT_BALANCES = 0, SLOT_ALLOWANCES = 1, SLOT_TOTAL_SUPPLY = 2 };

/* keccak256("Transfer(address,address,uint256)") and keccak256("Approval(address,address,uint256)"). */
static const il_bytes32 TRANSFER_TOPIC = {{0xdd, 0xf2, 0x52, 0xad, 0x1b, 0xe2, 0xc8, 0x9b, 0x69, 0xc2, 0xb0,
                                           0x68, 0xfc, 0x37, 0x8d, 0xaa, 0x95, 0x2b, 0xa7, 0xf1, 0x63, 0xc4,
                                           0xa1, 0x16, 0x28, 0xf5, 0x5a, 0x4d, 0xf5, 0x23, 0xb3, 0xef}};
static const il_bytes32 APPROVAL_TOPIC = {{0x8c, 0x5b, 0xe1, 0xe5, 0xeb, 0xec, 0x7d, 0x5b, 0xd1, 0x4f, 0x71,
                                           0x42, 0x7d, 0x1e, 0x84, 0xf3, 0xdd, 0x03, 0x14, 0xc0, 0xf7, 0xb2,
                                           0x29, 0x1e, 0x5b, 0x20, 0x0a, 0xc8, 0xc7, 0xc3, 0xb9, 0x25}};

static il_u256 balance_slot(const il_address* owner) {
  il_u256 base = il_u256_from_u64(SLOT_BALANCES);
  return il_mapping_slot_address(owner, &base);
}

static il_u256 allowance_slot(const il_address* owner, const il_address* spender) {
  il_u256 base = il_u256_from_u64(SLOT_ALLOWANCES);
  il_u256 inner = il_mapping_slot_address(owner, &base);
  return il_mapping_slot_address(spender, &inner);
}

/* Emits `topic0(indexed a, indexed b, uint256 amount)`. */
static void emit_event(const il_bytes32* topic0, const il_address* a, const il_address* b, const il_u256* amount) {
  il_bytes32 topics[3];
  uint8_t data[32];
  topics[0] = *topic0;
  il_address_to_word(a, topics[1].bytes);
  il_address_to_word(b, topics[2].bytes);
  il_u256_to_be(amount, data);
  il_emit_log(topics, 3, data, 32);
}

static void transfer(const il_address* from, const il_address* to, const il_u256* amount) {
  il_u256 slot = balance_slot(from);
  il_u256 balance = il_storage_read(&slot);
  if (il_u256_sub(&balance, &balance, amount)) il_revert_msg("insufficient balance");
  il_storage_write(&slot, &balance);
  slot = balance_slot(to);
  balance = il_storage_read(&slot);
  il_u256_add(&balance, &balance, amount); /* cannot wrap: the sum of balances is the total supply */
  il_storage_write(&slot, &balance);
  emit_event(&TRANSFER_TOPIC, from, to, amount);
}

IL_EXPORT("deploy") void token_deploy(void) {
  il_address deployer = il_contract_caller(), zero = {{0}};
  il_u256 supply = {{0x1bcecceda1000000ull, 0xd3c2, 0, 0}}; /* 10^24 */
  il_u256 slot = balance_slot(&deployer);
  il_storage_write(&slot, &supply);
  slot = il_u256_from_u64(SLOT_TOTAL_SUPPLY);
  il_storage_write(&slot, &supply);
  emit_event(&TRANSFER_TOPIC, &zero, &deployer, &supply);
}

IL_EXPORT("main") void token_main(void) {
  uint32_t selector = il_abi_selector();
  switch (selector) {
    case SEL_NAME:
      il_return_string("Interlude Token");
    case SEL_SYMBOL:
      il_return_string("ILT");
    case SEL_DECIMALS: {
      il_u256 decimals = il_u256_from_u64(18);
      il_return_u256(&decimals);
    }
    case SEL_TOTAL_SUPPLY: {
      il_u256 slot = il_u256_from_u64(SLOT_TOTAL_SUPPLY);
      il_u256 supply = il_storage_read(&slot);
      il_return_u256(&supply);
    }
    case SEL_BALANCE_OF: {
      il_abi_require_args(1);
      il_address owner = il_abi_arg_address(0);
      il_u256 slot = balance_slot(&owner);
      il_u256 balance = il_storage_read(&slot);
      il_return_u256(&balance);
    }
    case SEL_ALLOWANCE: {
      il_abi_require_args(2);
      il_address owner = il_abi_arg_address(0), spender = il_abi_arg_address(1);
      il_u256 slot = allowance_slot(&owner, &spender);
      il_u256 allowance = il_storage_read(&slot);
      il_return_u256(&allowance);
    }
    case SEL_TRANSFER: {
      il_abi_require_args(2);
      il_address to = il_abi_arg_address(0), from = il_contract_caller();
      il_u256 amount = il_abi_arg_u256(1);
      transfer(&from, &to, &amount);
      il_return_bool(1);
    }
    case SEL_APPROVE: {
      il_abi_require_args(2);
      il_address spender = il_abi_arg_address(0), owner = il_contract_caller();
      il_u256 amount = il_abi_arg_u256(1);
      il_u256 slot = allowance_slot(&owner, &spender);
      il_storage_write(&slot, &amount);
      emit_event(&APPROVAL_TOPIC, &owner, &spender, &amount);
      il_return_bool(1);
    }
    case SEL_TRANSFER_FROM: {
      il_abi_require_args(3);
      il_address from = il_abi_arg_address(0), to = il_abi_arg_address(1), spender = il_contract_caller();
      il_u256 amount = il_abi_arg_u256(2), max = il_u256_max();
      il_u256 slot = allowance_slot(&from, &spender);
      il_u256 allowance = il_storage_read(&slot);
      if (il_u256_cmp(&allowance, &max) != 0) {
        if (il_u256_sub(&allowance, &allowance, &amount)) il_revert_msg("insufficient allowance");
        il_storage_write(&slot, &allowance);
      }
      transfer(&from, &to, &amount);
      il_return_bool(1);
    }
    default:
      il_revert();
  }
}
