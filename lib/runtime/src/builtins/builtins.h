#pragma once
/// The cryptographic builtins behind the hash and curve imports (protocol.md §1.5, §1.6), on plain
/// bytes: the import handlers (src/imports.cpp) take the operands from bounds-checked guest memory
/// and hand them over as spans of exactly the stated sizes. Nothing here touches the wasm instance.
///
/// Byte strings are little-endian (LE) integers; a point is affine `x ‖ y`, each coordinate one
/// field element. Results overwrite the first operand. The field and curve operations reproduce the
/// SP1 syscall semantics as the reference implements them (SP1 `sp1-curves`): affine formulas in
/// which a zero denominator inverts to zero, so no result is ever the point at infinity (P + (−P)
/// yields (−2·px, −py) and doubling a point with y = 0 yields (−2·x, 0)), and points are not checked
/// to be on the curve by add and double. They return Ok, MalformedBuiltinParams (the operand is
/// invalid) or UnknownError (OpenSSL could not allocate; no result is written).
#include <array>
#include <cstdint>
#include <span>

#include "interlude/common/bytes.h"
#include "interlude/runtime/exit_code.h"

namespace interlude::runtime::builtins {

// ---- hashes (protocol.md §1.5) ----

/// Keccak-f[1600] (FIPS 202 §3.3, 24 rounds) in place; lane A[x, y] is `lanes[x + 5y]`.
void keccak_f1600(std::array<uint64_t, 25>& lanes) noexcept;

/// SHA-256 message schedule (FIPS 180-4 §6.2.2 step 1): computes w[16..64) from w[0..16).
void sha256_extend(std::array<uint32_t, 64>& w) noexcept;

/// One SHA-256 compression (FIPS 180-4 §6.2.2 steps 2–4): h ← h + rounds(h, w) on a full
/// message schedule `w` (as sha256_extend produces).
void sha256_compress(std::array<uint32_t, 8>& h, const std::array<uint32_t, 64>& w) noexcept;

/// BLAKE3 hash of `data` in the default (unkeyed) mode, 32-byte output (BLAKE3 specification §2).
Bytes32 blake3(ByteView data) noexcept;

// ---- fields and curves (protocol.md §1.6) ----

/// The short-Weierstrass curves y² = x³ + a·x + b of the curve builtins; their base fields Fp are
/// also the fields of the `_tower_*` imports (Bn254, Bls12381).
///   Secp256k1  a = 0,  b = 7   (SEC 2 §2.4.1)
///   Secp256r1  a = −3, b = SEC 2 §2.4.2 (NIST P-256)
///   Bn254      a = 0,  b = 3   (alt_bn128 G1, EIP-196)
///   Bls12381   a = 0,  b = 4   (BLS12-381 G1)
enum class Curve : uint8_t { Secp256k1, Secp256r1, Bn254, Bls12381 };

/// Bytes of one field element (one coordinate) of `curve`: 32, or 48 for Bls12381.
constexpr uint32_t field_bytes(Curve curve) noexcept { return curve == Curve::Bls12381 ? 48 : 32; }

enum class FieldOp : uint8_t { Add, Sub, Mul };

/// `_tower_fp1_*` (degree 1, x and y one element each) and `_tower_fp2_*` (degree 2, Fp2 =
/// Fp[u]/(u² + 1), x and y `c0 ‖ c1` each): x ← x op y in the base field of `curve`. Operands may
/// be unreduced (≥ p): add and mul reduce them; sub is MalformedBuiltinParams when, for some
/// limb, y > x + p on the raw integers (SP1's underflow rule), else it yields (x − y) mod p.
/// x.size() == y.size() == degree · field_bytes(curve).
ExitCode tower_op(Curve curve, FieldOp op, std::span<uint8_t> x, std::span<const uint8_t> y) noexcept;

/// `_*_add`: p ← p + q with the affine chord formula. MalformedBuiltinParams when p and q are the
/// same bytes (SP1 has no add for equal points: use double) or a coordinate is ≥ the modulus.
/// p.size() == q.size() == 2 · field_bytes(curve).
ExitCode weierstrass_add(Curve curve, std::span<uint8_t> p, std::span<const uint8_t> q) noexcept;

/// `_*_double`: p ← 2·p with the affine tangent formula. MalformedBuiltinParams when a coordinate
/// is ≥ the modulus. p.size() == 2 · field_bytes(curve).
ExitCode weierstrass_double(Curve curve, std::span<uint8_t> p) noexcept;

/// `_*_decompress`: `point` = `y ‖ x` (the SDK's "YX"); reads x from the second half and writes
/// the matching y to the first half, x unchanged. For Secp256k1 and Secp256r1, `sign` is the
/// parity of y (SEC 1 §2.3.4); for Bls12381 it is the ZCash "largest" flag: 1 selects the y with
/// y > p − y. MalformedBuiltinParams when sign > 1, x ≥ p, or x³ + a·x + b has no square root.
/// point.size() == 2 · field_bytes(curve) (Bn254 has no decompress import).
ExitCode weierstrass_decompress(Curve curve, std::span<uint8_t> point, uint32_t sign) noexcept;

/// `_ed25519_add`: p ← p + q on edwards25519 (−x² + y² = 1 + d·x²y², RFC 8032 §5.1) with the
/// affine addition law; coordinates are 32 bytes and may be unreduced; never fails on input.
ExitCode ed25519_add(std::span<uint8_t> p, std::span<const uint8_t> q) noexcept;

/// `_ed25519_decompress`: `point` = `x ‖ y` (32 bytes each); reads y (bit 255 ignored, values ≥ p
/// accepted) and writes x, y unchanged. x is the even square root of (y² − 1)/(d·y² + 1) (RFC 8032
/// §5.1.3), negated as p − x when sign is 1 — as in SP1, not reduced: x = 0 with sign 1 gives
/// x = p. MalformedBuiltinParams when sign > 1 or no square root exists. point.size() == 64.
ExitCode ed25519_decompress(std::span<uint8_t> point, uint32_t sign) noexcept;

/// `_uint256_mul_mod`: x ← x·y mod m on 32-byte integers; m = 0 means m = 2^256.
ExitCode uint256_mul_mod(std::span<uint8_t> x, std::span<const uint8_t> y, std::span<const uint8_t> m) noexcept;

/// `_uint256_x2048_mul`: a (32 bytes) · b (256 bytes) = hi · 2^2048 + lo; writes lo (256 bytes),
/// then hi (32 bytes). Operands are read before anything is written (ranges may overlap).
ExitCode uint256_x2048_mul(std::span<const uint8_t> a, std::span<const uint8_t> b, std::span<uint8_t> lo,
                           std::span<uint8_t> hi) noexcept;

}  // namespace interlude::runtime::builtins
