/*
 * A root-STF written in C (Interlude profile "root mode"): run with Executor::execute_root at
 * depth 0, it runs a contract by code hash with `_exec` and serves the contract's storage
 * syscalls itself, from a table in its own memory.
 *
 *   input:  code_hash (32) ‖ n (u32 LE) ‖ n × (length u32 LE ‖ calldata)
 *   output: n × (exit code i32 LE ‖ output length u32 LE ‖ output)
 *
 * Each call runs the contract's `main` with a zero context header followed by the calldata. While
 * the contract is interrupted (`_exec` or `_resume` returned a call_id > 0), the return data is
 * the 64-byte request followed by its input, and the root resumes the contract with:
 *   STORAGE_READ  (slot, 32 bytes LE)            the value (32 bytes LE; zero if never written)
 *   STORAGE_WRITE (slot ‖ value, 64 bytes LE)    nothing
 *   anything else                                exit code MalformedBuiltinParams
 * charging the contract STORAGE_FUEL per storage syscall through the fuel16 buffer. The table
 * lives for the whole run, so later calls see earlier writes. It holds at most MAX_SLOTS slots
 * (a write beyond that resumes with MalformedBuiltinParams).
 */
#include "interlude/contract.h"

#define MAX_SLOTS 64
#define STORAGE_FUEL 2000 /* 100 gas */
#define MAX_CALLDATA 4096

static struct {
  uint8_t slot[32];
  uint8_t value[32];
} table[MAX_SLOTS];
static uint32_t used_slots;
static uint8_t child_input[IL_CTX_SIZE + MAX_CALLDATA];
static uint8_t request[64 + 64]; /* the request ‖ its input (storage inputs have at most 64 bytes) */

/** The value of `slot` in the table; with `create`, a new zero entry if absent. 0 if none. */
static uint8_t* value_of(const uint8_t* slot, int create) {
  for (uint32_t i = 0; i < used_slots; ++i)
    if (il_compare(table[i].slot, slot, 32) == 0) return table[i].value;
  if (!create || used_slots == MAX_SLOTS) return 0;
  il_copy(table[used_slots].slot, slot, 32);
  return table[used_slots++].value;
}

/** Serves the syscall that interrupted the contract as `call_id` and resumes it. */
static int32_t serve(int32_t call_id, int64_t* fuel16) {
  static const uint8_t zero[32];
  uint32_t n = il_output_size();
  const uint8_t* in = request + 64;
  fuel16[0] = STORAGE_FUEL;
  fuel16[1] = 0;
  if (n <= sizeof request) {
    il_read_output(request, 0, n);
    if (request[31] == IL_SYSCALL_STORAGE_READ && n == 64 + 32) {
      const uint8_t* value = value_of(in, 0);
      return il_resume((uint32_t)call_id, value ? value : zero, 32, IL_EXIT_OK, fuel16);
    }
    if (request[31] == IL_SYSCALL_STORAGE_WRITE && n == 64 + 64) {
      uint8_t* value = value_of(in, 1);
      if (value) {
        il_copy(value, in + 32, 32);
        return il_resume((uint32_t)call_id, 0, 0, IL_EXIT_OK, fuel16);
      }
    }
  }
  fuel16[0] = 0;
  return il_resume((uint32_t)call_id, 0, 0, IL_EXIT_MALFORMED_BUILTIN_PARAMS, fuel16);
}

/** The u32 LE at `offset` of the input. */
static uint32_t input_u32(uint32_t offset) {
  uint8_t b[4];
  il_read(b, offset, 4);
  return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

IL_EXPORT("main") void root_main(void) {
  uint8_t code_hash[32];
  uint32_t calls = input_u32(32), at = 36;
  il_read(code_hash, 0, 32);
  for (uint32_t i = 0; i < calls; ++i) {
    int64_t fuel16[2] = {IL_FUEL_UNLIMITED, 0};
    uint32_t len = input_u32(at);
    int32_t code;
    if (len > MAX_CALLDATA) il_exit(IL_EXIT_OUT_OF_MEMORY);
    il_fill(child_input, 0, IL_CTX_SIZE);
    il_read(child_input + IL_CTX_SIZE, at + 4, len);
    at += 4 + len;
    code = il_exec(code_hash, child_input, IL_CTX_SIZE + len, fuel16, IL_STATE_MAIN);
    while (code > 0) code = serve(code, fuel16);
    {
      uint32_t size = il_output_size();
      uint8_t head[8];
      for (int b = 0; b < 4; ++b) {
        head[b] = (uint8_t)((uint32_t)code >> (8 * b));
        head[4 + b] = (uint8_t)(size >> (8 * b));
      }
      il_write(head, 8);
      il_forward_output(0, size);
    }
  }
}

IL_EXPORT("deploy") void root_deploy(void) {}
