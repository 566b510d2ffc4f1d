#!/usr/bin/env bash
# PlanetLab day 20110303 as whole processes (reading the 1052 trace files included), --no-report:
#  1. LR-MMT-1.2 on the cloudsim-3.0.3 profile (scenarios/planetlab/lr-mmt-1.2.yaml): wall time
#     and peak RSS, median of 5. CloudSim 3.0.3 on this kind of machine: 24.1 s median (quiet,
#     JDK 17), 1.85 GB. Targets: ≤ 0.25 s (issue 3), not slower than the previous binary.
#  2. LR-MMT-1.2 on the event engine (scenarios/planetlab/realistic-lr-mmt-1.2.yaml): wall time
#     and peak RSS, median of 5. Target: ≤ 0.5 s.
#  3. With an old binary (VIRTSIM_OLD=path, or OLD_REF=git-ref built into .build-bench-old from a
#     git worktree), run 1 alternates old and new binary, 7 pairs, and prints the median of the
#     per-pair ratios new/old (target ≤ 1.05) and both outputs' energy and migrations.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${VIRTSIM:-.build/release/virtsim}"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

old="${VIRTSIM_OLD:-}"
if [[ -z "$old" && -n "${OLD_REF:-}" ]]; then
    wt=.build-bench-old/src
    rm -rf "$wt"; git worktree prune
    git worktree add --detach "$wt" "$OLD_REF" >/dev/null
    (cd "$wt" && swift build -c release --scratch-path ../scratch --product virtsim >/dev/null)
    old=.build-bench-old/scratch/release/virtsim
fi

# one whole run: prints "wall_s peak_kb"
run() {  # binary scenario outdir
    local t0=$EPOCHREALTIME
    /usr/bin/time -f "%M" -o "$out/time" "$1" run "$2" --out "$3" --quiet --no-report
    local t1=$EPOCHREALTIME
    echo "$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.4f", b-a}') $(cat "$out/time")"
}
med() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# IT energy and migrations, found by column name (summary.csv gains columns over time)
figures() { awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i } NR == 2 { printf "energy %s kWh, migrations %s", $c["it_energy_kwh"], $c["migrations"] }' "$1/summary.csv"; }

cs=scenarios/planetlab/lr-mmt-1.2.yaml
ev=scenarios/planetlab/realistic-lr-mmt-1.2.yaml
for name in cs ev; do
    scen=${!name}
    walls=(); rss=()
    for i in 1 2 3 4 5; do
        read -r w m < <(run "$bin" "$scen" "$out/$name")
        walls+=("$w"); rss+=("$m")
    done
    wall=$(med "${walls[@]}"); kb=$(med "${rss[@]}")
    if [[ $name == cs ]]; then
        echo "lr-mmt-1.2 20110303, cloudsim-3.0.3 profile: runs ${walls[*]} s"
        echo "  wall_s=$wall peak_rss_mb=$((kb / 1024))  (CloudSim 3.0.3: 24.1 s, 1850 MB; speed-up $(awk -v w="$wall" 'BEGIN{printf "%.0f", 24.1/w}')x); $(figures "$out/$name")"
    else
        echo "realistic-lr-mmt-1.2 20110303, event engine (virtsim profile): runs ${walls[*]} s"
        echo "  wall_s=$wall peak_rss_mb=$((kb / 1024))  (target <= 0.5 s); $(figures "$out/$name")"
    fi
done

if [[ -n "$old" ]]; then
    ratios=(); nw=(); ow=()
    for i in 1 2 3 4 5 6 7; do
        read -r o _ < <(run "$old" "$cs" "$out/old")
        read -r n _ < <(run "$bin" "$cs" "$out/new")
        ow+=("$o"); nw+=("$n")
        ratios+=("$(awk -v n="$n" -v o="$o" 'BEGIN{printf "%.4f", n/o}')")
    done
    echo "old vs new, lr-mmt-1.2 cloudsim-3.0.3, 7 alternating pairs: old ${ow[*]} s; new ${nw[*]} s"
    echo "  median ratio new/old = $(med "${ratios[@]}")  (target <= 1.05); old: $(figures "$out/old"); new: $(figures "$out/new")"
fi
