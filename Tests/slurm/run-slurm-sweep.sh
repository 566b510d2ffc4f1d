#!/usr/bin/env bash
# The real Slurm test (issue 5): runs a small sweep (6 runs of a mini scenario) as a Slurm job
# array on a throwaway single-node Slurm (../shared/tools/slurm-local.sh, which installs
# slurm-wlm and munge with apt when SLURM_LOCAL_INSTALL=1), exactly as a user would: the
# script printed by `virtsim sweep slurm` is submitted with sbatch, its tasks run the shards,
# task 0 queues the merge as a dependent job. Then the merged runs.csv must equal the same
# sweep run locally with --jobs 2, row for row (wall-time columns aside), and aggregate.csv
# must be identical.
#
# Usage: bash Tests/slurm/run-slurm-sweep.sh      (needs a built virtsim: swift build)
# Env:   VIRTSIM (default .build/debug/virtsim), SLURM_LOCAL (default ../shared/tools/slurm-local.sh),
#        SLURM_LOCAL_INSTALL (default 1).
# Exit status 0 when the check passes; its last line is "slurm sweep test: passed in N s".
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
VIRTSIM=$(cd "$(dirname "${VIRTSIM:-.build/debug/virtsim}")" && pwd)/$(basename "${VIRTSIM:-.build/debug/virtsim}")
SLURM_LOCAL=${SLURM_LOCAL:-$ROOT/../shared/tools/slurm-local.sh}
export SLURM_LOCAL_INSTALL=${SLURM_LOCAL_INSTALL:-1}
T0=$(date +%s.%N)
fail() { echo "slurm sweep test: FAILED: $*" >&2; exit 1; }
[[ -x $VIRTSIM ]] || fail "no virtsim binary at $VIRTSIM (run swift build)"
[[ -f $SLURM_LOCAL ]] || fail "no $SLURM_LOCAL"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/virtsim-slurm-test.XXXXXX")
chmod 755 "$WORK"
trap 'rm -rf "$WORK"' EXIT

cat >"$WORK/base.yaml" <<'YAML'
name: mini
seed: 7
duration: 6 h
sampling_interval: 5 min
host_types:
  small: {cores: 4, core_mips: 1000, ram: 16 GiB, power: {model: linear, idle_w: 100, max_w: 200}}
vm_groups:
  - name: g
    count: 6
    vcpus: 1
    mips_per_vcpu: 1000
    ram: 2 GiB
    workload: {type: stochastic, interval: 5 min, cpu: {distribution: uniform, min: 0.05, max: 0.6}, memory: {distribution: constant, value: 0.5}}
arms:
  - {name: base, baseline: true, placement: dedicated, host_groups: [{type: small, count: 6}]}
  - {name: packed, placement: best-fit-decreasing, host_groups: [{type: small, count: 6}]}
YAML
cat >"$WORK/sweep.yaml" <<'YAML'
name: slurm-test
scenario: base.yaml
seed: 3
replications: 3
axes:
  arms.1.placement: [best-fit-decreasing, first-fit]
YAML

# 1. The same sweep locally, 2 workers.
"$VIRTSIM" sweep "$WORK/sweep.yaml" --out "$WORK/local" --jobs 2 --progress none --quiet

# 2. The batch script, as `virtsim sweep slurm` prints it: 6 runs, 2 per task -> array 0-2.
"$VIRTSIM" sweep slurm "$WORK/sweep.yaml" --out "$WORK/cluster" --runs-per-task 2 >"$WORK/sweep.sbatch"
grep -q '^#SBATCH --array=0-2$' "$WORK/sweep.sbatch" || fail "expected --array=0-2 in the script: $(grep array "$WORK/sweep.sbatch")"

# 3. A one-task driver job submits it like a user (sbatch), then waits for the array and the
#    dependent merge job; slurm-local.sh runs the driver and checks it ended with exit 0.
cat >"$WORK/driver.sh" <<'SH'
#!/bin/bash
set -euo pipefail
jid=$(sbatch --parsable "$VS_SCRIPT"); jid=${jid%%;*}
echo "driver: submitted array job $jid"
for _ in $(seq 1200); do
  others=$(squeue -h -o '%i' | grep -v "^${SLURM_ARRAY_JOB_ID}_" || true)
  [[ -z $others ]] && break
  sleep 0.25
done
[[ -z ${others:-} ]] || { echo "driver: jobs still queued: $others"; exit 1; }
scontrol -o show job >"$VS_WORK/jobs.txt"
tasks=$(grep -c "ArrayJobId=$jid " "$VS_WORK/jobs.txt" || true)
ok=$(grep "ArrayJobId=$jid " "$VS_WORK/jobs.txt" | grep -c 'JobState=COMPLETED .*ExitCode=0:0' || true)
merge=$(grep 'JobName=virtsim-slurm-test-merge ' "$VS_WORK/jobs.txt" || true)
echo "driver: array tasks $tasks, completed with exit 0: $ok"
echo "driver: merge job: $(grep -o 'JobState=[A-Z_]*' <<<"$merge" || echo none)"
[[ $tasks == 3 && $ok == 3 ]] || { grep "ArrayJobId=$jid " "$VS_WORK/jobs.txt"; exit 1; }
grep -q 'JobState=COMPLETED .*ExitCode=0:0' <<<"$merge" || { echo "driver: merge job did not complete: $merge"; exit 1; }
[[ -f $VS_OUT/runs.csv && -f $VS_OUT/aggregate.csv ]] || { echo "driver: no merged runs.csv"; exit 1; }
SH
chmod +x "$WORK/driver.sh"
export VS_SCRIPT=$WORK/sweep.sbatch VS_OUT=$WORK/cluster VS_WORK=$WORK
if ! bash "$SLURM_LOCAL" -a 0 -c 4 -d "$WORK" -t 600 -s "$WORK/driver.sh" >"$WORK/slurm-local.out"; then
  cat "$WORK"/slurm-*.log "$WORK"/cluster/slurm/*.out 2>/dev/null | tail -40 >&2 || true
  fail "the Slurm array or its merge job did not complete (see above)"
fi
cat "$WORK"/slurm-*.log
ls "$WORK/cluster"/part-*.csv >/dev/null || fail "no part files"

# 4. Row for row, wall-time columns aside; aggregate identical.
strip_wall() {
  awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) keep[i] = ($i !~ /_wall_s$/) }
           { out = ""; for (i = 1; i <= NF; i++) if (keep[i]) out = out (out == "" ? "" : ",") $i; print out }' "$1"
}
strip_wall "$WORK/local/runs.csv" >"$WORK/local.txt"
strip_wall "$WORK/cluster/runs.csv" >"$WORK/cluster.txt"
rows=$(($(wc -l <"$WORK/local.txt") - 1))
[[ $rows == 12 ]] || fail "expected 12 rows (6 runs × 2 arms) locally, found $rows"
diff "$WORK/local.txt" "$WORK/cluster.txt" >&2 || fail "merged runs.csv differs from the local --jobs 2 sweep"
cmp "$WORK/local/aggregate.csv" "$WORK/cluster/aggregate.csv" || fail "aggregate.csv differs"
echo "slurm sweep test: $rows rows of runs.csv identical to the local --jobs 2 sweep; aggregate.csv identical"
echo "slurm sweep test: passed in $(awk -v a="$T0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s"
