#!/usr/bin/env bash
# BootRoute benchmarks: the agent against the hand-written script, side by side, in network namespaces.
#
#   sudo bench/run.sh                     publish the agent, measure every size, write docs/benchmarks.{md,png}
#   sudo bench/run.sh --smoke --out DIR   CI's smoke run: 2 NICs, 3 rounds, results in DIR
#
# Options:
#   --runs N         rounds per measurement (default 20; at least 3)
#   --sizes "…"      configurations, default "2 8 32 2s4 8s4 32s4": N NICs, sN = plus N secondary
#                    addresses per NIC. N=2 is the lab (tests/BootRoute.Lab/lab.sh: real dnsmasq and
#                    dhclient); larger N get lease files in dhclient's format written by this script.
#   --bin PATH       the agent to measure (default: dotnet publish src/BootRoute to out/ first)
#   --compare PATH   also measure another build of the agent (e.g. the one before a change) in the
#   --baseline PATH  same rounds, as column "A0": every round runs A and A0 (and B, C) alternately
#                    from the same clean state; the report adds a before/after table with the
#                    per-round ratio A/A0, its 95% interval and a verdict (faster, slower, or no
#                    difference beyond the noise). See docs/benchmarks.md, "Before and after".
#   --out DIR        where benchmarks.md and benchmarks.png go (default: docs/)
#   --smoke          --sizes 2 --runs 3; --out is required (never the repository)
#   --keep           keep the work directory (raw per-run times, generated scripts) and print it
#
# What is timed, per configuration, from the same clean state (tables, rules and state.json removed by
# hyperfine --prepare, outside the timed part), in rounds that alternate A, B, C (rotating order) so
# that background load hits all of them alike:
#   A   bootroute apply --no-verify
#   B   the seeds' manual procedure as a /bin/sh script: one `ip` per route and rule, then
#       `ip route flush cache`
#   C   the same commands in one `ip -batch` (the floor of the `ip` approach)
# B and C are generated from this script's own address plan, and before timing the harness checks
# that A, B and C leave byte-identical rules and routes (else the comparison would be unfair).
# Also: the no-op re-run, `bootroute plan`, apply with verification (2 NICs), peak RSS
# (/usr/bin/time -v), binary size and `bootroute --version`.
#
# Safety: everything runs inside namespaces this script creates (br<ID>-* via lab.sh, bb<ID>-* for
# the generated instances) and deletes on exit, failure or interrupt; /etc/netns/<ns> overlays keep
# the agent's /etc/iproute2 writes off this machine; agent state lives in the work directory.
set -euo pipefail

PROG=bench/run.sh
REPO=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
LAB_SH=$REPO/tests/BootRoute.Lab/lab.sh
die() { echo "$PROG: error: $*" >&2; exit 2; }
log() { echo "[bench] $*" >&2; }

INVOCATION="$PROG${*:+ $*}"   # named in the report, so the page says how to reproduce it
RUNS=20 SIZES="2 8 32 2s4 8s4 32s4" BIN="" COMPARE="" OUT="" SMOKE=0 KEEP=0
while (($#)); do
    case $1 in
        --runs) RUNS=${2:-}; shift 2 ;;
        --sizes) SIZES=${2:-}; shift 2 ;;
        --bin) BIN=${2:-}; shift 2 ;;
        --compare|--baseline) COMPARE=${2:-}; shift 2 ;;
        --out) OUT=${2:-}; shift 2 ;;
        --smoke) SMOKE=1; shift ;;
        --keep) KEEP=1; shift ;;
        -h|--help) sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown argument '$1' (see --help)" ;;
    esac
done
if ((SMOKE)); then
    SIZES=2 RUNS=3
    [[ -n $OUT ]] || die "--smoke needs --out DIR: a smoke run never writes into the repository"
fi
[[ $RUNS =~ ^[0-9]+$ ]] && ((RUNS >= 3 && RUNS <= 1000)) || die "--runs must be a number from 3 to 1000 (got '$RUNS')"
for size in $SIZES; do
    [[ $size =~ ^([0-9]+)(s([0-9]))?$ ]] || die "--sizes: '$size' is not N or NsK (e.g. 32 or 32s4)"
    n=${BASH_REMATCH[1]}
    ((n >= 2 && n <= 200)) || die "--sizes: $size: N must be 2 to 200 NICs"
done
OUT=${OUT:-$REPO/docs}
[[ $(id -u) -eq 0 ]] || die "run as root: the benchmark builds network namespaces"

