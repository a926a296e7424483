/*
 * A wasm system runtime (protocol.md §3.8, §6; SDK: interlude/system.h). It counts the calls of
 * the account it runs for in that account's storage slot 0, which it gets preloaded and returns
 * in its outcome, and it forwards a call through an interruption:
 *
 *   empty calldata          slot0 += 1; returns slot0 as uint256 (32 bytes BE)
 *   to (20) ‖ data          slot0 += 1; CALLs `to` with `data` (value 0) by interrupting with the
 *                           CALL syscall; returns the callee's output, or, if the call fails,
 *                           reverts with it (slot0 unchanged); a halted syscall ends the frame
 *                           with its exit code
 *
 * Register it with HostConfig::system_runtimes = {address, preload_slots = {0}} and store the
 * module at that address. It charges SEGMENT_FUEL per entry call (each execution segment).
 */
#include "interlude/system.h"

#define SEGMENT_FUEL 20000 /* 1,000 gas */
#define BUFFER_SIZE 8192

static uint8_t input[BUFFER_SIZE];      /* RuntimeNewFrameInputV1 */
static uint8_t call_input[BUFFER_SIZE]; /* the CALL request's input: kept until the resume */
static uint8_t outcome[BUFFER_SIZE];    /* RuntimeInterruptionOutcomeV1 */
static il_u256 count;                   /* slot0 + 1, kept across the interruption */

/** Ends the frame with RuntimeExecutionOutcomeV1: `exit_code`, `output`, slot0 = count if Ok. */
static int32_t finish(int32_t exit_code, const void* output, uint32_t len) {
  il_u256 slot0 = il_u256_from_u64(0);
  il_sys_slot write = {slot0, count};
  il_sys_write_outcome(exit_code, output, len, &write, exit_code == IL_EXIT_OK, &slot0, 1);
  return exit_code;
}

/** The end of a forwarded call: the callee's output, and its success or a revert. */
static int32_t resume(void) {
  il_sys_outcome o;
  uint32_t n = il_output_size();
  if (n > BUFFER_SIZE) return finish(IL_EXIT_OUT_OF_MEMORY, 0, 0);
  il_read_output(outcome, 0, n);
  if (!il_sys_decode_outcome(outcome, n, &o)) return finish(IL_EXIT_MALFORMED_BUILTIN_PARAMS, 0, 0);
  if (o.halted_frame) return finish(o.exit_code, 0, 0);
  return finish(o.exit_code == IL_EXIT_OK ? IL_EXIT_OK : IL_EXIT_PANIC, o.output, o.output_len);
}

IL_SYSTEM_MAIN(system_main) {
  il_sys_new_frame frame;
  il_u256 slot0 = il_u256_from_u64(0), one = il_u256_from_u64(1);
  uint32_t n = il_input_size();
  (void)argc;
  (void)argv;
  il_charge_fuel(SEGMENT_FUEL);
  if (il_sys_is_resume()) return resume();
  if (n > BUFFER_SIZE) return finish(IL_EXIT_OUT_OF_MEMORY, 0, 0);
  il_read(input, 0, n);
  if (!il_sys_decode_new_frame(input, n, &frame)) return finish(IL_EXIT_MALFORMED_BUILTIN_PARAMS, 0, 0);
  if (!il_sys_storage_get(&frame, &slot0, &count)) return IL_EXIT_MISSING_STORAGE_SLOT;
  il_u256_add(&count, &count, &one);
  if (frame.input_len == 0) {
    uint8_t be[32];
    il_u256_to_be(&count, be);
    return finish(IL_EXIT_OK, be, 32);
  }
  if (frame.input_len < 20) return finish(IL_EXIT_PANIC, 0, 0);
  /* CALL input (§4.3): address (20) ‖ value (32 LE, zero) ‖ calldata. */
  il_copy(call_input, frame.input, 20);
  il_fill(call_input + 20, 0, 32);
  il_copy(call_input + 52, frame.input + 20, frame.input_len - 20);
  return il_sys_interrupt(IL_SYSCALL_CALL, call_input, 52 + frame.input_len - 20);
}

/* Interlude deploys no account with a system runtime as its code; deploy just succeeds. */
IL_SYSTEM_DEPLOY(system_deploy) { return IL_EXIT_OK; }
