#ifndef INTERLUDE_CONTRACT_H
#define INTERLUDE_CONTRACT_H
/*
 * Interlude contract SDK: a header-only, freestanding C99 library for contracts compiled with
 * `clang --target=wasm32 -O2 -nostdlib -ffreestanding` (see cmake/InterludeContracts.cmake).
 *
 * A contract never touches state. It reads its input (the 1024-byte context header followed by the
 * calldata, protocol.md §9.2), writes its output, and asks the host for everything else with
 * `_exec(syscall id, input, ...)` (protocol.md §4, §9.3), which suspends the contract until the
 * host has served the request and resumed it.
 *
 * Conventions
 *  - Exports: a contract defines `IL_EXPORT("main") void ...(void)` and `IL_EXPORT("deploy")`
 *    (protocol.md §9.1). `main` runs for calls (STATE_MAIN), `deploy` once at creation.
 *  - Integers: il_u256 holds four 64-bit limbs, least significant first. The Solidity ABI encodes
 *    words big-endian (BE); syscall inputs and outputs encode U256 little-endian (LE, protocol.md
 *    §4.2). Hashes, topics and addresses are raw bytes in both.
 *  - Fuel: every import charges fuel (protocol.md §1.2, §1.3); 20 fuel = 1 gas. The helpers issue
 *    one import call each unless their comment says otherwise.
 *  - Failures: helpers whose syscall cannot fail in a well-formed request end the frame with the
 *    syscall's non-zero exit code (`_exit(code)`); call and create helpers return the exit code.
 *
 * The header also compiles as C++ (extern "C") on a native target, where the imports are plain
 * declarations: the constants, types and pure helpers are usable from host-side tests.
 */
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__wasm__)
/** Binds a declaration to the import `name` of module "fluentbase_v1preview" (protocol.md §1.1). */
#define IL_IMPORT(name) __attribute__((import_module("fluentbase_v1preview"), import_name(name)))
#else
#define IL_IMPORT(name)
#endif
/** Exports a function under `name` (`main` and `deploy`, both () -> (), protocol.md §9.1). */
#define IL_EXPORT(name) __attribute__((export_name(name)))

/* ---------------------------------------------------------------------------------------------
 * Layer A imports (protocol.md §1.3, semantics §1.4). Pointers are wasm32 i32 offsets into the
 * contract's linear memory; lengths are bytes. Fuel per call in brackets.
 * ------------------------------------------------------------------------------------------- */

/** `_exit(code)` [0]: ends the frame with `code` (0 Ok, -1 revert; positive codes halt with
 *  NonNegativeExitCode -1005; undefined negative codes become UnknownError -1006). */
IL_IMPORT("_exit") __attribute__((noreturn)) void il_exit(int32_t code);
/** `_state()` [400]: IL_STATE_MAIN (0) in `main`, IL_STATE_DEPLOY (1) in `deploy`. */
IL_IMPORT("_state") uint32_t il_state(void);
/** `_read(target, offset, length)` [400 + 60/word]: copies input[offset, offset+length) (context
 *  header included) to `target`; out of range halts with InputOutputOutOfBounds (-1007). */
IL_IMPORT("_read") void il_read(void* target, uint32_t offset, uint32_t length);
/** `_input_size()` [400]: input length in bytes, 1024-byte context header included. */
IL_IMPORT("_input_size") uint32_t il_input_size(void);
/** `_write(ptr, length)` [400 + 60/word]: appends bytes to the frame's output (cap 1 MiB per frame,
 *  above it the frame halts with OutOfMemory -1014). */
IL_IMPORT("_write") void il_write(const void* ptr, uint32_t length);
/** `_output_size()` [400]: size of the return data of the last `_exec` (a callee's output). */
IL_IMPORT("_output_size") uint32_t il_output_size(void);
/** `_read_output(target, offset, length)` [400 + 60/word]: copies return data; out of range halts
 *  with InputOutputOutOfBounds (-1007). */
IL_IMPORT("_read_output") void il_read_output(void* target, uint32_t offset, uint32_t length);
/** `_forward_output(offset, length)` [400 + 60/word]: appends return data to the output. */
IL_IMPORT("_forward_output") void il_forward_output(uint32_t offset, uint32_t length);
/** `_exec(hash32, input, input_len, fuel16, state)` [(3w + w*w/512) * 20, w = words of input]:
 *  issues the syscall whose 32-byte id is at `hash32` (protocol.md §3.3, §4.1). `fuel16` is
 *  {fuel limit as u64 (-1 = no limit), ignored} on entry and {fuel consumed, fuel refunded} on
 *  return. Returns the syscall's exit code (0 Ok, -1 revert, other ExitCode on failure). */
IL_IMPORT("_exec") int32_t il_exec(const void* hash32, const void* input, uint32_t input_len, int64_t* fuel16,
                                   uint32_t state);
/** `_resume(call_id, ret, ret_len, exit_code, fuel16)` [0]: root-only; a contract calling it halts
 *  with RootCallOnly (-1002) (protocol.md §3.6). A root-STF run in root mode (Interlude profile;
 *  examples/root_stf) continues the runtime interrupted as `call_id` with the return data `ret`,
 *  `exit_code` and the fuel pair in `fuel16` (overwritten with the segment's pair), and gets its
 *  final exit code or a new call_id; in root mode `_exec` runs the contract whose code hash is
 *  `hash32` the same way. */
IL_IMPORT("_resume") int32_t il_resume(uint32_t call_id, const void* ret, uint32_t ret_len, int32_t exit_code,
                                       int64_t* fuel16);
/** `_fuel()` [400]: remaining fuel of the frame. */
IL_IMPORT("_fuel") int64_t il_fuel(void);
/** `_charge_fuel(amount)` [400 + amount]: burns `amount` fuel (OutOfFuel trap if it is not there). */
IL_IMPORT("_charge_fuel") void il_charge_fuel(int64_t amount);
/** `_debug_log(ptr, length)` [1000 + 320/word]: a debug message; no effect on results. */
IL_IMPORT("_debug_log") void il_debug_log(const void* ptr, uint32_t length);
/** `_keccak256(data, length, out32)` [600 + 120/word]: Keccak-256 (Ethereum padding) into out32. */
IL_IMPORT("_keccak256") void il_keccak256(const void* data, uint32_t length, void* out32);
/** `_enter_unconstrained()`, `_exit_unconstrained()` [0]: no-ops (kept for zkVM compatibility). */
IL_IMPORT("_enter_unconstrained") void il_enter_unconstrained(void);
IL_IMPORT("_exit_unconstrained") void il_exit_unconstrained(void);

/* ---------------------------------------------------------------------------------------------
 * Builtins (protocol.md §1.5, §1.6), SP1-compatible. Integers and field elements are
 * little-endian; a point is affine x ‖ y; the result overwrites the first operand. An invalid
 * operand halts with MalformedBuiltinParams (-1003); an operand outside memory traps
 * MemoryOutOfBounds (-2002). Fuel per call in brackets.
 * ------------------------------------------------------------------------------------------- */

/** `_sha256(data, length, out32)` [1200 + 240/word]: SHA-256 digest into out32. */
IL_IMPORT("_sha256") void il_sha256(const void* data, uint32_t length, void* out32);
/** `_blake3(data, length, out32)` [1200 + 240/word]: BLAKE3 hash (32 bytes) into out32. */
IL_IMPORT("_blake3") void il_blake3(const void* data, uint32_t length, void* out32);
/** `_keccak256_permute(state)` [600]: Keccak-f[1600] on 25 u64 lanes (lane x + 5y), in place. */
IL_IMPORT("_keccak256_permute") void il_keccak256_permute(uint64_t state[25]);
/** `_sha256_extend(w)` [1200]: fills the SHA-256 message schedule w[16..64) from w[0..16). */
IL_IMPORT("_sha256_extend") void il_sha256_extend(uint32_t w[64]);
/** `_sha256_compress(h, w)` [1200]: one SHA-256 compression of the schedule w into the state h. */
IL_IMPORT("_sha256_compress") void il_sha256_compress(uint32_t h[8], const uint32_t w[64]);

