# Interlude — the two commands users need are `make run` and `make test` (see README.md).
BUILD ?= build
JOBS ?= $(shell nproc)
STATE_DIR ?= interlude-state
CMAKE_FLAGS ?=
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
SECONDS ?= 60
FUZZ_TARGETS := compile run host cli_json

# Exactly the Debian packages the project needs (build, test tooling, contracts).
DEB_PACKAGES := cmake ninja-build g++ make clang-14 lld-14 \
  liblmdb-dev libcrypto++-dev libssl-dev nlohmann-json3-dev libcli11-dev libfmt-dev \
  libgtest-dev libgmock-dev libbenchmark-dev wabt binaryen

.PHONY: all deps configure build run test test-sanitize fuzz bench clean

all: build

## deps: install the Debian packages that are missing (sudo when not root).
deps:
	@missing=""; for p in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  sudo=""; [ "$$(id -u)" -eq 0 ] || sudo=sudo; \
	  echo "make deps: installing$$missing"; \
	  $$sudo apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing; \
	fi

## configure: CMake + Ninja build tree in $(BUILD)/.
configure: deps
	@[ -f $(BUILD)/build.ninja ] || cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS)

## build: libraries, CLI, contracts, tests, benchmarks; binaries land in $(BUILD)/bin/.
build: configure
	cmake --build $(BUILD) -j $(JOBS)

## run: the main job — apply examples/block/ on the LMDB state in ./$(STATE_DIR) (kept between runs).
run: build
	@mkdir -p $(STATE_DIR)
	$(BUILD)/bin/interlude apply --state $(STATE_DIR) \
	  --alloc examples/block/alloc.json --env examples/block/env.json --txs examples/block/txs.json \
	  --out $(STATE_DIR)/result.json --trace $(STATE_DIR)/trace.jsonl --summary

## test: every unit, end-to-end and CLI test (CTest + GoogleTest).
test: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

## test-sanitize: the whole test suite built with ASan+UBSan in $(ASAN_BUILD)/.
test-sanitize: deps
	@[ -f $(ASAN_BUILD)/build.ninja ] || cmake -S . -B $(ASAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DINTERLUDE_SANITIZE=ON -DINTERLUDE_BUILD_BENCH=OFF $(CMAKE_FLAGS)
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	UBSAN_OPTIONS=print_stacktrace=1 ctest --test-dir $(ASAN_BUILD) --output-on-failure -j $(JOBS)

## fuzz: the libFuzzer targets of fuzz/ (clang-14, ASan+UBSan) in $(FUZZ_BUILD)/, each run for
## $(SECONDS) s on fuzz/corpus/<target>/; new inputs go to $(FUZZ_BUILD)/corpus/<target>/,
## crashes to $(FUZZ_BUILD)/artifacts/<target>/. Example: make fuzz SECONDS=1800
fuzz: deps
	@[ -f $(FUZZ_BUILD)/build.ninja ] || CC=clang-14 CXX=clang++-14 cmake -S . -B $(FUZZ_BUILD) -G Ninja \
	  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DINTERLUDE_FUZZ=ON -DINTERLUDE_BUILD_TESTS=OFF \
	  -DINTERLUDE_BUILD_BENCH=OFF -DINTERLUDE_BUILD_CONTRACTS=OFF
	cmake --build $(FUZZ_BUILD) -j $(JOBS) --target $(addprefix fuzz_,$(FUZZ_TARGETS))
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ_BUILD)/corpus/$$t $(FUZZ_BUILD)/artifacts/$$t; \
	  echo "make fuzz: fuzz_$$t for $(SECONDS) s"; \
	  $(FUZZ_BUILD)/bin/fuzz_$$t -max_total_time=$(SECONDS) -timeout=10 -print_final_stats=1 \
	    -artifact_prefix=$(FUZZ_BUILD)/artifacts/$$t/ $(FUZZ_BUILD)/corpus/$$t fuzz/corpus/$$t || exit 1; \
	done

## bench: Google Benchmark suite (bench/README.md): fetches the npm modules it hashes (skipped with
## a note if npm is unreachable), runs every case, then prints the summary against the targets.
bench: build
	@sh bench/fetch_npm_wasm.sh $(BUILD)/npm-wasm || echo "make bench: npm modules unavailable; the npm/ cases are skipped"
	$(BUILD)/bin/interlude-bench $(BENCH_ARGS)

clean:
	rm -rf $(BUILD)
