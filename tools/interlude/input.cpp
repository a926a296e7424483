// Input side of interlude_cli: the JSON files of `interlude apply` (formats.md) -> host/state types.
#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <initializer_list>
#include <iterator>

#include "cli.h"
#include "interlude/common/keccak.h"

namespace interlude::cli {
namespace {

using nlohmann::json;

[[noreturn]] void fail(const std::string& where, const std::string& what) {
  throw InputError(fmt::format("{}: {}", where, what));
}

const json& require_type(const json& value, json::value_t type, const char* expected, const std::string& where) {
  if (value.type() != type) fail(where, fmt::format("expected {}, got {}", expected, value.type_name()));
  return value;
}

const std::string& require_string(const json& value, const std::string& where) {
  return require_type(value, json::value_t::string, "a string", where).get_ref<const std::string&>();
}

/// Requires an object whose keys are all in `known`; names the first unknown field.
const json& require_fields(const json& value, const std::string& where, std::initializer_list<std::string_view> known) {
  require_type(value, json::value_t::object, "an object", where);
  for (const auto& item : value.items())
    if (std::find(known.begin(), known.end(), item.key()) == known.end())
      fail(where, fmt::format("unknown field \"{}\"", item.key()));
  return value;
}

/// The field `name` of `object`, or nullptr if absent.
const json* field(const json& object, const char* name) {
  auto it = object.find(name);
  return it == object.end() ? nullptr : &*it;
}

const json& required_field(const json& object, const char* name, const std::string& where) {
  const json* value = field(object, name);
  if (!value) fail(where, fmt::format("missing required field \"{}\"", name));
  return *value;
}

bool has_hex_prefix(std::string_view s) { return s.size() >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'); }
bool is_dec_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hex_digit(char c) { return is_dec_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

/// "0x"-prefixed hex bytes with an even digit count; `what` names the expected thing in errors.
Bytes parse_hex_bytes(const json& value, const std::string& where, const char* what) {
  const std::string& s = require_string(value, where);
  if (!has_hex_prefix(s)) fail(where, fmt::format("{} must start with \"0x\": {}", what, value.dump()));
  std::string_view digits = std::string_view(s).substr(2);
  if (!std::all_of(digits.begin(), digits.end(), is_hex_digit))
    fail(where, fmt::format("bad hex digit in {}: {}", what, value.dump()));
  if (digits.size() % 2) fail(where, fmt::format("odd number of hex digits in {}: {}", what, value.dump()));
  return *from_hex(s);
}

template <size_t N>
FixedBytes<N> parse_fixed(const json& value, const std::string& where, const char* what) {
  Bytes bytes = parse_hex_bytes(value, where, what);
  if (bytes.size() != N)
    fail(where, fmt::format("bad {} length: expected {} bytes ({} hex digits), got {} bytes: {}", what, N, 2 * N,
                            bytes.size(), value.dump()));
  return *FixedBytes<N>::from(bytes);
}

}  // namespace

json parse_json(std::string_view text, const std::string& name) {
  try {
    return json::parse(text);
  } catch (const json::exception& e) {  // parse_error, or out_of_range.406 for a number like 1E400
    std::string_view message = e.what();  // "[json.exception.parse_error.101] parse error at ..."
    if (auto pos = message.find("] "); pos != std::string_view::npos) message.remove_prefix(pos + 2);
    fail(name, fmt::format("malformed JSON: {}", message));
  }
}

Bytes read_file_bytes(const std::filesystem::path& file, const std::string& where) {
  std::error_code ec;
  std::ifstream in;
  if (std::filesystem::is_regular_file(file, ec)) in.open(file, std::ios::binary);
  Bytes bytes;
  if (in) bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (!in.is_open() || in.bad()) fail(where, fmt::format("cannot read file \"{}\"", file.string()));
  return bytes;
}

Document load_json(const std::filesystem::path& file, const std::string& where) {
  Bytes text = read_file_bytes(file, where);
  std::string name = file.string();
  return {parse_json(std::string_view(reinterpret_cast<const char*>(text.data()), text.size()), name),
          Source{name, file.parent_path()}};
}

U256 parse_u256(const json& value, const std::string& where) {
  if (value.is_number_unsigned()) return U256(value.get<uint64_t>());
  if ((value.is_number_integer() && value.get<int64_t>() < 0) || (value.is_number_float() && value.get<double>() < 0))
    fail(where, fmt::format("negative number: {}", value.dump()));
  if (value.is_number_integer()) return U256(uint64_t(value.get<int64_t>()));
  if (value.is_number_float())
    fail(where, fmt::format("not an integer or too large for a JSON number (write it as a \"0x\" hex or decimal "
                            "string): {}",
                            value.dump()));
  if (!value.is_string()) fail(where, fmt::format("expected a number, got {}", value.type_name()));
  std::string_view s = value.get_ref<const std::string&>();
  if (s.starts_with('-')) fail(where, fmt::format("negative number: {}", value.dump()));
  bool hex = has_hex_prefix(s);
  std::string_view digits = hex ? s.substr(2) : s;
  if (digits.empty()) fail(where, fmt::format("empty number: {}", value.dump()));
  if (!std::all_of(digits.begin(), digits.end(), hex ? is_hex_digit : is_dec_digit))
    fail(where, fmt::format("bad {} digit in number: {}", hex ? "hex" : "decimal", value.dump()));
  if (hex) digits.remove_prefix(std::min(digits.find_first_not_of('0'), digits.size() - 1));
  auto parsed = U256::parse(hex ? "0x" + std::string(digits) : std::string(digits));
  if (!parsed) fail(where, fmt::format("number out of range for U256: {}", value.dump()));
  return *parsed;
}

uint64_t parse_u64(const json& value, const std::string& where) {
  U256 v = parse_u256(value, where);
  if (!v.fits_u64()) fail(where, fmt::format("number out of range for u64: {}", value.dump()));
  return v.low_u64();
}

Address parse_address(const json& value, const std::string& where) { return parse_fixed<20>(value, where, "address"); }

Bytes32 parse_bytes32(const json& value, const std::string& where) { return parse_fixed<32>(value, where, "32-byte word"); }

Bytes parse_data(const json& value, const Source& source, const std::string& where) {
  const std::string& s = require_string(value, where);
  if (!s.starts_with('@')) return parse_hex_bytes(value, where, "data");
  if (s.size() == 1) fail(where, "empty file name after \"@\"");
  return read_file_bytes(source.dir / s.substr(1), where);
}

state::BlockDiff parse_alloc(const json& alloc, const Source& source) {
  require_type(alloc, json::value_t::object, "an object of accounts", source.name);
  state::BlockDiff diff;
  for (const auto& [key, account] : alloc.items()) {
    std::string where = fmt::format("{}[{}]", source.name, json(key).dump());
    Address address = parse_address(key, where);
    require_fields(account, where, {"balance", "nonce", "code", "storage"});
    state::AccountDiff entry;
    state::Account& info = entry.info.emplace();
    if (const json* v = field(account, "balance")) info.balance = parse_u256(*v, where + ".balance");
    if (const json* v = field(account, "nonce")) info.nonce = parse_u64(*v, where + ".nonce");
    if (const json* v = field(account, "code")) {
      Bytes code = parse_data(*v, source, where + ".code");
      if (!code.empty()) {
        info.code_hash = keccak256(code);
        diff.codes.emplace(info.code_hash, std::move(code));
      }
    }
    if (const json* storage = field(account, "storage")) {
      require_type(*storage, json::value_t::object, "an object of slots", where + ".storage");
      for (const auto& [slot_key, slot_value] : storage->items()) {
        std::string slot_where = fmt::format("{}.storage[{}]", where, json(slot_key).dump());
        U256 slot = parse_u256(slot_key, slot_where);
        if (!entry.storage.emplace(slot, parse_u256(slot_value, slot_where)).second)
          fail(slot_where, "slot given twice");
      }
    }
    if (!diff.accounts.emplace(address, std::move(entry)).second) fail(where, "address given twice");
  }
  return diff;
}

host::BlockEnv parse_env(const json& env, const Source& source) {
  const std::string& where = source.name;
  require_fields(env, where,
                 {"currentCoinbase", "currentGasLimit", "currentNumber", "currentTimestamp", "currentDifficulty",
                  "currentRandom", "currentBaseFee", "chainId", "blockHashes"});
  host::BlockEnv out;
  out.coinbase = parse_address(required_field(env, "currentCoinbase", where), where + ".currentCoinbase");
  if (const json* v = field(env, "currentGasLimit")) out.gas_limit = parse_u64(*v, where + ".currentGasLimit");
  if (const json* v = field(env, "currentNumber")) out.number = parse_u64(*v, where + ".currentNumber");
  if (const json* v = field(env, "currentTimestamp")) out.timestamp = parse_u64(*v, where + ".currentTimestamp");
  if (const json* v = field(env, "currentDifficulty")) out.difficulty = parse_u256(*v, where + ".currentDifficulty");
  if (const json* v = field(env, "currentRandom")) out.prev_randao = parse_bytes32(*v, where + ".currentRandom");
  if (const json* v = field(env, "currentBaseFee")) out.base_fee = parse_u256(*v, where + ".currentBaseFee");
  if (const json* v = field(env, "chainId")) out.chain_id = parse_u64(*v, where + ".chainId");
  if (const json* hashes = field(env, "blockHashes")) {
    require_type(*hashes, json::value_t::object, "an object of block hashes", where + ".blockHashes");
    for (const auto& [number_key, hash] : hashes->items()) {
      std::string hash_where = fmt::format("{}.blockHashes[{}]", where, json(number_key).dump());
      uint64_t number = parse_u64(number_key, hash_where);
      if (!out.block_hashes.emplace(number, parse_bytes32(hash, hash_where)).second)
        fail(hash_where, "block number given twice");
    }
  }
  return out;
}

std::vector<host::Transaction> parse_txs(const json& txs, const Source& source) {
  require_type(txs, json::value_t::array, "an array of transactions", source.name);
  std::vector<host::Transaction> out;
  for (uint64_t i = 0; i < txs.size(); ++i) {
    const json& tx = txs[i];
    std::string where = fmt::format("{}[{}]", source.name, i);
    require_fields(tx, where,
                   {"sender", "to", "value", "input", "gas", "gasPrice", "maxFeePerGas", "maxPriorityFeePerGas", "nonce"});
    host::Transaction& t = out.emplace_back();
    t.sender = parse_address(required_field(tx, "sender", where), where + ".sender");
    if (const json* v = field(tx, "to"); v && !v->is_null()) t.to = parse_address(*v, where + ".to");
    if (const json* v = field(tx, "value")) t.value = parse_u256(*v, where + ".value");
    if (const json* v = field(tx, "input")) t.input = parse_data(*v, source, where + ".input");
    t.gas_limit = parse_u64(required_field(tx, "gas", where), where + ".gas");
    const json* gas_price = field(tx, "gasPrice");
    const json* max_fee = field(tx, "maxFeePerGas");
    const json* priority_fee = field(tx, "maxPriorityFeePerGas");
    if (gas_price && max_fee) fail(where, "\"gasPrice\" and \"maxFeePerGas\" are mutually exclusive");
    if (priority_fee && !max_fee) fail(where, "\"maxPriorityFeePerGas\" requires \"maxFeePerGas\"");
    if (gas_price) t.gas_price = parse_u256(*gas_price, where + ".gasPrice");
    if (max_fee) {
      t.gas_price = parse_u256(*max_fee, where + ".maxFeePerGas");
      t.max_priority_fee_per_gas = priority_fee ? parse_u256(*priority_fee, where + ".maxPriorityFeePerGas") : U256();
    }
    if (const json* v = field(tx, "nonce")) t.nonce = parse_u64(*v, where + ".nonce");
  }
  return out;
}

}  // namespace interlude::cli
