#ifndef INTERLUDE_SYSTEM_H
#define INTERLUDE_SYSTEM_H
/*
 * Interlude system-runtime SDK: helpers for trusted runtimes that run in system mode (protocol.md
 * §3.8, §6, §6.6), on top of the contract SDK (imports, il_u256, byte helpers). Header-only C99,
 * built like a contract (cmake/InterludeContracts.cmake).
 *
 * A system runtime differs from a contract:
 *  - Entries: IL_SYSTEM_MAIN(name) defines `main(i32, i32) -> i32` (called with 0, 0) and
 *    IL_SYSTEM_DEPLOY(name) `deploy() -> i32`; the return value is the exit code.
 *  - Metering: no fuel per instruction or import; the runtime charges what it wants with
 *    il_charge_fuel (its frame pays ceil(fuel / 20) gas).
 *  - Input: the RuntimeNewFrameInputV1 envelope (il_sys_decode_new_frame), not the 1024-byte header
 *    followed by calldata, so the contract SDK's il_ctx_* and il_payload_* helpers do not apply;
 *    the header is the envelope's `context`. Storage is read from the slots the host preloaded.
 *  - Output: the RuntimeExecutionOutcomeV1 envelope (il_sys_write_outcome). Its storage writes,
 *    logs and transfers are applied by the host only if its exit code is Ok (§6.5).
 *  - Syscalls: the runtime does not call `_exec`; it returns il_sys_interrupt(...) (exit code -3
 *    with the 64-byte request), and its entry runs again with the RuntimeInterruptionOutcomeV1 as
 *    return data (il_sys_is_resume, il_sys_decode_outcome). Interlude gives every frame its own
 *    instance, so a runtime may keep the state of its frame in globals across the interruption.
 * All integers in envelopes are little-endian; U256 values are 32 bytes LE (protocol.md §6.1).
 */
#include "interlude/contract.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Defines the system `main` entry: `int32_t name(int32_t argc, int32_t argv)`. */
#define IL_SYSTEM_MAIN(name) IL_EXPORT("main") int32_t name(int32_t argc, int32_t argv)
/** Defines the system `deploy` entry: `int32_t name(void)`. */
#define IL_SYSTEM_DEPLOY(name) IL_EXPORT("deploy") int32_t name(void)

/** ExitCode values only a system runtime uses (protocol.md §2.1). */
enum il_system_exit_code {
  IL_EXIT_INTERRUPTION_CALLED = -3,        /* returned with a request: "serve this syscall" */
  IL_EXIT_UNEXPECTED_FATAL_FAILURE = -3001,
  IL_EXIT_MISSING_STORAGE_SLOT = -3002     /* a storage read of a slot that was not preloaded */
};

/** A bounded little-endian reader over an envelope; `ok` turns 0 at the first read past the end. */
typedef struct {
  const uint8_t* p;
  uint32_t left;
  int ok;
} il_sys_reader;

