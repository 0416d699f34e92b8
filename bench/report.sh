#!/usr/bin/env bash
# Renders bench/run.sh's raw results into OUT/benchmarks.md and OUT/benchmarks.png.
#   report.sh RESULTS.tsv FACTS.tsv OUT ANALYSIS.md
# RESULTS: config, measurement, command, wall ms, CPU ms, round (one line per timed run; the
#          commands of one round ran alternately, so their ratios are taken round by round).
# FACTS:   config, key, value.
# Every figure and every verdict in the page is computed here from those two files; the prose
# appended from ANALYSIS.md quotes no figures.
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
ratio() {  # the median of the per-round ratios a/b as "0.42×", as the targets and comparisons use
    local median
    read -r median _ <<<"$(interval "$1" "$2" "$3" "$4")"
    if [[ -n ${median:-} ]]; then awk -v x="$median" 'BEGIN { printf "%.2f×", x }'; else echo "—"; fi
}
cpu() { if [[ -n ${CPU[$1|$2|$3]:-} ]]; then ms "${CPU[$1|$2|$3]}"; else echo "—"; fi; }
cpu_ratio() {
    if [[ -n ${CPU[$1|$2|$3]:-} && -n ${CPU[$1|$2|$4]:-} ]]; then
        awk -v a="${CPU[$1|$2|$3]}" -v b="${CPU[$1|$2|$4]}" 'BEGIN { if (b > 0) printf "%.2f×", a / b; else printf "—" }'
    else echo "—"; fi
}
mib() { awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }'; }
verdict() { if awk -v x="$1" -v limit="$2" 'BEGIN { exit !(x <= limit) }'; then echo "**met**"; else echo "**not met**"; fi; }

