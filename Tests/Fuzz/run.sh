#!/usr/bin/env bash
# Builds the fuzz targets (Tests/Fuzz, scratch folder .build-fuzz) and runs each for SECONDS
# over its committed corpus, one at a time; exits non-zero at the first crash, hang (over 10 s
# on one input) or out-of-memory (over 2048 MB).
#
#   bash Tests/Fuzz/run.sh SECONDS [TARGET…]        # make fuzz: SECONDS=15, every target
#   STATS=1 bash Tests/Fuzz/run.sh 600 scenario     # a long run: new inputs kept in
#                                                   # .build-fuzz/corpus/TARGET, libFuzzer's
#                                                   # -print_final_stats=1 summary added to
#                                                   # Tests/Fuzz/stats/TARGET.txt
# Extra libFuzzer options: FUZZ_OPTIONS="-runs=100000 …". A finding is written to
# .build-fuzz/artifacts/TARGET-crash-… (or -timeout-, -oom-); replay it with
# `.build-fuzz/debug/virtsim-fuzz TARGET FILE`.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:?usage: run.sh SECONDS [TARGET…]}
shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(scenario sweep planetlab bitbrains csv-trace grid-intensity outside-temperature inventory)
root=$PWD
# FUZZ_SCRATCH: the build folder (default .build-fuzz; its own, as the flags instrument every target).
scratch=${FUZZ_SCRATCH:-$root/.build-fuzz}
# FUZZ_NO_BUILD=1 runs the binary built last (long runs while the sources change).
if [[ ${FUZZ_NO_BUILD:-0} != 1 ]]; then
  VIRTSIM_NO_SERVE=1 swift build --package-path Tests/Fuzz --scratch-path "$scratch" -Xswiftc -sanitize=fuzzer,address 2>&1 |
    grep -E "error|Build complete" || true
fi
fuzz=$scratch/debug/virtsim-fuzz
[ -x "$fuzz" ] || { echo "fuzz build failed" >&2; exit 1; }
mkdir -p "$scratch/artifacts"
for t in "${targets[@]}"; do
  work=$scratch/corpus/$t
  mkdir -p "$work"
  # -use_value_profile=1 lets comparisons with constants (keys, header names) guide mutation.
  cmd=("$fuzz" "$t" "$work" "Tests/Fuzz/corpus/$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048
    -use_value_profile=1 -print_final_stats=1 -artifact_prefix="$scratch/artifacts/$t-" ${FUZZ_OPTIONS:-})
  echo "== fuzz $t (${seconds} s)"
  start=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  set +e
  SWIFT_BACKTRACE=enable=no VIRTSIM_FUZZ_BASE=scenarios/quickstart.yaml "${cmd[@]}" > "$scratch/$t.log" 2>&1
  status=$?
  set -e
  if [[ ${STATS:-0} == 1 ]]; then
    mkdir -p Tests/Fuzz/stats
    {
      echo "# virtsim-fuzz $t, $start to $(date -u +%Y-%m-%dT%H:%M:%SZ), exit status $status"
      echo "# ${cmd[*]#"$root/"}" | sed "s|$root/||g"
      grep -E '^(stat::|INFO: seed corpus|#[0-9]+ *DONE|Done [0-9]+ runs|==[0-9]+==|SUMMARY|MS:|artifact_prefix)' "$scratch/$t.log" || true
    } >> "Tests/Fuzz/stats/$t.txt"
  fi
  grep -E '^(stat::|Done [0-9]+ runs)' "$scratch/$t.log" | tr '\n' ' '; echo
  if [ $status -ne 0 ]; then
    echo "fuzz $t: finding (exit status $status), see $scratch/$t.log:" >&2
    grep -E 'Fatal error|ERROR: libFuzzer|ERROR: AddressSanitizer|SUMMARY|Test unit written' "$scratch/$t.log" >&2 || true
    exit 1
  fi
done
