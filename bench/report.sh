#!/usr/bin/env bash
# Renders bench/run.sh's raw results into OUT/benchmarks.md and OUT/benchmarks.png.
#   report.sh RESULTS.tsv FACTS.tsv OUT ANALYSIS.md
# RESULTS: config, measurement, command, milliseconds (one line per timed run).
# FACTS:   config, key, value.
set -euo pipefail
RESULTS=$1 FACTS=$2 OUT=$3 ANALYSIS=$4
WORK=$(mktemp -d /tmp/bootroute-bench-report.XXXXXX)
trap 'rm -rf -- "$WORK"' EXIT

# median, min, max, count per (config, measurement, command) of column 4 (wall) or 5 (CPU)
stats() {
    sort -t$'\t' -k1,1 -k2,2 -k3,3 -k"$1","$1"g "$RESULTS" | awk -F'\t' -v col="$1" '
        { key = $1 "\t" $2 "\t" $3; n[key]++; v[key, n[key]] = $col }
        END {
            for (key in n) {
                c = n[key]
                median = (c % 2) ? v[key, (c + 1) / 2] : (v[key, c / 2] + v[key, c / 2 + 1]) / 2
                printf "%s\t%.3f\t%.3f\t%.3f\t%d\n", key, median, v[key, 1], v[key, c], c
            }
        }'
}

declare -A MED MIN MAX CPU FACT
while IFS=$'\t' read -r config measurement command median min max _; do
    MED[$config|$measurement|$command]=$median; MIN[$config|$measurement|$command]=$min; MAX[$config|$measurement|$command]=$max
done < <(stats 4)
while IFS=$'\t' read -r config measurement command median _; do
    CPU[$config|$measurement|$command]=$median
done < <(stats 5)
while IFS=$'\t' read -r config key value; do FACT[$config|$key]=$value; done <"$FACTS"

fact() { echo "${FACT[$1|$2]:-}"; }
has() { [[ -n ${MED[$1|$2|$3]:-} ]]; }
ms() { awk -v x="$1" 'BEGIN { if (x >= 100) printf "%.0f", x; else printf "%.1f", x }'; }
cell() {   # "median [min–max]" or an em dash
    if has "$1" "$2" "$3"; then
        echo "$(ms "${MED[$1|$2|$3]}") [$(ms "${MIN[$1|$2|$3]}")–$(ms "${MAX[$1|$2|$3]}")]"
    else echo "—"; fi
}
ratio() {  # median(a) / median(b) as "0.42×"
    if has "$1" "$2" "$3" && has "$1" "$2" "$4"; then
        awk -v a="${MED[$1|$2|$3]}" -v b="${MED[$1|$2|$4]}" 'BEGIN { printf "%.2f×", a / b }'
    else echo "—"; fi
}
cpu() { if [[ -n ${CPU[$1|$2|$3]:-} ]]; then ms "${CPU[$1|$2|$3]}"; else echo "—"; fi; }
cpu_ratio() {
    if [[ -n ${CPU[$1|$2|$3]:-} && -n ${CPU[$1|$2|$4]:-} ]]; then
        awk -v a="${CPU[$1|$2|$3]}" -v b="${CPU[$1|$2|$4]}" 'BEGIN { if (b > 0) printf "%.2f×", a / b; else printf "—" }'
    else echo "—"; fi
}
ratio_value() { awk -v a="${MED[$1|$2|$3]}" -v b="${MED[$1|$2|$4]}" 'BEGIN { printf "%.3f", a / b }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }'; }
verdict() { if awk -v x="$1" -v limit="$2" 'BEGIN { exit !(x <= limit) }'; then echo "**met**"; else echo "**not met**"; fi; }

read -r -a SIZES <<<"$(fact all sizes)"
compare=0
if [[ -n $(fact all version_A0) ]]; then compare=1; fi
runs=$(fact all runs)

# ------------------------------------------------------------------------------------------------
# Chart: converge time against N for A, B, C (and A0), median with min–max bars; the secondary-address
# variants dashed.
# ------------------------------------------------------------------------------------------------
: >"$WORK/plain.dat"; : >"$WORK/secondary.dat"
for size in "${SIZES[@]}"; do
    has "$size" converge A || continue
    file=$WORK/plain.dat
    if [[ $(fact "$size" secondaries) != 0 ]]; then file=$WORK/secondary.dat; fi
    line="$(fact "$size" nics)"
    for command in A B C A0; do
        if has "$size" converge "$command"; then
            line+=" ${MED[$size|converge|$command]} ${MIN[$size|converge|$command]} ${MAX[$size|converge|$command]}"
        else line+=" NaN NaN NaN"; fi
    done
    echo "$line" >>"$file"