/** `_ed25519_add(p, q)` [30000]: p ← p + q on edwards25519 (64-byte points). */
IL_IMPORT("_ed25519_add") void il_ed25519_add(uint8_t p[64], const uint8_t q[64]);
/** `_ed25519_decompress(point, sign)` [100000]: point = x ‖ y; writes x from y (bit 255 ignored)
 *  and sign (the parity of x, 0 or 1). Halts -1003 if sign > 1 or y is not on the curve. */
IL_IMPORT("_ed25519_decompress") void il_ed25519_decompress(uint8_t point[64], uint32_t sign);

/** `_tower_fp1_<field>_{add,sub,mul}(x, y)` [bn254 120/120/480, bls12381 160/160/640]: x ← x op y
 *  mod p (32-byte bn254 or 48-byte bls12-381 elements). sub halts -1003 if y > x + p. */
IL_IMPORT("_tower_fp1_bn254_add") void il_tower_fp1_bn254_add(uint8_t x[32], const uint8_t y[32]);
IL_IMPORT("_tower_fp1_bn254_sub") void il_tower_fp1_bn254_sub(uint8_t x[32], const uint8_t y[32]);
IL_IMPORT("_tower_fp1_bn254_mul") void il_tower_fp1_bn254_mul(uint8_t x[32], const uint8_t y[32]);
IL_IMPORT("_tower_fp1_bls12381_add") void il_tower_fp1_bls12381_add(uint8_t x[48], const uint8_t y[48]);
IL_IMPORT("_tower_fp1_bls12381_sub") void il_tower_fp1_bls12381_sub(uint8_t x[48], const uint8_t y[48]);
IL_IMPORT("_tower_fp1_bls12381_mul") void il_tower_fp1_bls12381_mul(uint8_t x[48], const uint8_t y[48]);
/** `_tower_fp2_<field>_{add,sub,mul}(x, y, _, _)` [bn254 240/240/960, bls12381 320/320/1280]:
 *  x ← x op y in Fp2 = Fp[u]/(u² + 1). x and y are contiguous c0 ‖ c1 buffers; the host reads only
 *  the first two params (protocol.md §1.6 (observed)), pass x + size and y + size as the other two. */
IL_IMPORT("_tower_fp2_bn254_add") void il_tower_fp2_bn254_add(uint8_t x[64], uint8_t* x_c1, const uint8_t y[64],
                                                        const uint8_t* y_c1);
IL_IMPORT("_tower_fp2_bn254_sub") void il_tower_fp2_bn254_sub(uint8_t x[64], uint8_t* x_c1, const uint8_t y[64],
                                                        const uint8_t* y_c1);
IL_IMPORT("_tower_fp2_bn254_mul") void il_tower_fp2_bn254_mul(uint8_t x[64], uint8_t* x_c1, const uint8_t y[64],
                                                        const uint8_t* y_c1);
IL_IMPORT("_tower_fp2_bls12381_add") void il_tower_fp2_bls12381_add(uint8_t x[96], uint8_t* x_c1, const uint8_t y[96],
                                                              const uint8_t* y_c1);
IL_IMPORT("_tower_fp2_bls12381_sub") void il_tower_fp2_bls12381_sub(uint8_t x[96], uint8_t* x_c1, const uint8_t y[96],
                                                              const uint8_t* y_c1);
IL_IMPORT("_tower_fp2_bls12381_mul") void il_tower_fp2_bls12381_mul(uint8_t x[96], uint8_t* x_c1, const uint8_t y[96],
                                                              const uint8_t* y_c1);

/** Short-Weierstrass curves (secp256k1, secp256r1, bn254 G1: 64-byte points; bls12-381 G1:
 *  96-byte points), SP1 affine formulas: no point at infinity, points are not checked to be on the
 *  curve. `_<curve>_add(p, q)` [3000; bls12381 12000]: p ← p + q; halts -1003 if p and q are equal
 *  (use double) or a coordinate is ≥ p. `_<curve>_double(p)` [3000; bls12381 12000]: p ← 2p.
 *  `_<curve>_decompress(point, sign)` [80000; bls12381 12000]: point = y ‖ x: reads x from the
 *  second half, writes y to the first; sign is y's parity (bls12381: 1 = the larger of y, p − y);
 *  halts -1003 if sign > 1, x ≥ p or x is not on the curve. */
IL_IMPORT("_secp256k1_add") void il_secp256k1_add(uint8_t p[64], const uint8_t q[64]);
IL_IMPORT("_secp256k1_double") void il_secp256k1_double(uint8_t p[64]);
IL_IMPORT("_secp256k1_decompress") void il_secp256k1_decompress(uint8_t point[64], uint32_t sign);
IL_IMPORT("_secp256r1_add") void il_secp256r1_add(uint8_t p[64], const uint8_t q[64]);
IL_IMPORT("_secp256r1_double") void il_secp256r1_double(uint8_t p[64]);
IL_IMPORT("_secp256r1_decompress") void il_secp256r1_decompress(uint8_t point[64], uint32_t sign);
IL_IMPORT("_bn254_add") void il_bn254_add(uint8_t p[64], const uint8_t q[64]);
IL_IMPORT("_bn254_double") void il_bn254_double(uint8_t p[64]);
IL_IMPORT("_bls12381_add") void il_bls12381_add(uint8_t p[96], const uint8_t q[96]);
IL_IMPORT("_bls12381_double") void il_bls12381_double(uint8_t p[96]);
IL_IMPORT("_bls12381_decompress") void il_bls12381_decompress(uint8_t point[96], uint32_t sign);

/** `_uint256_mul_mod(x, y, m)` [160]: x ← x·y mod m on 32-byte integers (m = 0: mod 2^256). */
IL_IMPORT("_uint256_mul_mod") void il_uint256_mul_mod(uint8_t x[32], const uint8_t y[32], const uint8_t m[32]);
/** `_uint256_x2048_mul(a, b, lo, hi)` [100000]: a (32 bytes) · b (256 bytes) = hi · 2^2048 + lo,
 *  lo 256 bytes, hi 32 bytes. */
IL_IMPORT("_uint256_x2048_mul") void il_uint256_x2048_mul(const uint8_t a[32], const uint8_t b[256], uint8_t lo[256],
                                                          uint8_t hi[32]);

/* ---------------------------------------------------------------------------------------------
 * Freestanding support. clang lowers struct copies and zeroing to memcpy/memset calls; without
 * -mbulk-memory they are not inlined, so every contract gets these (weak: any other definition
 * wins). Byte loops: -ffreestanding keeps clang from turning them back into calls.
 * ------------------------------------------------------------------------------------------- */

