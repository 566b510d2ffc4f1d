#!/usr/bin/env bash
# LR-MMT-1.2 for 24 h on a tiled PlanetLab folder at 1k, 10k and 100k hosts (hosts : VMs as
# CloudSim's 800 : 1,052), on the cloudsim-3.0.3 engine and on the event engine: wall time,
# peak RSS, energy, migrations, and the growth exponent between sizes (issue 17).
#
# The tiled folder is made of symbolic links to the days found (scenarios/traces/planetlab/*
# and ../shared/data/planetlab/* when present), copy k of file f named `t<k>_<f>`: nothing
# large is written, and file order (byte order of names) is deterministic.
#
# Usage: bench/scale-day.sh [SIZES...]        (default: 1000 10000 100000 hosts)
# Environment: VIRTSIM (binary, default .build/release/virtsim), LIMIT_S (per run, default 900),
# ENGINES (default "cloudsim event"; e.g. ENGINES=event for the event engine alone)
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${VIRTSIM:-.build/release/virtsim}"
limit="${LIMIT_S:-900}"
read -r -a engines <<< "${ENGINES:-cloudsim event}"
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(1000 10000 100000)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

days=()
for d in scenarios/traces/planetlab/2011* ../shared/data/planetlab/2011*; do [[ -d $d ]] && days+=("$d"); done
[[ ${#days[@]} -gt 0 ]] || { echo "no PlanetLab day found" >&2; exit 1; }

# Absolute path of each day, found once.
absdays=()
for d in "${days[@]}"; do absdays+=("$(cd "$d" && pwd)"); done

# tile DIR VMS: links to VMS trace files, drawn from the days in turn. The (target, link)
# pairs go to one perl process (perl-base is part of every Debian system): one `ln` process
# per link took minutes for the 131,500 links of 100k hosts on a loaded machine.
tile() {
    local dir=$1 need=$2 k=0 n=0 i kk name
    local pairs=()
    mkdir -p "$dir"
    while (( n < need )); do
        for i in "${!days[@]}"; do
            printf -v kk '%04d' "$k"
            for f in "${days[$i]}"/*; do
                [[ -f $f ]] || continue
                (( n < need )) || break 3
                name=${f##*/}
                pairs+=("${absdays[$i]}/$name" "$dir/t${kk}_${days[$i]##*/}_$name")
                n=$((n + 1))
            done
            k=$((k + 1))
        done
    done
    printf '%s\0' "${pairs[@]}" |
        perl -0 -ne 'chomp; if (defined $t) { symlink($t, $_) or die "symlink $_: $!\n"; undef $t } else { $t = $_ }'
}

declare -A wall
for hosts in "${sizes[@]}"; do
    vms=$(( (hosts * 1052 + 799) / 800 ))
    tile "$out/trace-$hosts" "$vms"
    half=$(( hosts / 2 ))
    for engine in "${engines[@]}"; do
        if [[ $engine == cloudsim ]]; then
            scen=scenarios/planetlab/lr-mmt-1.2.yaml; extra=()
        else
            # the event engine reserves configured RAM: 16 GiB hosts so RAM does not bind (README "Dynamic consolidation")
            scen=scenarios/planetlab/realistic-lr-mmt-1.2.yaml
            extra=(--set "host_types.hp-ml110-g4.ram=16 GiB" --set "host_types.hp-ml110-g5.ram=16 GiB")
        fi
        t0=$EPOCHREALTIME
        if timeout "$limit" /usr/bin/time -f "%M" -o "$out/rss" "$bin" run "$scen" --quiet --no-report --out "$out/run" \
            --set "workload.path=$out/trace-$hosts" --set "arms.0.host_groups.0.count=$half" \
            --set "arms.0.host_groups.1.count=$((hosts - half))" "${extra[@]}"; then
            t1=$EPOCHREALTIME
            w=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.2f", b-a}')
            wall[$engine-$hosts]=$w
            # IT energy and migrations, found by column name (summary.csv gains columns over time)
            fig=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i } NR == 2 { printf "energy %s kWh, migrations %s", $c["it_energy_kwh"], $c["migrations"] }' "$out/run/summary.csv")
            echo "$engine $hosts hosts / $vms VMs: wall ${w} s, peak RSS $(( $(cat "$out/rss") / 1024 )) MB, $fig"
        else
            echo "$engine $hosts hosts / $vms VMs: did not finish within ${limit} s"
        fi
    done
done
for engine in "${engines[@]}"; do
    prev=""
    for hosts in "${sizes[@]}"; do
        w=${wall[$engine-$hosts]:-}
        if [[ -n $prev && -n $w ]]; then
            awk -v e="$engine" -v a="$prev" -v b="$w" -v h1="$ph" -v h2="$hosts" \
                'BEGIN{printf "%s: growth exponent %d → %d hosts: %.2f\n", e, h1, h2, log(b/a)/log(h2/h1)}'
        fi
        prev=$w; ph=$hosts
    done
done