done
sort -n -o "$WORK/plain.dat" "$WORK/plain.dat"; sort -n -o "$WORK/secondary.dat" "$WORK/secondary.dat"
secondaries_per_nic=$(for size in "${SIZES[@]}"; do s=$(fact "$size" secondaries); if [[ $s != 0 ]]; then echo "$s"; fi; done | sort -u | head -n1)
{
    echo "set terminal pngcairo size 900,560 font 'sans,10'"
    echo "set output '$OUT/benchmarks.png'"
    echo "set title 'Converge from a clean state (median, bars min–max; lower is better)'"
    echo "set xlabel 'NICs'; set ylabel 'milliseconds'"
    echo "set logscale xy; set grid"
    echo "set xrange [$(for size in "${SIZES[@]}"; do fact "$size" nics; done | sort -n | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%g:%g", lo / 1.3, hi * 1.3 }')]"
    echo "set xtics ($(for size in "${SIZES[@]}"; do fact "$size" nics; done | sort -nu | paste -sd,))"
    echo "set key top left"
    echo "set style line 1 lc rgb '#1f77b4' lw 2 pt 7; set style line 2 lc rgb '#d62728' lw 2 pt 5"
    echo "set style line 3 lc rgb '#2ca02c' lw 2 pt 9; set style line 4 lc rgb '#7f7f7f' lw 2 pt 13"
    plots=()
    if [[ -s $WORK/plain.dat ]]; then
        plots+=("'$WORK/plain.dat' using 1:2:3:4 with yerrorlines ls 1 title 'A bootroute apply'")
        plots+=("'' using 1:5:6:7 with yerrorlines ls 2 title 'B script (ip per command)'")
        plots+=("'' using 1:8:9:10 with yerrorlines ls 3 title 'C ip -batch'")
        if ((compare)); then plots+=("'' using 1:11:12:13 with yerrorlines ls 4 title 'A0 bootroute (before)'"); fi
    fi
    if [[ -s $WORK/secondary.dat ]]; then
        plots+=("'$WORK/secondary.dat' using 1:2:3:4 with yerrorlines ls 1 dt 2 title 'A, +$secondaries_per_nic secondaries/NIC'")
        plots+=("'' using 1:5:6:7 with yerrorlines ls 2 dt 2 title 'B, +$secondaries_per_nic secondaries/NIC'")
        plots+=("'' using 1:8:9:10 with yerrorlines ls 3 dt 2 title 'C, +$secondaries_per_nic secondaries/NIC'")
    fi
    (IFS=,; echo "plot ${plots[*]}")
} >"$WORK/chart.gp"
mkdir -p "$OUT"
gnuplot "$WORK/chart.gp"