missing=()
for tool in hyperfine gnuplot ip dnsmasq dhclient awk sort; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
[[ -x /usr/bin/time ]] || missing+=(/usr/bin/time)
((${#missing[@]} == 0)) || die "missing: ${missing[*]}; install with: apt-get install -y --no-install-recommends hyperfine gnuplot-nox time iproute2 dnsmasq-base isc-dhcp-client"
# The agent names its tables in /etc/iproute2/rt_tables.d; inside `ip netns exec` that is the
# namespace's /etc/netns overlay, which can only cover a directory that exists on this machine.
[[ -d /etc/iproute2 && ! -L /etc/iproute2 ]] \
    || die "/etc/iproute2 does not exist here, so the agent's table names could not be kept off this machine"

# ------------------------------------------------------------------------------------------------
# Work directory, namespaces and cleanup (always, even on failure or Ctrl-C)
# ------------------------------------------------------------------------------------------------
ID=$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')
WORK=$(mktemp -d /tmp/bootroute-bench.XXXXXX)
LABS=() NAMESPACES=()
host_names_before=$([[ -e /etc/iproute2/rt_tables.d/bootroute.conf ]] && echo yes || echo no)

cleanup() {
    local rc=$? lab ns
    trap - EXIT INT TERM
    for lab in "${LABS[@]}"; do bash "$LAB_SH" down "$lab" >/dev/null 2>&1 || log "lab.sh down $lab failed"; done
    for ns in "${NAMESPACES[@]}"; do
        ip netns del "$ns" 2>/dev/null || true
        rm -rf -- "/etc/netns/$ns"
    done
    rmdir /etc/netns 2>/dev/null || true
    if ((KEEP)); then log "work directory kept: $WORK"; else rm -rf -- "$WORK"; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ------------------------------------------------------------------------------------------------
# The agent
# ------------------------------------------------------------------------------------------------
if [[ -z $BIN ]]; then
    log "publishing the agent (dotnet publish src/BootRoute -c Release -r linux-x64 -o out)"
    (cd "$REPO" && dotnet publish src/BootRoute -c Release -r linux-x64 -o out --nologo -v quiet) >&2
    BIN=$REPO/out/bootroute
fi
BIN=$(readlink -f "$BIN")
[[ -x $BIN ]] || die "agent binary $BIN is missing or not executable"
if [[ -n $COMPARE ]]; then
    COMPARE=$(readlink -f "$COMPARE")
    [[ -x $COMPARE ]] || die "--compare: $COMPARE is missing or not executable"
fi

RESULTS=$WORK/results.tsv   # config  measurement  command  wall ms  CPU ms  round   (one line per run)
FACTS=$WORK/facts.tsv       # config  key  value
: >"$RESULTS"; : >"$FACTS"
fact() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$FACTS"; }

# ------------------------------------------------------------------------------------------------
# Instances. Each sets: NS (instance namespace), CONFIG (agent config), STATE_DIR, and the NIC plan
# NIC_NAME[i] NIC_ADDR[i] NIC_PREFIX[i] NIC_GW[i] NIC_SECONDARY[i] (space-separated), i = 1..N,
# numbered as the agent numbers them (natural name order): table 100+i, rule priority 100+i.
# ------------------------------------------------------------------------------------------------
declare -a NIC_NAME NIC_ADDR NIC_PREFIX NIC_GW NIC_SECONDARY

# N=2: the end-to-end lab. dnsmasq hands out the leases and the real dhclient writes the lease files
# and configures the NICs (the first NIC's default lands in main, the second's fails with EEXIST).
instance_lab() {
    local n=$1 secondaries=$2 lab=b${ID:0:5}${#LABS[@]} info i key
    LABS+=("$lab")
    info=$(LAB_NICS="$(seq -f 'ens%g' 3 $((n + 2)) | tr '\n' ' ')" LAB_CLIENTS="" LAB_OPTION121="" LAB_LATE="" LAB_NOLEASE="" \
        bash "$LAB_SH" up "$lab" 2>"$WORK/lab-$lab.log") || { cat "$WORK/lab-$lab.log" >&2; die "lab.sh up $lab failed"; }
    value() { sed -n "s/^$1=//p" <<<"$info"; }
    NS=$(value NS_INST); CONFIG=$(value CONFIG); STATE_DIR=$(value LAB_DIR)/state
    for ((i = 1; i <= n; i++)); do
        NIC_NAME[i]=$(value "NIC${i}_NAME"); NIC_ADDR[i]=$(value "NIC${i}_ADDRESS")
        NIC_PREFIX[i]=$(value "NIC${i}_PREFIX"); NIC_GW[i]=$(value "NIC${i}_GATEWAY")
        NIC_SECONDARY[i]=""
        for ((key = 1; key <= secondaries; key++)); do
            local net=${NIC_ADDR[i]%.*}
            NIC_SECONDARY[i]+="$net.$((10 + key)) "
            ip netns exec "$NS" ip -4 addr add "$net.$((10 + key))/${NIC_PREFIX[i]}" dev "${NIC_NAME[i]}"
        done
    done
    LEASES="dnsmasq → dhclient (real)"
}

# N>2: NICs ens3… are veth ends in the instance namespace, their peers (holding the gateways) in a
# second namespace. Addresses and the first NIC's main default are set the way Debian's
# dhclient-script sets them, and each NIC gets a lease file in dhclient's format, generated here and
# labelled as such in its first line. NIC i: 100.64.i.0/24, gateway .1, leased .10, secondaries .11….
instance_generated() {
    local n=$1 secondaries=$2 tag=bb${ID}${#NAMESPACES[@]} i k dir
    local inst=$tag-inst gw=$tag-gw
    NAMESPACES+=("$inst" "$gw")
    ip netns add "$inst"; ip netns add "$gw"
    ip -n "$inst" link set lo up; ip -n "$gw" link set lo up
    # Table names go to the overlay, never to this machine's /etc (see the /etc/iproute2 check above).
    mkdir -p "/etc/netns/$inst"
    cp -a /etc/iproute2 "/etc/netns/$inst/iproute2"
    dir=$WORK/$tag; mkdir -p "$dir/leases"
    local renew rebind expire
    renew=$(date -u -d '+30 min' '+%w %Y/%m/%d %H:%M:%S')
    rebind=$(date -u -d '+52 min' '+%w %Y/%m/%d %H:%M:%S')
    expire=$(date -u -d '+60 min' '+%w %Y/%m/%d %H:%M:%S')
    local batch_gw=$dir/gw.batch batch_inst=$dir/inst.batch
    : >"$batch_gw"; : >"$batch_inst"
    for ((i = 1; i <= n; i++)); do
        local nic=ens$((i + 2)) net
        net=$(printf '100.%d.%d' $((64 + i / 256)) $((i % 256)))
        NIC_NAME[i]=$nic; NIC_ADDR[i]=$net.10; NIC_PREFIX[i]=24; NIC_GW[i]=$net.1; NIC_SECONDARY[i]=""
        echo "link add g$i type veth peer name $nic netns $inst" >>"$batch_gw"
        echo "address add $net.1/24 dev g$i" >>"$batch_gw"
        echo "link set g$i up" >>"$batch_gw"
        echo "link set $nic address $(printf 'fa:16:3e:01:%02x:%02x' $((i / 256)) $((i % 256)))" >>"$batch_inst"
        echo "link set $nic up" >>"$batch_inst"
        echo "address add $net.10/24 broadcast $net.255 dev $nic label $nic" >>"$batch_inst"
        for ((k = 1; k <= secondaries; k++)); do
            NIC_SECONDARY[i]+="$net.$((10 + k)) "
            echo "address add $net.$((10 + k))/24 dev $nic" >>"$batch_inst"
        done
        cat >"$dir/leases/dhclient.$nic.leases" <<EOF
# GENERATED by bootroute's bench/run.sh in ISC dhclient's lease format; not written by dhclient.
lease {
  interface "$nic";
  fixed-address $net.10;
  option subnet-mask 255.255.255.0;
  option routers $net.1;
  option dhcp-lease-time 3600;
  option dhcp-message-type 5;
  option dhcp-server-identifier $net.1;
  option dhcp-renewal-time 1800;
  option broadcast-address $net.255;
  option dhcp-rebinding-time 3150;
  option host-name "vm";
  renew $renew;
  rebind $rebind;
  expire $expire;
}
EOF
    done
    ip -n "$gw" -batch "$batch_gw"
    ip -n "$inst" -batch "$batch_inst"
    ip -n "$inst" route add default via "${NIC_GW[1]}" dev "${NIC_NAME[1]}"
    NS=$inst; STATE_DIR=$dir/state; CONFIG=$dir/bootroute.yaml
    cat >"$CONFIG" <<EOF
leases:
  dhclient_dir: $dir/leases
  sources: [dhclient, kernel]
state:
  directory: $STATE_DIR
# Persistence looks at an image tree of the harness's own, never at this machine's /etc.
persist:
  root: $dir/root
EOF
    LEASES="generated in dhclient's format"
}

# ------------------------------------------------------------------------------------------------
# B, C and the reset, from the NIC plan above
# ------------------------------------------------------------------------------------------------
write_scripts() {
    local dir=$1 n=$2 i a
    local ops=$dir/ops.txt
    : >"$ops"
    # The agent's order: each NIC's table, the suppress rule, each address's rule. proto 200 and
    # scope link are the agent's, so the end states can be compared byte for byte.
    for ((i = 1; i <= n; i++)); do
        echo "route add ${NIC_ADDR[i]%.*}.0/${NIC_PREFIX[i]} dev ${NIC_NAME[i]} table $((100 + i)) proto 200 scope link src ${NIC_ADDR[i]}" >>"$ops"
        echo "route add default via ${NIC_GW[i]} dev ${NIC_NAME[i]} table $((100 + i)) proto 200" >>"$ops"
    done
    echo "rule add priority 100 from all lookup main suppress_prefixlength 0 proto 200" >>"$ops"
    for ((i = 1; i <= n; i++)); do
        for a in ${NIC_ADDR[i]} ${NIC_SECONDARY[i]}; do
            echo "rule add priority $((100 + i)) from $a lookup $((100 + i)) proto 200" >>"$ops"
        done
    done
    {
        echo "#!/bin/sh"
        echo "# The seeds' manual procedure: one ip command per route and rule, then the cache flush."
        echo "set -e"
        sed 's/^/ip /' "$ops"
        echo "ip route flush cache"
    } >"$dir/converge.sh"
    { cat "$ops"; echo "route flush cache"; } >"$dir/converge.batch"
    # Reset: every rule and table the plan creates, then the agent's state directory.
    {
        echo "rule del priority 100"
        for ((i = 1; i <= n; i++)); do
            for a in ${NIC_ADDR[i]} ${NIC_SECONDARY[i]}; do echo "rule del priority $((100 + i)) from $a"; done
            echo "route flush table $((100 + i))"
        done
    } >"$dir/reset.batch"
    cat >"$dir/reset.sh" <<EOF
#!/bin/sh
# Only ever inside the benchmark's own namespace: these deletions must never reach this machine.
[ "\$(ip netns identify)" = "$NS" ] || { echo "reset.sh: not in namespace $NS" >&2; exit 1; }
ip -force -batch $dir/reset.batch >/dev/null 2>&1 || true
rm -rf -- $STATE_DIR
EOF
    wc -l <"$ops" | tr -d ' '
}

# Rules and routes as `ip` shows them (local table aside), sorted: rules of one priority match
# different sources, so their order among themselves means nothing.
kernel_state() { ip netns exec "$NS" sh -c 'ip -4 rule show; ip -4 route show table all | grep -v "table local"' | sort; }
in_ns() { ip netns exec "$NS" "$@"; }

# ------------------------------------------------------------------------------------------------
# Timing: rounds of hyperfine --runs 1 over the commands, order rotated every round.
# ------------------------------------------------------------------------------------------------
# rounds CONFIG MEASUREMENT PREPARE NAME=COMMAND…   (COMMAND is split on spaces; no shell)
rounds() {
    local config=$1 measurement=$2 prepare=$3; shift 3
    local -a specs=("$@") names=() commands=() args=()
    local spec r k count=${#specs[@]} csv=$WORK/round.csv
    for spec in "${specs[@]}"; do names+=("${spec%%=*}"); commands+=("${spec#*=}"); done
    for ((r = 0; r < RUNS; r++)); do
        args=()
        for ((k = 0; k < count; k++)); do
            local j=$(((k + r) % count))
            args+=(--command-name "${names[j]}" "${commands[j]}")
        done
        local prep=()
        if [[ -n $prepare ]]; then prep=(--prepare "$prepare"); fi
        in_ns hyperfine -N --runs 1 --style none "${prep[@]}" --export-csv "$csv" "${args[@]}" >/dev/null 2>"$WORK/hyperfine.err" \
            || { cat "$WORK/hyperfine.err" >&2; die "$config $measurement: hyperfine failed (a command exited non-zero?)"; }
        # command,mean,stddev,median,user,system,min,max (seconds); one run, so mean is that run.
        # CPU time (user + system, children included) is kept too: it moves far less with load.
        # The round number pairs the commands of one round: the report's ratios are per round.
        tail -n +2 "$csv" | awk -F, -v c="$config" -v m="$measurement" -v r="$r" \
            '{printf "%s\t%s\t%s\t%.3f\t%.3f\t%d\n", c, m, $1, $2 * 1000, ($5 + $6) * 1000, r}' >>"$RESULTS"
    done
}

peak_rss_kib() {   # peak RSS of one run of COMMAND… inside the namespace
    in_ns /usr/bin/time -v "$@" 2>&1 >/dev/null | sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p'
}

# ------------------------------------------------------------------------------------------------
# One configuration
# ------------------------------------------------------------------------------------------------
measure_config() {
    local size=$1 n secondaries=0
    [[ $size =~ ^([0-9]+)(s([0-9]))?$ ]]
    n=${BASH_REMATCH[1]}; secondaries=${BASH_REMATCH[3]:-0}
    log "== $size: $n NICs, $secondaries secondary addresses each"
    if ((n == 2)); then instance_lab "$n" "$secondaries"; else instance_generated "$n" "$secondaries"; fi
    local dir=$WORK/config-$size
    mkdir -p "$dir"
    local ops
    ops=$(write_scripts "$dir" "$n")
    local reset="sh $dir/reset.sh"
    local apply_a="$BIN apply --no-verify --config $CONFIG"

    # Fairness: the agent's plan from the clean state must be exactly the script's commands, and A, B
    # and C must leave the same rules and routes.
    in_ns sh "$dir/reset.sh"
    in_ns "$BIN" plan --config "$CONFIG" | grep -v '^#' | sort >"$dir/plan.commands" || die "$size: bootroute plan failed"
    grep '^ip ' "$dir/converge.sh" | sort | diff -u "$dir/plan.commands" - >&2 \
        || die "$size: the script's commands differ from the agent's plan; they would not do the same work"
    in_ns "$BIN" apply --no-verify --config "$CONFIG" >"$dir/apply.out" || { cat "$dir/apply.out" >&2; die "$size: bootroute apply failed"; }
    kernel_state >"$dir/state.A"
    in_ns sh "$dir/reset.sh"; in_ns sh "$dir/converge.sh"; kernel_state >"$dir/state.B"
    in_ns sh "$dir/reset.sh"; in_ns ip -batch "$dir/converge.batch"; kernel_state >"$dir/state.C"
    diff -u "$dir/state.A" "$dir/state.B" >&2 || die "$size: the script (B) leaves another state than the agent (A)"
    diff -u "$dir/state.A" "$dir/state.C" >&2 || die "$size: ip -batch (C) leaves another state than the agent (A)"
    if [[ -n $COMPARE ]]; then
        in_ns sh "$dir/reset.sh"; in_ns "$COMPARE" apply --no-verify --config "$CONFIG" >/dev/null \
            || die "$size: the --compare agent failed to apply"
        kernel_state >"$dir/state.A0"
        diff -u "$dir/state.A" "$dir/state.A0" >&2 || die "$size: the --compare agent leaves another state"
    fi

    local addresses=$((n * (1 + secondaries)))
    fact "$size" nics "$n"; fact "$size" secondaries "$secondaries"; fact "$size" addresses "$addresses"
    fact "$size" operations "$ops"; fact "$size" leases "$LEASES"

    # Converge from a clean state: A, B, C (and A0) alternating.
    local specs=("A=$apply_a" "B=sh $dir/converge.sh" "C=ip -batch $dir/converge.batch")
    if [[ -n $COMPARE ]]; then specs+=("A0=$COMPARE apply --no-verify --config $CONFIG"); fi
    rounds "$size" converge "$reset" "${specs[@]}"

    # plan, from the clean state (it lists every operation).
    specs=("A=$BIN plan --config $CONFIG")
    if [[ -n $COMPARE ]]; then specs+=("A0=$COMPARE plan --config $CONFIG"); fi
    rounds "$size" plan "$reset" "${specs[@]}"

    # The no-op re-run: already converged, so nothing to reset. On the lab also with verification
    # (AV), in the same rounds: the difference of the two is what verification costs.
    in_ns sh "$dir/reset.sh"; in_ns "$BIN" apply --no-verify --config "$CONFIG" >/dev/null
    specs=("A=$apply_a")
    if ((n == 2)); then specs+=("AV=$BIN apply --config $CONFIG"); fi
    if [[ -n $COMPARE ]]; then specs+=("A0=$COMPARE apply --no-verify --config $CONFIG"); fi
    rounds "$size" noop "" "${specs[@]}"

    # Full apply with verification (the lab's gateways answer; generated instances have no
    # provider behind the gateways, so this is measured on the lab only).
    if ((n == 2)); then
        specs=("A=$BIN apply --config $CONFIG")
        if [[ -n $COMPARE ]]; then specs+=("A0=$COMPARE apply --config $CONFIG"); fi
        rounds "$size" verify "$reset" "${specs[@]}"
        in_ns "$BIN" apply --config "$CONFIG" --json >"$dir/verify.json" || die "$size: apply with verification failed"
        # The probes' own round trips, as the report gives them (gateway checks).
        fact "$size" gateway_probe_ms "$(grep -A4 '"name": "gateway"' "$dir/verify.json" | sed -n 's/.*"milliseconds": \([0-9.]*\).*/\1/p' | paste -sd' ')"
    fi

    # Peak RSS of a converge from the clean state (and of a verified one on the lab).
    in_ns sh "$dir/reset.sh"; fact "$size" rss_converge "$(peak_rss_kib "$BIN" apply --no-verify --config "$CONFIG")"
    if [[ -n $COMPARE ]]; then
        in_ns sh "$dir/reset.sh"; fact "$size" rss_converge_A0 "$(peak_rss_kib "$COMPARE" apply --no-verify --config "$CONFIG")"
    fi
    if ((n == 2)); then
        in_ns sh "$dir/reset.sh"; fact "$size" rss_verify "$(peak_rss_kib "$BIN" apply --config "$CONFIG")"
    fi
    in_ns sh "$dir/reset.sh"
}

# ------------------------------------------------------------------------------------------------
log "work directory $WORK; agent $BIN; $RUNS rounds; sizes: $SIZES"
log "namespace prefixes: bb${ID} brb${ID:0:5}"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
STARTED=$(date -u '+%Y-%m-%d %H:%M UTC')
first=1
for size in $SIZES; do
    measure_config "$size"
    if ((first)); then
        # Start-up, in the first instance's namespace: --version, and a process that does nothing.
        specs=("A=$BIN --version" "true=/bin/true")
        if [[ -n $COMPARE ]]; then specs+=("A0=$COMPARE --version"); fi
        rounds startup version "" "${specs[@]}"
        first=0
    fi
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

if [[ $host_names_before == no && -e /etc/iproute2/rt_tables.d/bootroute.conf ]]; then
    die "a run wrote /etc/iproute2/rt_tables.d/bootroute.conf on this machine; the overlay did not hold"
fi

# ------------------------------------------------------------------------------------------------
# Report
# ------------------------------------------------------------------------------------------------
mkdir -p "$OUT"
fact all binary_bytes "$(stat -c %s "$BIN")"
if [[ -n $COMPARE ]]; then fact all binary_bytes_A0 "$(stat -c %s "$COMPARE")"; fi
fact all version "$("$BIN" --version)"
if [[ -n $COMPARE ]]; then fact all version_A0 "$("$COMPARE" --version)"; fi
fact all runs "$RUNS"
# The harness that produced the figures: its commit, and whether its files differed from it.
harness=$(git -C "$REPO" rev-parse HEAD 2>/dev/null || echo unknown)
if [[ $harness != unknown && -n $(git -C "$REPO" status --porcelain -- bench 2>/dev/null) ]]; then harness+=" (bench/ modified)"; fi
fact all harness "$harness"
fact all invocation "$INVOCATION"
fact all started "$STARTED"
fact all load "$LOAD_BEFORE → $LOAD_AFTER"
fact all cpu "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1) × $(nproc)"
fact all kernel "$(uname -r)"
fact all os "$(. /etc/os-release && echo "$PRETTY_NAME")"
fact all iproute2 "$(ip -V | sed 's/^ip utility, //')"
fact all hyperfine "$(hyperfine --version)"
fact all gnuplot "$(gnuplot --version)"
fact all dotnet "$( (dotnet --version 2>/dev/null || echo unknown) | head -n1)"
fact all sizes "$SIZES"
fact all smoke "$SMOKE"

bash "$REPO/bench/report.sh" "$RESULTS" "$FACTS" "$OUT" "$REPO/bench/analysis.md"
log "wrote $OUT/benchmarks.md and $OUT/benchmarks.png"
exit 0
