#!/usr/bin/env bash
# BootRoute end-to-end lab: a multihomed "cloud instance" built from network namespaces.
#
#   lab.sh up ID        build the lab (calls down itself if anything fails)
#   lab.sh down ID      tear it down: kill our processes by pid, delete namespaces and state (idempotent)
#   lab.sh probe ID     from the remote client, ICMP + TCP/22 to every floating IP
#   lab.sh exec ID CMD… run CMD inside the instance namespace (exit code is CMD's)
#   lab.sh nsexec ID ROLE CMD…  run CMD in any lab namespace (inst, pa, pb, …, inet, cli)
#   lab.sh info ID      KEY=VALUE description of a running lab
#   lab.sh renew ID NIC HOST    NIC's provider now hands out <net>.HOST; the NIC's dhclient releases
#                       and leases again (a DHCP renumbering, as after a port's fixed IP changes)
#   lab.sh renumber ID NIC HOST  NIC's provider now hands out <net>.HOST and NATs the floating IP to it;
#                       the instance's own DHCP client finds out at its next renewal (LAB_T1)
#   lab.sh hooks ID BIN `BIN install --root LAB_DIR/install-root`, then its DHCP hooks and /etc/default/bootroute
#                       into the instance's overlays (BIN, the lab config, log LAB_DIR/hook.log)
#   lab.sh reboot ID    the instance reboots: clients killed, addresses, routes and rules flushed,
#                       /run state gone, DHCP clients started again (running any installed hooks)
#   lab.sh poweroff ID  what a reboot does before the clients start again: for an image booted in the
#                       instance namespace (tests/boot) that brings its own DHCP clients
#   lab.sh restart ID NIC [DHCPCD_CONF]  stop the NIC's DHCP client (no release), flush its addresses,
#                       start it again (dhcpcd with DHCPCD_CONF instead of the lab's dhcpcd.conf)
#   lab.sh networkd ID start|restart|reconfigure|stop  systemd-networkd takes the NICs over from their
#                       DHCP clients (start), restarts, re-reads its files and reconfigures every NIC, or stops
#
# Topology for NIC index i = 1..N (LAB_NICS="ens3 ens4" by default; the first NIC is the primary):
#
#   cli 192.0.2.10 ── inet 192.0.2.1 ─┬─ 198.51.100.<4(i-1)+1>/30 ── 198.51.100.<4(i-1)+2>/30 p<letter i>
#                                     │     (fip_of i: 203.0.113.<10i>/32, routed to provider i) │ 1:1 NAT fip <-> .10
#                                     │                                                  │ anti-spoofing on "ten"
#                                     └─ …                            100.64.<i>.1/24 ten ── <nic i> 100.64.<i>.10 inst
#
# The remote client also answers HTTP on 192.0.2.10:80 with the caller's address (a "what is my IP"
# service for verify.echo_url).
#
# Optional scenario knobs (NIC names; defaults keep the plain two-dhclient lab):
#   LAB_CLIENTS="dhclient dhcpcd"  DHCP client per NIC, in LAB_NICS order (default: dhclient for every NIC);
#                                  "static": no DHCP client, lab.sh sets <net>.10/24 itself (permanent, as
#                                  ifupdown's inet static does) and, on the first NIC, the main default
#                                  via <net>.1 proto static
#   LAB_OPTION121="ens4"           that provider's dnsmasq sends option 121 (metadata /32 + default) and
#                                  answers on 169.254.169.254 (an address on its tenant port)
#   LAB_LATE="ens4:10"             that provider's DHCP server starts only N s after `up` returns
#   LAB_NOLEASE="ens4"             that provider runs no DHCP server at all
#   LAB_ROGUE="ens5"               that provider's DHCP server names 127.0.0.1 as the router (a rogue or
#                                  broken server; never the first NIC, whose default `up` waits for)
#   LAB_NOHAIRPIN=1                no provider answers a probe from another floating IP (203.0.113.0/24)
#                                  to its own: like a cloud router that does not hairpin NAT, so the
#                                  instance's NICs cannot reach each other's floating IPs (targets can)
#   LAB_SAMENET="ens4"             that NIC is a second port on the first NIC's network (two ports on one
#                                  OpenStack network): same subnet and gateway, address <net 1>.11 (.12, …
#                                  in list order), its own floating IP NATed to it by the first provider,
#                                  no provider of its own. The first provider's "ten" is then a bridge with
#                                  one port per NIC ("port<i>"), each with port security in ebtables (frames
#                                  must carry the port's MAC, ARP and IPv4 the port's address, as Neutron
#                                  enforces); never the first NIC
#   LAB_IPV6=1                     dual stack: provider i also routes 2001:db8:<i>::/64 on its tenant port,
#                                  announced by its dnsmasq (enable-ra, SLAAC only; the first provider's
#                                  router preference high, so the instance's IPv6 default is the first
#                                  NIC's), forwards to the remote client 2001:db8:ffff::10 (via
#                                  2001:db8:100:<i>::/64 uplinks) and drops forwarded packets whose source
#                                  is not its own prefix (ip6tables); the instance NICs use privacy
#                                  addresses (use_tempaddr=2) and socat answers TCP on [::]:2222. Not with
#                                  LAB_SAMENET.
#   LAB_T1="ens4:10"               that provider's dnsmasq leases for 2 minutes (its minimum) and asks the
#                                  client to renew after N s (options 58/59), so a renumbering at the server
#                                  (`renumber`) reaches an image's own DHCP client within N s; the server
#                                  `renumber` starts leases for an hour again
#   LAB_IPV6_NOROUTER="ens4"       with LAB_IPV6: these NICs' routers advertise their prefix with router
#                                  lifetime 0 (dnsmasq ra-param …,10,0): SLAAC addresses, no IPv6 default
#   LAB_IPV6_DHCP="ens4"           with LAB_IPV6: these NICs get their IPv6 address from stateful DHCPv6
#                                  (dnsmasq dhcp-range ::100-::1ff, M flag, no SLAAC) through the
#                                  instance's own `dhclient -6`, lease in leases/dhclient6.<nic>.leases
# NICs that are late or never get a lease are not waited for; their clients keep retrying.
#
# Only the lab namespaces are touched: links are created directly inside them, sysctls are set via
# `ip netns exec`, and the only file outside LAB_DIR is /etc/netns/br<ID>-inst (ip netns exec
# bind-mounts it over /etc so dhclient-script cannot rewrite the machine's resolv.conf or run its hooks).
set -euo pipefail

