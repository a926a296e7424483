#include "mod_arith.h"

#include <algorithm>
#include <array>

namespace interlude::runtime::builtins {

ModArith::ModArith(const char* modulus_hex) noexcept : ctx_(BN_CTX_new()), ok_(ctx_ != nullptr) {
  if (ok_) BN_CTX_start(ctx_);
  p_ = from_hex(modulus_hex);
}

ModArith::~ModArith() {
  if (ctx_ == nullptr) return;
  BN_CTX_end(ctx_);
  BN_CTX_free(ctx_);
}

void ModArith::set_modulus(const BIGNUM* m) noexcept {
  if (ok_) ok_ = BN_copy(p_, m) != nullptr;
}

BIGNUM* ModArith::var() noexcept {
  BIGNUM* v = ok_ ? BN_CTX_get(ctx_) : nullptr;  // BN_CTX_get returns a zeroed BIGNUM
  ok_ = v != nullptr;
  return v;
}

BIGNUM* ModArith::from_le(std::span<const uint8_t> bytes) noexcept {
  BIGNUM* v = var();
  if (ok_) ok_ = BN_lebin2bn(bytes.data(), static_cast<int>(bytes.size()), v) != nullptr;
  return v;
}

BIGNUM* ModArith::from_hex(const char* hex) noexcept {
  BIGNUM* v = var();
  if (ok_) ok_ = BN_hex2bn(&v, hex) != 0;
  return v;
}

BIGNUM* ModArith::pow2(uint32_t bits) noexcept {
  BIGNUM* v = var();
  if (ok_) check(BN_set_bit(v, static_cast<int>(bits)));
  return v;
}

void ModArith::add(BIGNUM* r, const BIGNUM* a, const BIGNUM* b) noexcept {
  if (ok_) check(BN_mod_add(r, a, b, p_, ctx_));
}
void ModArith::sub(BIGNUM* r, const BIGNUM* a, const BIGNUM* b) noexcept {
  if (ok_) check(BN_mod_sub(r, a, b, p_, ctx_));
}
void ModArith::mul(BIGNUM* r, const BIGNUM* a, const BIGNUM* b) noexcept {
  if (ok_) check(BN_mod_mul(r, a, b, p_, ctx_));
}
void ModArith::exp(BIGNUM* r, const BIGNUM* a, const BIGNUM* e) noexcept {
  if (ok_) check(BN_mod_exp(r, a, e, p_, ctx_));
}
void ModArith::inv(BIGNUM* r, const BIGNUM* a) noexcept {
  if (!ok_) return;
  BIGNUM* reduced = var();
  if (ok_) check(BN_nnmod(reduced, a, p_, ctx_));
  if (!ok_) return;
  // BN_mod_inverse fails (and queues an OpenSSL error) for 0, so 0 is handled first.
  if (BN_is_zero(reduced)) {
    BN_zero(r);
  } else {
    ok_ = BN_mod_inverse(r, reduced, p_, ctx_) != nullptr;
  }
}
void ModArith::add_int(BIGNUM* r, const BIGNUM* a, const BIGNUM* b) noexcept {
  if (ok_) check(BN_add(r, a, b));
}
void ModArith::sub_int(BIGNUM* r, const BIGNUM* a, const BIGNUM* b) noexcept {
  if (ok_) check(BN_sub(r, a, b));
}

bool ModArith::reduced(const BIGNUM* a) const noexcept { return ok_ && BN_cmp(a, p_) < 0; }
bool ModArith::equal(const BIGNUM* a, const BIGNUM* b) const noexcept { return ok_ && BN_cmp(a, b) == 0; }
bool ModArith::greater(const BIGNUM* a, const BIGNUM* b) const noexcept { return ok_ && BN_cmp(a, b) > 0; }
bool ModArith::odd(const BIGNUM* a) const noexcept { return ok_ && BN_is_odd(a); }
bool ModArith::zero(const BIGNUM* a) const noexcept { return ok_ && BN_is_zero(a); }

ExitCode ModArith::store(std::span<uint8_t> out, std::initializer_list<const BIGNUM*> values) noexcept {
  std::array<uint8_t, 288> staged;  // the widest result: the 2304-bit product of uint256_x2048_mul
  if (out.size() > staged.size()) return ExitCode::UnknownError;
  const int width = static_cast<int>(out.size() / values.size());
  int offset = 0;
  for (const BIGNUM* v : values) {
    if (ok_) ok_ = BN_bn2lebinpad(v, staged.data() + offset, width) == width;
    offset += width;
  }
  if (!ok_) return ExitCode::UnknownError;
  std::copy(staged.begin(), staged.begin() + offset, out.begin());
  return ExitCode::Ok;
}

}  // namespace interlude::runtime::builtins