/** Copies `n` bytes; the ranges must not overlap. */
static inline void il_copy(void* dst, const void* src, uint32_t n) {
  uint8_t* d = (uint8_t*)dst;
  const uint8_t* s = (const uint8_t*)src;
  for (uint32_t i = 0; i < n; ++i) d[i] = s[i];
}
/** Sets `n` bytes to `value`. */
static inline void il_fill(void* dst, uint8_t value, uint32_t n) {
  uint8_t* d = (uint8_t*)dst;
  for (uint32_t i = 0; i < n; ++i) d[i] = value;
}
/** Compares `n` bytes: 0 if equal, else the difference of the first differing bytes. */
static inline int il_compare(const void* a, const void* b, uint32_t n) {
  const uint8_t* x = (const uint8_t*)a;
  const uint8_t* y = (const uint8_t*)b;
  for (uint32_t i = 0; i < n; ++i)
    if (x[i] != y[i]) return (int)x[i] - (int)y[i];
  return 0;
}
/** Length of a NUL-terminated string in bytes. */
static inline uint32_t il_strlen(const char* s) {
  uint32_t n = 0;
  while (s[n]) ++n;
  return n;
}

#if defined(__wasm__)
__attribute__((weak)) void* memcpy(void* dst, const void* src, __SIZE_TYPE__ n) {
  il_copy(dst, src, (uint32_t)n);
  return dst;
}
__attribute__((weak)) void* memmove(void* dst, const void* src, __SIZE_TYPE__ n) {
  uint8_t* d = (uint8_t*)dst;
  const uint8_t* s = (const uint8_t*)src;
  if (d < s)
    for (__SIZE_TYPE__ i = 0; i < n; ++i) d[i] = s[i];
  else
    for (__SIZE_TYPE__ i = n; i > 0; --i) d[i - 1] = s[i - 1];
  return dst;
}
__attribute__((weak)) void* memset(void* dst, int value, __SIZE_TYPE__ n) {
  il_fill(dst, (uint8_t)value, (uint32_t)n);
  return dst;
}
__attribute__((weak)) int memcmp(const void* a, const void* b, __SIZE_TYPE__ n) {
  return il_compare(a, b, (uint32_t)n);
}
#endif

/* ---------------------------------------------------------------------------------------------
 * Protocol constants
 * ------------------------------------------------------------------------------------------- */

/** `_state()` values (protocol.md §8). */
enum { IL_STATE_MAIN = 0, IL_STATE_DEPLOY = 1 };

/** ExitCode values (protocol.md §2.1): the results of `_exec` and the codes for `_exit`.
 *  (-3, -3001 and -3002 are omitted: a contract can neither receive nor produce them.) */
enum il_exit_code {
  IL_EXIT_OK = 0,
  IL_EXIT_PANIC = -1, /* revert: the callee's unused gas comes back */
  IL_EXIT_ROOT_CALL_ONLY = -1002,
  IL_EXIT_MALFORMED_BUILTIN_PARAMS = -1003,
  IL_EXIT_CALL_DEPTH_OVERFLOW = -1004,
  IL_EXIT_NON_NEGATIVE_EXIT_CODE = -1005,
  IL_EXIT_UNKNOWN_ERROR = -1006,
  IL_EXIT_INPUT_OUTPUT_OUT_OF_BOUNDS = -1007,
  IL_EXIT_PRECOMPILE_ERROR = -1008,
  IL_EXIT_NOT_SUPPORTED_BYTECODE = -1009,
  IL_EXIT_STATE_CHANGE_DURING_STATIC_CALL = -1010,
  IL_EXIT_CREATE_CONTRACT_SIZE_LIMIT = -1011,
  IL_EXIT_CREATE_CONTRACT_COLLISION = -1012,
  IL_EXIT_CREATE_CONTRACT_STARTING_WITH_EF = -1013,
  IL_EXIT_OUT_OF_MEMORY = -1014,
  IL_EXIT_INSUFFICIENT_BALANCE = -1015,
  IL_EXIT_UNREACHABLE_CODE_REACHED = -2001,
  IL_EXIT_MEMORY_OUT_OF_BOUNDS = -2002,
  IL_EXIT_TABLE_OUT_OF_BOUNDS = -2003,
  IL_EXIT_INDIRECT_CALL_TO_NULL = -2004,
  IL_EXIT_INTEGER_DIVISION_BY_ZERO = -2005,
  IL_EXIT_INTEGER_OVERFLOW = -2006,
  IL_EXIT_BAD_CONVERSION_TO_INTEGER = -2007,
  IL_EXIT_STACK_OVERFLOW = -2008,
  IL_EXIT_BAD_SIGNATURE = -2009,
  IL_EXIT_OUT_OF_FUEL = -2010,
  IL_EXIT_UNKNOWN_EXTERNAL_FUNCTION = -2011
};

/** Syscall id bytes (protocol.md §4.1). The 32-byte id passed to `_exec` is 31 zero bytes followed
 *  by this byte. The SDK helpers below cover every id except UPGRADE_EVM_RUNTIME (which halts with
 *  NotSupportedBytecode until Interlude has an EVM). */
enum il_syscall_id {
  IL_SYSCALL_STORAGE_READ = 0x01,
  IL_SYSCALL_STORAGE_WRITE = 0x02,
  IL_SYSCALL_CALL = 0x03,
  IL_SYSCALL_STATIC_CALL = 0x04,
  IL_SYSCALL_CALL_CODE = 0x05,
  IL_SYSCALL_DELEGATE_CALL = 0x06,
  IL_SYSCALL_CREATE = 0x07,
  IL_SYSCALL_CREATE2 = 0x08,
  IL_SYSCALL_EMIT_LOG = 0x09,
  IL_SYSCALL_DESTROY_ACCOUNT = 0x0a,
  IL_SYSCALL_BALANCE = 0x0b,
  IL_SYSCALL_SELF_BALANCE = 0x0c,
  IL_SYSCALL_CODE_SIZE = 0x0d,
  IL_SYSCALL_CODE_HASH = 0x0e,
  IL_SYSCALL_CODE_COPY = 0x0f,
  IL_SYSCALL_TRANSIENT_READ = 0x11,
  IL_SYSCALL_TRANSIENT_WRITE = 0x12,
  IL_SYSCALL_BLOCK_HASH = 0x13,
  IL_SYSCALL_METADATA_WRITE = 0x40,
  IL_SYSCALL_METADATA_SIZE = 0x41,
  IL_SYSCALL_METADATA_CREATE = 0x42,
  IL_SYSCALL_METADATA_COPY = 0x43,
  IL_SYSCALL_METADATA_STORAGE_READ = 0x44,
  IL_SYSCALL_METADATA_STORAGE_WRITE = 0x45,
  IL_SYSCALL_METADATA_ACCOUNT_OWNER = 0x46,
  IL_SYSCALL_UPGRADE_EVM_RUNTIME = 0xfe,
  IL_SYSCALL_UPGRADE_WASM_RUNTIME = 0xff
};

/** Fuel limit meaning "all the fuel the host allows" (u64::MAX as i64, protocol.md §9.3). */
#define IL_FUEL_UNLIMITED ((int64_t)-1)

/** Largest `_exec` input the call/create/log helpers assemble, in bytes (they build it in a stack
 *  buffer of this size). Define it before including this header to change it. */
#ifndef IL_MAX_EXEC_INPUT
#define IL_MAX_EXEC_INPUT 8192u
#endif

/* ---------------------------------------------------------------------------------------------
 * Types
 * ------------------------------------------------------------------------------------------- */

/** An account address: 20 raw bytes. */
typedef struct {
  uint8_t bytes[20];
} il_address;

/** A 32-byte word in raw byte order: hashes, log topics, salts as given. */
typedef struct {
  uint8_t bytes[32];
} il_bytes32;

/** An unsigned 256-bit integer: limb[0] holds the least significant 64 bits. Arithmetic wraps
 *  modulo 2^256; add/sub report the carry/borrow. */
typedef struct {
  uint64_t limb[4];
} il_u256;

