#!/usr/bin/env bash
# LR-MMT-1.2 on PlanetLab day 20110303, CloudSim 3.0.3 profile, as a whole process (reading
# the 1052 trace files included): wall time and peak RSS, median of 5 runs.
# CloudSim 3.0.3 on this kind of machine: 55 s wall, 2.2 GB peak RSS (quiet mode).
# Targets: <= 0.25 s wall and <= 64 MB peak RSS.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${VIRTSIM:-.build/release/virtsim}"
out=$(mktemp -d)
walls=(); rss=()
for i in 1 2 3 4 5; do
    /usr/bin/time -f "%e %M" -o "$out/time" "$bin" run scenarios/planetlab/lr-mmt-1.2.yaml --out "$out/run" --quiet
    read -r w m < "$out/time"
    walls+=("$w"); rss+=("$m")
done
med() { printf '%s\n' "$@" | sort -g | sed -n 3p; }
wall=$(med "${walls[@]}"); kb=$(med "${rss[@]}")
echo "lr-mmt-1.2 20110303 (cloudsim-3.0.3 profile): runs ${walls[*]} s"
echo "wall_s=$wall peak_rss_mb=$((kb / 1024))  (CloudSim 3.0.3: 55 s, 2200 MB; speed-up $(awk -v w="$wall" 'BEGIN{printf "%.0f", 55/w}')x)"
sed -n 1,2p "$out/run/summary.csv" | cut -d, -f1,9,13,16,17
rm -rf "$out"
