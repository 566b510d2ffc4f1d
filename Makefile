# virtsim — the README's two commands are `make run` and `make test`.
SHELL := /bin/bash
SWIFT ?= swift
SCENARIO ?= scenarios/quickstart.yaml

.PHONY: setup build release run test validate properties example fuzz format lint-format reference browser-test bench-scale-day bench-planetlab bench-kernel bench-callgrind bench-scale bench-sweep bench test-slurm clean

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

# The example package (Tests/ExamplePackages/custom-policy): VirtsimKit as a dependency, a
# placement policy of its own in one file, and a scenario that names it.
example: setup
	cd Tests/ExamplePackages/custom-policy && $(SWIFT) run custom-policy least-loaded.yaml "$${TMPDIR:-/tmp}/virtsim-example" | tee "$${TMPDIR:-/tmp}/virtsim-example.txt"
	grep -q "^least-loaded " "$${TMPDIR:-/tmp}/virtsim-example.txt"

# libFuzzer over the readers (Tests/Fuzz: scenario and sweep decoders, trace readers, inventory):
# each target 10 s over its committed corpus, in a sanitized build of its own (.build-fuzz);
# fails on a crash, a hang or running out of memory. Longer runs: Tests/Fuzz/README.md.
FUZZ_SECONDS ?= 10
fuzz: setup
	FUZZ_OPTIONS="-runs=200000" bash Tests/Fuzz/run.sh $(FUZZ_SECONDS)

# report.html in a real browser (Debian's chromium, Playwright from PyPI; .ci/run installs
# both): the quickstart's, hypervisor-comparison's and a sweep's reports, screenshot beside each, checked
# for overlapping text, identical series drawn alike and charts without axis labels; then
# virtsim serve's page: change a host count, see the savings table change and equal virtsim run's.
BROWSER_OUT ?= $${TMPDIR:-/tmp}/virtsim-browser
browser-test: build
	rm -rf $(BROWSER_OUT) && mkdir -p $(BROWSER_OUT)
	.build/debug/virtsim run scenarios/quickstart.yaml --out $(BROWSER_OUT)/quickstart > /dev/null
	.build/debug/virtsim run scenarios/hypervisor-comparison.yaml --out $(BROWSER_OUT)/hypervisor-comparison > /dev/null
	.build/debug/virtsim sweep scenarios/sweeps/quickstart-overcommit.yaml --out $(BROWSER_OUT)/sweep --jobs 2 > /dev/null 2>&1
	python3 Tests/browser/report_layout.py $(BROWSER_OUT)/quickstart/report.html $(BROWSER_OUT)/hypervisor-comparison/report.html $(BROWSER_OUT)/sweep/report.html
	mkdir -p $(BROWSER_OUT)/serve && cp scenarios/quickstart.yaml $(BROWSER_OUT)/serve/
	python3 Tests/browser/serve_whatif.py .build/debug/virtsim $(BROWSER_OUT)/serve $(BROWSER_OUT)

# The generated scenario reference (a test checks the committed file against the decoder).
reference: build
	.build/debug/virtsim reference > Sources/VirtsimCore/VirtsimCore.docc/ScenarioReference.md

# swift-format (in the Swift toolchain) with the repository's .swift-format: format rewrites,
# lint-format checks (CI runs it).
FORMAT_PATHS = Package.swift Sources Tests/*Tests Tests/TestSupport Tests/ExamplePackages/custom-policy/Sources Tests/Fuzz/Package.swift Tests/Fuzz/Sources
format:
	$(SWIFT) format -i -r $(FORMAT_PATHS)
lint-format:
	$(SWIFT) format lint --strict -r $(FORMAT_PATHS)

# Full-day CloudSim reproduction (both PlanetLab days, every policy) against the published
# targets, in a release build with its own scratch folder (without virtsim serve: VIRTSIM_NO_SERVE=1
# keeps Hummingbird and SwiftNIO out of that build).
validate: setup
	VIRTSIM_NO_SERVE=1 VIRTSIM_VALIDATE=1 $(SWIFT) test -c release -Xswiftc -enable-testing --scratch-path .build-validate --filter "CloudSimValidation|CloudSimProfile"

# The engine's invariants over PROPERTY_COUNT generated scenarios (EngineInvariantPropertyTests:
# reservations within capacity, energy against the test's own integration of a per-event power
# log, every VM accounted for, migrations ending, counts matching the log; and the same CSV
# files at --jobs 1, 2 and 3), from seed PROPERTY_SEED, in validate's release build. Prints the
# count, the seeds and, for a failing seed, the YAML to reproduce it.
PROPERTY_COUNT ?= 1000
PROPERTY_SEED ?= 1
properties: setup
	VIRTSIM_NO_SERVE=1 VIRTSIM_PROPERTY_COUNT=$(PROPERTY_COUNT) VIRTSIM_PROPERTY_SEED=$(PROPERTY_SEED) $(SWIFT) test -c release -Xswiftc -enable-testing --scratch-path .build-validate --filter EngineInvariantPropertyTests

# PlanetLab day 20110303 as whole processes: LR-MMT-1.2 on the cloudsim-3.0.3 profile (CloudSim 3.0.3: 24.1 s) and on the event engine; VIRTSIM_OLD=path or OLD_REF=ref alternates an old binary.
bench-planetlab: release
	bash bench/planetlab.sh

# LR-MMT-1.2 for a day at 1k, 10k and 100k hosts on both engines (tiled PlanetLab links):
# wall, peak RSS, figures and growth exponents. SIZES="1000 10000" for a shorter run,
# ENGINES=event (or cloudsim) for one engine.
bench-scale-day: release
	bash bench/scale-day.sh $(SIZES)

# Hold-model kernel benchmark: Swift EventQueue vs C++ std::priority_queue (g++ -O2).
bench-kernel: release
	bash bench/kernel.sh

# Instruction counts per event (Swift vs C++) under valgrind --tool=callgrind: repeatable on a noisy machine.
bench-callgrind: release
	bash bench/callgrind.sh

# 100k hosts, 1M VMs, 1 simulated hour: wall time and peak RSS.
bench-scale: release
	.build/release/virtsim bench scale

# Sweep throughput: 200 runs of the quickstart with 2 worker threads vs 1, and per-run overhead.
bench-sweep: release
	.build/release/virtsim sweep bench --scenario scenarios/quickstart.yaml --runs 200

# A small sweep as a real Slurm job array on a throwaway local Slurm (installs slurm-wlm and
# munge with apt if missing), merged and compared with the same sweep run locally.
test-slurm: build
	bash Tests/slurm/run-slurm-sweep.sh

bench: bench-kernel bench-scale

clean:
	rm -rf .build bench/.out
