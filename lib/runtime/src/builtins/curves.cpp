// Field, curve and big-integer builtins (protocol.md §1.6) with SP1's semantics, on OpenSSL
// BIGNUMs. See builtins.h for the contracts; the formulas follow SP1 `sp1-curves` (weierstrass and
// edwards AffinePoint arithmetic, ed25519 decompress) as the reference calls it.
#include <algorithm>
#include <array>

#include "builtins.h"
#include "mod_arith.h"

namespace interlude::runtime::builtins {
namespace {

/// Parameters of a Curve as big-endian hex: modulus p, coefficients a and b, and (p + 1)/4, the
/// square-root exponent of the decompress curves (all have p ≡ 3 mod 4; Bn254 has no decompress).
struct CurveParams {
  const char* p;
  const char* a;
  const char* b;
  const char* sqrt_exponent;
};

CurveParams params(Curve curve) noexcept {
  switch (curve) {
    case Curve::Secp256k1:
      return {"FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F", "0", "7",
              "3FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFBFFFFF0C"};
    case Curve::Secp256r1:
      return {"FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF",
              "FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFC",  // p − 3
              "5AC635D8AA3A93E7B3EBBD55769886BC651D06B0CC53B0F63BCE3C3E27D2604B",
              "3FFFFFFFC0000000400000000000000000000000400000000000000000000000"};
    case Curve::Bn254:
      return {"30644E72E131A029B85045B68181585D97816A916871CA8D3C208C16D87CFD47", "0", "3",
              "C19139CB84C680A6E14116DA060561765E05AA45A1C72A34F082305B61F3F52"};
    case Curve::Bls12381:
      break;
  }
  return {"1A0111EA397FE69A4B1BA7B6434BACD764774B84F38512BF6730D2A0F6B0F6241EABFFFEB153FFFFB9FEFFFFFFFFAAAB", "0", "4",
          "680447A8E5FF9A692C6E9ED90D2EB35D91DD2E13CE144AFD9CC34A83DAC3D8907AAFFFFAC54FFFFEE7FBFFFFFFFEAAB"};
}

/// edwards25519 (RFC 8032 §5.1): p = 2^255 − 19, d = −121665/121666, √−1, and (p + 3)/8.
constexpr const char* kEd25519P = "7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFED";
constexpr const char* kEd25519D = "52036CEE2B6FFE738CC740797779E89800700A4D4141D8AB75EB4DCA135978A3";
constexpr const char* kEd25519SqrtM1 = "2B8324804FC1DF0B2B4D00993DFBD7A72F431806AD2FE478C4EE1B274A0EA0B0";
constexpr const char* kEd25519SqrtExponent = "0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFE";

/// Exponents of the implicit power-of-two moduli of the uint256 builtins.
constexpr uint32_t kUint256Bits = 256, kX2048ProductBits = 2304;

}  // namespace

ExitCode tower_op(Curve curve, FieldOp op, std::span<uint8_t> x, std::span<const uint8_t> y) noexcept {
  const uint32_t n = field_bytes(curve);
  ModArith m(params(curve).p);
  BIGNUM* a0 = m.from_le(x.first(n));
  BIGNUM* b0 = m.from_le(y.first(n));
  const bool fp2 = x.size() == 2 * n;
  BIGNUM* a1 = fp2 ? m.from_le(x.subspan(n)) : m.var();
  BIGNUM* b1 = fp2 ? m.from_le(y.subspan(n)) : m.var();
  BIGNUM *c0 = m.var(), *c1 = m.var(), *t = m.var();
  if (!m.ok()) return ExitCode::UnknownError;
  switch (op) {
    case FieldOp::Add:
      m.add(c0, a0, b0);
      m.add(c1, a1, b1);
      break;
    case FieldOp::Sub:
      for (const auto& [a, b] : {std::pair{a0, b0}, std::pair{a1, b1}}) {
        m.add_int(t, a, m.modulus());
        if (m.greater(b, t)) return ExitCode::MalformedBuiltinParams;  // b > a + p
      }
      m.sub(c0, a0, b0);
      m.sub(c1, a1, b1);
      break;
    case FieldOp::Mul:
      if (!fp2) {
        m.mul(c0, a0, b0);
        break;
      }
      // (a0 + a1·u)(b0 + b1·u) with u² = −1.
      m.mul(c0, a0, b0);
      m.mul(t, a1, b1);
      m.sub(c0, c0, t);
      m.mul(c1, a0, b1);
      m.mul(t, a1, b0);
      m.add(c1, c1, t);
      break;
  }
  return fp2 ? m.store(x, {c0, c1}) : m.store(x, {c0});
}

ExitCode weierstrass_add(Curve curve, std::span<uint8_t> p, std::span<const uint8_t> q) noexcept {
  if (std::equal(p.begin(), p.end(), q.begin(), q.end())) return ExitCode::MalformedBuiltinParams;
  const uint32_t n = field_bytes(curve);
  ModArith m(params(curve).p);
  BIGNUM *px = m.from_le(p.first(n)), *py = m.from_le(p.subspan(n));
  BIGNUM *qx = m.from_le(q.first(n)), *qy = m.from_le(q.subspan(n));
  BIGNUM *slope = m.var(), *t = m.var(), *x3 = m.var(), *y3 = m.var();
  if (!m.ok()) return ExitCode::UnknownError;
  if (!m.reduced(px) || !m.reduced(py) || !m.reduced(qx) || !m.reduced(qy)) return ExitCode::MalformedBuiltinParams;
  m.sub(t, qx, px);  // slope = (qy − py) / (qx − px); 1/0 = 0
  m.inv(slope, t);
  m.sub(t, qy, py);
  m.mul(slope, slope, t);
  m.mul(x3, slope, slope);  // x3 = slope² − px − qx
  m.sub(x3, x3, px);
  m.sub(x3, x3, qx);
  m.sub(t, px, x3);  // y3 = slope·(px − x3) − py
  m.mul(y3, slope, t);
  m.sub(y3, y3, py);
  return m.store(p, {x3, y3});
}

ExitCode weierstrass_double(Curve curve, std::span<uint8_t> p) noexcept {
  const uint32_t n = field_bytes(curve);
  ModArith m(params(curve).p);
  BIGNUM *x = m.from_le(p.first(n)), *y = m.from_le(p.subspan(n)), *a = m.from_hex(params(curve).a);
  BIGNUM *slope = m.var(), *t = m.var(), *x3 = m.var(), *y3 = m.var();
  if (!m.ok()) return ExitCode::UnknownError;
  if (!m.reduced(x) || !m.reduced(y)) return ExitCode::MalformedBuiltinParams;
  m.add(t, y, y);  // slope = (3x² + a) / 2y; 1/0 = 0
  m.inv(slope, t);
  m.mul(t, x, x);
  m.add(x3, t, t);
  m.add(t, x3, t);
  m.add(t, t, a);
  m.mul(slope, slope, t);
  m.mul(x3, slope, slope);  // x3 = slope² − 2x
  m.sub(x3, x3, x);
  m.sub(x3, x3, x);
  m.sub(t, x, x3);  // y3 = slope·(x − x3) − y
  m.mul(y3, slope, t);
  m.sub(y3, y3, y);
  return m.store(p, {x3, y3});
}

ExitCode weierstrass_decompress(Curve curve, std::span<uint8_t> point, uint32_t sign) noexcept {
  if (sign > 1) return ExitCode::MalformedBuiltinParams;
  const uint32_t n = field_bytes(curve);
  const CurveParams c = params(curve);
  ModArith m(c.p);
  BIGNUM *x = m.from_le(point.subspan(n)), *a = m.from_hex(c.a), *b = m.from_hex(c.b);
  BIGNUM *e = m.from_hex(c.sqrt_exponent), *zero = m.var();
  BIGNUM *rhs = m.var(), *y = m.var(), *neg = m.var(), *t = m.var();
  if (!m.ok()) return ExitCode::UnknownError;
  if (!m.reduced(x)) return ExitCode::MalformedBuiltinParams;
  m.mul(rhs, x, x);  // rhs = x³ + a·x + b
  m.add(rhs, rhs, a);
  m.mul(rhs, rhs, x);
  m.add(rhs, rhs, b);
  m.exp(y, rhs, e);  // p ≡ 3 (mod 4): the square root, if any, is rhs^((p + 1)/4)
  m.mul(t, y, y);
  m.sub(neg, zero, y);
  if (!m.ok()) return ExitCode::UnknownError;
  if (!m.equal(t, rhs)) return ExitCode::MalformedBuiltinParams;
  const bool flip = curve == Curve::Bls12381 ? m.greater(y, neg) != (sign == 1) : m.odd(y) != (sign == 1);
  return m.store(point.first(n), {flip ? neg : y});
}

ExitCode ed25519_add(std::span<uint8_t> p, std::span<const uint8_t> q) noexcept {
  ModArith m(kEd25519P);
  BIGNUM *x1 = m.from_le(p.first(32)), *y1 = m.from_le(p.subspan(32));
  BIGNUM *x2 = m.from_le(q.first(32)), *y2 = m.from_le(q.subspan(32));
  BIGNUM *d = m.from_hex(kEd25519D), *one = m.pow2(0);
  BIGNUM *dxy = m.var(), *den = m.var(), *t = m.var(), *u = m.var(), *x3 = m.var(), *y3 = m.var();
  m.mul(dxy, x1, x2);  // dxy = d·x1·x2·y1·y2
  m.mul(dxy, dxy, y1);
  m.mul(dxy, dxy, y2);
  m.mul(dxy, dxy, d);
  m.mul(t, x1, y2);  // x3 = (x1·y2 + y1·x2) / (1 + dxy); 1/0 = 0
  m.mul(u, y1, x2);
  m.add(t, t, u);
  m.add(u, one, dxy);
  m.inv(den, u);
  m.mul(x3, t, den);
  m.mul(t, y1, y2);  // y3 = (y1·y2 + x1·x2) / (1 − dxy)
  m.mul(u, x1, x2);
  m.add(t, t, u);
  m.sub(u, one, dxy);
  m.inv(den, u);
  m.mul(y3, t, den);
  return m.store(p, {x3, y3});
}

ExitCode ed25519_decompress(std::span<uint8_t> point, uint32_t sign) noexcept {
  if (sign > 1) return ExitCode::MalformedBuiltinParams;
  std::array<uint8_t, 32> y_bytes;
  std::copy(point.begin() + 32, point.end(), y_bytes.begin());
  y_bytes[31] &= 0x7f;  // bit 255 carries the sign in RFC 8032 encodings; here it is ignored
  ModArith m(kEd25519P);
  BIGNUM *y = m.from_le(y_bytes), *d = m.from_hex(kEd25519D), *one = m.pow2(0), *zero = m.var();
  BIGNUM *sqrt_m1 = m.from_hex(kEd25519SqrtM1), *e = m.from_hex(kEd25519SqrtExponent);
  BIGNUM *yy = m.var(), *u = m.var(), *v = m.var(), *w = m.var(), *beta = m.var(), *t = m.var();
  m.mul(yy, y, y);  // w = (y² − 1) / (d·y² + 1)
  m.sub(u, yy, one);
  m.mul(v, yy, d);
  m.add(v, v, one);
  m.inv(t, v);
  m.mul(w, u, t);
  // Square root for p ≡ 5 (mod 8) (RFC 8032 §5.1.3): β = w^((p+3)/8); β² = w, or β² = −w and β·√−1
  // is the root; otherwise there is none.
  m.exp(beta, w, e);
  m.mul(t, beta, beta);
  m.sub(u, zero, w);
  if (!m.ok()) return ExitCode::UnknownError;
  if (m.equal(t, u)) {
    m.mul(beta, beta, sqrt_m1);
  } else if (!m.equal(t, w)) {
    return ExitCode::MalformedBuiltinParams;
  }
  if (m.odd(beta)) m.sub(beta, zero, beta);  // the even root
  // sign 1: p − β without reduction, as SP1 computes it, so β = 0 gives x = p.
  if (sign == 1) m.sub_int(beta, m.modulus(), beta);
  return m.store(point.first(32), {beta});
}

ExitCode uint256_mul_mod(std::span<uint8_t> x, std::span<const uint8_t> y, std::span<const uint8_t> m_bytes) noexcept {
  ModArith m("0");  // the modulus is set from m_bytes below
  BIGNUM *a = m.from_le(x), *b = m.from_le(y), *modulus = m.from_le(m_bytes), *r = m.var();
  if (!m.ok()) return ExitCode::UnknownError;
  m.set_modulus(m.zero(modulus) ? m.pow2(kUint256Bits) : modulus);
  m.mul(r, a, b);
  return m.store(x, {r});
}

ExitCode uint256_x2048_mul(std::span<const uint8_t> a, std::span<const uint8_t> b, std::span<uint8_t> lo,
                           std::span<uint8_t> hi) noexcept {
  ModArith m("0");  // the modulus is set below
  BIGNUM *x = m.from_le(a), *y = m.from_le(b), *r = m.var();
  m.set_modulus(m.pow2(kX2048ProductBits));  // a·b < 2^2304: the reduction never changes it
  m.mul(r, x, y);
  std::array<uint8_t, 288> product;
  if (m.store(product, {r}) != ExitCode::Ok) return ExitCode::UnknownError;
  std::copy(product.begin(), product.begin() + 256, lo.begin());
  std::copy(product.begin() + 256, product.end(), hi.begin());
  return ExitCode::Ok;
}

}  // namespace interlude::runtime::builtins
