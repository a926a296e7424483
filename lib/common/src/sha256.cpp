#include "interlude/common/sha256.h"

#include <cryptopp/sha.h>

namespace interlude {

Bytes32 sha256(ByteView data) noexcept {
  CryptoPP::SHA256 h;
  h.Update(data.data(), data.size());
  Bytes32 out;
  h.Final(out.data());
  return out;
}

}  // namespace interlude
