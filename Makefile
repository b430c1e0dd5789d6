# duckweed: the two commands are `make demo` and `make test`. Each does all set-up first.
SHELL := /bin/bash
JOBS ?= $(shell nproc)
DEMO_DB ?= build/demo/duckweed.db
DEMO_OUT ?= demo-out
# make fuzz: seconds per target and targets at a time (README, docs/hardening.md).
FUZZ_SECONDS ?= 60
FUZZ_JOBS ?= 1
# ccache hits across clones (CI builds a fresh clone in another folder).
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := true

.PHONY: bootstrap build test check demo bench fuzz format tidy clean

bootstrap:
	@tools/bootstrap.sh

build: bootstrap
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS)

# make test: the release build and every test (unit, golden, PostgreSQL, browser, fuzz seeds).
test: build
	@ctest --preset release -j $(JOBS)

# make check: the same suite again under ASan/UBSan, a second whole build; CI runs it after
# make test (.ci/run), a newcomer need not wait for it.
check: bootstrap
	@cmake --preset asan-ubsan >/dev/null
	@cmake --build --preset asan-ubsan -j $(JOBS)
	@ctest --preset asan-ubsan -j $(JOBS)

demo: build
	@tools/demo.sh build/release/src/cli/duckweed $(DEMO_DB) $(DEMO_OUT)

bench:
	@tools/bootstrap.sh --peers
	@cmake --preset bench >/dev/null
	@cmake --build --preset bench -j $(JOBS)
	@tools/run_bench.sh build/bench

fuzz: bootstrap
	@cmake --preset fuzz >/dev/null
	@cmake --build --preset fuzz -j $(JOBS)
	@FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_JOBS=$(FUZZ_JOBS) tools/run_fuzz.sh build/fuzz

format:
	@git ls-files '*.h' '*.cc' | xargs clang-format -i

tidy: build
	@git ls-files 'src/*.cc' | xargs clang-tidy -p build/release --quiet

clean:
	rm -rf build