/** Little-endian u64 load/store (context header integers, protocol.md §9.2). */
static inline uint64_t il_load_u64_le(const uint8_t* p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}
static inline void il_store_u64_le(uint8_t* p, uint64_t v) {
  for (int i = 0; i < 8; ++i) p[i] = (uint8_t)(v >> (8 * i));
}

/** The value `v`. */
static inline il_u256 il_u256_from_u64(uint64_t v) {
  il_u256 r = {{v, 0, 0, 0}};
  return r;
}
/** The low 64 bits of `a`. */
static inline uint64_t il_u256_to_u64(const il_u256* a) { return a->limb[0]; }
/** 2^256 - 1. */
static inline il_u256 il_u256_max(void) {
  il_u256 r = {{~0ull, ~0ull, ~0ull, ~0ull}};
  return r;
}
/** 1 if `a` is zero, else 0. */
static inline int il_u256_is_zero(const il_u256* a) {
  return (a->limb[0] | a->limb[1] | a->limb[2] | a->limb[3]) == 0;
}
/** -1 if a < b, 0 if equal, 1 if a > b. */
static inline int il_u256_cmp(const il_u256* a, const il_u256* b) {
  for (int i = 3; i >= 0; --i)
    if (a->limb[i] != b->limb[i]) return a->limb[i] < b->limb[i] ? -1 : 1;
  return 0;
}
/** r = a + b mod 2^256; returns the carry out (1 if the true sum exceeds 2^256 - 1). r may alias. */
static inline uint32_t il_u256_add(il_u256* r, const il_u256* a, const il_u256* b) {
  uint64_t carry = 0;
  for (int i = 0; i < 4; ++i) {
    uint64_t s = a->limb[i] + carry;
    uint64_t c1 = s < carry;
    uint64_t t = s + b->limb[i];
    carry = c1 | (t < s);
    r->limb[i] = t;
  }
  return (uint32_t)carry;
}
/** r = a - b mod 2^256; returns the borrow out (1 if b > a). r may alias. */
static inline uint32_t il_u256_sub(il_u256* r, const il_u256* a, const il_u256* b) {
  uint64_t borrow = 0;
  for (int i = 0; i < 4; ++i) {
    uint64_t x = a->limb[i];
    uint64_t d = x - b->limb[i];
    uint64_t b1 = x < b->limb[i];
    r->limb[i] = d - borrow;
    borrow = b1 | (d < borrow);
  }
  return (uint32_t)borrow;
}
/** `x` with its 8 bytes in reverse order, in 11 wasm operations: swap adjacent bytes, then
 *  adjacent byte pairs, then the two halves. The empty asm statements keep clang from seeing the
 *  whole as a byte swap: wasm has no byte-swap instruction, and clang's general expansion of one
 *  takes twice the operations (one load or store per byte in the BE functions below). */
static inline uint64_t il_bswap64(uint64_t x) {
  __asm__("" : "+r"(x));
  x = ((x & 0x00FF00FF00FF00FFull) << 8) | ((x >> 8) & 0x00FF00FF00FF00FFull);
  __asm__("" : "+r"(x));
  x = ((x & 0x0000FFFF0000FFFFull) << 16) | ((x >> 16) & 0x0000FFFF0000FFFFull);
  return (x << 32) | (x >> 32);
}
/** Decodes 32 bytes, most significant first (Solidity ABI word). */
static inline il_u256 il_u256_from_be(const uint8_t* be32) {
  il_u256 r;
  for (int i = 0; i < 4; ++i) r.limb[i] = il_bswap64(il_load_u64_le(be32 + (3 - i) * 8));
  return r;
}
/** Encodes 32 bytes, most significant first (Solidity ABI word). */
static inline void il_u256_to_be(const il_u256* a, uint8_t* be32) {
  for (int i = 0; i < 4; ++i) il_store_u64_le(be32 + (3 - i) * 8, il_bswap64(a->limb[i]));
}
/** Decodes 32 bytes, least significant first (syscall U256, protocol.md §4.2). */
static inline il_u256 il_u256_from_le(const uint8_t* le32) {
  il_u256 r;
  for (int i = 0; i < 4; ++i) r.limb[i] = il_load_u64_le(le32 + 8 * i);
  return r;
}
/** Encodes 32 bytes, least significant first (syscall U256, protocol.md §4.2). */
static inline void il_u256_to_le(const il_u256* a, uint8_t* le32) {
  for (int i = 0; i < 4; ++i) il_store_u64_le(le32 + 8 * i, a->limb[i]);
}

/** 1 if the addresses are equal, else 0. */
static inline int il_address_eq(const il_address* a, const il_address* b) {
  return il_compare(a->bytes, b->bytes, 20) == 0;
}
/** Solidity ABI word of an address: 12 zero bytes, then the 20 address bytes. */
static inline void il_address_to_word(const il_address* a, uint8_t* word32) {
  il_fill(word32, 0, 12);
  il_copy(word32 + 12, a->bytes, 20);
}

/* ---------------------------------------------------------------------------------------------
 * Context header (protocol.md §9.2): the first 1024 bytes of the input. Integers u64 LE, U256 BE,
 * addresses raw. Each accessor reads its field with one `_read`.
 * ------------------------------------------------------------------------------------------- */

enum il_context_offset {
  IL_CTX_BLOCK_CHAIN_ID = 0,             /* u64 LE */
  IL_CTX_BLOCK_COINBASE = 8,             /* 20 bytes */
  IL_CTX_BLOCK_TIMESTAMP = 28,           /* u64 LE, seconds */
  IL_CTX_BLOCK_NUMBER = 36,              /* u64 LE */
  IL_CTX_BLOCK_DIFFICULTY = 44,          /* U256 BE */
  IL_CTX_BLOCK_PREV_RANDAO = 76,         /* 32 bytes */
  IL_CTX_BLOCK_GAS_LIMIT = 108,          /* u64 LE, gas */
  IL_CTX_BLOCK_BASE_FEE = 116,           /* U256 BE, wei per gas */
  IL_CTX_TX_GAS_LIMIT = 148,             /* u64 LE, gas */
  IL_CTX_TX_NONCE = 156,                 /* u64 LE */
  IL_CTX_TX_GAS_PRICE = 164,             /* U256 BE, wei per gas */
  IL_CTX_TX_GAS_PRIORITY_FEE_SET = 196,  /* 1 byte bool */
  IL_CTX_TX_GAS_PRIORITY_FEE = 197,      /* U256 BE, wei per gas */
  IL_CTX_TX_ORIGIN = 229,                /* 20 bytes */
  IL_CTX_TX_VALUE = 249,                 /* U256 BE, wei */
  IL_CTX_CONTRACT_ADDRESS = 281,         /* 20 bytes: the account being executed (storage owner) */
  IL_CTX_CONTRACT_BYTECODE_ADDRESS = 301,/* 20 bytes: the account whose code runs */
  IL_CTX_CONTRACT_CALLER = 321,          /* 20 bytes: msg.sender */
  IL_CTX_CONTRACT_IS_STATIC = 341,       /* 1 byte bool */
  IL_CTX_CONTRACT_VALUE = 342,           /* U256 BE, wei: msg.value */
  IL_CTX_CONTRACT_GAS_LIMIT = 374,       /* u64 LE, gas of the frame at its start */
  IL_CTX_SIZE = 1024                     /* header size; bytes 382..1024 are reserved (zero) */
};

/** Reads a u64 LE / U256 BE / address / bool field of the header at `offset` (one `_read`,
 *  400 + 60 fuel). The named accessors below use these, one per header field. */
