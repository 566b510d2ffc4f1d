#!/usr/bin/env bash
# Kernel hold-model benchmark: SimKernel.EventQueue (Swift, release) against the same loop
# on C++ std::priority_queue (g++ -O2), at 1e3, 1e5 and 1e6 pending events; median of 5
# alternating runs, checksums compared. Target: swift/cxx >= 0.9 at every size.
#
# Usage: bench/kernel.sh [--repetitions N]
# Environment: SCRATCH   SwiftPM scratch path (default .build)
#              VIRTSIM   use this virtsim binary instead of building one
#              CXX       C++ compiler (default g++)
set -euo pipefail
cd "$(dirname "$0")/.."

scratch="${SCRATCH:-.build}"
mkdir -p bench/.out
"${CXX:-g++}" -O2 -o bench/.out/hold bench/hold.cpp
if [[ -z "${VIRTSIM:-}" ]]; then
    swift build -c release --scratch-path "$scratch" --product virtsim
    VIRTSIM="$scratch/release/virtsim"
fi
"$VIRTSIM" bench kernel --cxx bench/.out/hold "$@"