# ------------------------------------------------------------------------------------------------
# Markdown
# ------------------------------------------------------------------------------------------------
md=$OUT/benchmarks.md
{
    echo "# Benchmarks"
    echo
    echo "Generated by \`sudo bench/run.sh\` ($(fact all started)); regenerate rather than edit. The notes at the"
    echo "end come from \`bench/analysis.md\`. All times are wall-clock milliseconds measured by hyperfine:"
    echo "the median of $runs rounds, with the [min–max] range. In every round the commands alternate (in"
    echo "rotating order), each from the same clean state restored by \`hyperfine --prepare\` outside the"
    echo "timed part, so that background load falls on all of them alike."
    if [[ $(fact all smoke) == 1 ]]; then
        echo
        echo "**Smoke run** (CI): too few rounds for the figures to mean anything; it proves the harness works."
    fi
    echo
    echo "## Machine"
    echo
    echo "| | |"
    echo "| --- | --- |"
    echo "| CPU | $(fact all cpu) |"
    echo "| system | $(fact all os), kernel $(fact all kernel) |"
    echo "| load average (1, 5, 15 min), before → after | $(fact all load) |"
    echo "| bootroute | $(fact all version) |"
    if ((compare)); then echo "| A0 (compared build) | $(fact all version_A0) |"; fi
    echo "| iproute2 | $(fact all iproute2) |"
    echo "| tools | $(fact all hyperfine), $(fact all gnuplot), .NET SDK $(fact all dotnet) |"
    echo
    echo "## Converge from a clean state"
    echo
    echo "- **A** \`bootroute apply --no-verify\`: discover (rtnetlink dumps, lease files), plan, apply over"
    echo "  rtnetlink, flush the route cache."
    echo "- **B** the seeds' manual procedure as a \`/bin/sh\` script: one \`ip\` per route and rule, then"
    echo "  \`ip route flush cache\` — what users write instead."
    echo "- **C** the same commands in one \`ip -batch\`: the floor of the \`ip\` approach (no discovery at all)."
    if ((compare)); then echo "- **A0** the compared build of the agent, same command as A."; fi
    echo
    echo "B and C are generated from the harness's own address plan; before timing, the harness checks that"
    echo "\`bootroute plan\` on the clean state prints exactly B's commands and that A, B and C leave"
    echo "byte-identical rules and routes (same tables, the suppress rule, a rule per address, proto 200)."
    echo "In this state (dhclient's: the first NIC's default is in main, the others' were refused) none of"
    echo "them changes the main default. State is reset between runs by \`hyperfine --prepare\`: the rules"
    echo "and tables, and the agent's state directory (like /run after a reboot); its table names in"
    echo "/etc/iproute2/rt_tables.d stay, as they would on every boot after the first."
    echo
    header="| NICs | addresses | operations | leases | A bootroute | B script | C ip -batch | A/B | A/C |"
    rule="| ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |"
    if ((compare)); then header+=" A0 (before) | A/A0 |"; rule+=" ---: | ---: |"; fi
    echo "$header"; echo "$rule"
    for size in "${SIZES[@]}"; do
        row="| $(fact "$size" nics) | $(fact "$size" addresses) | $(fact "$size" operations) | $(fact "$size" leases)"
        row+=" | $(cell "$size" converge A) | $(cell "$size" converge B) | $(cell "$size" converge C)"
        row+=" | $(ratio "$size" converge A B) | $(ratio "$size" converge A C) |"
        if ((compare)); then row+=" $(cell "$size" converge A0) | $(ratio "$size" converge A A0) |"; fi
        echo "$row"
    done
    echo
    echo "The same runs in CPU time (user + system, the script's \`ip\` processes included; medians), which"
    echo "a busy machine distorts far less than wall-clock time:"
    echo
    header="| NICs | addresses | A bootroute | B script | C ip -batch | A/B | A/C |"
    rule="| ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    if ((compare)); then header+=" A0 (before) | A/A0 |"; rule+=" ---: | ---: |"; fi
    echo "$header"; echo "$rule"
    for size in "${SIZES[@]}"; do
        row="| $(fact "$size" nics) | $(fact "$size" addresses)"
        for command in A B C; do row+=" | $(cpu "$size" converge "$command")"; done
        row+=" | $(cpu_ratio "$size" converge A B) | $(cpu_ratio "$size" converge A C) |"
        if ((compare)); then row+=" $(cpu "$size" converge A0) | $(cpu_ratio "$size" converge A A0) |"; fi
        echo "$row"
    done
    echo
    echo "![converge time against the number of NICs](benchmarks.png)"
    echo
    echo "## The agent alone"
    echo
    header="| NICs | addresses | no-op re-run | no-op, verified | plan | apply with verification | peak RSS (converge) |"
    rule="| ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    if ((compare)); then header+=" A0 no-op | A0 plan | A0 peak RSS |"; rule+=" ---: | ---: | ---: |"; fi
    echo "$header"; echo "$rule"
    for size in "${SIZES[@]}"; do
        row="| $(fact "$size" nics) | $(fact "$size" addresses) | $(cell "$size" noop A) | $(cell "$size" noop AV) | $(cell "$size" plan A) | $(cell "$size" verify A)"
        row+=" | $(mib "$(fact "$size" rss_converge)") |"
        if ((compare)); then row+=" $(cell "$size" noop A0) | $(cell "$size" plan A0) | $(mib "$(fact "$size" rss_converge_A0)") |"; fi
        echo "$row"
    done
    echo
    echo "- no-op re-run: \`apply --no-verify\` on a host that already matches the plan (0 operations);"
    echo "  verified: the same with verification (lab only), in the same rounds."
    echo "- apply with verification: from the clean state, on the lab (real gateways behind dnsmasq answer"
    echo "  the probes); generated instances have no provider behind their gateways."
    echo
    echo "| start-up | median [min–max] |"
    echo "| --- | ---: |"
    echo "| \`bootroute --version\` | $(cell startup version A) |"
    if ((compare)); then echo "| \`bootroute --version\` (A0) | $(cell startup version A0) |"; fi
    echo "| \`/bin/true\` (the cost of starting any process here) | $(cell startup version true) |"
    echo "| binary size | $(awk -v b="$(fact all binary_bytes)" 'BEGIN { printf "%.1f MB (%d bytes)", b / 1e6, b }') |"
    if ((compare)); then echo "| binary size (A0) | $(awk -v b="$(fact all binary_bytes_A0)" 'BEGIN { printf "%.1f MB (%d bytes)", b / 1e6, b }') |"; fi

    # Targets, checked against this run.
    echo
    echo "## Targets"
    echo
    echo "| target | this run | |"
    echo "| --- | --- | --- |"
    small=$(for size in "${SIZES[@]}"; do if [[ $(fact "$size" secondaries) == 0 ]]; then echo "$(fact "$size" nics) $size"; fi; done | sort -n | head -n1 | cut -d' ' -f2)
    large=$(for size in "${SIZES[@]}"; do if [[ $(fact "$size" secondaries) == 0 ]]; then echo "$(fact "$size" nics) $size"; fi; done | sort -n | tail -n1 | cut -d' ' -f2)
    if [[ -n $small ]] && has "$small" converge A; then
        r=$(ratio_value "$small" converge A B)
        echo "| converge at $(fact "$small" nics) NICs ≤ 0.5× the script | $(ratio "$small" converge A B) | $(verdict "$r" 0.5) |"
    fi
    if [[ -n $large && $large != "$small" ]] && has "$large" converge A; then
        r=$(ratio_value "$large" converge A B)
        echo "| converge at $(fact "$large" nics) NICs ≤ 0.1× the script | $(ratio "$large" converge A B) | $(verdict "$r" 0.1) |"
        r=$(ratio_value "$large" converge A C)
        echo "| converge at $(fact "$large" nics) NICs ≤ 2× \`ip -batch\` | $(ratio "$large" converge A C) | $(verdict "$r" 2) |"
    fi
    if [[ -n $small ]] && has "$small" noop A; then
        echo "| no-op re-run ≤ 15 ms ($(fact "$small" nics) NICs) | $(ms "${MED[$small|noop|A]}") ms | $(verdict "${MED[$small|noop|A]}" 15) |"
    fi
    if [[ -n $small ]] && has "$small" noop AV; then
        # What verification adds: no-op apply with it minus without it, measured in the same rounds.
        # Budget: three round trips of the slowest gateway probe plus one verify.timeout (2 s here).
        extra=$(awk -v a="${MED[$small|noop|AV]}" -v b="${MED[$small|noop|A]}" 'BEGIN { printf "%.1f", a - b }')
        budget=$(awk -v list="$(fact "$small" gateway_probe_ms)" 'BEGIN { n = split(list, v, " "); m = 0; for (i = 1; i <= n; i++) if (v[i] + 0 > m) m = v[i] + 0; printf "%.1f", 3 * m + 2000 }')
        echo "| verification of $(fact "$small" nics) healthy NICs ≤ 3 round trips + one probe timeout | $extra ms (gateway probes: $(fact "$small" gateway_probe_ms) ms; budget $budget ms) | $(verdict "$extra" "$budget") |"
    fi
    max_rss=0
    for size in "${SIZES[@]}"; do
        for key in rss_converge rss_verify; do
            v=$(fact "$size" "$key"); if [[ -n $v ]] && ((v > max_rss)); then max_rss=$v; fi
        done
    done
    echo "| peak RSS ≤ 30 MiB (largest of every run above) | $(mib "$max_rss") | $(verdict "$max_rss" $((30 * 1024))) |"
    bytes=$(fact all binary_bytes)
    echo "| binary ≤ 15 MB | $(awk -v b="$bytes" 'BEGIN { printf "%.1f MB", b / 1e6 }') | $(verdict "$bytes" 15000000) |"
    echo
    if [[ -f $ANALYSIS ]]; then cat "$ANALYSIS"; fi
} >"$md"
