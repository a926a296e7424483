#pragma once
/// Modular arithmetic on OpenSSL BIGNUMs for the field, curve and big-integer builtins. One
/// ModArith lives for one builtin call and owns a fresh BN_CTX (no state is shared between calls
/// or threads). OpenSSL fails only when it cannot allocate; a ModArith then turns sticky-failed:
/// every later operation is skipped, ok() is false, and the builtin returns UnknownError without
/// writing a result.
#include <openssl/bn.h>

#include <cstdint>
#include <initializer_list>
#include <span>

#include "interlude/runtime/exit_code.h"

namespace interlude::runtime::builtins {

class ModArith {
 public:
  /// Arithmetic modulo the big-endian hex integer `modulus_hex`.
  explicit ModArith(const char* modulus_hex) noexcept;
  ~ModArith();
  ModArith(const ModArith&) = delete;
  ModArith& operator=(const ModArith&) = delete;

  bool ok() const noexcept { return ok_; }
  const BIGNUM* modulus() const noexcept { return p_; }
  /// Replaces the modulus by `m` (> 0).
  void set_modulus(const BIGNUM* m) noexcept;

  /// A new variable (owned by this ModArith) holding 0, the LE bytes, the big-endian hex integer,
  /// or 2^bits. Values are not reduced. nullptr only after a failure.
  BIGNUM* var() noexcept;
  BIGNUM* from_le(std::span<const uint8_t> bytes) noexcept;
  BIGNUM* from_hex(const char* hex) noexcept;
  BIGNUM* pow2(uint32_t bits) noexcept;

  /// r ← (a op b) mod modulus, for any non-negative a, b; r may be a or b.
  void add(BIGNUM* r, const BIGNUM* a, const BIGNUM* b) noexcept;
  void sub(BIGNUM* r, const BIGNUM* a, const BIGNUM* b) noexcept;
  void mul(BIGNUM* r, const BIGNUM* a, const BIGNUM* b) noexcept;
  /// r ← a^e mod modulus (r must not be a or e).
  void exp(BIGNUM* r, const BIGNUM* a, const BIGNUM* e) noexcept;
  /// r ← a⁻¹ mod a prime modulus, and 0 for a ≡ 0: the value of Fermat's a^(p−2) that SP1 uses
  /// (r must not be a).
  void inv(BIGNUM* r, const BIGNUM* a) noexcept;
  /// r ← a + b and r ← a − b (a ≥ b) without reduction; r may be a or b.
  void add_int(BIGNUM* r, const BIGNUM* a, const BIGNUM* b) noexcept;
  void sub_int(BIGNUM* r, const BIGNUM* a, const BIGNUM* b) noexcept;

  /// a < modulus.
  bool reduced(const BIGNUM* a) const noexcept;
  /// a == b, a > b, a odd, a == 0 (false after a failure).
  bool equal(const BIGNUM* a, const BIGNUM* b) const noexcept;
  bool greater(const BIGNUM* a, const BIGNUM* b) const noexcept;
  bool odd(const BIGNUM* a) const noexcept;
  bool zero(const BIGNUM* a) const noexcept;

  /// Writes `values` as consecutive LE integers of out.size() / values.size() bytes each, all or
  /// nothing: Ok, or UnknownError after a failure (or a value too wide, which callers exclude).
  ExitCode store(std::span<uint8_t> out, std::initializer_list<const BIGNUM*> values) noexcept;

 private:
  /// Records an OpenSSL return value (1 = success).
  void check(int status) noexcept { ok_ = ok_ && status == 1; }

  BN_CTX* ctx_;
  bool ok_;
  BIGNUM* p_ = nullptr;
};

}  // namespace interlude::runtime::builtins
