#pragma once
// The engine's internal IR: one X-macro table of every IR op, shared by the compiler
// (compile.cpp: wasm operator -> IR op) and the interpreter (interp.cpp: IR op -> handler).
//
// Code is a stream of 32-bit units. An instruction is its handler address (2 units, the threaded
// dispatch target) followed by its operands, each one unit unless noted:
//   slot  - index of an 8-byte cell relative to the frame pointer (locals first, then the operand
//           stack slots of the function; wasm operand stack height h lives in slot nlocals + h);
//   imm32 - a 32-bit immediate; imm64 - a 64-bit immediate (2 units, low word first);
//   off   - a signed jump offset in units, relative to the start of the jumping instruction.
// Cells hold raw bits: i32/f32 zero-extended to 64 bits, i64/f64 as is, references as handles.
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>

namespace interlude::wasm::ir {

using u32 = uint32_t;
using s32 = int32_t;
using u64 = uint64_t;
using s64 = int64_t;
using f32 = float;
using f64 = double;

// Integer compares: X(name, wasm opcode, operand type, condition on a and b, inverse compare).
// Each yields a binary op (name_rr, name_ri) and a fused compare-and-branch (br_name_rr/_ri:
// jump when the condition holds, in the four fuel forms of br_if), used for `cmp; br_if` and,
// through the inverse, `cmp; if`. An i32 compare-and-branch with an immediate whose operand an
// `i32.add` with an immediate computed just before (a loop counter: `i += k; if (i != n) ...`)
// also fuses with it: br_add_name_ri [dst a imm b off] sets dst = a + imm (mod 2^32), then
// branches on (dst cond b); four fuel forms as well.
#define INTERLUDE_IR_INT_COMPARES(X) INTERLUDE_IR_I32_COMPARES(X) INTERLUDE_IR_I64_COMPARES(X)
#define INTERLUDE_IR_I32_COMPARES(X)              \
  X(i32_eq, 0x46, u32, a == b, i32_ne)            \
  X(i32_ne, 0x47, u32, a != b, i32_eq)            \
  X(i32_lt_s, 0x48, s32, a < b, i32_ge_s)         \
  X(i32_lt_u, 0x49, u32, a < b, i32_ge_u)         \
  X(i32_gt_s, 0x4A, s32, a > b, i32_le_s)         \
  X(i32_gt_u, 0x4B, u32, a > b, i32_le_u)         \
  X(i32_le_s, 0x4C, s32, a <= b, i32_gt_s)        \
  X(i32_le_u, 0x4D, u32, a <= b, i32_gt_u)        \
  X(i32_ge_s, 0x4E, s32, a >= b, i32_lt_s)        \
  X(i32_ge_u, 0x4F, u32, a >= b, i32_lt_u)
#define INTERLUDE_IR_I64_COMPARES(X)              \
  X(i64_eq, 0x51, u64, a == b, i64_ne)            \
  X(i64_ne, 0x52, u64, a != b, i64_eq)            \
  X(i64_lt_s, 0x53, s64, a < b, i64_ge_s)         \
  X(i64_lt_u, 0x54, u64, a < b, i64_ge_u)         \
  X(i64_gt_s, 0x55, s64, a > b, i64_le_s)         \
  X(i64_gt_u, 0x56, u64, a > b, i64_le_u)         \
  X(i64_le_s, 0x57, s64, a <= b, i64_gt_s)        \
  X(i64_le_u, 0x58, u64, a <= b, i64_gt_u)        \
  X(i64_ge_s, 0x59, s64, a >= b, i64_lt_s)        \
  X(i64_ge_u, 0x5A, u64, a >= b, i64_lt_u)

// Integer binary ops: X(name, wasm opcode, operand type, result type, body computing r from a, b).
// Each yields name_rr [dst a b] and name_ri [dst a imm] (imm32 for 32-bit, imm64 for 64-bit types).
#define INTERLUDE_IR_INT_BINOPS(X)                                                              \
  X(i32_add, 0x6A, u32, u32, r = a + b)                                                         \
  X(i32_sub, 0x6B, u32, u32, r = a - b)                                                         \
  X(i32_mul, 0x6C, u32, u32, r = a * b)                                                         \
  X(i32_div_s, 0x6D, s32, s32,                                                                  \
    if (b == 0) TRAP(IntegerDivisionByZero);                                                    \
    if (a == INT32_MIN && b == -1) TRAP(IntegerOverflow); r = a / b)                            \
  X(i32_div_u, 0x6E, u32, u32, if (b == 0) TRAP(IntegerDivisionByZero); r = a / b)             \
  X(i32_rem_s, 0x6F, s32, s32,                                                                  \
    if (b == 0) TRAP(IntegerDivisionByZero); r = (b == -1) ? 0 : a % b)                         \
  X(i32_rem_u, 0x70, u32, u32, if (b == 0) TRAP(IntegerDivisionByZero); r = a % b)             \
  X(i32_and, 0x71, u32, u32, r = a & b)                                                         \
  X(i32_or, 0x72, u32, u32, r = a | b)                                                          \
  X(i32_xor, 0x73, u32, u32, r = a ^ b)                                                         \
  X(i32_shl, 0x74, u32, u32, r = a << (b & 31))                                                 \
  X(i32_shr_s, 0x75, s32, s32, r = a >> (b & 31))                                               \
  X(i32_shr_u, 0x76, u32, u32, r = a >> (b & 31))                                               \
  X(i32_rotl, 0x77, u32, u32, r = std::rotl(a, static_cast<int>(b & 31)))                       \
  X(i32_rotr, 0x78, u32, u32, r = std::rotr(a, static_cast<int>(b & 31)))                       \
  X(i64_add, 0x7C, u64, u64, r = a + b)                                                         \
  X(i64_sub, 0x7D, u64, u64, r = a - b)                                                         \
  X(i64_mul, 0x7E, u64, u64, r = a * b)                                                         \
  X(i64_div_s, 0x7F, s64, s64,                                                                  \
    if (b == 0) TRAP(IntegerDivisionByZero);                                                    \
    if (a == INT64_MIN && b == -1) TRAP(IntegerOverflow); r = a / b)                            \
  X(i64_div_u, 0x80, u64, u64, if (b == 0) TRAP(IntegerDivisionByZero); r = a / b)             \
  X(i64_rem_s, 0x81, s64, s64,                                                                  \
    if (b == 0) TRAP(IntegerDivisionByZero); r = (b == -1) ? 0 : a % b)                         \
  X(i64_rem_u, 0x82, u64, u64, if (b == 0) TRAP(IntegerDivisionByZero); r = a % b)             \
  X(i64_and, 0x83, u64, u64, r = a & b)                                                         \
  X(i64_or, 0x84, u64, u64, r = a | b)                                                          \
  X(i64_xor, 0x85, u64, u64, r = a ^ b)                                                         \
  X(i64_shl, 0x86, u64, u64, r = a << (b & 63))                                                 \
  X(i64_shr_s, 0x87, s64, s64, r = a >> (b & 63))                                               \
  X(i64_shr_u, 0x88, u64, u64, r = a >> (b & 63))                                               \
  X(i64_rotl, 0x89, u64, u64, r = std::rotl(a, static_cast<int>(b & 63)))                       \
  X(i64_rotr, 0x8A, u64, u64, r = std::rotr(a, static_cast<int>(b & 63)))

// Float binary ops and compares: X(name, wasm opcode, operand type, result type, body); name [dst a b].
// CANON(x) turns a NaN result into the canonical NaN when Config::canonical_nan is set.
#define INTERLUDE_IR_FLOAT_BINOPS(X)                                       \
  X(f32_eq, 0x5B, f32, u32, r = a == b)                                    \
  X(f32_ne, 0x5C, f32, u32, r = a != b)                                    \
  X(f32_lt, 0x5D, f32, u32, r = a < b)                                     \
  X(f32_gt, 0x5E, f32, u32, r = a > b)                                     \
  X(f32_le, 0x5F, f32, u32, r = a <= b)                                    \
  X(f32_ge, 0x60, f32, u32, r = a >= b)                                    \
  X(f64_eq, 0x61, f64, u32, r = a == b)                                    \
  X(f64_ne, 0x62, f64, u32, r = a != b)                                    \
  X(f64_lt, 0x63, f64, u32, r = a < b)                                     \
  X(f64_gt, 0x64, f64, u32, r = a > b)                                     \
  X(f64_le, 0x65, f64, u32, r = a <= b)                                    \
  X(f64_ge, 0x66, f64, u32, r = a >= b)                                    \
  X(f32_add, 0x92, f32, f32, r = CANON(a + b))                             \
  X(f32_sub, 0x93, f32, f32, r = CANON(a - b))                             \
  X(f32_mul, 0x94, f32, f32, r = CANON(a * b))                             \
  X(f32_div, 0x95, f32, f32, r = CANON(a / b))                             \
  X(f32_min, 0x96, f32, f32, r = CANON(wasm_min(a, b)))                    \
  X(f32_max, 0x97, f32, f32, r = CANON(wasm_max(a, b)))                    \
  X(f32_copysign, 0x98, u32, u32, r = (a & 0x7FFFFFFFu) | (b & 0x80000000u)) \
  X(f64_add, 0xA0, f64, f64, r = CANON(a + b))                             \
  X(f64_sub, 0xA1, f64, f64, r = CANON(a - b))                             \
  X(f64_mul, 0xA2, f64, f64, r = CANON(a * b))                             \
  X(f64_div, 0xA3, f64, f64, r = CANON(a / b))                             \
  X(f64_min, 0xA4, f64, f64, r = CANON(wasm_min(a, b)))                    \
  X(f64_max, 0xA5, f64, f64, r = CANON(wasm_max(a, b)))                    \
  X(f64_copysign, 0xA6, u64, u64,                                          \
    r = (a & 0x7FFFFFFFFFFFFFFFull) | (b & 0x8000000000000000ull))

// Unary ops and conversions: X(name, wasm opcode, operand type, result type, body); name [dst a].
// Opcodes 0xFCnn are the 0xFC-prefixed operators (sub-opcode nn). i64.extend_i32_u and the four
// reinterpret operators need no IR op: the cell already holds the right bits.
#define INTERLUDE_IR_UNOPS(X)                                                                  \
  X(i32_eqz, 0x45, u32, u32, r = a == 0)                                                       \
  X(i64_eqz, 0x50, u64, u32, r = a == 0)                                                       \
  X(i32_clz, 0x67, u32, u32, r = static_cast<u32>(std::countl_zero(a)))                         \
  X(i32_ctz, 0x68, u32, u32, r = static_cast<u32>(std::countr_zero(a)))                         \
  X(i32_popcnt, 0x69, u32, u32, r = static_cast<u32>(std::popcount(a)))                         \
  X(i64_clz, 0x79, u64, u64, r = static_cast<u64>(std::countl_zero(a)))                         \
  X(i64_ctz, 0x7A, u64, u64, r = static_cast<u64>(std::countr_zero(a)))                         \
  X(i64_popcnt, 0x7B, u64, u64, r = static_cast<u64>(std::popcount(a)))                         \
  X(f32_abs, 0x8B, u32, u32, r = a & 0x7FFFFFFFu)                                              \
  X(f32_neg, 0x8C, u32, u32, r = a ^ 0x80000000u)                                              \
  X(f32_ceil, 0x8D, f32, f32, r = CANON(quiet(std::ceil(a))))                                         \
  X(f32_floor, 0x8E, f32, f32, r = CANON(quiet(std::floor(a))))                                       \
  X(f32_trunc, 0x8F, f32, f32, r = CANON(quiet(std::trunc(a))))                                       \
  X(f32_nearest, 0x90, f32, f32, r = CANON(quiet(std::nearbyint(a))))                                 \
  X(f32_sqrt, 0x91, f32, f32, r = CANON(std::sqrt(a)))                                         \
  X(f64_abs, 0x99, u64, u64, r = a & 0x7FFFFFFFFFFFFFFFull)                                    \
  X(f64_neg, 0x9A, u64, u64, r = a ^ 0x8000000000000000ull)                                    \
  X(f64_ceil, 0x9B, f64, f64, r = CANON(quiet(std::ceil(a))))                                         \
  X(f64_floor, 0x9C, f64, f64, r = CANON(quiet(std::floor(a))))                                       \
  X(f64_trunc, 0x9D, f64, f64, r = CANON(quiet(std::trunc(a))))                                       \
  X(f64_nearest, 0x9E, f64, f64, r = CANON(quiet(std::nearbyint(a))))                                 \
  X(f64_sqrt, 0x9F, f64, f64, r = CANON(std::sqrt(a)))                                         \
  X(i32_wrap_i64, 0xA7, u64, u32, r = static_cast<u32>(a))                                     \
  X(i32_trunc_f32_s, 0xA8, f32, s32, r = TRUNC(s32, a))                                        \
  X(i32_trunc_f32_u, 0xA9, f32, u32, r = TRUNC(u32, a))                                        \
  X(i32_trunc_f64_s, 0xAA, f64, s32, r = TRUNC(s32, a))                                        \
  X(i32_trunc_f64_u, 0xAB, f64, u32, r = TRUNC(u32, a))                                        \
  X(i64_extend_i32_s, 0xAC, s32, s64, r = a)                                                   \
  X(i64_trunc_f32_s, 0xAE, f32, s64, r = TRUNC(s64, a))                                        \
  X(i64_trunc_f32_u, 0xAF, f32, u64, r = TRUNC(u64, a))                                        \
  X(i64_trunc_f64_s, 0xB0, f64, s64, r = TRUNC(s64, a))                                        \
  X(i64_trunc_f64_u, 0xB1, f64, u64, r = TRUNC(u64, a))                                        \
  X(f32_convert_i32_s, 0xB2, s32, f32, r = static_cast<f32>(a))                                \
  X(f32_convert_i32_u, 0xB3, u32, f32, r = static_cast<f32>(a))                                \
  X(f32_convert_i64_s, 0xB4, s64, f32, r = static_cast<f32>(a))                                \
  X(f32_convert_i64_u, 0xB5, u64, f32, r = static_cast<f32>(a))                                \
  X(f32_demote_f64, 0xB6, f64, f32, r = CANON(static_cast<f32>(a)))                            \
  X(f64_convert_i32_s, 0xB7, s32, f64, r = static_cast<f64>(a))                                \
  X(f64_convert_i32_u, 0xB8, u32, f64, r = static_cast<f64>(a))                                \
  X(f64_convert_i64_s, 0xB9, s64, f64, r = static_cast<f64>(a))                                \
  X(f64_convert_i64_u, 0xBA, u64, f64, r = static_cast<f64>(a))                                \
  X(f64_promote_f32, 0xBB, f32, f64, r = CANON(static_cast<f64>(a)))                           \
  X(i32_extend8_s, 0xC0, u32, s32, r = static_cast<int8_t>(a))                                 \
  X(i32_extend16_s, 0xC1, u32, s32, r = static_cast<int16_t>(a))                               \
  X(i64_extend8_s, 0xC2, u64, s64, r = static_cast<int8_t>(a))                                 \
  X(i64_extend16_s, 0xC3, u64, s64, r = static_cast<int16_t>(a))                               \
  X(i64_extend32_s, 0xC4, u64, s64, r = static_cast<int32_t>(a))                               \
  X(i32_trunc_sat_f32_s, 0xFC00, f32, s32, r = trunc_sat<s32>(a))                              \
  X(i32_trunc_sat_f32_u, 0xFC01, f32, u32, r = trunc_sat<u32>(a))                              \
  X(i32_trunc_sat_f64_s, 0xFC02, f64, s32, r = trunc_sat<s32>(a))                              \
  X(i32_trunc_sat_f64_u, 0xFC03, f64, u32, r = trunc_sat<u32>(a))                              \
  X(i64_trunc_sat_f32_s, 0xFC04, f32, s64, r = trunc_sat<s64>(a))                              \
  X(i64_trunc_sat_f32_u, 0xFC05, f32, u64, r = trunc_sat<u64>(a))                              \
  X(i64_trunc_sat_f64_s, 0xFC06, f64, s64, r = trunc_sat<s64>(a))                              \
  X(i64_trunc_sat_f64_u, 0xFC07, f64, u64, r = trunc_sat<u64>(a))

// Loads: X(name, type read from memory, conversion of the read value v to the cell); [dst addr offset32].
// f32.load and f64.load use load32_u/load64 (raw bits). Each also has two forms fused with the
// i32.add that computed its address (when the sum is used only by the load), with the same
// effective address (u32)(a + b) + offset32: name_add [dst a b offset32], name_addi [dst a imm32 offset32].
#define INTERLUDE_IR_LOADS(X)                                    \
  X(load32_u, uint32_t, v)                                       \
  X(load64, uint64_t, v)                                         \
  X(load8_s32, int8_t, static_cast<u32>(static_cast<s32>(v)))    \
  X(load8_s64, int8_t, static_cast<u64>(static_cast<s64>(v)))    \
  X(load8_u, uint8_t, v)                                         \
  X(load16_s32, int16_t, static_cast<u32>(static_cast<s32>(v)))  \
  X(load16_s64, int16_t, static_cast<u64>(static_cast<s64>(v)))  \
  X(load16_u, uint16_t, v)                                       \
  X(load32_s64, int32_t, static_cast<u64>(static_cast<s64>(v)))

// Stores: X(name, type written to memory); [addr value offset32]. Float stores use store32/store64.
#define INTERLUDE_IR_STORES(X) \
  X(store8, uint8_t)           \
  X(store16, uint16_t)         \
  X(store32, uint32_t)         \
  X(store64, uint64_t)

// The four fuel forms of a conditional branch, consecutive in Op (form = base + taken + 2 * ft):
//   name         plain;
//   name_fuel    the jump target is a `fuel` op (a loop header's region charge): when taken, the
//                branch runs it inline and lands past it;
//   name_ft      the next instruction is a `fuel` op (the fall-through region's charge): when not
//                taken, the branch runs it inline and skips it;
//   name_fuel_ft both.
// Same operands, same fuel, same traps as the plain form followed by the `fuel` op; one dispatch
// fewer. The `fuel` ops stay in place for every other path that reaches them.
#define INTERLUDE_IR_BRANCH_FORMS(X, name) X(name) X(name##_fuel) X(name##_ft) X(name##_fuel_ft)

// Everything else; operand layouts after the name.
#define INTERLUDE_IR_MISC_OPS(X)                                                        \
  X(unreachable)   /* traps Unreachable */                                              \
  X(fuel)          /* [imm32 cost]: charge a straight-line region */                    \
  X(br)            /* [off] */                                                          \
  X(br_fuel)       /* [off]: br to a `fuel` op, run inline (INTERLUDE_IR_BRANCH_FORMS) */\
  INTERLUDE_IR_BRANCH_FORMS(X, br_if)     /* [cond off]: jump if cell != 0 */            \
  INTERLUDE_IR_BRANCH_FORMS(X, br_unless) /* [cond off]: jump if cell == 0 */            \
  X(br_table)      /* [index n off_0 .. off_n]: off_n is the default */                 \
  X(copy)          /* [dst src] */                                                      \
  X(copy2)         /* [dst1 src1 dst2 src2]: two copies in order, fused from adjacent ones */ \
  X(i32_mul_add)   /* [dst a b c]: a * b + c, an i32.mul whose product only i32.add uses */ \
  X(i64_mul_add)   /* [dst a b c]: the same for i64 */                                  \
  X(const64)       /* [dst imm64] */                                                    \
  X(call)          /* [funcidx base]: callee frame starts at slot base */               \
  X(call_import)   /* [funcidx base]: imported function (host or another instance's) */ \
  X(call_indirect) /* [canonical typeidx tableidx index base] */                        \
  X(ret)           /* results already in slots 0.. */                                   \
  X(switch_back)   /* return from another instance's function to the caller's instance */ \
  X(done)          /* end of an invocation trampoline */                                \
  X(select)        /* [dst a b cond] */                                                 \
  X(ref_func)      /* [dst funcidx]: funcaddr + 1 in the instance's store */            \
  X(global_get)    /* [dst globalidx]: defined global */                                \
  X(global_set)    /* [globalidx src] */                                                \
  X(global_get_ref) /* [dst globalidx]: imported global, through its cell pointer */    \
  X(global_set_ref) /* [globalidx src] */                                               \
  X(memory_size)   /* [dst] */                                                          \
  X(memory_grow)   /* [dst delta] */                                                    \
  X(memory_fill)   /* [d val n] */                                                      \
  X(memory_copy)   /* [d s n] */                                                        \
  X(memory_init)   /* [dataidx d s n] */                                                \
  X(data_drop)     /* [dataidx] */                                                      \
  X(table_get)     /* [dst tableidx index] */                                           \
  X(table_set)     /* [tableidx index value] */                                         \
  X(table_size)    /* [dst tableidx] */                                                 \
  X(table_grow)    /* [dst tableidx init n] */                                          \
  X(table_fill)    /* [tableidx i value n] */                                           \
  X(table_copy)    /* [dst_tableidx src_tableidx d s n] */                              \
  X(table_init)    /* [elemidx tableidx d s n] */                                       \
  X(elem_drop)     /* [elemidx] */

enum class Op : uint16_t {
#define INTERLUDE_E_MISC(name) name,
#define INTERLUDE_E_CMP(name, opc, T, cond, inv)                                              \
  name##_rr, name##_ri, br_##name##_rr, br_##name##_rr_fuel, br_##name##_rr_ft, br_##name##_rr_fuel_ft, \
      br_##name##_ri, br_##name##_ri_fuel, br_##name##_ri_ft, br_##name##_ri_fuel_ft,
#define INTERLUDE_E_ADD_CMP(name, opc, T, cond, inv) \
  br_add_##name##_ri, br_add_##name##_ri_fuel, br_add_##name##_ri_ft, br_add_##name##_ri_fuel_ft,
#define INTERLUDE_E_BIN(name, opc, T, R, body) name##_rr, name##_ri,
#define INTERLUDE_E_ONE(name, ...) name,
#define INTERLUDE_E_LOAD(name, ...) name, name##_add, name##_addi,
  INTERLUDE_IR_MISC_OPS(INTERLUDE_E_MISC)
  INTERLUDE_IR_INT_COMPARES(INTERLUDE_E_CMP)
  INTERLUDE_IR_I32_COMPARES(INTERLUDE_E_ADD_CMP)
  INTERLUDE_IR_INT_BINOPS(INTERLUDE_E_BIN)
  INTERLUDE_IR_FLOAT_BINOPS(INTERLUDE_E_ONE)
  INTERLUDE_IR_UNOPS(INTERLUDE_E_ONE)
  INTERLUDE_IR_LOADS(INTERLUDE_E_LOAD)
  INTERLUDE_IR_STORES(INTERLUDE_E_ONE)
#undef INTERLUDE_E_MISC
#undef INTERLUDE_E_CMP
#undef INTERLUDE_E_BIN
#undef INTERLUDE_E_ADD_CMP
#undef INTERLUDE_E_ONE
#undef INTERLUDE_E_LOAD
  count_
};

/// Fuel form of the conditional branch `base` (INTERLUDE_IR_BRANCH_FORMS).
constexpr Op branch_form(Op base, bool taken_fuel, bool ft) noexcept {
  return static_cast<Op>(static_cast<uint32_t>(base) + (taken_fuel ? 1 : 0) + (ft ? 2 : 0));
}

/// Handler address of every Op, indexed by Op (the interpreter's dispatch table).
const void* const* handlers() noexcept;

/// Units an instruction's handler address takes in the code stream.
inline constexpr uint32_t kHandlerUnits = 2;
/// Units of a `fuel` instruction (handler + cost).
inline constexpr uint32_t kFuelUnits = kHandlerUnits + 1;

/// Rounding results: libm returns a signalling NaN unchanged, wasm requires an arithmetic (quiet) NaN.
template <typename F>
inline F quiet(F x) noexcept {
  return x != x ? x + x : x;
}

/// wasm fmin/fmax (spec §4.3.3): NaN if either operand is NaN; -0 < +0.
template <typename F>
inline F wasm_min(F a, F b) noexcept {
  if (a != a || b != b) return a + b;
  if (a == b) return std::signbit(a) ? a : b;
  return a < b ? a : b;
}
template <typename F>
inline F wasm_max(F a, F b) noexcept {
  if (a != a || b != b) return a + b;
  if (a == b) return std::signbit(a) ? b : a;
  return a > b ? a : b;
}

/// True if float `x` truncated toward zero fits integer type I (spec §4.3.3 trunc). NaN does not.
template <typename I, typename F>
inline bool trunc_in_range(F x) noexcept {
  // 2^(bits-1) for signed I, 2^bits for unsigned I: exact powers of two in every float type.
  constexpr F hi = F(2) * static_cast<F>(std::numeric_limits<I>::max() / 2 + 1);
  constexpr F lo = std::numeric_limits<I>::is_signed ? -hi : F(0);
  const F t = std::trunc(x);
  return t >= lo && t < hi;
}

/// Non-trapping truncation (spec trunc_sat): NaN -> 0, saturate at the bounds of I.
template <typename I, typename F>
inline I trunc_sat(F x) noexcept {
  if (x != x) return 0;
  if (trunc_in_range<I>(x)) return static_cast<I>(x);
  return x < F(0) ? std::numeric_limits<I>::min() : std::numeric_limits<I>::max();
}

}  // namespace interlude::wasm::ir
