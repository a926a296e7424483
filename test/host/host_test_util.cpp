#include "host_test_util.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include "interlude/common/keccak.h"
#include "interlude/runtime/exit_code.h"

namespace interlude::host::test {

namespace {
uint64_t words(uint64_t n) { return (n + 31) / 32; }

void append(Bytes& out, ByteView b) { out.insert(out.end(), b.begin(), b.end()); }
void append_u32(Bytes& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(uint8_t(v >> (8 * i)));
}
void append_u64(Bytes& out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out.push_back(uint8_t(v >> (8 * i)));
}
void append_leb(Bytes& out, uint64_t v) {
  do {
    uint8_t b = v & 0x7f;
    v >>= 7;
    out.push_back(v ? b | 0x80 : b);
  } while (v);
}

// Script opcodes (wat/script.wat).
constexpr uint8_t OP_EXEC = 1, OP_EXIT = 2, OP_WRITE = 3, OP_SPIN = 4, OP_RESUME = 5, OP_TRAP = 6;
}  // namespace

Address addr(uint8_t b) {
  Address a;
  a[19] = b;
  return a;
}

Bytes bytes(std::string_view s) { return Bytes(s.begin(), s.end()); }

Bytes wasm(std::string_view name) {
  std::string path = std::string(INTERLUDE_HOST_WASM_DIR) + "/" + std::string(name) + ".wasm";
  std::ifstream f(path, std::ios::binary);
  if (!f) throw std::runtime_error("missing test module " + path);
  return Bytes(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
}

Bytes with_custom_section(Bytes module, std::string_view name, ByteView contents) {
  Bytes body;
  append_leb(body, name.size());
  append(body, bytes(name));
  append(body, contents);
  module.push_back(0);  // custom section id
  append_leb(module, body.size());
  append(module, body);
  return module;
}

Bytes le32(int32_t v) {
  Bytes out;
  append_u32(out, uint32_t(v));
  return out;
}

Bytes le256(const U256& v) {
  Bytes out(32);
  v.store_le(out.data());
  return out;
}

Script& Script::op(uint8_t code, ByteView payload, uint64_t len) {
  program_.push_back(code);
  append(program_, payload);
  commands_.push_back({code, len});
  return *this;
}

Script& Script::exec(uint8_t syscall, ByteView input, uint64_t fuel_limit, uint8_t state) {
  Bytes p{syscall, state};
  append_u64(p, fuel_limit);
  append_u32(p, uint32_t(input.size()));
  append(p, input);
  return op(OP_EXEC, p, input.size());
}

Script& Script::sload(const U256& slot) { return exec(STORAGE_READ, le256(slot)); }

Script& Script::sstore(const U256& slot, const U256& value) {
  Bytes in = le256(slot);
  append(in, le256(value));
  return exec(STORAGE_WRITE, in);
}

Script& Script::call(const Address& to, const U256& value, ByteView calldata, uint64_t fuel_limit) {
  Bytes in(to.bytes.begin(), to.bytes.end());
  append(in, le256(value));
  append(in, calldata);
  return exec(CALL, in, fuel_limit);
}

Script& Script::static_call(const Address& to, ByteView calldata) {
  Bytes in(to.bytes.begin(), to.bytes.end());
  append(in, calldata);
  return exec(STATIC_CALL, in);
}

Script& Script::call_code(const Address& to, const U256& value, ByteView calldata) {
  Bytes in(to.bytes.begin(), to.bytes.end());
  append(in, le256(value));
  append(in, calldata);
  return exec(CALL_CODE, in);
}

Script& Script::delegate_call(const Address& to, ByteView calldata) {
  Bytes in(to.bytes.begin(), to.bytes.end());
  append(in, calldata);
  return exec(DELEGATE_CALL, in);
}

Script& Script::create(const U256& value, ByteView init_code) {
  Bytes in = le256(value);
  append(in, init_code);
  return exec(CREATE, in);
}

Script& Script::create2(const U256& value, const U256& salt, ByteView init_code) {
  Bytes in = le256(value);
  append(in, le256(salt));
  append(in, init_code);
  return exec(CREATE2, in);
}

Script& Script::emit_log(std::vector<Bytes32> topics, ByteView data) {
  Bytes in{uint8_t(topics.size())};
  for (const auto& t : topics) append(in, t.view());
  append(in, data);
  return exec(EMIT_LOG, in);
}

Script& Script::exit(int32_t code) { return op(OP_EXIT, le32(code), 0); }

Script& Script::write(ByteView data) {
  Bytes p(4 + data.size());
  store_u32_le(p.data(), uint32_t(data.size()));
  std::copy(data.begin(), data.end(), p.begin() + 4);
  return op(OP_WRITE, p, data.size());
}

Script& Script::spin() { return op(OP_SPIN, {}, 0); }
Script& Script::resume() { return op(OP_RESUME, {}, 0); }
Script& Script::trap() { return op(OP_TRAP, {}, 0); }

uint64_t exec_fuel(uint64_t len) {
  const uint64_t w = words(len);
  return (3 * w + w * w / 512) * 20;
}

std::vector<uint64_t> Script::segment_fuel(std::span<const uint64_t> return_sizes) const {
  // Region costs of wat/script.wat; import procedures: _input_size/_output_size 400,
  // _read/_write/_read_output 400 + 60 per word, _exec exec_fuel(len), _exit/_resume 0.
  std::vector<uint64_t> segments;
  uint64_t fuel = 1024 /* one memory page */ + 10 /* main */ + 37 + 400 + 400 + 60 * words(program_.size());
  size_t next_return = 0;
  for (const Command& c : commands_) {
    fuel += 4 + 6;  // loop test, dispatch
    switch (c.op) {
      case OP_EXEC:
        segments.push_back(fuel + 36 + exec_fuel(c.len));
        if (next_return == return_sizes.size()) return segments;
        fuel = 59 + 460 + 400 + 2 * (400 + 60 * words(return_sizes[next_return++]));
        break;
      case OP_WRITE:
        fuel += 24 + 400 + 60 * words(c.len);
        break;
      case OP_EXIT:
        segments.push_back(fuel + 13);
        return segments;
      case OP_RESUME:
        segments.push_back(fuel + 15);
        return segments;
      default:  // SPIN never ends; TRAP costs nothing more
        segments.push_back(fuel);
        return segments;
    }
  }
  segments.push_back(fuel + 4);
  return segments;
}

uint64_t Script::execution_gas(std::span<const uint64_t> return_sizes) const {
  uint64_t gas = 0;
  for (uint64_t f : segment_fuel(return_sizes)) gas += (f + 19) / 20;
  return gas;
}

uint64_t intrinsic_gas(const Transaction& tx) {
  const uint64_t zeros = std::count(tx.input.begin(), tx.input.end(), 0);
  const uint64_t gas = 21000 + 4 * zeros + 16 * (tx.input.size() - zeros);
  return tx.to ? gas : gas + 32000 + 2 * words(tx.input.size());
}

uint64_t floor_gas(const Transaction& tx) {
  const uint64_t zeros = std::count(tx.input.begin(), tx.input.end(), 0);
  return 21000 + 10 * (zeros + 4 * (tx.input.size() - zeros));
}

Transaction call_tx(const Address& from, const Address& to, ByteView input, uint64_t gas, const U256& value) {
  Transaction tx;
  tx.sender = from;
  tx.to = to;
  tx.input.assign(input.begin(), input.end());
  tx.gas_limit = gas;
  tx.value = value;
  return tx;
}

Transaction create_tx(const Address& from, ByteView init_code, uint64_t gas, const U256& value) {
  Transaction tx = call_tx(from, Address(), init_code, gas, value);
  tx.to.reset();
  return tx;
}

Chain::Chain() : state_(state::make_memory_state()) { env.coinbase = addr(0xcb); }

void Chain::put(const Address& a, const U256& balance, uint64_t nonce, ByteView code) {
  state::BlockDiff diff;
  state::Account acc;
  acc.balance = balance;
  acc.nonce = nonce;
  if (!code.empty()) {
    acc.code_hash = keccak256(code);
    diff.codes[acc.code_hash] = Bytes(code.begin(), code.end());
  }
  diff.accounts[a].info = acc;
  state_->commit(diff);
}

void Chain::put_storage(const Address& a, const U256& slot, const U256& value) {
  state::BlockDiff diff;
  diff.accounts[a].info = state_->account(a).value_or(state::Account{});
  diff.accounts[a].storage[slot] = value;
  state_->commit(diff);
}

BlockResult Chain::apply(std::vector<Transaction> txs, Tracer* tracer) {
  return host.apply_block(*state_, env, txs, tracer);
}

Receipt Chain::apply(Transaction tx, Tracer* tracer) {
  return apply(std::vector<Transaction>{std::move(tx)}, tracer).receipts.at(0);
}

U256 Chain::balance(const Address& a) const { return state_->account(a).value_or(state::Account{}).balance; }
uint64_t Chain::nonce(const Address& a) const { return state_->account(a).value_or(state::Account{}).nonce; }
Bytes Chain::code(const Address& a) const {
  auto acc = state_->account(a);
  return acc ? state_->code(acc->code_hash).value_or(Bytes{}) : Bytes{};
}

void RecordingTracer::frame_start(uint32_t depth, const char* kind, const Address&, const Address&, const U256&,
                                  uint64_t, uint64_t) {
  events.push_back("start " + std::to_string(depth) + " " + kind);
}

void RecordingTracer::frame_end(uint32_t depth, int32_t exit_code, uint64_t, uint64_t) {
  events.push_back("end " + std::to_string(depth) + " " + std::to_string(exit_code));
}

void RecordingTracer::interruption(uint32_t depth, uint32_t call_id, const char* syscall, uint64_t,
                                   uint64_t gas_before, uint64_t gas_after, int32_t exit_code) {
  call_ids.push_back(call_id);
  syscall_gas.push_back(gas_before - gas_after);
  events.push_back("int " + std::to_string(depth) + " " + std::to_string(call_id) + " " + syscall + " " +
                   std::to_string(exit_code));
}

}  // namespace interlude::host::test
