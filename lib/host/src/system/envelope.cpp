// bincode-2 "legacy" codec of the system-runtime envelopes (protocol.md §6.1–§6.4).
#include "system/envelope.h"

#include <algorithm>

namespace interlude::host::system {

namespace {

class Writer {
 public:
  void u8(uint8_t v) { out_.push_back(v); }
  void u32(uint32_t v) { fixed(v, 4); }
  void u64(uint64_t v) { fixed(v, 8); }
  void raw(ByteView bytes) { out_.insert(out_.end(), bytes.begin(), bytes.end()); }
  void bytes(ByteView bytes) {
    u64(bytes.size());
    raw(bytes);
  }
  void u256(const U256& v) { raw(v.to_le().view()); }
  void storage(const StorageMap& map) {
    u32(uint32_t(map.size()));
    for (const auto& [key, value] : map) {
      u256(key);
      u256(value);
    }
  }
  Bytes take() { return std::move(out_); }

 private:
  void fixed(uint64_t v, int size) {
    for (int i = 0; i < size; ++i) out_.push_back(uint8_t(v >> (8 * i)));
  }
  Bytes out_;
};

/// Reads fields front to back; every read fails (false) once the bytes run out.
class Reader {
 public:
  explicit Reader(ByteView bytes) : rest_(bytes) {}

  bool empty() const { return rest_.empty(); }
  bool raw(uint8_t* out, uint64_t size) {
    if (rest_.size() < size) return false;
    std::copy_n(rest_.begin(), size, out);
    rest_ = rest_.subspan(size);
    return true;
  }
  bool u8(uint8_t& v) { return raw(&v, 1); }
  bool flag(bool& v) {  // bool and Option tags: 0 or 1
    uint8_t b = 0;
    if (!u8(b) || b > 1) return false;
    v = b == 1;
    return true;
  }
  bool u32(uint32_t& v) {
    uint8_t b[4];
    if (!raw(b, 4)) return false;
    v = load_u32_le(b);
    return true;
  }
  bool u64(uint64_t& v) {
    uint8_t b[8];
    if (!raw(b, 8)) return false;
    v = load_u64_le(b);
    return true;
  }
  bool bytes(Bytes& v) {
    uint64_t size = 0;
    if (!u64(size) || rest_.size() < size) return false;
    v.assign(rest_.begin(), rest_.begin() + size);
    rest_ = rest_.subspan(size);
    return true;
  }
  bool u256(U256& v) {
    uint8_t b[32];
    if (!raw(b, 32)) return false;
    v = U256::from_le_ptr(b);
    return true;
  }
  bool storage(StorageMap& map) {
    uint32_t count = 0;
    if (!u32(count)) return false;
    for (uint32_t i = 0; i < count; ++i) {
      U256 key, value;
      if (!u256(key) || !u256(value)) return false;
      map.insert_or_assign(key, value);
    }
    return true;
  }

 private:
  ByteView rest_;
};

}  // namespace

Bytes encode(const NewFrameInput& value) {
  Writer w;
  w.bytes(value.metadata);
  w.bytes(value.input);
  w.bytes(value.context);
  w.storage(value.storage);
  return w.take();
}

Bytes encode(const InterruptionOutcome& value) {
  Writer w;
  w.u8(value.halted_frame);
  w.bytes(value.output);
  w.u64(value.fuel_consumed);
  w.u64(uint64_t(value.fuel_refunded));
  w.u32(uint32_t(value.exit_code));
  return w.take();
}

Bytes encode(const ExecutionOutcome& value) {
  Writer w;
  w.u32(uint32_t(value.exit_code));
  w.bytes(value.output);
  w.storage(value.storage);
  w.u64(value.logs.size());
  for (const JournalLog& log : value.logs) {
    w.u32(uint32_t(log.topics.size()));
    for (const Bytes32& topic : log.topics) w.raw(topic.view());
    w.bytes(log.data);
  }
  w.u8(value.new_metadata.has_value());
  if (value.new_metadata) w.bytes(*value.new_metadata);
  if (!value.touched_storage_slots && !value.transfers) return w.take();
  const std::vector<U256> no_slots;
  const auto& touched = value.touched_storage_slots ? *value.touched_storage_slots : no_slots;
  w.u32(uint32_t(touched.size()));
  for (const U256& slot : touched) w.u256(slot);
  if (!value.transfers) return w.take();
  w.u32(uint32_t(value.transfers->size()));
  for (const Transfer& t : *value.transfers) {
    w.raw(t.to.view());
    w.u256(t.amount);
  }
  return w.take();
}

std::optional<NewFrameInput> decode_new_frame_input(ByteView bytes) {
  Reader r(bytes);
  NewFrameInput v;
  if (!r.bytes(v.metadata) || !r.bytes(v.input) || !r.bytes(v.context) || !r.storage(v.storage)) return std::nullopt;
  return v;
}

std::optional<InterruptionOutcome> decode_interruption_outcome(ByteView bytes) {
  Reader r(bytes);
  InterruptionOutcome v;
  uint64_t refunded = 0;
  uint32_t exit_code = 0;
  if (!r.flag(v.halted_frame) || !r.bytes(v.output) || !r.u64(v.fuel_consumed) || !r.u64(refunded) ||
      !r.u32(exit_code))
    return std::nullopt;
  v.fuel_refunded = int64_t(refunded);
  v.exit_code = int32_t(exit_code);
  return v;
}

std::optional<ExecutionOutcome> decode_execution_outcome(ByteView bytes) {
  Reader r(bytes);
  ExecutionOutcome v;
  uint32_t exit_code = 0;
  uint64_t log_count = 0;
  if (!r.u32(exit_code) || !r.bytes(v.output) || !r.storage(v.storage) || !r.u64(log_count)) return std::nullopt;
  v.exit_code = int32_t(exit_code);
  for (uint64_t i = 0; i < log_count; ++i) {
    JournalLog& log = v.logs.emplace_back();
    uint32_t topics = 0;
    if (!r.u32(topics)) return std::nullopt;
    for (uint32_t t = 0; t < topics; ++t)
      if (!r.raw(log.topics.emplace_back().data(), 32)) return std::nullopt;
    if (!r.bytes(log.data)) return std::nullopt;
  }
  bool has_metadata = false;
  if (!r.flag(has_metadata) || (has_metadata && !r.bytes(v.new_metadata.emplace()))) return std::nullopt;
  if (r.empty()) return v;
  uint32_t count = 0;
  if (!r.u32(count)) return std::nullopt;
  auto& touched = v.touched_storage_slots.emplace();
  for (uint32_t i = 0; i < count; ++i)
    if (!r.u256(touched.emplace_back())) return std::nullopt;
  if (r.empty()) return v;
  if (!r.u32(count)) return std::nullopt;
  auto& transfers = v.transfers.emplace();
  for (uint32_t i = 0; i < count; ++i) {
    Transfer& t = transfers.emplace_back();
    if (!r.raw(t.to.data(), 20) || !r.u256(t.amount)) return std::nullopt;
  }
  return v;
}

}  // namespace interlude::host::system
