# virtsim — the README's two commands are `make run` and `make test`.
SHELL := /bin/bash
SWIFT ?= swift
SCENARIO ?= scenarios/quickstart.yaml

.PHONY: setup build release run test bench-kernel bench-callgrind bench-scale bench clean

# Installs what a fresh Debian machine lacks (GSL and pkg-config), only if missing.
setup:
	@if ! pkg-config --exists gsl 2>/dev/null; then \
	  echo "installing libgsl-dev and pkg-config (apt-get)"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq libgsl-dev pkg-config; \
	fi

build: setup
	$(SWIFT) build

release: setup
	$(SWIFT) build -c release

# Builds the release binary and runs the bundled quickstart scenario into results/quickstart/.
run: release
	.build/release/virtsim run $(SCENARIO)

test: setup
	$(SWIFT) test

# Hold-model kernel benchmark: Swift EventQueue vs C++ std::priority_queue (g++ -O2).
bench-kernel: release
	bash bench/kernel.sh

# Instruction counts per event (Swift vs C++) under valgrind --tool=callgrind: repeatable on a noisy machine.
bench-callgrind: release
	bash bench/callgrind.sh

# 100k hosts, 1M VMs, 1 simulated hour: wall time and peak RSS.
bench-scale: release
	.build/release/virtsim bench scale

bench: bench-kernel bench-scale

clean:
	rm -rf .build bench/.out
