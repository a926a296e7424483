#pragma once
// Programs for the ops contract (wat/a_ops.wat): raw import calls with hostile arguments, and the
// shared fixture of the §2.A-§2.C adversarial tests.
#include <gtest/gtest.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "host_fixture.h"
#include "interlude/runtime/exit_code.h"

namespace interlude::host::test {

/// A program for wat/a_ops.wat. Commands go at memory 1024 (after the context header); data given
/// to `data()` goes at memory kData and up, so commands can point at it.
class Ops {
 public:
  enum Op : uint8_t {
    STOP, EXEC, READ, ROUT, FWD, WRITE, GROW, CHARGE, FUEL, SIZE, EXIT, LAST, OSIZE, SPIN, RESUME, FILL, COPY, TRAP,
    TFILL
  };
  static constexpr uint32_t kData = 4096;  ///< memory address of the first data byte

  Ops& op(Op o, uint32_t a = 0, uint32_t b = 0, uint32_t c = 0, uint32_t d = 0, uint32_t e = 0) {
    cmds_.push_back(o);
    for (uint32_t v : {a, b, c, d, e}) {
      const Bytes le = le32(int32_t(v));
      cmds_.insert(cmds_.end(), le.begin(), le.end());
    }
    return *this;
  }
  /// Appends `b` to the data area; returns its memory address.
  uint32_t data(ByteView b) {
    const uint32_t at = kData + uint32_t(data_.size());
    data_.insert(data_.end(), b.begin(), b.end());
    return at;
  }
  /// The 32-byte syscall id whose last byte is `id` (protocol.md §4.1), in data; returns its address.
  uint32_t syscall_id(uint8_t id) {
    Bytes32 h;
    h[31] = id;
    return data(h.view());
  }
  /// `_exec(syscall id, input, fuel16_ptr = 0 (all remaining fuel), state)`; result in `last`.
  Ops& exec(uint8_t id, ByteView input, uint32_t state = 0) {
    const uint32_t h = syscall_id(id);
    const uint32_t in = data(input);
    return op(EXEC, h, in, uint32_t(input.size()), 0, state);
  }

  /// The calldata: commands, STOP, zero padding up to kData - 1024, data. At most 146 commands.
  Bytes bytes() const {
    if (cmds_.size() >= kData - 1024) throw std::length_error("ops program: too many commands");
    Bytes out = cmds_;
    out.resize(kData - 1024, 0);
    out.insert(out.end(), data_.begin(), data_.end());
    return out;
  }
  /// The input of a direct Executor run: a zeroed context header (1024 bytes) ‖ bytes().
  Bytes executor_input() const { return cat({Bytes(1024), bytes()}); }

 private:
  Bytes cmds_;
  Bytes data_;
};

/// The HostTest fixture plus the ops contract at `o` (nonce 1, no balance) and helpers.
class AdvTest : public HostTest {
 protected:
  static constexpr uint64_t G = 10'000'000;  ///< the "generous gas limit" of the cases
  const Address o = addr(0x0c1);
  const Bytes ops_code = wasm("a_ops");

  AdvTest() { chain.put(o, 0, 1, ops_code); }

  Receipt run_ops(const Ops& p, uint64_t gas = G, Tracer* tracer = nullptr) {
    return chain.apply(call_tx(sender, o, p.bytes(), gas), tracer);
  }
  /// Expects a HALT with `code`: all gas consumed, no output, no logs.
  static void expect_halt(const Receipt& r, runtime::ExitCode code, uint64_t gas) {
    EXPECT_EQ(r.status, TxStatus::Halt);
    EXPECT_EQ(r.exit_code, runtime::to_i32(code));
    EXPECT_EQ(r.gas_used, gas);
    EXPECT_TRUE(r.output.empty());
    EXPECT_TRUE(r.logs.empty());
  }
};

/// Gas of each interruption served for the top frame (depth 0), in order.
inline std::vector<uint64_t> top_syscall_gas(const RecordingTracer& t) {
  std::vector<uint64_t> out;
  for (size_t e = 0, i = 0; e < t.events.size(); ++e) {
    if (t.events[e].rfind("int ", 0) != 0) continue;
    if (t.events[e].rfind("int 0 ", 0) == 0) out.push_back(t.syscall_gas[i]);
    ++i;
  }
  return out;
}

/// u64 little-endian bytes.
inline Bytes le64(uint64_t v) {
  Bytes out(8);
  for (int i = 0; i < 8; ++i) out[i] = uint8_t(v >> (8 * i));
  return out;
}
/// Reads the u64 LE at `at` of `b`.
inline uint64_t u64_at(ByteView b, size_t at) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | b[at + i];
  return v;
}

}  // namespace interlude::host::test
