// interlude-bench entry point: runs every registered benchmark with the console reporter, then
// prints the issue 5 summary: each kernel's time on Interlude and on wabt's wasm-interp as a ratio
// to native (with the geometric mean) and every measured figure next to its target.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <string>

#include "bench_util.h"

namespace interlude::bench {

std::vector<uint8_t> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::vector<uint8_t>((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

namespace {

/// The console reporter, also keeping per benchmark name every repetition's seconds per
/// iteration and counters (items_per_second, bytes_per_second, fuel); the summary uses their
/// medians.
class RecordingReporter : public benchmark::ConsoleReporter {
 public:
  struct Result {
    double seconds = 0;      ///< real (wall) time per iteration
    double cpu_seconds = 0;  ///< CPU time of the benchmark thread per iteration
    std::map<std::string, double> counters;
  };

  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& run : runs) {
      if (run.error_occurred || run.run_type != Run::RT_Iteration || run.iterations == 0) continue;
      benchmark::BenchmarkName name = run.run_name;  // without /iterations:N, /real_time
      name.iterations.clear(), name.time_type.clear(), name.min_time.clear(), name.repetitions.clear();
      Result r;
      r.seconds = run.real_accumulated_time / double(run.iterations);
      r.cpu_seconds = run.cpu_accumulated_time / double(run.iterations);
      for (const auto& [counter_name, counter] : run.counters) r.counters[counter_name] = counter.value;
      repetitions_[name.str()].push_back(std::move(r));
    }
    ConsoleReporter::ReportRuns(runs);
  }

  /// The median over the repetitions of `name` of each figure (the mean of the middle two for an
  /// even count); nullopt if it did not run.
  std::optional<Result> find(const std::string& name) const {
    auto it = repetitions_.find(name);
    if (it == repetitions_.end() || it->second.empty()) return std::nullopt;
    const std::vector<Result>& reps = it->second;
    auto median = [&](auto field) {
      std::vector<double> v;
      for (const Result& r : reps) v.push_back(field(r));
      std::sort(v.begin(), v.end());
      const size_t n = v.size();
      return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    };
    Result m;
    m.seconds = median([](const Result& r) { return r.seconds; });
    m.cpu_seconds = median([](const Result& r) { return r.cpu_seconds; });
    for (const auto& [counter_name, value] : reps.front().counters)
      m.counters[counter_name] = median([&](const Result& r) {
        auto c = r.counters.find(counter_name);
        return c == r.counters.end() ? NAN : c->second;
      });
    return m;
  }
  /// Nanoseconds per item of a benchmark that sets items processed; NAN if it did not run.
  double ns_per_item(const std::string& name) const {
    const auto r = find(name);
    return r && r->counters.count("items_per_second") ? 1e9 / r->counters.at("items_per_second") : NAN;
  }
  /// How many repetitions of `name` ran.
  size_t repetitions(const std::string& name) const {
    auto it = repetitions_.find(name);
    return it == repetitions_.end() ? 0 : it->second.size();
  }

 private:
  std::map<std::string, std::vector<Result>> repetitions_;
};

void print_summary(const RecordingReporter& rep) {
  const char* kernels[] = {"keccak", "sha256", "fib", "sieve", "matmul", "mulmod", "statemachine"};
  std::printf("\n== Kernels: time per run and ratio to native (same process run) ==\n"
              "native and interlude: CPU time of the benchmark thread; wasm-interp: wall time of the whole process\n"
              "every figure: the median of %zu repetitions, run in random order\n",
              rep.repetitions("kernel/keccak/native"));
  std::printf("%-13s %11s %13s %7s %15s %7s %12s\n", "kernel", "native ms", "interlude ms", "ratio", "wasm-interp ms",
              "ratio", "fuel");
  double log_sum = 0, worst = 0;
  int n = 0;
  for (const char* k : kernels) {
    const std::string base = std::string("kernel/") + k;
    const auto native = rep.find(base + "/native"), ours = rep.find(base + "/interlude"),
               wabt = rep.find(base + "/wasm-interp");
    if (!native || !ours) continue;
    const double ratio = ours->cpu_seconds / native->cpu_seconds;
    log_sum += std::log(ratio), worst = std::max(worst, ratio), ++n;
    std::printf("%-13s %11.3f %13.3f %6.1fx %15.3f %6.1fx %12.0f\n", k, native->cpu_seconds * 1e3, ours->cpu_seconds * 1e3,
                ratio, wabt ? wabt->seconds * 1e3 : NAN, wabt ? wabt->seconds / native->cpu_seconds : NAN,
                ours->counters.count("fuel") ? ours->counters.at("fuel") : NAN);
  }
  if (n) std::printf("geomean interlude/native: %.2fx (target <= 7x); worst kernel %.1fx (target <= 12x)\n",
                     std::exp(log_sum / n), worst);

  std::printf("\n== Targets ==\n");
  auto line = [](const char* what, double value, const char* unit, const char* target) {
    std::printf("%-34s %12.1f %-6s (target %s)\n", what, value, unit, target);
  };
  line("suspend + resume round trip", rep.ns_per_item("BM_suspend_resume"), "ns", "<= 30 ns");
  line("warm STORAGE_READ via root-STF", rep.ns_per_item("host/storage_read_warm"), "ns", "<= 100 ns");
  const auto load = rep.find("load/compile_3000_functions");
  line("decode+validate+compile", load && load->counters.count("bytes_per_second") ? load->counters.at("bytes_per_second") / 1e6 : NAN,
       "MB/s", ">= 100 MB/s");
  const auto inst = rep.find("load/instantiate_token");
  line("instantiate cached token module", inst ? inst->cpu_seconds * 1e6 : NAN, "us", "<= 5 us");
  line("ERC-20 transfer, in-memory state", 1e9 / rep.ns_per_item("host/erc20_transfer/memory"), "tx/s", ">= 100k tx/s");
  line("ERC-20 transfer, LMDB state", 1e9 / rep.ns_per_item("host/erc20_transfer/lmdb"), "tx/s", ">= 50k tx/s");
  for (const char* npm : {"npm/xxhash-wasm/xxh64_1MiB", "npm/hash-wasm/keccak256_1MiB"}) {
    const auto r = rep.find(npm);
    line(npm, r && r->counters.count("bytes_per_second") ? r->counters.at("bytes_per_second") / 1e6 : NAN, "MB/s",
         "none; real modules");
  }
}

}  // namespace
}  // namespace interlude::bench

int main(int argc, char** argv) {
  // Defaults, which flags given on the command line override (later flags win): five
  // repetitions of every benchmark, interleaved in random order, so that a slow spell of a shared
  // machine falls on a kernel's native and Interlude runs alike instead of on one of them; the
  // summary takes medians.
  std::vector<char*> args(argv, argv + argc);
  std::string repetitions = "--benchmark_repetitions=5", interleave = "--benchmark_enable_random_interleaving=true";
  args.insert(args.begin() + 1, {repetitions.data(), interleave.data()});
  int args_count = static_cast<int>(args.size());
  argc = args_count, argv = args.data();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  interlude::bench::RecordingReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  interlude::bench::print_summary(reporter);
  benchmark::Shutdown();
  return 0;
}
