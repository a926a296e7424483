// Transactions and blocks: validation, intrinsic gas, gas purchase, fees (EIP-1559, EIP-3529,
// EIP-7623, protocol.md §5.1) around the top frame run by Execution.
#include "interlude/host/host.h"

#include <algorithm>
#include <optional>
#include <string>

#include "execution.h"
#include "gas.h"
#include "host_stack.h"
#include "interlude/common/keccak.h"
#include "interlude/runtime/executor.h"
#include "world_state.h"

namespace interlude::host {

namespace {

/// Intrinsic gas of a transaction and its EIP-7623 floor, in gas.
struct IntrinsicGas {
  uint64_t initial = 0;
  uint64_t floor = 0;
};

IntrinsicGas intrinsic_gas(const Transaction& tx) noexcept {
  const uint64_t size = tx.input.size();
  const uint64_t zeros = uint64_t(std::count(tx.input.begin(), tx.input.end(), uint8_t(0)));
  const uint64_t non_zeros = size - zeros;
  IntrinsicGas g;
  g.initial = TX_BASE_GAS + TX_DATA_ZERO_GAS * zeros + TX_DATA_NON_ZERO_GAS * non_zeros;
  if (!tx.to) g.initial += TX_CREATE_GAS + INITCODE_WORD_GAS * words(size);
  if (size > CALLDATA_QUADRATIC_THRESHOLD) {
    const uint64_t w = words(size - CALLDATA_QUADRATIC_THRESHOLD);
    g.initial += 3 * w + w * w / CALLDATA_QUADRATIC_DIVISOR;
  }
  g.floor = TX_BASE_GAS + TOTAL_COST_FLOOR_PER_TOKEN * (zeros + 4 * non_zeros);
  return g;
}

/// Block execution validates and pays fees; eth_call (Host::call) does neither.
enum class Mode : uint8_t { Block, Call };

/// Checks `tx` before anything changes. Returns the rejection reason (go-ethereum wording), or
/// nullopt with `price` set to the effective gas price (wei per gas; 0 for eth_call).
std::optional<std::string> validate(const Transaction& tx, const state::Account& sender, const BlockEnv& env,
                                    uint64_t block_gas_left, const IntrinsicGas& intrinsic, Mode mode, U256& price) {
  const auto who = [&tx] { return "address " + to_hex(tx.sender); };  // built only on rejection
  if (mode == Mode::Call) {
    if (sender.balance < tx.value) return "insufficient funds for transfer: " + who();
  } else {
    if (tx.nonce && *tx.nonce != sender.nonce)
      return std::string(*tx.nonce < sender.nonce ? "nonce too low: " : "nonce too high: ") + who() +
             ", tx: " + std::to_string(*tx.nonce) + " state: " + std::to_string(sender.nonce);
    if (sender.nonce == UINT64_MAX) return "nonce has max value: " + who();
    if (sender.code_hash != KECCAK_EMPTY) return "sender not an eoa: " + who();  // EIP-3607
    if (tx.max_priority_fee_per_gas && *tx.max_priority_fee_per_gas > tx.gas_price)
      return "max priority fee per gas higher than max fee per gas: " + who();
    if (tx.gas_price < env.base_fee)
      return "max fee per gas less than block base fee: " + who() + ", maxFeePerGas: " + tx.gas_price.to_dec() +
             ", baseFee: " + env.base_fee.to_dec();
    if (tx.gas_limit > block_gas_left) return std::string("gas limit reached");
    auto cost = U256::checked_mul(U256(tx.gas_limit), tx.gas_price);  // the max fee for EIP-1559
    if (cost) cost = U256::checked_add(*cost, tx.value);
    if (!cost || sender.balance < *cost)
      return "insufficient funds for gas * price + value: " + who() + " have " + sender.balance.to_dec() + " want " +
             (cost ? cost->to_dec() : std::string("more than 2^256"));
    price = tx.max_priority_fee_per_gas ? std::min(tx.gas_price, env.base_fee + *tx.max_priority_fee_per_gas)
                                        : tx.gas_price;
  }
  if (intrinsic.initial > tx.gas_limit)
    return "intrinsic gas too low: have " + std::to_string(tx.gas_limit) + ", want " +
           std::to_string(intrinsic.initial);
  if (intrinsic.floor > tx.gas_limit)
    return "insufficient gas for floor data gas cost: have " + std::to_string(tx.gas_limit) + ", want " +
           std::to_string(intrinsic.floor);
  return std::nullopt;
}

}  // namespace

struct Host::Impl {
  explicit Impl(const HostConfig& config) : system_runtimes(config.system_runtimes) {}

  runtime::Executor executor;
  system::Registry system_runtimes;