static inline uint64_t il_ctx_u64(uint32_t offset) {
  uint8_t b[8];
  il_read(b, offset, 8);
  return il_load_u64_le(b);
}
static inline il_u256 il_ctx_u256(uint32_t offset) {
  uint8_t b[32];
  il_read(b, offset, 32);
  return il_u256_from_be(b);
}
static inline il_address il_ctx_address(uint32_t offset) {
  il_address a;
  il_read(a.bytes, offset, 20);
  return a;
}
static inline int il_ctx_bool(uint32_t offset) {
  uint8_t b;
  il_read(&b, offset, 1);
  return b != 0;
}

static inline uint64_t il_block_chain_id(void) { return il_ctx_u64(IL_CTX_BLOCK_CHAIN_ID); }
static inline il_address il_block_coinbase(void) { return il_ctx_address(IL_CTX_BLOCK_COINBASE); }
static inline uint64_t il_block_timestamp(void) { return il_ctx_u64(IL_CTX_BLOCK_TIMESTAMP); }
static inline uint64_t il_block_number(void) { return il_ctx_u64(IL_CTX_BLOCK_NUMBER); }
static inline il_u256 il_block_difficulty(void) { return il_ctx_u256(IL_CTX_BLOCK_DIFFICULTY); }
static inline il_bytes32 il_block_prev_randao(void) {
  il_bytes32 r;
  il_read(r.bytes, IL_CTX_BLOCK_PREV_RANDAO, 32);
  return r;
}
static inline uint64_t il_block_gas_limit(void) { return il_ctx_u64(IL_CTX_BLOCK_GAS_LIMIT); }
static inline il_u256 il_block_base_fee(void) { return il_ctx_u256(IL_CTX_BLOCK_BASE_FEE); }
static inline uint64_t il_tx_gas_limit(void) { return il_ctx_u64(IL_CTX_TX_GAS_LIMIT); }
static inline uint64_t il_tx_nonce(void) { return il_ctx_u64(IL_CTX_TX_NONCE); }
static inline il_u256 il_tx_gas_price(void) { return il_ctx_u256(IL_CTX_TX_GAS_PRICE); }
/** EIP-1559 priority fee: 1 and `*fee` set if the transaction has one, else 0 (two `_read`s). */
static inline int il_tx_gas_priority_fee(il_u256* fee) {
  if (!il_ctx_bool(IL_CTX_TX_GAS_PRIORITY_FEE_SET)) return 0;
  *fee = il_ctx_u256(IL_CTX_TX_GAS_PRIORITY_FEE);
  return 1;
}
static inline il_address il_tx_origin(void) { return il_ctx_address(IL_CTX_TX_ORIGIN); }
static inline il_u256 il_tx_value(void) { return il_ctx_u256(IL_CTX_TX_VALUE); }
static inline il_address il_contract_address(void) { return il_ctx_address(IL_CTX_CONTRACT_ADDRESS); }
static inline il_address il_contract_bytecode_address(void) {
  return il_ctx_address(IL_CTX_CONTRACT_BYTECODE_ADDRESS);
}
static inline il_address il_contract_caller(void) { return il_ctx_address(IL_CTX_CONTRACT_CALLER); }
static inline int il_contract_is_static(void) { return il_ctx_bool(IL_CTX_CONTRACT_IS_STATIC); }
static inline il_u256 il_contract_value(void) { return il_ctx_u256(IL_CTX_CONTRACT_VALUE); }
static inline uint64_t il_contract_gas_limit(void) { return il_ctx_u64(IL_CTX_CONTRACT_GAS_LIMIT); }

/* ---------------------------------------------------------------------------------------------
 * Input, output, revert (protocol.md §9.1, §9.2)
 * ------------------------------------------------------------------------------------------- */

/** Payload (calldata) size in bytes: `_input_size() - 1024`. An input shorter than the header ends
 *  the frame with InputOutputOutOfBounds (-1007), like the reference SDK. */
static inline uint32_t il_payload_size(void) {
  uint32_t n = il_input_size();
  if (n < IL_CTX_SIZE) il_exit(IL_EXIT_INPUT_OUTPUT_OUT_OF_BOUNDS);
  return n - IL_CTX_SIZE;
}
/** Copies payload[offset, offset+length) to `target`; out of range halts with -1007. */
static inline void il_payload_read(void* target, uint32_t offset, uint32_t length) {
  il_read(target, IL_CTX_SIZE + offset, length);
}

/** Writes `length` bytes as the output and ends the frame with Ok. */
__attribute__((noreturn)) static inline void il_return(const void* data, uint32_t length) {
  il_write(data, length);
  il_exit(IL_EXIT_OK);
}
/** Ends the frame with Panic (-1): revert, state changes undone, unused gas returned. The output
 *  written so far becomes the revert data. */
__attribute__((noreturn)) static inline void il_revert(void) { il_exit(IL_EXIT_PANIC); }

/** Writes the Solidity ABI encoding of a dynamic byte string (offset 0x20, length, data padded to
 *  32 bytes) after an optional 4-byte selector (0 = none): 3 `_write`s. */
static inline void il_write_abi_string(uint32_t selector, const char* s) {
  uint8_t head[4 + 64];
  uint8_t pad[32];
  uint32_t n = il_strlen(s), skip = selector ? 0 : 4;
  il_fill(head, 0, sizeof head);
  il_fill(pad, 0, sizeof pad);
  for (int i = 0; i < 4; ++i) head[i] = (uint8_t)(selector >> (24 - 8 * i));
  head[4 + 31] = 0x20;
  for (int i = 0; i < 4; ++i) head[4 + 63 - i] = (uint8_t)(n >> (8 * i));
  il_write(head + skip, sizeof head - skip);
  il_write(s, n);
  il_write(pad, (32 - n % 32) % 32);
}

/** Solidity `Error(string)` selector (keccak256("Error(string)")[0..4]). */
#define IL_ERROR_SELECTOR 0x08c379a0u

/** Reverts with Solidity `Error(string)` revert data: 0x08c379a0 ‖ ABI(string) (protocol.md §9.1). */
__attribute__((noreturn)) static inline void il_revert_msg(const char* message) {
  il_write_abi_string(IL_ERROR_SELECTOR, message);
  il_exit(IL_EXIT_PANIC);
}

/* ---------------------------------------------------------------------------------------------
 * Syscalls (protocol.md §4.1 ids, §4.3 layouts, §9.3 usage)
 * ------------------------------------------------------------------------------------------- */

/** Issues the syscall whose 32-byte id is at `hash32` (see IL_SYSCALL_HASH) with `input` via
 *  `_exec` (state STATE_MAIN). `fuel_limit` caps the fuel a nested frame may get
 *  (IL_FUEL_UNLIMITED: as much as the 63/64 rule allows). Returns the exit code; the syscall's
 *  output is then readable with il_output_size/il_read_output. */
static inline int32_t il_syscall_at(const uint8_t* hash32, const void* input, uint32_t length, int64_t fuel_limit) {
  /* No limit: fuel16_ptr 0 gives the syscall all remaining fuel (protocol.md §3.3), as
   * {u64::MAX, 0} would, without a buffer to store and have written back. */
  if (fuel_limit == IL_FUEL_UNLIMITED) return il_exec(hash32, input, length, 0, IL_STATE_MAIN);
  int64_t fuel16[2] = {fuel_limit, 0};
  return il_exec(hash32, input, length, fuel16, IL_STATE_MAIN);
}
/** The 32-byte id of syscall `id` (31 zero bytes, then `id`; protocol.md §4.1) as constant data,
 *  so that issuing the syscall stores nothing for it. `id` must be a constant expression (a GNU
 *  statement expression: clang and gcc). */
#define IL_SYSCALL_HASH(id)                                                                    \
  ({                                                                                           \
    static const uint8_t il_syscall_hash_[32] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,        \
                                                 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (id)}; \
    il_syscall_hash_;                                                                          \
  })