static inline const uint8_t* il_sys_take(il_sys_reader* r, uint64_t n) {
  const uint8_t* at = r->p;
  if (!r->ok || n > r->left) {
    r->ok = 0;
    return 0;
  }
  r->p += n;
  r->left -= (uint32_t)n;
  return at;
}
static inline uint32_t il_sys_read_u32(il_sys_reader* r) {
  const uint8_t* b = il_sys_take(r, 4);
  return b ? (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24 : 0;
}
static inline uint64_t il_sys_read_u64(il_sys_reader* r) {
  const uint8_t* b = il_sys_take(r, 8);
  return b ? il_load_u64_le(b) : 0;
}
/** A byte string (u64 LE length ‖ bytes): its bytes, `*len` set; 0 if truncated. */
static inline const uint8_t* il_sys_read_bytes(il_sys_reader* r, uint32_t* len) {
  uint64_t n = il_sys_read_u64(r);
  const uint8_t* b = il_sys_take(r, n);
  *len = b ? (uint32_t)n : 0;
  return b;
}

/** RuntimeNewFrameInputV1 (§6.2), decoded in place: the pointers point into the envelope. */
typedef struct {
  const uint8_t* metadata; /* the ownable account's metadata (§7.1) */
  uint32_t metadata_len;
  const uint8_t* input; /* calldata */
  uint32_t input_len;
  const uint8_t* context; /* the 1024-byte SharedContextInputV1 (§9.2, offsets il_context_offset) */
  uint32_t context_len;
  const uint8_t* storage; /* storage_count × (slot 32 LE ‖ value 32 LE), ascending slots */
  uint32_t storage_count;
} il_sys_new_frame;

/** Decodes RuntimeNewFrameInputV1 from `buf[0, len)`; 1 on success, 0 if it is malformed. */
static inline int il_sys_decode_new_frame(const uint8_t* buf, uint32_t len, il_sys_new_frame* f) {
  il_sys_reader r = {buf, len, 1};
  f->metadata = il_sys_read_bytes(&r, &f->metadata_len);
  f->input = il_sys_read_bytes(&r, &f->input_len);
  f->context = il_sys_read_bytes(&r, &f->context_len);
  f->storage_count = il_sys_read_u32(&r);
  f->storage = il_sys_take(&r, 64ull * f->storage_count);
  return r.ok;
}

/** The preloaded value of `slot`: 1 and `*value` set, or 0 if the host did not preload it (§6.6:
 *  the runtime then ends with IL_EXIT_MISSING_STORAGE_SLOT). */
static inline int il_sys_storage_get(const il_sys_new_frame* f, const il_u256* slot, il_u256* value) {
  uint8_t key[32];
  il_u256_to_le(slot, key);
  for (uint32_t i = 0; i < f->storage_count; ++i)
    if (il_compare(f->storage + 64 * i, key, 32) == 0) {
      *value = il_u256_from_le(f->storage + 64 * i + 32);
      return 1;
    }
  return 0;
}

/** 1 if this entry call is a resume: the return data holds a RuntimeInterruptionOutcomeV1 (§6.6). */
static inline int il_sys_is_resume(void) { return il_output_size() > 0; }

/** RuntimeInterruptionOutcomeV1 (§6.3): how the host served the last request. */
typedef struct {
  int halted_frame;       /* the syscall halted; the runtime should end its frame */
  const uint8_t* output;  /* the syscall's output (a nested frame's return or revert data) */
  uint32_t output_len;
  uint64_t fuel_consumed; /* fuel the host charged the frame for the syscall */
  int64_t fuel_refunded;
  int32_t exit_code;      /* the syscall's exit code (0 Ok, -1 revert, ...) */
} il_sys_outcome;

/** Decodes a RuntimeInterruptionOutcomeV1 from `buf[0, len)`; 1 on success, 0 if malformed. */
static inline int il_sys_decode_outcome(const uint8_t* buf, uint32_t len, il_sys_outcome* o) {
  il_sys_reader r = {buf, len, 1};
  const uint8_t* halted = il_sys_take(&r, 1);
  o->halted_frame = halted && *halted == 1;
  o->output = il_sys_read_bytes(&r, &o->output_len);
  o->fuel_consumed = il_sys_read_u64(&r);
  o->fuel_refunded = (int64_t)il_sys_read_u64(&r);
  o->exit_code = (int32_t)il_sys_read_u32(&r);
  return r.ok && halted && *halted <= 1;
}

/** Requests syscall `id` (protocol.md §4.1) with `input` and returns IL_EXIT_INTERRUPTION_CALLED,
 *  which the entry returns: writes the 64-byte SyscallInvocationParams (§3.4) with fuel_limit
 *  u64::MAX, state 0, fuel16_ptr 0 and the input range [input, input + len) of this runtime's
 *  memory, which must stay unchanged until the entry runs again (§6.4). */
static inline int32_t il_sys_interrupt(uint8_t id, const void* input, uint32_t len) {
  uint8_t request[64];
  uint64_t start = (uint64_t)(__UINTPTR_TYPE__)input;
  il_fill(request, 0, sizeof request);
  request[31] = id;
  il_store_u64_le(request + 32, ~0ull);
  il_store_u64_le(request + 48, start);
  il_store_u64_le(request + 56, start + len);
  il_write(request, sizeof request);
  return IL_EXIT_INTERRUPTION_CALLED;
}

/** Stores a u32 little-endian. */
static inline void il_sys_put_u32(uint8_t* p, uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = (uint8_t)(v >> (8 * i));
}

/** A storage write of an outcome. */
typedef struct {
  il_u256 slot;
  il_u256 value;
} il_sys_slot;

/** Writes RuntimeExecutionOutcomeV1 (§6.4) as the frame's output: `exit_code`, `output`, the
 *  storage writes, no logs, no new metadata, the touched slots (their preload gas stays paid;
 *  that of untouched preloaded slots is given back, §6.5 step 4), no transfers. */
static inline void il_sys_write_outcome(int32_t exit_code, const void* output, uint32_t output_len,
                                        const il_sys_slot* writes, uint32_t n_writes, const il_u256* touched,
                                        uint32_t n_touched) {
  uint8_t b[64];
  il_sys_put_u32(b, (uint32_t)exit_code);
  il_store_u64_le(b + 4, output_len);
  il_write(b, 12);
  il_write(output, output_len);
  il_sys_put_u32(b, n_writes);
  il_write(b, 4);
  for (uint32_t i = 0; i < n_writes; ++i) {
    il_u256_to_le(&writes[i].slot, b);
    il_u256_to_le(&writes[i].value, b + 32);
    il_write(b, 64);
  }
  il_fill(b, 0, 9); /* logs: u64 count 0; new_metadata: None (tag 0) */
  il_sys_put_u32(b + 9, n_touched);
  il_write(b, 13);
  for (uint32_t i = 0; i < n_touched; ++i) {
    il_u256_to_le(&touched[i], b);
    il_write(b, 32);
  }
  il_sys_put_u32(b, 0); /* transfers: none */
  il_write(b, 4);
}

#ifdef __cplusplus
}
#endif
#endif /* INTERLUDE_SYSTEM_H */
