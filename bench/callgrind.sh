#!/usr/bin/env bash
# Instruction counts per hold event under valgrind --tool=callgrind, for the Swift kernel
# (`virtsim bench hold`, which calls runSwiftHold(pending:events:)) and the C++ loop
# (bench/hold.cpp): stable figures where wall-clock timings are noisy.
#
# Each side runs twice, with M1 and M2 hold events at the same N; instructions per event
# = (I(M2) - I(M1)) / (M2 - M1), which cancels start-up and the initial fill of N events.
#
# Usage: bench/callgrind.sh [N] [M1] [M2]     (defaults: 100000 100000 300000)
# Environment: SCRATCH, VIRTSIM, CXX as for bench/kernel.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

n="${1:-100000}"
m1="${2:-100000}"
m2="${3:-300000}"
scratch="${SCRATCH:-.build}"
command -v valgrind >/dev/null || { echo "callgrind.sh: valgrind is not installed" >&2; exit 1; }
mkdir -p bench/.out
"${CXX:-g++}" -O2 -o bench/.out/hold bench/hold.cpp
if [[ -z "${VIRTSIM:-}" ]]; then
    swift build -c release --scratch-path "$scratch" --product virtsim
    VIRTSIM="$scratch/release/virtsim"
fi

# valgrind 3.19 gives up on the release binary's mixed DWARF 4/5 debug info ("Possibly
# corrupted debuginfo file"): run a copy without it (the symbol table stays).
objcopy --strip-debug "$VIRTSIM" bench/.out/virtsim-nodebug
VIRTSIM=bench/.out/virtsim-nodebug

# Total instructions ("Collected : N") of one run under callgrind.
instructions() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
        sed -n 's/.*Collected : \([0-9]*\).*/\1/p' | tail -1 | grep . ||
        { echo "callgrind.sh: no instruction count from: $*" >&2; exit 1; }
}

swift1=$(instructions "$VIRTSIM" bench hold --pending "$n" --events "$m1")
swift2=$(instructions "$VIRTSIM" bench hold --pending "$n" --events "$m2")
cxx1=$(instructions bench/.out/hold "$n" "$m1")
cxx2=$(instructions bench/.out/hold "$n" "$m2")

awk -v n="$n" -v m1="$m1" -v m2="$m2" -v s1="$swift1" -v s2="$swift2" -v c1="$cxx1" -v c2="$cxx2" 'BEGIN {
    s = (s2 - s1) / (m2 - m1); c = (c2 - c1) / (m2 - m1)
    printf "callgrind hold model N=%d (events %d and %d)\n", n, m1, m2
    printf "swift instructions_per_event=%.1f\n", s
    printf "cxx   instructions_per_event=%.1f\n", c
    printf "swift/cxx instruction ratio=%.3f\n", s / c
}'
