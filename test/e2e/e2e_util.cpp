#include "e2e_util.h"

#include <fstream>
#include <iterator>

namespace interlude::e2e {

Bytes contract_code(const std::string& name) {
  const std::string path = std::string(INTERLUDE_CONTRACT_DIR) + "/" + name + ".wasm";
  std::ifstream in(path, std::ios::binary);
  if (!in) ADD_FAILURE() << "cannot read " << path << " (build the `contracts` target)";
  return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

Bytes32 word(const U256& v) { return v.to_be(); }

Bytes32 word(const Address& a) {
  Bytes32 w;
  for (size_t i = 0; i < 20; ++i) w[12 + i] = a[i];
  return w;
}

Bytes abi_call(uint32_t selector, std::initializer_list<Bytes32> args) {
  Bytes out{uint8_t(selector >> 24), uint8_t(selector >> 16), uint8_t(selector >> 8), uint8_t(selector)};
  for (const Bytes32& a : args) out.insert(out.end(), a.bytes.begin(), a.bytes.end());
  return out;
}

Bytes abi_string(std::string_view s) {
  Bytes out = concat({word(U256(32)).view(), word(U256(s.size())).view()});
  out.insert(out.end(), s.begin(), s.end());
  out.resize(out.size() + (32 - s.size() % 32) % 32, 0);
  return out;
}

Bytes error_string(std::string_view message) {
  Bytes out{0x08, 0xc3, 0x79, 0xa0};
  Bytes body = abi_string(message);
  out.insert(out.end(), body.begin(), body.end());
  return out;
}

Bytes32 signature_hash(std::string_view signature) {
  return keccak256(ByteView(reinterpret_cast<const uint8_t*>(signature.data()), signature.size()));
}

U256 mapping_slot(const Bytes32& key, const U256& slot) {
  return U256::from_be(keccak256(concat({key.view(), slot.to_be().view()})));
}

Bytes concat(std::initializer_list<ByteView> parts) {
  Bytes out;
  for (ByteView p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

void RecordingTracer::frame_start(uint32_t depth, const char* kind, const Address&, const Address&, const U256&,
                                  uint64_t, uint64_t) {
  lines.push_back("frame_start " + std::to_string(depth) + " " + kind);
}

void RecordingTracer::frame_end(uint32_t depth, int32_t exit_code, uint64_t, uint64_t) {
  lines.push_back("frame_end " + std::to_string(depth) + " " + std::to_string(exit_code));
}

void RecordingTracer::interruption(uint32_t depth, uint32_t call_id, const char* syscall, uint64_t, uint64_t,
                                   uint64_t, int32_t exit_code) {
  lines.push_back("interruption " + std::to_string(depth) + " " + std::to_string(call_id) + " " + syscall + " " +
                  std::to_string(exit_code));
}

E2ETest::E2ETest() : state_(state::make_memory_state()) {
  state::BlockDiff genesis;
  for (const Address& a : {ALICE, BOB}) genesis.accounts[a].info = state::Account{0, ETHER * U256(1000), KECCAK_EMPTY};
  state_->commit(genesis);
  env_.coinbase = COINBASE;
  env_.number = 1;
}

host::Receipt E2ETest::apply(const host::Transaction& tx, host::Tracer* tracer) {
  host::BlockResult result = host_.apply_block(*state_, env_, std::span(&tx, 1), tracer);
  ++env_.number;
  if (result.receipts.size() != 1) {
    ADD_FAILURE() << "expected one receipt, got " << result.receipts.size();
    return {};
  }
  return result.receipts[0];
}

host::Receipt E2ETest::send(const Address& from, const Address& to, Bytes input, uint64_t gas, host::Tracer* tracer) {
  host::Transaction tx;
  tx.sender = from;
  tx.to = to;
  tx.input = std::move(input);
  tx.gas_limit = gas;
  return apply(tx, tracer);
}

host::Receipt E2ETest::create(const Address& from, Bytes init_code, uint64_t gas) {
  host::Transaction tx;
  tx.sender = from;
  tx.input = std::move(init_code);
  tx.gas_limit = gas;
  return apply(tx);
}

Address E2ETest::deploy(const std::string& name, const Address& from) {
  host::Receipt r = create(from, contract_code(name));
  EXPECT_EQ(r.status, host::TxStatus::Success) << name << ": exit code " << r.exit_code << " " << r.error;
  EXPECT_TRUE(r.created_address.has_value()) << name;
  return r.created_address.value_or(Address{});
}

Bytes E2ETest::view(const Address& to, Bytes input) {
  host::Transaction tx;
  tx.sender = ALICE;
  tx.to = to;
  tx.input = std::move(input);
  tx.gas_limit = 1'000'000;
  host::Receipt r = host_.call(*state_, env_, tx);
  EXPECT_EQ(r.status, host::TxStatus::Success) << "exit code " << r.exit_code;
  return r.output;
}

U256 E2ETest::token_balance(const Address& token, const Address& owner) const {
  return state_->storage(token, mapping_slot(word(owner), U256(0)));
}

void expect_log(const host::Log& log, const Address& address, const std::vector<Bytes32>& topics, const Bytes& data) {
  EXPECT_EQ(log.address, address);
  EXPECT_EQ(log.topics, topics);
  EXPECT_EQ(to_hex(log.data), to_hex(data));
}

}  // namespace interlude::e2e