# interval CONFIG MEASUREMENT CMD DEN [TAIL]: "median low high n" of CMD's wall times, or with DEN
# (else "") of the per-round ratios CMD/DEN. low–high is the distribution-free confidence interval
# of the median (order statistics l and n+1-l, l the largest rank with P(Binomial(n, 1/2) < l) <=
# TAIL; TAIL 0.025 gives 95%, 0.005 gives 99%). Too few rounds for one (fewer than 6 at 95%, 8 at
# 99%): low and high are "-". Prints nothing without data.
interval() {
    awk -F'\t' -v c="$1" -v m="$2" -v a="$3" -v b="${4:-}" -v tail="${5:-0.025}" '
        $1 == c && $2 == m && ($3 == a || $3 == b) { t[$3, $6] = $4; round[$6] = 1 }
        END {
            n = 0
            for (r in round) {
                if (b == "") { if ((a, r) in t) x[++n] = t[a, r] }
                else if ((a, r) in t && (b, r) in t && t[b, r] > 0) x[++n] = t[a, r] / t[b, r]
            }
            if (n == 0) exit
            for (i = 2; i <= n; i++) { v = x[i]; for (j = i - 1; j >= 1 && x[j] > v; j--) x[j + 1] = x[j]; x[j + 1] = v }
            median = (n % 2) ? x[(n + 1) / 2] : (x[n / 2] + x[n / 2 + 1]) / 2
            l = 0; cum = 0; term = 0.5 ^ n
            for (k = 0; k < n; k++) { cum += term; if (cum > tail) break; l = k + 1; term = term * (n - k) / (k + 1) }
            if (l < 1) printf "%.4f - - %d\n", median, n
            else printf "%.4f %.4f %.4f %d\n", median, x[l], x[n + 1 - l], n
        }' "$RESULTS"
}
# judge LOW HIGH LIMIT: a "≤ LIMIT" target is met only when the whole interval is below it, not met
# when the whole interval is above it, and within the noise otherwise.
judge() {
    awk -v lo="$1" -v hi="$2" -v limit="$3" 'BEGIN {
        if (lo == "-") print "**too few rounds**"; else if (hi <= limit) print "**met**"; else if (lo > limit) print "**not met**"; else print "**within noise**" }'
}
# change LOW HIGH: A against A0 from the interval of the per-round ratios A/A0.
change() {
    awk -v lo="$1" -v hi="$2" 'BEGIN {
        if (lo == "-") print "**too few rounds**"; else if (hi < 1) print "**faster**"; else if (lo > 1) print "**slower**"; else print "**no difference beyond noise**" }'
}
times() { awk -v x="$1" 'BEGIN { printf "%.2f×", x }'; }
span() {   # LOW HIGH as a ratio range or a millisecond range
    if [[ $1 == - ]]; then echo "none"; elif [[ $3 == × ]]; then echo "$(times "$1")–$(times "$2")"; else echo "$(ms "$1")–$(ms "$2") ms"; fi
}

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
    echo "Generated by \`sudo $(fact all invocation)\` ($(fact all started)) with the harness at commit"
    echo "$(fact all harness); regenerate rather than edit. The notes at the end come from"
    echo "\`bench/analysis.md\`. All times are wall-clock milliseconds measured by hyperfine:"
    echo "the median of $runs rounds, with the [min–max] range. In every round the commands alternate (in"
    echo "rotating order), each from the same clean state restored by \`hyperfine --prepare\` outside the"
    echo "timed part, so that background load falls on all of them alike. Ratios (A/B, A/C, A/A0) are the"
    echo "median of the per-round ratios of the two commands."
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
    echo "| harness (bench/ at commit) | $(fact all harness) |"
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

    # Targets, checked against this run: each is met only beyond the run's noise (see judge).
    echo
    echo "## Targets"
    echo
    echo "Timed targets are judged on the 95% confidence interval of the median (ratios: of the"
    echo "per-round ratios, both commands having run in the same rounds): **met** when the whole"
    echo "interval is within the target, **not met** when the whole interval is beyond it, **within"
    echo "noise** when the interval straddles it (more rounds or a quieter machine would decide). With"
    echo "fewer than 6 rounds there is no such interval: **too few rounds**."
    echo
    echo "| target | this run (median) | 95% interval, rounds | |"
    echo "| --- | --- | --- | --- |"
    small=$(for size in "${SIZES[@]}"; do if [[ $(fact "$size" secondaries) == 0 ]]; then echo "$(fact "$size" nics) $size"; fi; done | sort -n | head -n1 | cut -d' ' -f2)
    large=$(for size in "${SIZES[@]}"; do if [[ $(fact "$size" secondaries) == 0 ]]; then echo "$(fact "$size" nics) $size"; fi; done | sort -n | tail -n1 | cut -d' ' -f2)
    : >"$WORK/verdicts"
    # target TEXT CONFIG MEASUREMENT CMD DEN LIMIT UNIT: one row, and one line for the prose below.
    target() {
        local text=$1 median lo hi n verdict
        read -r median lo hi n <<<"$(interval "$2" "$3" "$4" "$5")"
        [[ -n ${median:-} ]] || return 0
        verdict=$(judge "$lo" "$hi" "$6")
        local shown; if [[ $7 == × ]]; then shown=$(times "$median"); else shown="$(ms "$median") ms"; fi
        echo "| $text | $shown | $(span "$lo" "$hi" "$7"), $n rounds | $verdict |"
        local range=""; if [[ $lo != - ]]; then range=$(span "$lo" "$hi" "$7"); fi
        printf '%s\037%s\037%s\037%s\n' "$text" "$shown" "$range" "$verdict" >>"$WORK/verdicts"
    }
    if [[ -n $small ]]; then
        target "converge at $(fact "$small" nics) NICs ≤ 0.5× the script" "$small" converge A B 0.5 ×
    fi
    if [[ -n $large && $large != "$small" ]]; then
        target "converge at $(fact "$large" nics) NICs ≤ 0.1× the script" "$large" converge A B 0.1 ×
        target "converge at $(fact "$large" nics) NICs ≤ 2× \`ip -batch\`" "$large" converge A C 2 ×
    fi
    if [[ -n $small ]]; then
        target "no-op re-run ≤ 15 ms ($(fact "$small" nics) NICs)" "$small" noop A "" 15 ms
        # Verification runs its probes in parallel and never sleeps a fixed time: on healthy NICs it
        # may add at most half of an unverified run (verified and unverified no-op, same rounds).
        target "no-op re-run with verification of $(fact "$small" nics) healthy NICs ≤ 1.5× one without" "$small" noop AV A 1.5 ×
    fi
    max_rss=0
    for size in "${SIZES[@]}"; do
        for key in rss_converge rss_verify; do
            v=$(fact "$size" "$key"); if [[ -n $v ]] && ((v > max_rss)); then max_rss=$v; fi
        done
    done
    echo "| peak RSS ≤ 30 MiB (largest of every run above) | $(mib "$max_rss") | one run each | $(verdict "$max_rss" $((30 * 1024))) |"
    printf '%s\037%s\037%s\037%s\n' "peak RSS ≤ 30 MiB" "$(mib "$max_rss")" "" "$(verdict "$max_rss" $((30 * 1024)))" >>"$WORK/verdicts"
    bytes=$(fact all binary_bytes)
    size_mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f MB", b / 1e6 }')
    echo "| binary ≤ 15 MB | $size_mb | exact | $(verdict "$bytes" 15000000) |"
    printf '%s\037%s\037%s\037%s\n' "binary ≤ 15 MB" "$size_mb" "" "$(verdict "$bytes" 15000000)" >>"$WORK/verdicts"
    echo
    echo "In words, from the figures above:"
    echo
    # Fields split on the unit separator: a tab would merge an empty range into the next field.
    while IFS=$'\037' read -r text shown range verdict; do
        echo "- ${text%% ≤*}: $shown${range:+ (95% interval $range)} against a target of ≤${text#* ≤}: $verdict."
    done <"$WORK/verdicts"

    if ((compare)); then
        echo
        echo "## Before and after"
        echo
        echo "A is \`$(fact all version)\`; A0 is \`$(fact all version_A0)\`. Both ran in the same rounds,"
        echo "alternately, each from the same clean state (\`bench/run.sh --baseline\`). The ratio is taken"
        echo "round by round (A/A0 < 1: A is faster); the verdict comes from its 99% interval: **faster** or"
        echo "**slower** when the whole interval is below or above 1, else **no difference beyond noise**"
        echo "(fewer than 8 rounds: **too few rounds**). 99% rather than 95%, because the table makes many"
        echo "comparisons: at 95%, one in twenty would call two identical builds different by chance."
        echo
        echo "| NICs | addresses | measurement | A0 (before) | A (after) | A/A0 | 99% interval, rounds | |"
        echo "| ---: | ---: | --- | ---: | ---: | ---: | --- | --- |"
        : >"$WORK/changes"
        compare_row() {   # NICS ADDRESSES LABEL CONFIG MEASUREMENT
            local median lo hi n verdict
            read -r median lo hi n <<<"$(interval "$4" "$5" A A0 0.005)"
            [[ -n ${median:-} ]] || return 0
            verdict=$(change "$lo" "$hi")
            echo "| $1 | $2 | $3 | $(cell "$4" "$5" A0) | $(cell "$4" "$5" A) | $(times "$median") | $(span "$lo" "$hi" ×), $n rounds | $verdict |"
            printf '%s\n' "$verdict" >>"$WORK/changes"
        }
        for size in "${SIZES[@]}"; do
            for measurement in converge noop plan verify; do
                label=$measurement
                case $measurement in converge) label="converge (clean state)" ;; noop) label="no-op re-run" ;; verify) label="apply with verification" ;; esac
                compare_row "$(fact "$size" nics)" "$(fact "$size" addresses)" "$label" "$size" "$measurement"
            done
        done
        compare_row "" "" "\`--version\` (start-up)" startup version
        echo
        echo "| | A0 (before) | A (after) |"
        echo "| --- | ---: | ---: |"
        for size in "${SIZES[@]}"; do
            echo "| peak RSS, converge at $(fact "$size" nics) NICs × $(fact "$size" addresses) addresses | $(mib "$(fact "$size" rss_converge_A0)") | $(mib "$(fact "$size" rss_converge)") |"
        done
        echo "| binary size | $(awk -v b="$(fact all binary_bytes_A0)" 'BEGIN { printf "%d bytes", b }') | $(awk -v b="$(fact all binary_bytes)" 'BEGIN { printf "%d bytes", b }') |"
        echo
        total=$(wc -l <"$WORK/changes"); slower=$(grep -c slower "$WORK/changes" || true); faster=$(grep -c faster "$WORK/changes" || true)
        if grep -q "too few" "$WORK/changes"; then
            echo "In words: too few rounds to tell A from A0 (run at least 8)."
        else
            echo "In words: of $total timed comparisons, A is slower beyond the noise in $slower, faster in $faster,"
            echo "and indistinguishable from A0 in the other $((total - slower - faster))."
        fi
    fi
    echo
    if [[ -f $ANALYSIS ]]; then cat "$ANALYSIS"; fi
} >"$md"
