#!/usr/bin/env bash
# Verification time against the network's round trip, with and without hairpin NAT (issue #14, part 6).
#
#   sudo bench/verify.sh --bin out/bootroute [--baseline OLD] [--sizes "2 4 8"] [--runs 10]
#
# Per size N and per hairpin mode, a lab (tests/BootRoute.Lab/lab.sh: real dnsmasq, dhclient, 1:1
# NAT per provider, the remote client 192.0.2.10 as verify.targets) with N NICs, every one with its
# floating IP; LAB_NOHAIRPIN=1 makes each provider drop probes from the other floating IPs, so every
# floating check's vantage points stay silent and only the target answers. The agent applies once
# (--no-verify); then `bootroute verify` runs --runs times per binary, alternating, and the table gives
# the median wall time of the whole process, the median of the slowest check (the verification itself:
# all checks start together), and the slowest answering probe's round trip ("… in X ms" in the checks'
# details). Goal: slowest check <= 1.5 x slowest round trip + 5 ms. lab.sh allows at most 8 NICs.
# Prints a Markdown table on stdout. Runs only inside the namespaces lab.sh creates (ID vf<N><h|n>).
set -euo pipefail

REPO=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
LAB_SH=$REPO/tests/BootRoute.Lab/lab.sh
die() { echo "bench/verify.sh: error: $*" >&2; exit 2; }
BIN="" BASE="" SIZES="2 4 8" RUNS=10
while (($#)); do
    case $1 in
        --bin) BIN=$(readlink -f "${2:-}"); shift 2 ;;
        --baseline) BASE=$(readlink -f "${2:-}"); shift 2 ;;
        --sizes) SIZES=${2:-}; shift 2 ;;
        --runs) RUNS=${2:-}; shift 2 ;;
        *) die "unknown argument '$1'" ;;
    esac
done
[[ -x $BIN ]] || die "--bin PATH: the agent to measure"
[[ -z $BASE || -x $BASE ]] || die "--baseline $BASE is not executable"
[[ $(id -u) -eq 0 ]] || die "run as root: the benchmark builds network namespaces"
if ! [[ $RUNS =~ ^[0-9]+$ ]] || ((RUNS < 3)); then die "--runs must be a number, at least 3"; fi

LAB=""
cleanup() { [[ -z $LAB ]] || bash "$LAB_SH" down "$LAB" >/dev/null 2>&1 || true; }
trap cleanup EXIT INT TERM

median() { sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }

# One run: "<wall ms> <slowest check ms> <slowest answering round trip ms> <exit code>".
measure() {
    local bin=$1 out start end rc=0
    out=$(mktemp)
    start=$(date +%s%N)
    ip netns exec "$NS" "$bin" verify --config "$CONFIG" --json >"$out" 2>/dev/null || rc=$?
    end=$(date +%s%N)
    local check rtt
    check=$(sed -n 's/.*"milliseconds": \([0-9.]*\).*/\1/p' "$out" | sort -g | tail -1)
    rtt=$(grep -oE ' in [0-9.]+ ms' "$out" | awk '{print $2}' | sort -g | tail -1)
    rm -f "$out"
    echo "$(((end - start) / 1000000)) ${check:-nan} ${rtt:-nan} $rc"
}

echo "| NICs | hairpin | binary | verify, wall (median) | slowest check (median) | slowest answering round trip (median) | goal 1.5 x RTT + 5 ms | exit codes |"
echo "|---:|---|---|---:|---:|---:|---:|---|"
for n in $SIZES; do
    for hairpin in yes no; do
        LAB=vf$n${hairpin:0:1}
        nics=$(seq -f 'ens%g' 3 $((n + 2)) | tr '\n' ' ')
        info=$(LAB_NICS="$nics" LAB_CLIENTS="" LAB_OPTION121="" LAB_LATE="" LAB_NOLEASE="" \
            LAB_NOHAIRPIN=$([[ $hairpin == no ]] && echo 1 || true) bash "$LAB_SH" up "$LAB" 2>/dev/null) || die "lab.sh up $LAB failed"
        NS=$(sed -n 's/^NS_INST=//p' <<<"$info")
        base_config=$(sed -n 's/^CONFIG=//p' <<<"$info")
        CONFIG=${base_config%.yaml}-verify.yaml
        {
            cat "$base_config"
            echo "interfaces:"
            for ((i = 1; i <= n; i++)); do
                echo "  - name: $(sed -n "s/^NIC${i}_NAME=//p" <<<"$info")"
                ((i == 1)) && echo "    primary: true"
                echo "    floating_ip: $(sed -n "s/^NIC${i}_FLOATING_IP=//p" <<<"$info")"
            done
            echo "verify:"
            echo "  targets: [192.0.2.10]"
        } >"$CONFIG"
        ip netns exec "$NS" "$BIN" apply --no-verify --config "$CONFIG" >/dev/null || die "N=$n: apply failed"
        declare -A rows=()
        for ((r = 0; r < RUNS; r++)); do
            rows[new]+="$(measure "$BIN")"$'\n'
            [[ -z $BASE ]] || rows[old]+="$(measure "$BASE")"$'\n'
        done
        for which in old new; do
            [[ -n ${rows[$which]:-} ]] || continue
            data=${rows[$which]}
            wall=$(awk 'NF {print $1}' <<<"$data" | median)
            check=$(awk 'NF {print $2}' <<<"$data" | median)
            rtt=$(awk 'NF {print $3}' <<<"$data" | median)
            codes=$(awk 'NF {print $4}' <<<"$data" | sort -u | paste -sd,)
            goal=$(awk -v r="$rtt" 'BEGIN {printf "%.2f", 1.5 * r + 5}')
            label=$([[ $which == new ]] && echo "this build" || echo "baseline")
            printf '| %s | %s | %s | %s ms | %.2f ms | %.2f ms | %s ms | %s |\n' "$n" "$hairpin" "$label" "$wall" "$check" "$rtt" "$goal" "$codes"
        done
        unset rows
        bash "$LAB_SH" down "$LAB" >/dev/null 2>&1 || true
        LAB=""
    done
done