PROG=${0##*/}
SCRIPT=$(readlink -f "$0")
die() { echo "$PROG: error: $*" >&2; exit 1; }
log() { echo "[$PROG] $*" >&2; }

usage() {
    # The commands: the header up to the blank comment line before "Topology" (a fixed line range
    # left out the commands added after it).
    sed -n '2,/^# Topology/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//' >&2
    exit 2
}

# ---------------------------------------------------------------------------------------------
# Naming and address plan (pure functions of ID and NIC index)
# ---------------------------------------------------------------------------------------------
ns()        { echo "br${ID}-$1"; }
# 1->pa, 2->pb, … 26->pz, 27->qa, …: the provider namespaces' names stay letters.
role_of()   { local i=$1 first=p; if ((i > 26)); then first=q; i=$((i - 26)); fi; printf '%s%b' "$first" "\\x$(printf '%x' $((96 + i)))"; }
tenant_net(){ echo "100.64.$(net_index "$1")"; }                             # .0/24
# LAB_SAMENET: NIC i may sit on the first NIC's network (net_index 1), as host .11, .12, … (host_of).
net_index() { local n=${NIC_ARR[$1 - 1]:-}; if [[ -n $n && -n ${SAMENET_OF[$n]:-} ]]; then echo 1; else echo "$1"; fi; }
host_of()   { local n=${NIC_ARR[$1 - 1]:-}; if [[ -n $n ]]; then echo "${SAMENET_OF[$n]:-10}"; else echo 10; fi; }
# 203.0.113.10, .20, … .250 for NICs 1-25 (the addresses every test knows), then .1-.7 for NICs 26-32.
fip_of()    { if (($1 <= 25)); then echo "203.0.113.$((10 * $1))"; else echo "203.0.113.$(($1 - 25))"; fi; }
mac_of()    { printf 'fa:16:3e:00:00:%02x' $(($1 + 2)); }                   # ens3 -> :03, ens4 -> :04
up_inet()   { echo "198.51.100.$((4 * ($1 - 1) + 1))"; }                     # inet side of the /30
up_prov()   { echo "198.51.100.$((4 * ($1 - 1) + 2))"; }                     # provider side of the /30

set_id() {
    ID=${1:-}
    [[ $ID =~ ^[a-z0-9]{1,8}$ ]] || die "ID must be 1-8 characters of [a-z0-9] (got '${ID}')"
    LAB_DIR=/tmp/bootroute-lab-$ID
    NETNS_ETC=/etc/netns/$(ns inst)
    NS_INST=$(ns inst); NS_INET=$(ns inet); NS_CLI=$(ns cli)
}

# NIC list: from the saved state of a running lab if there is one, else from LAB_NICS.
load_nics() {
    if [[ -f $LAB_DIR/lab.env ]]; then
        # shellcheck disable=SC1091
        NICS=$(. "$LAB_DIR/lab.env" && echo "$LAB_NICS")
    else
        NICS=${LAB_NICS:-ens3 ens4}
    fi
    read -r -a NIC_ARR <<<"$NICS"
    # 32 at most: the floating IPs (fip_of) and provider /30s (up_inet) of one /24 each.
    ((${#NIC_ARR[@]} >= 1 && ${#NIC_ARR[@]} <= 32)) || die "LAB_NICS must name 1 to 32 NICs (got '$NICS')"
    local n
    for n in "${NIC_ARR[@]}"; do
        [[ $n =~ ^[a-z][a-z0-9]{0,14}$ ]] || die "bad NIC name '$n'"
    done
}

# Scenario knobs (see the header), from the saved state of a running lab or from the environment.
# Sets CLIENT_OF[nic], OPT121_OF[nic], LATE_OF[nic] (seconds), NOLEASE_OF[nic], ROGUE_OF[nic].
declare -A CLIENT_OF=() OPT121_OF=() LATE_OF=() NOLEASE_OF=() ROGUE_OF=() SAMENET_OF=()
load_scenario() {
    local clients opt121 late nolease rogue samenet
    if [[ -f $LAB_DIR/lab.env ]]; then
        # shellcheck disable=SC1091
        clients=$(. "$LAB_DIR/lab.env" && echo "${LAB_CLIENTS:-}")
        opt121=$(. "$LAB_DIR/lab.env" && echo "${LAB_OPTION121:-}")
        late=$(. "$LAB_DIR/lab.env" && echo "${LAB_LATE:-}")
        nolease=$(. "$LAB_DIR/lab.env" && echo "${LAB_NOLEASE:-}")
        rogue=$(. "$LAB_DIR/lab.env" && echo "${LAB_ROGUE:-}")
        samenet=$(. "$LAB_DIR/lab.env" && echo "${LAB_SAMENET:-}")
    else
        clients=${LAB_CLIENTS:-}; opt121=${LAB_OPTION121:-}; late=${LAB_LATE:-}; nolease=${LAB_NOLEASE:-}; rogue=${LAB_ROGUE:-}
        samenet=${LAB_SAMENET:-}
    fi
    local -a c_arr=()
    read -r -a c_arr <<<"$clients"
    ((${#c_arr[@]} == 0 || ${#c_arr[@]} == ${#NIC_ARR[@]})) \
        || die "LAB_CLIENTS must name one client per NIC (${#NIC_ARR[@]}; got '$clients')"
    local i n w secs
    for ((i = 0; i < ${#NIC_ARR[@]}; i++)); do
        n=${NIC_ARR[i]}
        CLIENT_OF[$n]=${c_arr[i]:-dhclient}
        [[ ${CLIENT_OF[$n]} == dhclient || ${CLIENT_OF[$n]} == dhcpcd || ${CLIENT_OF[$n]} == static ]] \
            || die "LAB_CLIENTS: '${CLIENT_OF[$n]}' is none of dhclient, dhcpcd, static"
    done
    for w in $opt121; do is_nic "$w" || die "LAB_OPTION121: no NIC '$w'"; OPT121_OF[$w]=1; done
    for w in $nolease; do is_nic "$w" || die "LAB_NOLEASE: no NIC '$w'"; NOLEASE_OF[$w]=1; done
    for w in $rogue; do
        is_nic "$w" || die "LAB_ROGUE: no NIC '$w'"
        [[ $w != "${NIC_ARR[0]}" ]] || die "LAB_ROGUE: not the first NIC ($w), whose default route up waits for"
        ROGUE_OF[$w]=1
    done
    for w in $late; do
        [[ $w =~ ^([a-z][a-z0-9]{0,14}):([0-9]{1,3})$ ]] || die "LAB_LATE entries are NIC:SECONDS (got '$w')"
        n=${BASH_REMATCH[1]}; secs=$((10#${BASH_REMATCH[2]}))
        is_nic "$n" || die "LAB_LATE: no NIC '$n'"
        ((secs >= 1 && secs <= 120)) || die "LAB_LATE: delay for $n must be 1..120 s"
        [[ -z ${NOLEASE_OF[$n]:-} ]] || die "$n cannot be both late and never leased"
        LATE_OF[$n]=$secs
    done
    local host=11
    for w in $samenet; do
        is_nic "$w" || die "LAB_SAMENET: no NIC '$w'"
        [[ $w != "${NIC_ARR[0]}" ]] || die "LAB_SAMENET: not the first NIC ($w), whose network the others join"
        [[ -z ${LATE_OF[$w]:-}${NOLEASE_OF[$w]:-}${ROGUE_OF[$w]:-}${OPT121_OF[$w]:-} ]] \
            || die "LAB_SAMENET: $w has no DHCP server of its own (the first provider's serves it), so no other knob applies"
        SAMENET_OF[$w]=$host; host=$((host + 1))
    done
    return 0
}
is_nic() { local x; for x in "${NIC_ARR[@]}"; do [[ $x == "$1" ]] && return 0; done; return 1; }
# A NIC whose lease `up` waits for (its DHCP server runs from the start).
waits_for_lease() { [[ -z ${LATE_OF[$1]:-} && -z ${NOLEASE_OF[$1]:-} ]]; }

require_root() { [[ $(id -u) -eq 0 ]] || die "must run as root (network namespaces, iptables)"; }

require_tools() {
    local missing=() t
    for t in ip iptables dnsmasq dhclient dhcpcd ping nc socat timeout sysctl unshare setsid mount; do
        command -v "$t" >/dev/null 2>&1 || missing+=("$t")
    done
    [[ -x /sbin/dhclient-script ]] || missing+=("/sbin/dhclient-script")
    ((${#missing[@]} == 0)) || die "missing tool(s): ${missing[*]} — install with: apt-get install -y dnsmasq-base isc-dhcp-client dhcpcd-base iptables iproute2 iputils-ping netcat-openbsd socat procps util-linux"
}

nsx() { local n=$1; shift; ip netns exec "$(ns "$n")" "$@"; }
sysctl_in() { ip netns exec "$(ns "$1")" sysctl -qw "$2" >/dev/null; }

# Poll CMD every 0.2 s for at most SECONDS seconds.
wait_for() {
    local secs=$1 tries; shift
    tries=$((secs * 5))
    while ((tries-- > 0)); do
        if "$@" >/dev/null 2>&1; then return 0; fi
        sleep 0.2
    done
    return 1
}

# Kill one pid if it is alive and its command name matches one of EXPECT ("a|b"; guards against pid
# reuse); bounded wait.
kill_pid() {
    local pid=$1 expect=$2 comm
    [[ $pid =~ ^[0-9]+$ ]] || return 0
    [[ -r /proc/$pid/comm ]] || return 0
    comm=$(cat "/proc/$pid/comm" 2>/dev/null || true)
    if [[ -n $expect && "|$expect|" != *"|$comm|"* ]]; then
        log "not killing pid $pid: it is '$comm', expected '$expect'"
        return 0
    fi
    kill -TERM "$pid" 2>/dev/null || return 0
    local tries=50
    while ((tries-- > 0)) && alive "$pid"; do sleep 0.1; done
    if alive "$pid"; then kill -KILL "$pid" 2>/dev/null || true; fi
}

# Running and not a zombie (a daemon's zombie lingers until whoever is PID 1 reaps it).
alive() {
    local state
    state=$(awk '/^State:/ {print $2}' "/proc/$1/status" 2>/dev/null) || return 1
    [[ -n $state && $state != Z ]]
}

# ---------------------------------------------------------------------------------------------
# down
# ---------------------------------------------------------------------------------------------
cmd_down() {
    require_root
    local f pid name n
    # 1. Processes we recorded.
    if [[ -d $LAB_DIR ]]; then
        for f in "$LAB_DIR"/*.pid; do
            [[ -e $f ]] || continue
            pid=$(head -n1 "$f" 2>/dev/null | tr -dc '0-9' || true)
            case ${f##*/} in
                dhclient.* | dhclient6.*) name=dhclient ;;
                dhcpcd.*) name=dhcpcd ;;
                networkd.pid) name=systemd-network ;;
                dbus.pid) name=dbus-daemon ;;
                *.late.pid) name="bash|sleep|ip|dnsmasq" ;;
                *dnsmasq*) name=dnsmasq ;;
                socat*) name=socat ;;
                *) name= ;;
            esac
            kill_pid "$pid" "$name"
        done
    fi
    # 2. Anything else still inside one of this lab's namespaces (e.g. a half-started daemon).
    for n in $(ip netns list 2>/dev/null | awk '{print $1}' | grep -E "^br${ID}-" || true); do
        for pid in $(ip netns pids "$n" 2>/dev/null || true); do
            kill_pid "$pid" ""
        done
        ip netns del "$n" 2>/dev/null || log "could not delete namespace $n"
    done
    # 3. Files.
    rm -rf -- "$NETNS_ETC"
    rmdir /etc/netns 2>/dev/null || true     # only if empty (we may have created it)
    rm -rf -- "$LAB_DIR"
    return 0
}

# ---------------------------------------------------------------------------------------------
# up
# ---------------------------------------------------------------------------------------------
on_up_exit() {
    local rc=$?
    if ((rc != 0)); then
        log "up failed (exit $rc); logs follow, then tearing the lab down"
        local f
        for f in "$LAB_DIR"/*.log; do
            [[ -s $f ]] && { echo "---- $f" >&2; tail -n 20 "$f" >&2; }
        done
        cmd_down || true
    fi
}

# LAB_T1 (NIC:SECONDS, from the environment at `up`, else the running lab's lab.env): NIC's renewal time.
t1_of() {
    local knob w
    knob=${LAB_T1-}
    [[ -n $knob || ! -f $LAB_DIR/lab.env ]] || knob=$(. "$LAB_DIR/lab.env" && echo "${LAB_T1:-}")
    for w in $knob; do
        [[ $w =~ ^([a-z][a-z0-9]{0,14}):([0-9]{1,2})$ ]] || die "LAB_T1 entries are NIC:SECONDS (got '$w')"
        ((10#${BASH_REMATCH[2]} >= 5 && 10#${BASH_REMATCH[2]} <= 50)) || die "LAB_T1: $w: 5..50 s (T2 is twice that, under the 2-minute lease)"
        [[ ${BASH_REMATCH[1]} != "$1" ]] || echo $((10#${BASH_REMATCH[2]}))
    done
}

# dnsmasq for provider i (returns once it has daemonized; it writes its own pid file). HOST: the NIC's
# address's last byte; "hour" as third argument: hour-long leases whatever LAB_T1 says.
start_dnsmasq() {
    local i=$1 host=${2:-10} nic role net lease=1h t1=
    nic=${NIC_ARR[i - 1]}; role=$(role_of "$i"); net=$(tenant_net "$i")
    local extra=() router="$net.1"
    [[ ${3:-} == hour ]] || t1=$(t1_of "$nic")
    if [[ -n $t1 ]]; then
        lease=2m
        extra+=(--dhcp-option=option:T1,"$t1" --dhcp-option=option:T2,$((2 * t1)))
    fi
    if [[ -n ${LAB_IPV6:-} ]]; then
        # Router advertisements of the tenant prefix (SLAAC only); the first provider's router is preferred.
        # LAB_IPV6_DHCP: stateful DHCPv6 instead (the advertisement's M flag, its prefix on-link only).
        local range=(--dhcp-range=::,constructor:ten,ra-only,64)
        if dhcpv6 "$nic"; then range=(--dhcp-range=::100,::1ff,constructor:ten,64,1h); fi
        extra+=(--enable-ra "${range[@]}" --ra-param="ten,$( ((i == 1)) && echo high || echo low),10$(if no_router "$nic"; then echo ,0; fi)")
    fi
    if [[ -n ${ROGUE_OF[$nic]:-} ]]; then
        router=127.0.0.1
    fi
    if [[ -n ${OPT121_OF[$nic]:-} ]]; then
        # What Neutron's DHCP agent sends when it has host/metadata routes (network-stacks.md §1a).
        extra+=(--dhcp-option=121,169.254.169.254/32,"$net.1",0.0.0.0/0,"$net.1")
    fi
    # Empty option 6 = no DNS servers offered.
    nsx "$role" dnsmasq --conf-file=/dev/null --port=0 --bind-interfaces --interface=ten \
        --except-interface=lo --dhcp-range="$net.100,$net.200,255.255.255.0,$lease" \
        --dhcp-host="$(mac_of "$i"),$net.$host" $(samenet_hosts "$i") --dhcp-option=3,"$router" --dhcp-option=6 "${extra[@]}" \
        --dhcp-leasefile="$LAB_DIR/$role.leases" --pid-file="$LAB_DIR/$role.dnsmasq.pid" \
        --dhcp-authoritative --log-dhcp --log-facility="$LAB_DIR/$role.dnsmasq.log" \
        </dev/null >>"$LAB_DIR/$role.dnsmasq.log" 2>&1
}

# LAB_LATE: provider i's dnsmasq starts SECS seconds from now, from a detached bash that lives in
# the provider namespace (so `down` finds it both by pid file and by namespace). Bounded: one sleep.
start_dnsmasq_later() {
    local i=$1 secs=$2 role
    role=$(role_of "$i")
    log "provider $role: DHCP server starts in ${secs}s"
    setsid ip netns exec "$(ns "$role")" bash -c 'sleep "$1"; shift; exec "$@"' late "$secs" \
        bash "$SCRIPT" _dnsmasq "$ID" "$i" </dev/null >>"$LAB_DIR/$role.late.log" 2>&1 &
    echo $! >"$LAB_DIR/$role.late.pid"
}

# A NIC configured without DHCP (LAB_CLIENTS "static"), the way ifupdown's `inet static` stanza
# with a `gateway` line leaves it: a permanent address and, on the first NIC only, the main default
# (proto static). Its provider's dnsmasq still runs; nothing asks it.
start_static() {
    local i=$1 nic net
    nic=${NIC_ARR[i - 1]}; net=$(tenant_net "$i")
    ip -n "$NS_INST" link set "$nic" up
    ip -n "$NS_INST" addr replace "$net.10/24" dev "$nic"
    if ((i == 1)); then
        ip -n "$NS_INST" route replace default via "$net.1" dev "$nic" proto static
    fi
}

# dhclient for one NIC. Leased NICs: -1 (one attempt, fail without a lease; once bound it stays
# running) and wait, as cloud images did with ifupdown. Late/never-leased NICs: -nw (background at
# once) and keep retrying; their fast retry timing is in the overlay dhclient.conf.
# unshare --uts: dhclient-script may call hostname(1); keep the machine's hostname out of reach.
start_dhclient() {
    local nic=$1 mode=(-1)
    waits_for_lease "$nic" || mode=(-nw)
    timeout 40 ip netns exec "$NS_INST" unshare --uts -- dhclient -4 -v "${mode[@]}" \
        -pf "$LAB_DIR/dhclient.$nic.pid" -lf "$LAB_DIR/leases/dhclient.$nic.leases" \
        -sf /sbin/dhclient-script "$nic" </dev/null >>"$LAB_DIR/dhclient.$nic.log" 2>&1
}

# dhcpcd for one NIC, like a cloud image runs it (stays running, installs its own routes with
# metric 1000+ifindex), with its state kept off the machine: in a private mount namespace,
# $LAB_DIR/dhcpcd is its DBDIR (/var/lib/dhcpcd: <if>.lease, duid, secret) and $LAB_DIR/dhcpcd-run
# its run dir (/run/dhcpcd: pid files, control sockets). dhcpcd 9.4.1 has no flags for those paths,
# so they are bind mounts. Where the machine has no /var/lib/dhcpcd to bind over, a LAB_DIR tree
# (varlib/, with dhcpcd -> $LAB_DIR/dhcpcd) covers /var/lib instead; /run is always covered by
# $LAB_DIR/run (dhcpcd -> $LAB_DIR/dhcpcd-run), so no hook can write to the machine's /run either.
# Nothing is ever created outside LAB_DIR.
start_dhcpcd() {
    local nic=$1 wait=(-w -t 30)
    waits_for_lease "$nic" || wait=(-b -t 0)
    local conf=${2:-$LAB_DIR/dhcpcd.conf}
    [[ -n ${2:-} ]] || cat >"$conf" <<EOF
# BootRoute lab: a cloud image's dhcpcd.conf, IPv4 only, no resolv.conf/hostname/NTP hooks.
ipv4only
noipv4ll
noarp
option classless_static_routes, interface_mtu
require dhcp_server_identifier
nohook resolv.conf, hostname, ntp-common.conf, chrony.conf, timesyncd.conf, openntpd.conf
EOF
    mkdir -p "$LAB_DIR/varlib" "$LAB_DIR/run"
    ln -sfn "$LAB_DIR/dhcpcd" "$LAB_DIR/varlib/dhcpcd"
    ln -sfn "$LAB_DIR/dhcpcd-run" "$LAB_DIR/run/dhcpcd"
    # shellcheck disable=SC2016
    LAB_DIR=$LAB_DIR timeout 40 ip netns exec "$NS_INST" unshare -m --uts -- sh -c '
        set -e
        mount --make-rprivate /
        if [ -d /var/lib/dhcpcd ] && [ ! -L /var/lib/dhcpcd ]; then
            mount --bind "$LAB_DIR/dhcpcd" /var/lib/dhcpcd
        else
            mount --bind "$LAB_DIR/varlib" /var/lib
        fi
        mount --bind "$LAB_DIR/run" /run
        if [ -d "$LAB_DIR/dhcpcd-hooks" ]; then mount --bind "$LAB_DIR/dhcpcd-hooks" /usr/lib/dhcpcd/dhcpcd-hooks; fi
        exec dhcpcd "$@"' dhcpcd-lab -4 -f "$conf" "${wait[@]}" "$nic" \
        </dev/null >>"$LAB_DIR/dhcpcd.$nic.log" 2>&1
    # The daemon's pid file (per-interface mode: <if>-4.pid in its run dir).
    wait_for 10 test -s "$LAB_DIR/dhcpcd-run/$nic-4.pid" || die "dhcpcd on $nic wrote no pid file"
    cp "$LAB_DIR/dhcpcd-run/$nic-4.pid" "$LAB_DIR/dhcpcd.$nic.pid"
}

# Overlay dhclient.conf: the machine's stock file plus fast retries for dhclient NICs that have no
# lease at `up` (ISC's default backoff reaches 15 s, which could miss a server that starts at 10 s).
write_dhclient_conf() {
    local f=$NETNS_ETC/dhcp/dhclient.conf nic
    if [[ -f /etc/dhcp/dhclient.conf ]]; then cp /etc/dhcp/dhclient.conf "$f"; else : >"$f"; fi
    for nic in "${NIC_ARR[@]}"; do
        waits_for_lease "$nic" && continue
        [[ ${CLIENT_OF[$nic]} == dhclient ]] || continue
        cat >>"$f" <<EOF

# BootRoute lab: $nic's DHCP server is late or absent; keep asking every 1-2 s.
interface "$nic" {
  initial-interval 1;
  backoff-cutoff 2;
  timeout 300;
  retry 2;
}
EOF
    done
}

# LAB_SAMENET: the first provider's tenant network as a bridge "ten" (the gateway's address on it)
# with the first NIC's port; samenet_port adds the others.
tenant_bridge() {
    local pns net
    pns=$(ns "$(role_of 1)"); net=$(tenant_net 1)
    ip -n "$pns" link add ten type bridge
    ip -n "$pns" addr add "$net.1/24" dev ten
    ip -n "$pns" link set ten up
    tenant_port 1
}

# NIC i's port on the first provider's bridge, with port security.
tenant_port() {
    local i=$1 pns
    pns=$(ns "$(role_of 1)")
    ip -n "$NS_INST" link add "${NIC_ARR[i - 1]}" address "$(mac_of "$i")" type veth peer name "port$i" netns "$pns"
    ip -n "$pns" link set "port$i" master ten
    ip -n "$pns" link set "port$i" up
    port_security "$pns" "port$i" "$(mac_of "$i")" "$(tenant_net "$i").$(host_of "$i")"
}

# Port security as Neutron enforces it on a port: what the instance sends through it must carry the
# port's MAC, ARP the port's MAC and address, IPv4 the port's address (DHCP's 0.0.0.0 excepted). On
# INPUT (to the gateway) and FORWARD (to the other ports), in the provider namespace's own ebtables.
port_security() {
    local pns=$1 port=$2 mac=$3 ip=$4 chain
    for chain in INPUT FORWARD; do
        ip netns exec "$pns" ebtables -A "$chain" -i "$port" -s ! "$mac" -j DROP
        ip netns exec "$pns" ebtables -A "$chain" -i "$port" -p ARP --arp-mac-src ! "$mac" -j DROP
        ip netns exec "$pns" ebtables -A "$chain" -i "$port" -p ARP --arp-ip-src ! "$ip" -j DROP
        ip netns exec "$pns" ebtables -A "$chain" -i "$port" -p IPv4 --ip-src 0.0.0.0 --ip-proto udp --ip-dport 67 -j ACCEPT
        ip netns exec "$pns" ebtables -A "$chain" -i "$port" -p IPv4 --ip-src ! "$ip" -j DROP
    done
}

# A LAB_SAMENET NIC: a second port on the first provider's network, whose NAT maps its floating IP.
samenet_port() {
    local i=$1 addr fip
    addr=$(tenant_net "$i").$(host_of "$i"); fip=$(fip_of "$i")
    tenant_port "$i"
    ip -n "$NS_INET" route add "$fip/32" via "$(up_prov 1)"
    nsx "$(role_of 1)" iptables -t nat -A PREROUTING -i uplink -d "$fip" -j DNAT --to-destination "$addr"
    nsx "$(role_of 1)" iptables -t nat -A POSTROUTING -o uplink -s "$addr" -j SNAT --to-source "$fip"
}

# dnsmasq --dhcp-host reservations for the LAB_SAMENET NICs on provider i's network (only the first's).
samenet_hosts() {
    local i=$1 j
    ((i == 1)) || return 0
    for ((j = 2; j <= ${#NIC_ARR[@]}; j++)); do
        [[ -n ${SAMENET_OF[${NIC_ARR[j - 1]}]:-} ]] && echo "--dhcp-host=$(mac_of "$j"),$(tenant_net "$j").$(host_of "$j")"
    done
    return 0
}

cmd_up() {
    require_root
    require_tools
    if ip netns list | awk '{print $1}' | grep -qE "^br${ID}-" || [[ -e $LAB_DIR ]]; then
        die "lab '$ID' already exists (namespaces or $LAB_DIR); run '$PROG down $ID' first"
    fi
    load_nics
    trap on_up_exit EXIT
    trap 'exit 130' INT TERM

    load_scenario
    mkdir -p "$LAB_DIR/leases" "$LAB_DIR/dhcpcd" "$LAB_DIR/dhcpcd-run"
    local nic_count=${#NIC_ARR[@]} i nic role net clients=()
    for nic in "${NIC_ARR[@]}"; do clients+=("${CLIENT_OF[$nic]}"); done
    {
        echo "LAB_NICS=\"${NIC_ARR[*]}\""
        echo "LAB_CLIENTS=\"${clients[*]}\""
        echo "LAB_OPTION121=\"${LAB_OPTION121:-}\""
        echo "LAB_LATE=\"${LAB_LATE:-}\""
        echo "LAB_NOLEASE=\"${LAB_NOLEASE:-}\""
        echo "LAB_ROGUE=\"${LAB_ROGUE:-}\""
        echo "LAB_SAMENET=\"${LAB_SAMENET:-}\""
        echo "LAB_IPV6=\"${LAB_IPV6:-}\""
        echo "LAB_T1=\"${LAB_T1:-}\""
        echo "LAB_IPV6_NOROUTER=\"${LAB_IPV6_NOROUTER:-}\""
        echo "LAB_IPV6_DHCP=\"${LAB_IPV6_DHCP:-}\""
    } >"$LAB_DIR/lab.env"
    if [[ -n ${LAB_IPV6:-} ]]; then
        ((${#SAMENET_OF[@]} == 0)) || die "LAB_IPV6 does not combine with LAB_SAMENET"
        command -v ip6tables >/dev/null 2>&1 || die "LAB_IPV6 needs ip6tables (anti-spoofing) — install with: apt-get install -y iptables"
    fi
    if ((${#SAMENET_OF[@]} > 0)); then
        command -v ebtables >/dev/null 2>&1 || die "LAB_SAMENET needs ebtables (port security) — install with: apt-get install -y ebtables"
    fi

    # Namespaces. Every one gets lo up and deterministic sysctls (a new netns inherits some from the host).
    local r roles=(inst inet cli)
    for ((i = 1; i <= nic_count; i++)); do
        [[ -n ${SAMENET_OF[${NIC_ARR[i - 1]}]:-} ]] || roles+=("$(role_of "$i")")
    done
    for r in "${roles[@]}"; do
        ip netns add "$(ns "$r")"
        nsx "$r" ip link set lo up
        sysctl_in "$r" net.ipv4.conf.all.rp_filter=0
        sysctl_in "$r" net.ipv4.conf.default.rp_filter=0
    done
    # The instance behaves like a stock Ubuntu cloud image: loose reverse-path filtering
    # (LAB_RP_FILTER overrides; tests set strict mode per interface themselves).
    sysctl_in inst net.ipv4.conf.all.rp_filter="${LAB_RP_FILTER:-2}"
    sysctl_in inst net.ipv4.conf.default.rp_filter="${LAB_RP_FILTER:-2}"
    sysctl_in inet net.ipv4.ip_forward=1

    # Remote client network.
    ip -n "$NS_INET" link add cli type veth peer name eth0 netns "$NS_CLI"
    ip -n "$NS_INET" addr add 192.0.2.1/24 dev cli
    ip -n "$NS_INET" link set cli up
    ip -n "$NS_CLI" addr add 192.0.2.10/24 dev eth0
    ip -n "$NS_CLI" link set eth0 up
    ip -n "$NS_CLI" route add default via 192.0.2.1
    if [[ -n ${LAB_IPV6:-} ]]; then ipv6_client; fi

    # One provider per NIC.
    for ((i = 1; i <= nic_count; i++)); do
        nic=${NIC_ARR[i - 1]}; role=$(role_of "$i"); net=$(tenant_net "$i")
        if [[ -n ${SAMENET_OF[$nic]:-} ]]; then samenet_port "$i"; continue; fi
        local pns fip
        pns=$(ns "$role"); fip=$(fip_of "$i")
        sysctl_in "$role" net.ipv4.ip_forward=1

        # Instance NIC <-> provider tenant port, created straight inside the namespaces.
        if ((i == 1 && ${#SAMENET_OF[@]} > 0)); then
            tenant_bridge
        else
            ip -n "$NS_INST" link add "$nic" address "$(mac_of "$i")" type veth peer name ten netns "$pns"
            ip -n "$pns" addr add "$net.1/24" dev ten
            ip -n "$pns" link set ten up
        fi

        # Provider uplink <-> internet router.
        ip -n "$pns" link add uplink type veth peer name "p$i" netns "$NS_INET"
        ip -n "$pns" addr add "$(up_prov "$i")/30" dev uplink
        ip -n "$pns" link set uplink up
        ip -n "$NS_INET" addr add "$(up_inet "$i")/30" dev "p$i"
        ip -n "$NS_INET" link set "p$i" up
        ip -n "$pns" route add default via "$(up_inet "$i")"
        ip -n "$NS_INET" route add "$fip/32" via "$(up_prov "$i")"

        if [[ -n ${LAB_IPV6:-} ]]; then ipv6_provider "$i"; fi

        # 1:1 NAT of the floating IP and anti-spoofing (what OpenStack port security does).
        nsx "$role" iptables -t nat -A PREROUTING -i uplink -d "$fip" -j DNAT --to-destination "$net.10"
        nsx "$role" iptables -t nat -A POSTROUTING -o uplink -s "$net.10" -j SNAT --to-source "$fip"
        nsx "$role" iptables -A FORWARD -i ten ! -s "$net.0/24" -j DROP
        if [[ -n ${LAB_NOHAIRPIN:-} ]]; then
            nsx "$role" iptables -t raw -A PREROUTING -i uplink -s 203.0.113.0/24 -d "$fip" -j DROP
        fi

        # Metadata responder: 169.254.169.254 answers ping on the tenant port (like Neutron's
        # metadata proxy behind the tenant gateway).
        if [[ -n ${OPT121_OF[$nic]:-} ]]; then
            ip -n "$pns" addr add 169.254.169.254/32 dev ten
        fi

        # DHCP server for this tenant network: now, later (LAB_LATE) or never (LAB_NOLEASE).
        if [[ -n ${NOLEASE_OF[$nic]:-} ]]; then
            log "provider $role: no DHCP server ($nic never gets a lease)"
        elif [[ -z ${LATE_OF[$nic]:-} ]]; then
            start_dnsmasq "$i"
            wait_for 5 test -s "$LAB_DIR/$role.dnsmasq.pid" || die "dnsmasq for $role wrote no pid file"
        fi
    done

    # /etc overlay for the instance namespace: empty resolv.conf, stock dhclient.conf, the rfc3442 hook.
    mkdir -p "$NETNS_ETC/dhcp/dhclient-enter-hooks.d" "$NETNS_ETC/dhcp/dhclient-exit-hooks.d"
    : >"$NETNS_ETC/resolv.conf"
    write_dhclient_conf
    # Debian's option 121 exit hook, as every Debian/Ubuntu image has it (acts only on option 121).
    if [[ -f /etc/dhcp/dhclient-exit-hooks.d/rfc3442-classless-routes ]]; then
        cp /etc/dhcp/dhclient-exit-hooks.d/rfc3442-classless-routes "$NETNS_ETC/dhcp/dhclient-exit-hooks.d/"
    fi

    # Shadow the config directories an agent might persist to, so anything written from inside the
    # instance lands under $NETNS_ETC instead of the machine's /etc. ip netns exec can only bind over
    # entries that already exist in /etc, so only existing ones are shadowed (copies of the originals).
    local d
    for d in iproute2 network netplan NetworkManager sysconfig systemd sysctl.d cloud; do
        if [[ -d /etc/$d && ! -L /etc/$d ]]; then cp -a "/etc/$d" "$NETNS_ETC/$d"; fi
    done

    # TCP service the probe talks to (like sshd on port 22).
    setsid ip netns exec "$NS_INST" socat TCP-LISTEN:22,fork,reuseaddr SYSTEM:'echo bootroute-lab' \
        </dev/null >>"$LAB_DIR/socat.log" 2>&1 &
    echo $! >"$LAB_DIR/socat.pid"

    # DHCP clients the way a cloud image runs them: NICs in order, each waits for its lease, so the
    # first NIC owns the main-table default and later dhclients' "route add default" fail with EEXIST
    # (dhcpcd instead adds its own default with metric 1000+ifindex). Late and never-leased NICs'
    # clients are started too but not waited for.
    for ((i = 1; i <= nic_count; i++)); do
        nic=${NIC_ARR[i - 1]}; net=$(tenant_net "$i")
        log "${CLIENT_OF[$nic]} $nic"
        if [[ ${CLIENT_OF[$nic]} == static ]]; then
            start_static "$i"
        elif [[ ${CLIENT_OF[$nic]} == dhcpcd ]]; then
            start_dhcpcd "$nic" || die "dhcpcd on $nic failed (see $LAB_DIR/dhcpcd.$nic.log)"
        else
            start_dhclient "$nic" || die "dhclient on $nic failed (see $LAB_DIR/dhclient.$nic.log)"
        fi
        waits_for_lease "$nic" || continue
        wait_for 10 has_addr "$nic" "$net.$(host_of "$i")" || die "$nic has no address $net.$(host_of "$i") after ${CLIENT_OF[$nic]}"
        if ((i == 1)); then
            wait_for 10 has_default_via "$net.1" "$nic" || die "no main default via $net.1 dev $nic after ${CLIENT_OF[$nic]}"
        fi
    done

    # "What is my IP" service on the remote client (verify.echo_url): answers each HTTP request with
    # the address it came from, which behind a provider's 1:1 NAT is the sender's floating IP.
    cat >"$LAB_DIR/echo-ip.sh" <<'EOF'
#!/usr/bin/env bash
# One HTTP exchange on stdin/stdout (socat EXEC): read the request head, answer with the peer address.
while IFS= read -r -t 5 line; do
    [[ -z ${line%$'\r'} ]] && break
done
printf 'HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n%s\n' "$SOCAT_PEERADDR"
EOF
    setsid ip netns exec "$NS_CLI" socat TCP-LISTEN:80,bind=192.0.2.10,fork,reuseaddr EXEC:"bash $LAB_DIR/echo-ip.sh" \
        </dev/null >>"$LAB_DIR/socat-echo.log" 2>&1 &
    echo $! >"$LAB_DIR/socat-echo.pid"

    if [[ -n ${LAB_IPV6:-} ]]; then ipv6_wait; fi

    # Check the services are listening before declaring the lab up.
    wait_for 5 nsx inst bash -c "exec 3<>/dev/tcp/127.0.0.1/22" || die "socat is not listening on port 22"
    wait_for 5 nsx cli bash -c "exec 3<>/dev/tcp/192.0.2.10/80" || die "the echo service is not listening on 192.0.2.10:80"

    # Only the lab's lease directories: the agent must never read the machine's own leases. The
    # state file and lock live in the lab too: /run is not overlaid by ip netns exec.
    # Persisted network configuration goes under the lab's own root too: inside the namespace /etc is
    # only partly the overlay (e.g. /etc/dhcpcd.conf and /etc/netplan are this machine's).
    cat >"$LAB_DIR/bootroute.yaml" <<EOF
leases:
  dhclient_dir: $LAB_DIR/leases
  dhcpcd_dir: $LAB_DIR/dhcpcd
  sources: [dhclient, dhcpcd, kernel]
state:
  directory: $LAB_DIR/state
persist:
  root: $LAB_DIR/root
EOF
    # Late DHCP servers: their clock starts now, as `up` is about to return.
    for ((i = 1; i <= nic_count; i++)); do
        nic=${NIC_ARR[i - 1]}
        if [[ -n ${LATE_OF[$nic]:-} ]]; then start_dnsmasq_later "$i" "${LATE_OF[$nic]}"; fi
    done
    trap - EXIT INT TERM
    log "lab $ID is up"
    cmd_info
}

has_addr() { ip -n "$NS_INST" -4 -o addr show dev "$1" | grep -q "inet $2/"; }

# LAB_IPV6: the remote client's IPv6 network on the internet router.
ipv6_client() {
    sysctl_in inet net.ipv6.conf.all.forwarding=1
    ip -n "$NS_INET" addr add 2001:db8:ffff::1/64 dev cli nodad
    ip -n "$NS_CLI" addr add 2001:db8:ffff::10/64 dev eth0 nodad
    ip -n "$NS_CLI" route add default via 2001:db8:ffff::1
}

# LAB_IPV6: provider i routes 2001:db8:<i>::/64 on its tenant port (announced by its dnsmasq), drops
# forwarded packets from any other source (port security), and the instance NIC makes privacy addresses.
ipv6_provider() {
    local i=$1 role pns nic
    role=$(role_of "$i"); pns=$(ns "$role"); nic=${NIC_ARR[i - 1]}
    sysctl_in "$role" net.ipv6.conf.all.forwarding=1
    ip -n "$pns" addr add "2001:db8:$i::1/64" dev ten nodad
    ip -n "$pns" addr add "2001:db8:100:$i::2/64" dev uplink nodad
    ip -n "$NS_INET" addr add "2001:db8:100:$i::1/64" dev "p$i" nodad
    ip -n "$pns" route add default via "2001:db8:100:$i::1"
    ip -n "$NS_INET" route add "2001:db8:$i::/64" via "2001:db8:100:$i::2"
    nsx "$role" ip6tables -A FORWARD -i ten ! -s "2001:db8:$i::/64" -j DROP
    sysctl_in inst "net.ipv6.conf.$nic.use_tempaddr=2"
    sysctl_in inst "net.ipv6.conf.$nic.accept_ra=1"
    sysctl_in inst "net.ipv6.conf.$nic.autoconf=1"
}

# LAB_IPV6: every NIC has a global SLAAC address past DAD and its router's default; a TCP service on [::]:2222.
ipv6_wait() {
    local i nic
    for ((i = 1; i <= ${#NIC_ARR[@]}; i++)); do
        nic=${NIC_ARR[i - 1]}
        if dhcpv6 "$nic"; then start_dhclient6 "$nic" || die "dhclient -6 on $nic got no lease (see $LAB_DIR/dhclient6.$nic.log)"; fi
        wait_for 20 has_slaac "$nic" "2001:db8:$i:" || die "$nic has no SLAAC address in 2001:db8:$i::/64"
        no_router "$nic" || wait_for 20 has_ra_default "$nic" || die "$nic has no router-advertised IPv6 default"
    done
    setsid ip netns exec "$NS_INST" socat TCP6-LISTEN:2222,ipv6only=1,fork,reuseaddr SYSTEM:'echo bootroute-lab6' \
        </dev/null >>"$LAB_DIR/socat6.log" 2>&1 &
    echo $! >"$LAB_DIR/socat6.pid"
    wait_for 5 nsx inst bash -c "exec 3<>/dev/tcp/::1/2222" || die "socat is not listening on [::]:2222"
}
has_slaac() { ip -n "$NS_INST" -6 -o addr show dev "$1" scope global | grep -v tentative | grep -q "inet6 $2"; }
no_router() { [[ " ${LAB_IPV6_NOROUTER:-} " == *" $1 "* ]]; }
dhcpv6() { [[ " ${LAB_IPV6_DHCP:-} " == *" $1 "* ]]; }

# LAB_IPV6_DHCP: the instance's dhclient -6 for one NIC, once its link-local address is past DAD; -1:
# one attempt, bounded, then it stays running with the lease. Its own pid and lease files.
start_dhclient6() {
    local nic=$1
    wait_for 10 bash -c "ip -n '$NS_INST' -6 -o addr show dev '$nic' scope link | grep -vq tentative" || return 1
    timeout 40 ip netns exec "$NS_INST" unshare --uts -- dhclient -6 -v -1 \
        -pf "$LAB_DIR/dhclient6.$nic.pid" -lf "$LAB_DIR/leases/dhclient6.$nic.leases" \
        -sf /sbin/dhclient-script "$nic" </dev/null >>"$LAB_DIR/dhclient6.$nic.log" 2>&1
}
has_ra_default() { ip -n "$NS_INST" -6 route show default | grep -q "dev $1 proto ra"; }
has_default_via() { ip -n "$NS_INST" -4 route show table main default | grep -q "via $1 dev $2"; }

# ---------------------------------------------------------------------------------------------
# info / probe / exec
# ---------------------------------------------------------------------------------------------
require_lab() { [[ -f $LAB_DIR/lab.env ]] || die "lab '$ID' is not up ($LAB_DIR/lab.env missing)"; }

cmd_info() {
    require_lab
    load_nics
    load_scenario
    local i nic fips=() provs=()
    for ((i = 1; i <= ${#NIC_ARR[@]}; i++)); do
        fips+=("$(fip_of "$i")"); provs+=("$(ns "$(role_of "$(net_index "$i")")")")
    done
    echo "LAB_ID=$ID"
    echo "LAB_DIR=$LAB_DIR"
    echo "NS_INST=$NS_INST"
    echo "NS_INET=$NS_INET"
    echo "NS_CLI=$NS_CLI"
    echo "NS_PROVIDERS=${provs[*]}"
    echo "LEASE_DIR=$LAB_DIR/leases"
    echo "DHCPCD_DIR=$LAB_DIR/dhcpcd"
    echo "CONFIG=$LAB_DIR/bootroute.yaml"
    echo "NETNS_ETC=$NETNS_ETC"
    echo "CLIENT_IP=192.0.2.10"
    echo "ECHO_URL=http://192.0.2.10/"
    echo "NICS=${NIC_ARR[*]}"
    local cl=() n
    for n in "${NIC_ARR[@]}"; do cl+=("${CLIENT_OF[$n]}"); done
    echo "CLIENTS=${cl[*]}"
    echo "NIC_COUNT=${#NIC_ARR[@]}"
    echo "FLOATING_IPS=${fips[*]}"
    for ((i = 1; i <= ${#NIC_ARR[@]}; i++)); do
        nic=${NIC_ARR[i - 1]}
        echo "NIC${i}_NAME=$nic"
        echo "NIC${i}_MAC=$(mac_of "$i")"
        echo "NIC${i}_ADDRESS=$(tenant_net "$i").$(host_of "$i")"
        echo "NIC${i}_PREFIX=24"
        echo "NIC${i}_GATEWAY=$(tenant_net "$i").1"
        echo "NIC${i}_FLOATING_IP=$(fip_of "$i")"
        echo "NIC${i}_PROVIDER_NS=$(ns "$(role_of "$(net_index "$i")")")"
        echo "NIC${i}_SAMENET=$(if [[ -n ${SAMENET_OF[$nic]:-} ]]; then echo yes; else echo no; fi)"
        echo "NIC${i}_CLIENT=${CLIENT_OF[$nic]}"
        if [[ ${CLIENT_OF[$nic]} == dhcpcd ]]; then
            echo "NIC${i}_LEASE_FILE=$LAB_DIR/dhcpcd/$nic.lease"
        else
            echo "NIC${i}_LEASE_FILE=$LAB_DIR/leases/dhclient.$nic.leases"
        fi
        echo "NIC${i}_OPTION121=$(if [[ -n ${OPT121_OF[$nic]:-} ]]; then echo yes; else echo no; fi)"
        if [[ -n ${NOLEASE_OF[$nic]:-} ]]; then echo "NIC${i}_DHCP_SERVER=never"
        elif [[ -n ${LATE_OF[$nic]:-} ]]; then echo "NIC${i}_DHCP_SERVER=after:${LATE_OF[$nic]}s"
        else echo "NIC${i}_DHCP_SERVER=up"; fi
    done
}

probe_icmp() {
    local fip=$1 try
    for try in 1 2 3; do
        timeout 3 ip netns exec "$NS_CLI" ping -n -q -c 1 -W 1 "$fip" >/dev/null 2>&1 && return 0
    done
    return 1
}

probe_tcp() {
    local fip=$1 try out
    for try in 1 2; do
        out=$(timeout 3 ip netns exec "$NS_CLI" nc -n -w 2 "$fip" 22 </dev/null 2>/dev/null || true)
        [[ $out == *bootroute-lab* ]] && return 0
    done
    return 1
}

cmd_probe() {
    require_lab
    load_nics
    local i nic fip
    for ((i = 1; i <= ${#NIC_ARR[@]}; i++)); do
        nic=${NIC_ARR[i - 1]}; fip=$(fip_of "$i")
        if probe_icmp "$fip"; then echo "icmp $nic $fip ok"; else echo "icmp $nic $fip fail"; fi
        if probe_tcp "$fip"; then echo "tcp $nic $fip ok"; else echo "tcp $nic $fip fail"; fi
    done
}

# ---------------------------------------------------------------------------------------------
# renew: the provider renumbers a NIC (dhclient NICs only). Bounded: dhclient -r and -1 run under
# timeout, dnsmasq is restarted by pid with a fresh lease file (so the old binding cannot win).
# The NIC's floating IP NAT is not changed: it still points at .10.
# ---------------------------------------------------------------------------------------------
cmd_renew() {
    require_root
    require_lab
    load_nics
    load_scenario
    local nic=${1:-} host=${2:-} i idx=0 role net
    is_nic "$nic" || die "renew: no NIC '$nic'"
    [[ $host =~ ^[0-9]{1,3}$ ]] && ((host >= 2 && host <= 99)) || die "renew: HOST must be 2..99 (got '$host')"
    [[ ${CLIENT_OF[$nic]} == dhclient ]] || die "renew: $nic runs ${CLIENT_OF[$nic]}, only dhclient NICs can be renewed"
    [[ -z ${SAMENET_OF[$nic]:-} ]] || die "renew: $nic is a LAB_SAMENET port; only NICs with a provider of their own can be renewed"
    waits_for_lease "$nic" || die "renew: $nic's DHCP server is late or absent"
    for ((i = 1; i <= ${#NIC_ARR[@]}; i++)); do [[ ${NIC_ARR[i - 1]} == "$nic" ]] && idx=$i; done
    role=$(role_of "$idx"); net=$(tenant_net "$idx")

    # 1. The instance gives its lease back (dhclient -r stops the running dhclient via its pid file,
    #    sends DHCPRELEASE and runs dhclient-script RELEASE, which removes the address).
    log "renew: $nic releases its lease"
    timeout 20 ip netns exec "$NS_INST" unshare --uts -- dhclient -4 -v -r \
        -pf "$LAB_DIR/dhclient.$nic.pid" -lf "$LAB_DIR/leases/dhclient.$nic.leases" \
        -sf /sbin/dhclient-script "$nic" </dev/null >>"$LAB_DIR/dhclient.$nic.log" 2>&1 \
        || die "renew: dhclient -r on $nic failed (see $LAB_DIR/dhclient.$nic.log)"
    kill_pid "$(head -n1 "$LAB_DIR/dhclient.$nic.pid" 2>/dev/null | tr -dc '0-9' || true)" dhclient

    # 2. The provider's DHCP server now maps the NIC's MAC to .HOST.
    log "renew: provider $role hands out $net.$host"
    kill_pid "$(head -n1 "$LAB_DIR/$role.dnsmasq.pid" 2>/dev/null | tr -dc '0-9' || true)" dnsmasq
    rm -f -- "$LAB_DIR/$role.dnsmasq.pid" "$LAB_DIR/$role.leases"
    start_dnsmasq "$idx" "$host"
    wait_for 5 test -s "$LAB_DIR/$role.dnsmasq.pid" || die "renew: dnsmasq for $role wrote no pid file"

    # 3. A new lease (INIT-REBOOT asks for .10, gets a NAK, then DISCOVER gets .HOST).
    log "renew: $nic leases again"
    start_dhclient "$nic" || die "renew: dhclient on $nic failed (see $LAB_DIR/dhclient.$nic.log)"
    wait_for 10 has_addr "$nic" "$net.$host" || die "renew: $nic has no address $net.$host"
    log "renew: $nic is $net.$host"
}

# renumber: the port's fixed IP changes at the provider while the instance runs its own DHCP client
# (an image booted by tests/boot): the server maps the NIC's MAC to <net>.HOST (hour-long leases from
# now on), forgets its leases, and the floating IP's 1:1 NAT follows the port, as the cloud's does.
# The client's next renewal (LAB_T1) is NAKed and it leases .HOST.
cmd_renumber() {
    require_root
    require_lab
    load_nics
    load_scenario
    local nic=${1:-} host=${2:-} i idx=0 role net fip
    is_nic "$nic" || die "renumber: no NIC '$nic'"
    [[ $host =~ ^[0-9]{1,3}$ ]] && ((host >= 2 && host <= 99)) || die "renumber: HOST must be 2..99 (got '$host')"
    [[ -z ${SAMENET_OF[$nic]:-} ]] || die "renumber: $nic is a LAB_SAMENET port; only NICs with a provider of their own can be renumbered"
    waits_for_lease "$nic" || die "renumber: $nic's DHCP server is late or absent"
    for ((i = 1; i <= ${#NIC_ARR[@]}; i++)); do [[ ${NIC_ARR[i - 1]} == "$nic" ]] && idx=$i; done
    role=$(role_of "$idx"); net=$(tenant_net "$idx"); fip=$(fip_of "$idx")
    log "renumber: provider $role hands out $net.$host and NATs $fip to it"
    kill_pid "$(head -n1 "$LAB_DIR/$role.dnsmasq.pid" 2>/dev/null | tr -dc '0-9' || true)" dnsmasq
    rm -f -- "$LAB_DIR/$role.dnsmasq.pid" "$LAB_DIR/$role.leases"
    start_dnsmasq "$idx" "$host" hour
    wait_for 5 test -s "$LAB_DIR/$role.dnsmasq.pid" || die "renumber: dnsmasq for $role wrote no pid file"
    # The NAT of this floating IP only (a first provider also NATs its LAB_SAMENET ports' floating IPs).
    local old
    old=$(cat "$LAB_DIR/$role.nat-host" 2>/dev/null || echo 10)
    nsx "$role" iptables -t nat -D PREROUTING -i uplink -d "$fip" -j DNAT --to-destination "$net.$old"
    nsx "$role" iptables -t nat -D POSTROUTING -o uplink -s "$net.$old" -j SNAT --to-source "$fip"
    nsx "$role" iptables -t nat -A PREROUTING -i uplink -d "$fip" -j DNAT --to-destination "$net.$host"
    nsx "$role" iptables -t nat -A POSTROUTING -o uplink -s "$net.$host" -j SNAT --to-source "$fip"
    echo "$host" >"$LAB_DIR/$role.nat-host"
}

# ---------------------------------------------------------------------------------------------
# hooks: the boot integration, installed the way an image gets it (`bootroute install`), but into
# LAB_DIR/install-root and from there into the instance's overlays: /etc/netns/<inst> for what lives in /etc
# (ip netns exec binds it over /etc), LAB_DIR/dhcpcd-hooks for dhcpcd's hook directory (bound over
# /usr/lib/dhcpcd/dhcpcd-hooks in dhcpcd's private mount namespace at its next start). Nothing
# reaches the machine's own /etc or /usr.
# ---------------------------------------------------------------------------------------------
cmd_hooks() {
    require_root
    require_lab
    local bin=${1:-}
    [[ -x $bin ]] || die "hooks: BIN '$bin' is not an executable"
    bin=$(readlink -f "$bin")
    rm -rf -- "$LAB_DIR/install-root"
    mkdir -p "$LAB_DIR/install-root"
    "$bin" install --root "$LAB_DIR/install-root" >"$LAB_DIR/install.log" 2>&1 || die "hooks: install failed (see $LAB_DIR/install.log)"
    local hook=$LAB_DIR/install-root/etc/dhcp/dhclient-exit-hooks.d/zz-bootroute
    [[ -f $hook ]] || die "hooks: install placed no dhclient exit hook"
    cp "$hook" "$NETNS_ETC/dhcp/dhclient-exit-hooks.d/"
    if [[ ! -d $LAB_DIR/dhcpcd-hooks ]]; then
        mkdir -p "$LAB_DIR/dhcpcd-hooks"
        if [[ -d /usr/lib/dhcpcd/dhcpcd-hooks ]]; then cp -a /usr/lib/dhcpcd/dhcpcd-hooks/. "$LAB_DIR/dhcpcd-hooks/"; fi
    fi
    cp "$LAB_DIR/install-root/usr/lib/dhcpcd/dhcpcd-hooks/90-bootroute" "$LAB_DIR/dhcpcd-hooks/"
    # /etc/default: the machine's files (the overlay hides the whole directory) plus the installed
    # bootroute file, pointed at the binary under test, the lab's config and a log in the lab.
    if [[ ! -d $NETNS_ETC/default ]]; then
        if [[ -d /etc/default ]]; then cp -a /etc/default "$NETNS_ETC/default"; else mkdir -p "$NETNS_ETC/default"; fi
    fi
    sed -e "s|^BOOTROUTE_BIN=.*|BOOTROUTE_BIN=$bin|" \
        -e "s|^BOOTROUTE_ARGS=.*|BOOTROUTE_ARGS=\"--config $LAB_DIR/bootroute.yaml\"|" \
        -e "s|^BOOTROUTE_HOOK_LOG=.*|BOOTROUTE_HOOK_LOG=$LAB_DIR/hook.log|" \
        -e "s|^BOOTROUTE_HOOK_TIMEOUT=.*|BOOTROUTE_HOOK_TIMEOUT=120|" \
        "$LAB_DIR/install-root/etc/default/bootroute" >"$NETNS_ETC/default/bootroute"
    grep -q "^BOOTROUTE_BIN=$bin\$" "$NETNS_ETC/default/bootroute" || die "hooks: installed /etc/default/bootroute has no BOOTROUTE_BIN line"
    log "hooks installed from $bin"
}

# ---------------------------------------------------------------------------------------------
# reboot: what a reboot does to the instance's network, without touching the providers: every
# process of the old boot is gone (DHCP clients and agents, by pid and name), addresses, routes and
# rules are flushed, /run state is gone (the agent's state directory), lease files and /etc stay.
# Then the DHCP clients start again as at boot, in NIC order, running whatever hooks are installed.
# ---------------------------------------------------------------------------------------------
# poweroff_network: the first half of a reboot (also `lab.sh poweroff`, for an image booted in the
# instance namespace that brings its own DHCP clients): processes killed, network and /run state gone.
poweroff_network() {
    local nic pid prio table f
    for f in "$LAB_DIR"/dhclient.*.pid "$LAB_DIR"/dhcpcd.*.pid; do
        [[ -e $f ]] || continue
        case ${f##*/} in dhclient.*) kill_pid "$(head -n1 "$f" | tr -dc '0-9')" dhclient ;; *) kill_pid "$(head -n1 "$f" | tr -dc '0-9')" dhcpcd ;; esac
        rm -f -- "$f"
    done
    for pid in $(ip netns pids "$NS_INST" 2>/dev/null || true); do
        [[ $(cat "/proc/$pid/comm" 2>/dev/null || true) == bootroute ]] && kill_pid "$pid" bootroute
    done
    rm -f -- "$LAB_DIR"/dhcpcd-run/*.pid
    for nic in "${NIC_ARR[@]}"; do
        ip -n "$NS_INST" -4 addr flush dev "$nic"
        ip -n "$NS_INST" link set "$nic" down
    done
    for table in $(ip -n "$NS_INST" -4 route show table all | sed -n 's/.* table \([^ ]*\).*/\1/p' | sort -u); do
        [[ $table == local ]] || ip -n "$NS_INST" -4 route flush table "$table"
    done
    ip -n "$NS_INST" -4 route flush table main
    for prio in $(ip -n "$NS_INST" -4 rule show | sed -n 's/^\([0-9]*\):.*/\1/p'); do
        case $prio in 0|32766|32767) ;; *) ip -n "$NS_INST" -4 rule del priority "$prio" ;; esac
    done
    rm -rf -- "$LAB_DIR/state"
}

cmd_poweroff() {
    require_root
    require_lab
    load_nics
    load_scenario
    poweroff_network
    log "poweroff: the instance's DHCP clients and agents stopped, its addresses, routes and rules flushed"
}

cmd_reboot() {
    require_root
    require_lab
    load_nics
    load_scenario
    local nic
    poweroff_network
    for nic in "${NIC_ARR[@]}"; do ip -n "$NS_INST" link set "$nic" up; done
    log "reboot: network flushed; DHCP clients start again"
    local i net
    for ((i = 1; i <= ${#NIC_ARR[@]}; i++)); do
        nic=${NIC_ARR[i - 1]}; net=$(tenant_net "$i")
        if [[ ${CLIENT_OF[$nic]} == static ]]; then
            start_static "$i"
        elif [[ ${CLIENT_OF[$nic]} == dhcpcd ]]; then
            start_dhcpcd "$nic" || die "reboot: dhcpcd on $nic failed (see $LAB_DIR/dhcpcd.$nic.log)"
        else
            start_dhclient "$nic" || die "reboot: dhclient on $nic failed (see $LAB_DIR/dhclient.$nic.log)"
        fi
        waits_for_lease "$nic" || continue
        wait_for 10 has_addr "$nic" "$net.$(host_of "$i")" || die "reboot: $nic has no address $net.$(host_of "$i") after ${CLIENT_OF[$nic]}"
    done
    log "reboot: DHCP clients are back"
}

# ---------------------------------------------------------------------------------------------
# restart: the NIC's DHCP client starts over, as after a reboot or `ifdown; ifup` (no DHCPRELEASE, so
# the server keeps the binding): the client is killed by pid, the NIC's addresses flushed (and with
# them every route through them), then the client runs again, in the instance namespace with the /etc
# overlay, so its hooks (/etc/dhcp/dhclient-*-hooks.d) are the overlay's. dhcpcd may be given another
# configuration file (e.g. one a test let the agent edit). Bounded like `up`.
# ---------------------------------------------------------------------------------------------
cmd_restart() {
    require_root
    require_lab
    load_nics
    load_scenario
    local nic=${1:-} conf=${2:-} i idx=0 net pid
    is_nic "$nic" || die "restart: no NIC '$nic'"
    waits_for_lease "$nic" || die "restart: $nic's DHCP server is late or absent"
    [[ -z $conf || -f $conf ]] || die "restart: no dhcpcd configuration '$conf'"
    for ((i = 1; i <= ${#NIC_ARR[@]}; i++)); do [[ ${NIC_ARR[i - 1]} == "$nic" ]] && idx=$i; done
    net=$(tenant_net "$idx")
    pid=$(head -n1 "$LAB_DIR/${CLIENT_OF[$nic]}.$nic.pid" 2>/dev/null | tr -dc '0-9' || true)
    log "restart: stopping ${CLIENT_OF[$nic]} on $nic"
    kill_pid "$pid" "${CLIENT_OF[$nic]}"
    rm -f -- "$LAB_DIR/${CLIENT_OF[$nic]}.$nic.pid" "$LAB_DIR/dhcpcd-run/$nic-4.pid"
    ip -n "$NS_INST" -4 addr flush dev "$nic"
    log "restart: starting ${CLIENT_OF[$nic]} on $nic${conf:+ with $conf}"
    if [[ ${CLIENT_OF[$nic]} == dhcpcd ]]; then
        start_dhcpcd "$nic" "$conf" || die "restart: dhcpcd on $nic failed (see $LAB_DIR/dhcpcd.$nic.log)"
    else
        [[ -z $conf ]] || die "restart: $nic runs dhclient; a configuration file is for dhcpcd"
        start_dhclient "$nic" || die "restart: dhclient on $nic failed (see $LAB_DIR/dhclient.$nic.log)"
    fi
    wait_for 10 has_addr "$nic" "$net.$(host_of "$idx")" || die "restart: $nic has no address $net.$(host_of "$idx")"
    log "restart: $nic is $net.$(host_of "$idx") again"
}

# ---------------------------------------------------------------------------------------------
# networkd: the real systemd-networkd in the instance namespace, as on an image whose network stack it
# is. It runs in a private mount namespace where /run is $LAB_DIR/networkd-run (its leases, link state,
# and /run/systemd/network for generated .network files such as netplan's) and /sys is read-only,
# which tells it there is no udev to wait for; /etc/systemd/network is the lab's overlay (the test puts
# the image's .network files there). A dbus-daemon of the lab's own gives it the system bus networkctl
# needs. `reconfigure` is `networkctl reload` (re-read the files) plus `networkctl reconfigure` of every
# NIC, what `netplan apply` does to the links whose configuration changed: reconfiguring a link drops
# every rule and route no .network file names (systemd 252 checked; a restart does not, because at
# start-up the links are not configured yet, and a bare reload only touches links whose files changed).
# ---------------------------------------------------------------------------------------------
NETWORKD=/lib/systemd/systemd-networkd

networkd_start() {
    local run=$LAB_DIR/networkd-run
    mkdir -p "$run/systemd/netif/links" "$run/systemd/netif/leases" "$run/systemd/netif/lldp" "$run/systemd/network" "$run/dbus"
    chown -R systemd-network:systemd-network "$run/systemd/netif"
    rm -f -- "$run/dbus/pid" "$run/dbus/system_bus_socket"
    # dbus-daemon forks and writes its pid to $run/dbus/pid; networkd replaces the shell.
    # shellcheck disable=SC2016
    setsid ip netns exec "$NS_INST" unshare -m --uts -- sh -c '
        set -e
        mount --make-rprivate /
        mount --bind "$1" /run
        mount -o remount,bind,ro /sys
        dbus-daemon --system --fork
        exec "$2"' networkd-lab "$run" "$NETWORKD" </dev/null >>"$LAB_DIR/networkd.log" 2>&1 &
    echo $! >"$LAB_DIR/networkd.pid"
    wait_for 10 test -s "$run/dbus/pid" || die "networkd: the lab's dbus-daemon did not start (see $LAB_DIR/networkd.log)"
    cp "$run/dbus/pid" "$LAB_DIR/dbus.pid"
}

networkd_stop() {
    kill_pid "$(head -n1 "$LAB_DIR/networkd.pid" 2>/dev/null | tr -dc '0-9' || true)" systemd-network
    kill_pid "$(head -n1 "$LAB_DIR/dbus.pid" 2>/dev/null | tr -dc '0-9' || true)" dbus-daemon
    rm -f -- "$LAB_DIR/networkd.pid" "$LAB_DIR/dbus.pid"
}

# networkctl from inside networkd's own mount namespace, where the lab's bus socket is.
networkd_reconfigure() {
    local pid
    pid=$(head -n1 "$LAB_DIR/networkd.pid" 2>/dev/null | tr -dc '0-9' || true)
    [[ -n $pid ]] && alive "$pid" || die "networkd: not running"
    timeout 20 nsenter -t "$pid" -m -n -- networkctl reload || die "networkd: networkctl reload failed"
    timeout 20 nsenter -t "$pid" -m -n -- networkctl reconfigure "${NIC_ARR[@]}" || die "networkd: networkctl reconfigure failed"
}

cmd_networkd() {
    require_root
    require_lab
    load_nics
    load_scenario
    [[ -x $NETWORKD ]] || die "networkd: $NETWORKD is missing (package systemd)"
    id systemd-network >/dev/null 2>&1 || die "networkd: no user systemd-network (package systemd)"
    command -v dbus-daemon >/dev/null && command -v nsenter >/dev/null || die "networkd: needs dbus-daemon (package dbus) and nsenter"
    local nic i pid
    case ${1:-} in
        start)
            for nic in "${NIC_ARR[@]}"; do
                pid=$(head -n1 "$LAB_DIR/${CLIENT_OF[$nic]}.$nic.pid" 2>/dev/null | tr -dc '0-9' || true)
                kill_pid "$pid" "${CLIENT_OF[$nic]}"
                rm -f -- "$LAB_DIR/${CLIENT_OF[$nic]}.$nic.pid"
                ip -n "$NS_INST" -4 addr flush dev "$nic"
            done
            networkd_stop
            networkd_start
            ;;
        restart)
            networkd_stop
            networkd_start
            ;;
        reconfigure)
            networkd_reconfigure
            ;;
        stop)
            networkd_stop
            return 0
            ;;
        *) die "networkd: start, restart, reconfigure or stop" ;;
    esac
    for ((i = 1; i <= ${#NIC_ARR[@]}; i++)); do
        nic=${NIC_ARR[i - 1]}
        waits_for_lease "$nic" || continue
        wait_for 30 has_addr "$nic" "$(tenant_net "$i").$(host_of "$i")" || die "networkd: $nic has no address (see $LAB_DIR/networkd.log)"
    done
    log "networkd: running (pid $(cat "$LAB_DIR/networkd.pid"))"
}

# ---------------------------------------------------------------------------------------------
main() {
    (($# >= 2)) || usage
    local cmd=$1
    set_id "$2"
    shift 2
    case $cmd in
        up) cmd_up ;;
        down) cmd_down ;;
        info) cmd_info ;;
        probe) cmd_probe ;;
        renew) cmd_renew "$@" ;;
        renumber) cmd_renumber "$@" ;;
        hooks) cmd_hooks "$@" ;;
        reboot) cmd_reboot ;;
        poweroff) cmd_poweroff ;;
        restart) cmd_restart "$@" ;;
        networkd) cmd_networkd "$@" ;;
        _dnsmasq)   # internal: what start_dnsmasq_later runs in the provider namespace
            require_lab; load_nics; load_scenario
            [[ ${1:-} =~ ^[1-8]$ ]] || die "_dnsmasq needs a NIC index"
            start_dnsmasq "$1" ;;
        exec)
            require_lab
            (($# >= 1)) || die "exec needs a command"
            exec ip netns exec "$NS_INST" "$@" ;;
        nsexec)
            require_lab
            (($# >= 2)) || die "nsexec needs ROLE and a command"
            local role=$1; shift
            ip netns list | awk '{print $1}' | grep -qx "$(ns "$role")" || die "no namespace $(ns "$role")"
            exec ip netns exec "$(ns "$role")" "$@" ;;
        *) usage ;;
    esac
}

main "$@"