/** il_syscall_at with the id byte `id` (any value, built on the stack). */
static inline int32_t il_syscall(uint8_t id, const void* input, uint32_t length, int64_t fuel_limit) {
  uint8_t hash[32] = {0};
  hash[31] = id;
  return il_syscall_at(hash, input, length, fuel_limit);
}
/** il_syscall_at with IL_FUEL_UNLIMITED that ends the frame with the exit code unless it is Ok. */
__attribute__((noinline)) static inline void il_syscall_ok_at(const uint8_t* hash32, const void* input, uint32_t length) {
  int32_t code = il_syscall_at(hash32, input, length, IL_FUEL_UNLIMITED);
  if (code != IL_EXIT_OK) il_exit(code);
}
/** il_syscall_ok_at with the id byte `id`. */
static inline void il_syscall_ok(uint8_t id, const void* input, uint32_t length) {
  int32_t code = il_syscall(id, input, length, IL_FUEL_UNLIMITED);
  if (code != IL_EXIT_OK) il_exit(code);
}
/* wasm32 is little-endian: an il_u256's 32 bytes in memory are its LE encoding, so syscalls pass
 * il_u256 values as input and read U256 outputs straight into them. */
#ifdef __cplusplus
static_assert(sizeof(il_u256) == 32 && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "il_u256 is its LE bytes");
#else
_Static_assert(sizeof(il_u256) == 32 && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "il_u256 is its LE bytes");
#endif
/** Reads 32 bytes of return data as a U256 LE (the output of STORAGE_READ, BALANCE, ...). */
static inline il_u256 il_output_u256_le(void) {
  il_u256 r;
  il_read_output(&r, 0, 32);
  return r;
}

/** SLOAD: value of storage `slot` of this contract. STORAGE_READ, input slot (32 B LE), output value
 *  (32 B LE); gas 2100 cold / 100 warm (EIP-2929). */
static inline il_u256 il_storage_read(const il_u256* slot) {
  il_syscall_ok_at(IL_SYSCALL_HASH(IL_SYSCALL_STORAGE_READ), slot, 32);
  return il_output_u256_le();
}
/** SSTORE: storage `slot` = `value`. STORAGE_WRITE, input slot LE ‖ value LE (64 B); gas per
 *  EIP-2200/2929/3529; halts with -1010 in a static frame. */
__attribute__((noinline)) static inline void il_storage_write(const il_u256* slot, const il_u256* value) {
  il_u256 in[2] = {*slot, *value};
  il_syscall_ok_at(IL_SYSCALL_HASH(IL_SYSCALL_STORAGE_WRITE), in, 64);
}

/** Issues syscall `hash32` with input `prefix[0, prefix_len) ‖ tail[0, tail_len)`, assembled in a stack
 *  buffer. Returns MalformedBuiltinParams (-1003) without issuing anything if the input would exceed
 *  IL_MAX_EXEC_INPUT bytes. */
static inline int32_t il_syscall_prefixed(const uint8_t* hash32, const uint8_t* prefix, uint32_t prefix_len,
                                          const void* tail, uint32_t tail_len) {
  uint8_t buf[IL_MAX_EXEC_INPUT];
  if (tail_len > IL_MAX_EXEC_INPUT - prefix_len) return IL_EXIT_MALFORMED_BUILTIN_PARAMS;
  il_copy(buf, prefix, prefix_len);
  il_copy(buf + prefix_len, tail, tail_len);
  return il_syscall_at(hash32, buf, prefix_len + tail_len, IL_FUEL_UNLIMITED);
}

/** CALL `to` with `value` wei (NULL = 0) and `calldata`. Input: address (20) ‖ value (32 LE) ‖
 *  calldata. Returns the callee's exit code (0 success, -1 revert, other codes: failure); its
 *  output (return or revert data) is the return data in every case. Gas (§4.4): 100, +9000 with
 *  value, +2500 cold, +25000 value to an empty account; the callee gets all but 1/64. */
static inline int32_t il_call(const il_address* to, const il_u256* value, const void* calldata, uint32_t len) {
  uint8_t prefix[52];
  il_u256 zero = il_u256_from_u64(0);
  il_copy(prefix, to->bytes, 20);
  il_u256_to_le(value ? value : &zero, prefix + 20);
  return il_syscall_prefixed(IL_SYSCALL_HASH(IL_SYSCALL_CALL), prefix, 52, calldata, len);
}
/** STATICCALL `to` with `calldata` (input: address ‖ calldata); the callee may not change state.
 *  Result as il_call. */
static inline int32_t il_static_call(const il_address* to, const void* calldata, uint32_t len) {
  return il_syscall_prefixed(IL_SYSCALL_HASH(IL_SYSCALL_STATIC_CALL), to->bytes, 20, calldata, len);
}
/** DELEGATECALL: runs the code of `to` on this contract's storage, caller and value (input:
 *  address ‖ calldata). Result as il_call. */
static inline int32_t il_delegate_call(const il_address* to, const void* calldata, uint32_t len) {
  return il_syscall_prefixed(IL_SYSCALL_HASH(IL_SYSCALL_DELEGATE_CALL), to->bytes, 20, calldata, len);
}

/** CREATE with `value` wei (NULL = 0) and a wasm module as init code (input: value (32 LE) ‖ init
 *  code). The new address is keccak256(rlp([this, nonce]))[12..]. On Ok the 20-byte address (the
 *  return data) is stored in `*created`; otherwise the return data is the revert data. Returns the
 *  exit code. Gas: 2/word of init code, 32000, all but 1/64 to the deploy frame. */
static inline int32_t il_create(const il_u256* value, const void* init_code, uint32_t len, il_address* created) {
  uint8_t prefix[32];
  il_u256 zero = il_u256_from_u64(0);
  il_u256_to_le(value ? value : &zero, prefix);
  int32_t code = il_syscall_prefixed(IL_SYSCALL_HASH(IL_SYSCALL_CREATE), prefix, 32, init_code, len);
  if (code == IL_EXIT_OK) il_read_output(created->bytes, 0, 20);
  return code;
}
/** CREATE2 (EIP-1014): as il_create with `salt` (input: value LE ‖ salt LE ‖ init code); the address
 *  is keccak256(0xff ‖ this ‖ salt as 32 BE bytes ‖ keccak256(init code))[12..]. Gas: CREATE's plus
 *  6/word of init code for hashing. */
static inline int32_t il_create2(const il_u256* value, const il_u256* salt, const void* init_code, uint32_t len,
                                 il_address* created) {
  uint8_t prefix[64];
  il_u256 zero = il_u256_from_u64(0);
  il_u256_to_le(value ? value : &zero, prefix);
  il_u256_to_le(salt, prefix + 32);
  int32_t code = il_syscall_prefixed(IL_SYSCALL_HASH(IL_SYSCALL_CREATE2), prefix, 64, init_code, len);
  if (code == IL_EXIT_OK) il_read_output(created->bytes, 0, 20);
  return code;
}

/** LOG0..LOG4: emits a log from this contract with `n_topics` (<= 4) topics and `data`. Input:
 *  n (1 byte) ‖ topics (32 B each) ‖ data. Gas 375 + 375/topic + 8/byte of data. */
static inline void il_emit_log(const il_bytes32* topics, uint32_t n_topics, const void* data, uint32_t len) {
  uint8_t prefix[1 + 4 * 32];
  if (n_topics > 4) il_exit(IL_EXIT_MALFORMED_BUILTIN_PARAMS);
  prefix[0] = (uint8_t)n_topics;
  il_copy(prefix + 1, topics, 32 * n_topics);
  int32_t code = il_syscall_prefixed(IL_SYSCALL_HASH(IL_SYSCALL_EMIT_LOG), prefix, 1 + 32 * n_topics, data, len);
  if (code != IL_EXIT_OK) il_exit(code);
}