  /// Validates and runs one transaction on `world`. `block_gas_left`: gas the block can still use.
  Receipt apply_tx(WorldState& world, const BlockEnv& env, const Transaction& tx, uint64_t block_gas_left,
                   Tracer* tracer, Mode mode);
  /// Host::apply_block and Host::call, on the host's own stack.
  BlockResult apply_block(state::State& state, const BlockEnv& env, std::span<const Transaction> txs, Tracer* tracer);
  Receipt call(const state::State& state, const BlockEnv& env, const Transaction& tx, Tracer* tracer);
};

Receipt Host::Impl::apply_tx(WorldState& world, const BlockEnv& env, const Transaction& tx, uint64_t block_gas_left,
                             Tracer* tracer, Mode mode) {
  Receipt r;
  state::Account sender = world.account_or_empty(tx.sender);
  const IntrinsicGas intrinsic = intrinsic_gas(tx);
  U256 price;
  if (auto error = validate(tx, sender, env, block_gas_left, intrinsic, mode, price)) {
    r.status = TxStatus::Rejected;
    r.error = std::move(*error);
    return r;
  }

  // Buy gas and bump the nonce (a creation bumps it in its frame, §5.2); nothing here reverts.
  world.begin_tx();
  executor.reset_call_id_counter();
  const uint64_t nonce = tx.nonce.value_or(sender.nonce);
  sender.balance -= U256(tx.gas_limit) * price;
  if (tx.to) ++sender.nonce;
  world.put_account(tx.sender, sender);
  world.warm_account(tx.sender);  // EIP-2929
  world.warm_account(env.coinbase);  // EIP-3651
  if (tx.to) world.warm_account(*tx.to);

  Message m;
  m.kind = tx.to ? FrameKind::Call : FrameKind::Create;
  m.caller = tx.sender;
  m.target = m.code_address = tx.to.value_or(Address());
  m.value = tx.value;
  m.transfer = true;
  m.gas_limit = tx.gas_limit - intrinsic.initial;
  m.input = tx.input;
  Execution execution(executor, system_runtimes, world, env, tx, nonce, tracer);
  FrameResult frame = execution.run_frame(std::move(m));

  uint64_t gas_used = tx.gas_limit - frame.gas.remaining;
  const uint64_t refund = std::min(uint64_t(std::max<int64_t>(frame.gas.refunded, 0)), gas_used / MAX_REFUND_QUOTIENT);
  gas_used = std::max(gas_used - refund, intrinsic.floor);  // EIP-3529, EIP-7623
  if (mode == Mode::Block) {
    state::Account payer = world.account_or_empty(tx.sender);
    payer.balance += U256(tx.gas_limit - gas_used) * price;
    world.put_account(tx.sender, payer);
    const U256 tip = U256(gas_used) * (price - env.base_fee);  // the base fee is burned (EIP-1559)
    if (!tip.is_zero()) {
      state::Account coinbase = world.account_or_empty(env.coinbase);
      coinbase.balance += tip;
      world.put_account(env.coinbase, coinbase);
    }
  }
  world.end_tx();  // EIP-6780 deletions, after the fees (a destroyed coinbase loses its tip)

  r.status = frame.status == FrameStatus::Success ? TxStatus::Success
             : frame.status == FrameStatus::Revert ? TxStatus::Revert
                                                   : TxStatus::Halt;
  r.exit_code = frame.exit_code;
  r.gas_used = gas_used;
  r.gas_refunded = refund;
  r.effective_gas_price = price;
  r.output = std::move(frame.output);
  if (frame.status == FrameStatus::Success) r.logs = world.take_logs();
  r.created_address = frame.created;
  r.interruptions = execution.interruptions();
  return r;
}

Host::Host() : Host(HostConfig{}) {}
Host::Host(HostConfig config) : impl_(std::make_unique<Impl>(config)) {}
Host::~Host() = default;

BlockResult Host::apply_block(state::State& state, const BlockEnv& env, std::span<const Transaction> txs,
                              Tracer* tracer) {
  BlockResult out;
  run_on_host_stack([&] { out = impl_->apply_block(state, env, txs, tracer); });
  return out;
}

Receipt Host::call(const state::State& state, const BlockEnv& env, const Transaction& tx, Tracer* tracer) {
  Receipt r;
  run_on_host_stack([&] { r = impl_->call(state, env, tx, tracer); });
  return r;
}

BlockResult Host::Impl::apply_block(state::State& state, const BlockEnv& env, std::span<const Transaction> txs,
                                    Tracer* tracer) {
  WorldState world(state);
  BlockResult out;
  for (uint32_t index = 0; index < txs.size(); ++index) {
    const Transaction& tx = txs[index];
    if (tracer) tracer->tx_start(index);
    Receipt r = apply_tx(world, env, tx, env.gas_limit - out.gas_used, tracer, Mode::Block);
    if (r.status != TxStatus::Rejected) out.gas_used += r.gas_used;
    r.cumulative_gas_used = out.gas_used;
    out.receipts.push_back(std::move(r));
  }
  state::BlockDiff diff = world.diff();
  diff.block_number = env.number;
  state.commit(diff);
  return out;
}

Receipt Host::Impl::call(const state::State& state, const BlockEnv& env, const Transaction& tx, Tracer* tracer) {
  WorldState world(state);
  if (tracer) tracer->tx_start(0);
  Receipt r = apply_tx(world, env, tx, env.gas_limit, tracer, Mode::Call);
  r.cumulative_gas_used = r.gas_used;
  return r;
}

}  // namespace interlude::host
