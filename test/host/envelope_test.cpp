// The system-runtime envelopes (protocol.md §6.1–§6.4): exact bytes, round trips, bounded and
// strict decoding (adversarial case T72).
#include <gtest/gtest.h>

#include "host_test_util.h"
#include "system/envelope.h"

namespace interlude::host::test {
namespace {

using system::ExecutionOutcome;
using system::InterruptionOutcome;
using system::NewFrameInput;

Bytes h(std::string_view text) { return from_hex(text).value(); }
Bytes cat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const Bytes& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}
/// A 32-byte little-endian word with low byte `b`.
Bytes word(uint8_t b) { return le256(U256(b)); }

TEST(EnvelopeTest, NewFrameInputBytes) {
  const NewFrameInput value{bytes("m"), bytes("in"), h("010203"), {{U256(1), U256(2)}, {U256(0x10), U256(3)}}};
  const Bytes expected = cat({h("0100000000000000"), h("6d"),              // metadata
                              h("0200000000000000"), h("696e"),            // input
                              h("0300000000000000"), h("010203"),          // context
                              h("02000000"), word(1), word(2), word(0x10), word(3)});  // storage, ascending
  EXPECT_EQ(system::encode(value), expected);
  EXPECT_EQ(system::decode_new_frame_input(expected), value);
  // No storage: count 0.
  const NewFrameInput empty;
  EXPECT_EQ(system::encode(empty), h("000000000000000000000000000000000000000000000000" "00000000"));
  EXPECT_EQ(system::decode_new_frame_input(system::encode(empty)), empty);
}

TEST(EnvelopeTest, InterruptionOutcomeBytes) {
  const InterruptionOutcome value{true, bytes("xy"), 42'000, -20, -1003};
  const Bytes expected = h("01" "0200000000000000" "7879" "10a4000000000000" "ecffffffffffffff" "15fcffff");
  EXPECT_EQ(system::encode(value), expected);
  EXPECT_EQ(system::decode_interruption_outcome(expected), value);
  // A bool other than 0 or 1 does not decode; trailing bytes are accepted.
  Bytes bad = expected;
  bad[0] = 2;
  EXPECT_FALSE(system::decode_interruption_outcome(bad));
  EXPECT_EQ(system::decode_interruption_outcome(cat({expected, h("ffff")})), value);
  EXPECT_FALSE(system::decode_interruption_outcome(ByteView(expected).first(expected.size() - 1)));
}

ExecutionOutcome full_outcome() {
  ExecutionOutcome value;
  value.exit_code = -1;
  value.output = bytes("ok");
  value.storage = {{U256(5), U256(9)}};
  Bytes32 topic;
  topic.bytes.fill(0xaa);
  value.logs = {{{topic}, bytes("d")}};
  value.new_metadata = bytes("new");
  value.touched_storage_slots = std::vector<U256>{U256(5)};
  value.transfers = std::vector<system::Transfer>{{addr(0x77), U256(300)}};
  return value;
}

TEST(EnvelopeTest, ExecutionOutcomeBytes) {
  const Bytes head = cat({h("ffffffff"),                                         // exit_code -1
                          h("0200000000000000"), h("6f6b"),                      // output
                          h("01000000"), word(5), word(9),                       // storage
                          h("0100000000000000"), h("01000000"), Bytes(32, 0xaa), // logs: 1 log, 1 topic
                          h("0100000000000000"), h("64"),                        //   data
                          h("01"), h("0300000000000000"), h("6e6577")});         // new_metadata
  const Bytes touched = cat({h("01000000"), word(5)});
  const Address to = addr(0x77);
  const Bytes transfers = cat({h("01000000"), Bytes(to.bytes.begin(), to.bytes.end()), h("2c01"), Bytes(30, 0)});
  const ExecutionOutcome value = full_outcome();
  EXPECT_EQ(system::encode(value), cat({head, touched, transfers}));
  EXPECT_EQ(system::decode_execution_outcome(cat({head, touched, transfers})), value);

  // The two trailing fields are optional: "no bytes left" is absent.
  ExecutionOutcome without = value;
  without.transfers.reset();
  EXPECT_EQ(system::encode(without), cat({head, touched}));
  EXPECT_EQ(system::decode_execution_outcome(cat({head, touched})), without);
  without.touched_storage_slots.reset();
  EXPECT_EQ(system::encode(without), head);
  EXPECT_EQ(system::decode_execution_outcome(head), without);
  // Transfers without touched slots are written after an empty touched list.
  without.transfers = value.transfers;
  EXPECT_EQ(system::encode(without), cat({head, h("00000000"), transfers}));

  // The smallest envelope: Ok, no output, nothing else.
  EXPECT_EQ(system::encode(ExecutionOutcome{}), h("00000000" "0000000000000000" "00000000" "0000000000000000" "00"));
}

TEST(EnvelopeTest, ExecutionOutcomeDecodingIsStrictAndBounded) {
  const Bytes valid = system::encode(full_outcome());
  const size_t head = valid.size() - 36 - 56;  // up to and including new_metadata
  // Every truncation fails, except at the boundaries of the two optional trailing fields.
  for (size_t size = 0; size < valid.size(); ++size) {
    const bool boundary = size == head || size == head + 36;
    EXPECT_EQ(system::decode_execution_outcome(ByteView(valid).first(size)).has_value(), boundary) << size;
  }
  // Option tag 2.
  Bytes bad_tag = valid;
  bad_tag[head - 12] = 2;
  EXPECT_FALSE(system::decode_execution_outcome(bad_tag));
  // A log count of 2^40 with a 10-byte body fails without allocating for the claim.
  const Bytes huge = cat({h("00000000" "0000000000000000" "00000000"), h("0000000001000000"), Bytes(10, 0)});
  EXPECT_FALSE(system::decode_execution_outcome(huge));
  // A storage count of 2^32 - 1 with one entry.
  EXPECT_FALSE(system::decode_execution_outcome(cat({h("00000000" "0000000000000000" "ffffffff"), word(1), word(2)})));
  // Random bytes.
  EXPECT_FALSE(system::decode_execution_outcome(bytes("not an envelope")));
}

}  // namespace
}  // namespace interlude::host::test