/** BALANCE: balance of `who` in wei (input: address; output 32 B LE). Gas 2600 cold / 100 warm. */
static inline il_u256 il_balance(const il_address* who) {
  il_syscall_ok_at(IL_SYSCALL_HASH(IL_SYSCALL_BALANCE), who->bytes, 20);
  return il_output_u256_le();
}
/** SELFBALANCE: this contract's balance in wei (empty input; output 32 B LE). Gas 5. */
static inline il_u256 il_self_balance(void) {
  il_syscall_ok_at(IL_SYSCALL_HASH(IL_SYSCALL_SELF_BALANCE), 0, 0);
  return il_output_u256_le();
}

/** CALLCODE: runs the code of `to` on this contract's account with `value` wei (NULL = 0) moved from
 *  this contract to itself. Input: address (20) ‖ value (32 LE) ‖ calldata. Allowed in a static
 *  frame (the callee is static too). Result as il_call. Gas as CALL without the new-account cost. */
static inline int32_t il_call_code(const il_address* to, const il_u256* value, const void* calldata, uint32_t len) {
  uint8_t prefix[52];
  il_u256 zero = il_u256_from_u64(0);
  il_copy(prefix, to->bytes, 20);
  il_u256_to_le(value ? value : &zero, prefix + 20);
  return il_syscall_prefixed(IL_SYSCALL_HASH(IL_SYSCALL_CALL_CODE), prefix, 52, calldata, len);
}
/** SELFDESTRUCT (EIP-6780): moves this contract's whole balance to `beneficiary` (input: address);
 *  the contract is deleted at the end of the transaction only if that transaction created it.
 *  Gas 5000, +25000 when value goes to an empty account, +2600 cold; halts -1010 in a static frame. */
static inline void il_destroy_account(const il_address* beneficiary) {
  il_syscall_ok_at(IL_SYSCALL_HASH(IL_SYSCALL_DESTROY_ACCOUNT), beneficiary->bytes, 20);
}
/** EXTCODESIZE: code size of `who` in bytes (input: address; output 32 B LE, of which the low 4 bytes
 *  are read). EVM precompile addresses 0x01..0x11 read 0. Gas 2600 cold / 100 warm. */
static inline uint32_t il_code_size(const il_address* who) {
  uint8_t b[4];
  il_syscall_ok_at(IL_SYSCALL_HASH(IL_SYSCALL_CODE_SIZE), who->bytes, 20);
  il_read_output(b, 0, 4);
  return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}
/** EXTCODEHASH: keccak256 of `who`'s code (input: address; output 32 raw bytes): zero for an empty
 *  account or an EVM precompile address, KECCAK_EMPTY for a non-empty account without code. Gas
 *  2600 cold / 100 warm. */
static inline il_bytes32 il_code_hash(const il_address* who) {
  il_bytes32 h;
  il_syscall_ok_at(IL_SYSCALL_HASH(IL_SYSCALL_CODE_HASH), who->bytes, 20);
  il_read_output(h.bytes, 0, 32);
  return h;
}
/** EXTCODECOPY: copies `len` bytes of `who`'s code from `offset` into `out`, zeros past the end.
 *  Input: address ‖ offset (u64 LE) ‖ length (u64 LE); at most 12 MiB. Gas 3/word, then 2600 cold /
 *  100 warm. */
static inline void il_code_copy(const il_address* who, uint64_t offset, void* out, uint32_t len) {
  uint8_t in[36];
  il_copy(in, who->bytes, 20);
  il_store_u64_le(in + 20, offset);
  il_store_u64_le(in + 28, len);
  il_syscall_ok_at(IL_SYSCALL_HASH(IL_SYSCALL_CODE_COPY), in, 36);
  il_read_output(out, 0, len);
}
/** TLOAD (EIP-1153): transient storage `slot` of this contract (input slot 32 B LE; output 32 B LE).
 *  Gas 100. */
static inline il_u256 il_transient_read(const il_u256* slot) {
  il_syscall_ok_at(IL_SYSCALL_HASH(IL_SYSCALL_TRANSIENT_READ), slot, 32);
  return il_output_u256_le();
}
/** TSTORE (EIP-1153): transient `slot` = `value` until the transaction ends (input slot LE ‖ value
 *  LE). Gas 100; halts -1010 in a static frame. */
static inline void il_transient_write(const il_u256* slot, const il_u256* value) {
  il_u256 in[2] = {*slot, *value};
  il_syscall_ok_at(IL_SYSCALL_HASH(IL_SYSCALL_TRANSIENT_WRITE), in, 64);
}
/** BLOCKHASH: hash of block `number` if it is one of the 256 before the current one, else zero
 *  (input: u64 LE; output 32 raw bytes). Gas 20. */
static inline il_bytes32 il_block_hash(uint64_t number) {
  uint8_t in[8];
  il_bytes32 h;
  il_store_u64_le(in, number);
  il_syscall_ok_at(IL_SYSCALL_HASH(IL_SYSCALL_BLOCK_HASH), in, 8);
  il_read_output(h.bytes, 0, 32);
  return h;
}

/* ---------------------------------------------------------------------------------------------
 * Metadata syscalls (protocol.md §4.4, §7): only for code running as the owner (a runtime) of an
 * ownable account `EF 44 00 ‖ owner ‖ metadata` (§7.1); anywhere else they halt with
 * MalformedBuiltinParams (-1003). No gas except the two storage helpers.
 * ------------------------------------------------------------------------------------------- */

/** METADATA_SIZE of `who` (input: address; output 7 bytes). */
typedef struct {
  uint32_t length;          /**< metadata bytes; 0 unless `who` is ownable and owned by this runtime */
  uint8_t is_same_runtime;  /**< 1 if `who` is an ownable account owned by this runtime */
  uint8_t is_cold;          /**< 1 if `who` was not yet accessed in this transaction (EIP-2929) */
  uint8_t is_empty;         /**< 1 if `who` is empty (EIP-161) */
} il_metadata_info;
static inline il_metadata_info il_metadata_size(const il_address* who) {
  uint8_t b[7];
  il_metadata_info info;
  il_syscall_ok_at(IL_SYSCALL_HASH(IL_SYSCALL_METADATA_SIZE), who->bytes, 20);
  il_read_output(b, 0, 7);
  info.length = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
  info.is_same_runtime = b[4];
  info.is_cold = b[5];
  info.is_empty = b[6];
  return info;
}
/** METADATA_ACCOUNT_OWNER: the owner of `who` (this runtime for the current account), or the zero
 *  address if `who` is not an ownable account (input: address; output 20 bytes). */
static inline il_address il_metadata_account_owner(const il_address* who) {
  il_address owner;
  il_syscall_ok_at(IL_SYSCALL_HASH(IL_SYSCALL_METADATA_ACCOUNT_OWNER), who->bytes, 20);
  il_read_output(owner.bytes, 0, 20);
  return owner;
}
/** METADATA_CREATE: creates the ownable account keccak256(0x44 ‖ this runtime ‖ salt)[12..] with
 *  `metadata` (input: salt 32 B BE ‖ metadata). Returns Ok, or CreateContractCollision (-1012) if
 *  that address has code or a nonce. Halts -1010 in a static frame. */
static inline int32_t il_metadata_create(const il_bytes32* salt_be, const void* metadata, uint32_t len) {
  return il_syscall_prefixed(IL_SYSCALL_HASH(IL_SYSCALL_METADATA_CREATE), salt_be->bytes, 32, metadata, len);
}
/** METADATA_WRITE: replaces the whole metadata of `who`, an account this runtime owns (input:
 *  address ‖ offset u32 LE, ignored ‖ metadata). Halts -1003 for any other account, -1010 in a
 *  static frame. */
static inline void il_metadata_write(const il_address* who, const void* metadata, uint32_t len) {
  uint8_t prefix[24] = {0};
  int32_t code;
  il_copy(prefix, who->bytes, 20);
  code = il_syscall_prefixed(IL_SYSCALL_HASH(IL_SYSCALL_METADATA_WRITE), prefix, 24, metadata, len);
  if (code != IL_EXIT_OK) il_exit(code);
}
/** METADATA_COPY: copies metadata[offset, min(offset + len, size)) of `who`, an account this
 *  runtime owns, to `out`; returns the number of bytes copied (input: address ‖ offset u32 LE ‖
 *  length u32 LE). Halts -1003 for any other account. */
static inline uint32_t il_metadata_copy(const il_address* who, uint32_t offset, void* out, uint32_t len) {
  uint8_t in[28];
  uint32_t n;
  il_copy(in, who->bytes, 20);
  for (int i = 0; i < 4; ++i) {
    in[20 + i] = (uint8_t)(offset >> (8 * i));
    in[24 + i] = (uint8_t)(len >> (8 * i));
  }
  il_syscall_ok_at(IL_SYSCALL_HASH(IL_SYSCALL_METADATA_COPY), in, 28);
  n = il_output_size();
  il_read_output(out, 0, n);
  return n;
}
/** METADATA_STORAGE_READ: SLOAD of `slot` in this runtime's own storage (input slot 32 B LE;
 *  output 32 B LE). Gas 2100 cold / 100 warm. */
static inline il_u256 il_metadata_storage_read(const il_u256* slot) {
  il_syscall_ok_at(IL_SYSCALL_HASH(IL_SYSCALL_METADATA_STORAGE_READ), slot, 32);
  return il_output_u256_le();
}
/** METADATA_STORAGE_WRITE: SSTORE of `slot` in this runtime's own storage (input slot LE ‖ value
 *  LE). Gas and refunds as il_storage_write; halts -1010 in a static frame. */
static inline void il_metadata_storage_write(const il_u256* slot, const il_u256* value) {
  il_u256 in[2] = {*slot, *value};
  il_syscall_ok_at(IL_SYSCALL_HASH(IL_SYSCALL_METADATA_STORAGE_WRITE), in, 64);
}
/** UPGRADE_WASM_RUNTIME: sets the code of `target` to the wasm `module` (input: target ‖ module).
 *  Only the runtime-upgrade precompile 0x…520010 may issue it; any other frame, or a module that
 *  fails the deploy check, halts -1003; a static frame halts -1010. No gas. */
static inline void il_upgrade_wasm_runtime(const il_address* target, const void* module, uint32_t len) {
  int32_t code = il_syscall_prefixed(IL_SYSCALL_HASH(IL_SYSCALL_UPGRADE_WASM_RUNTIME), target->bytes, 20, module, len);
  if (code != IL_EXIT_OK) il_exit(code);
}

/** Appends the whole return data to the output and ends the frame with `exit_code` (e.g. bubbles
 *  a callee's revert data up with IL_EXIT_PANIC). */
__attribute__((noreturn)) static inline void il_forward_return_data(int32_t exit_code) {
  il_forward_output(0, il_output_size());
  il_exit(exit_code);
}

/* ---------------------------------------------------------------------------------------------
 * Solidity ABI and hashing
 * ------------------------------------------------------------------------------------------- */

/** keccak256(data) via `_keccak256`. */
static inline il_bytes32 il_keccak(const void* data, uint32_t len) {
  il_bytes32 r;
  il_keccak256(data, len, r.bytes);
  return r;
}
/** Storage slot of `mapping[key]` for a mapping declared at `slot` (Solidity layout):
 *  keccak256(key word ‖ slot as 32 BE bytes), read as a BE number. `key` is the 32-byte ABI word
 *  of the key (il_address_to_word for addresses). */
static inline il_u256 il_mapping_slot(const uint8_t* key_word32, const il_u256* slot) {
  uint8_t buf[64];
  il_copy(buf, key_word32, 32);
  il_u256_to_be(slot, buf + 32);
  il_bytes32 h = il_keccak(buf, 64);
  return il_u256_from_be(h.bytes);
}
/** Storage slot of `mapping[address]` for a mapping at `slot`. */
static inline il_u256 il_mapping_slot_address(const il_address* key, const il_u256* slot) {
  uint8_t word[32];
  il_address_to_word(key, word);
  return il_mapping_slot(word, slot);
}

/** The 4-byte function selector (payload bytes 0..4 as a BE number); 0 if the payload is shorter
 *  than 4 bytes (check il_payload_size() first to tell a plain call from a call of selector 0). */
static inline uint32_t il_abi_selector(void) {
  uint8_t b[4];
  if (il_payload_size() < 4) return 0;
  il_payload_read(b, 0, 4);
  return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}
/** Reverts (plain, no data) unless the payload holds a selector and `n_args` 32-byte arguments. */
static inline void il_abi_require_args(uint32_t n_args) {
  if (il_payload_size() < 4 + 32 * n_args) il_revert();
}
/** Argument `n` (0-based) as raw 32 bytes: payload bytes 4 + 32n .. 4 + 32n + 32. */
static inline il_bytes32 il_abi_arg_bytes32(uint32_t n) {
  il_bytes32 r;
  il_payload_read(r.bytes, 4 + 32 * n, 32);
  return r;
}
/** Argument `n` as uint256 (BE word). */
static inline il_u256 il_abi_arg_u256(uint32_t n) {
  il_bytes32 w = il_abi_arg_bytes32(n);
  return il_u256_from_be(w.bytes);
}
/** Argument `n` as address; reverts if the 12 high bytes are not zero (as Solidity does). */
static inline il_address il_abi_arg_address(uint32_t n) {
  il_bytes32 w = il_abi_arg_bytes32(n);
  il_address a;
  for (int i = 0; i < 12; ++i)
    if (w.bytes[i]) il_revert();
  il_copy(a.bytes, w.bytes + 12, 20);
  return a;
}

/** Returns a uint256 (one BE word) and ends the frame with Ok. */
__attribute__((noreturn)) static inline void il_return_u256(const il_u256* v) {
  uint8_t w[32];
  il_u256_to_be(v, w);
  il_return(w, 32);
}
/** Returns an address (one ABI word) and ends the frame with Ok. */
__attribute__((noreturn)) static inline void il_return_address(const il_address* a) {
  uint8_t w[32];
  il_address_to_word(a, w);
  il_return(w, 32);
}
/** Returns a bool (one ABI word, 0 or 1) and ends the frame with Ok. */
__attribute__((noreturn)) static inline void il_return_bool(int v) {
  il_u256 x = il_u256_from_u64(v ? 1 : 0);
  il_return_u256(&x);
}
/** Returns a string (ABI: offset 0x20, length, data padded to 32 bytes) and ends with Ok. */
__attribute__((noreturn)) static inline void il_return_string(const char* s) {
  il_write_abi_string(0, s);
  il_exit(IL_EXIT_OK);
}

/** Writes a NUL-terminated debug message with `_debug_log`. */
static inline void il_debug(const char* message) { il_debug_log(message, il_strlen(message)); }

#ifdef __cplusplus
}
#endif
#endif /* INTERLUDE_CONTRACT_H */
