#!/usr/bin/env bash
# A real boot of an image tree (issue #16): a Debian root built by build-tree.sh, cloud-init with a
# NoCloud seed, BootRoute baked in with `bootroute install --root` as docs/operations.md tells
# operators, booted by systemd-nspawn with systemd as PID 1 inside the lab's instance namespace, so its
# NICs are the lab's NICs behind real providers (dnsmasq, option 121 on ens4, 1:1 NAT floating IPs,
# a remote client). Two boots of the same disk (the second a cold reboot: the namespace's addresses,
# routes, rules gone), then `bootroute remove` inside the booted system. With the .deb instead of the
# binary (BOOTROUTE_BIN ending in .deb) BootRoute is baked in with `dpkg --root` as an image build
# installs a package, and after remove the package is purged inside the booted system: /etc and /usr
# must then list exactly the files they did before the install, first-boot files aside.
#   tests/boot/boot.sh STYLE BOOTROUTE_BIN|BOOTROUTE_DEB [COUNTS_FILE]
# One line "ok - …" or "not ok - …" per check; COUNTS_FILE gets "PASSED FAILED". Exit 0 only when
# every check passed. Every wait is bounded; the container, the overlay and the lab are always taken
# down, by pid and by path, even on failure. Timing figures are written as "# figure: …" lines.
set -euo pipefail
style=${1:?usage: boot.sh STYLE BOOTROUTE_BIN|BOOTROUTE_DEB [COUNTS_FILE]}
bin=$(readlink -f "${2:?usage: boot.sh STYLE BOOTROUTE_BIN|BOOTROUTE_DEB [COUNTS_FILE]}")
deb=''
agent=/usr/local/sbin/bootroute
[[ $bin != *.deb ]] || { deb=$bin; agent=/usr/sbin/bootroute; }
counts=${3:-}
here=$(cd "$(dirname "$0")" && pwd)
lab=$here/../BootRoute.Lab/lab.sh
passed=0 failed=0
ok() { echo "ok - $*"; passed=$((passed + 1)); }
notok() { echo "not ok - $*"; failed=$((failed + 1)); }
check() { local what=$1; shift; if "$@"; then ok "$what"; else notok "$what"; fi; }
finish() {
    [[ -z $counts ]] || echo "$passed $failed" >"$counts"
    echo "boot.sh $style: $passed passed, $failed failed"
}

id=boot$((RANDOM % 10000))
work=$(mktemp -d /var/tmp/bootroute-boot.XXXXXX)
nspawn_pid='' merged=$work/merged
cleanup() {
    stop_container || true
    mountpoint -q "$merged" && umount "$merged"
    "$lab" down "$id" >/dev/null 2>&1 || true
    # Only the directory mktemp made here; --one-file-system never descends into a mount left behind.
    [[ $work == /var/tmp/bootroute-boot.?????? ]] && rm -rf --one-file-system -- "$work"
    finish
}
trap cleanup EXIT
trap "exit 143" TERM INT

start=$(date +%s.%N)
tree=$("$here/build-tree.sh" "$style") || { notok "$style: root tree built with mmdebstrap"; exit 1; }
ok "$style: root tree $tree ($(awk "BEGIN {printf \"%.0f\", $(date +%s.%N) - $start}") s)"

# ens4 renews every 10 s for part 3's renumbering (each renewal runs the hook); renumber ends that.
t1=ens4:10
LAB_OPTION121=ens4 LAB_T1=$t1 "$lab" up "$id" >"$work/lab.log" 2>&1 || { cat "$work/lab.log" >&2; notok "lab up"; exit 1; }
info=$("$lab" info "$id")
val() { sed -n "s/^$1=//p" <<<"$info"; }
ns=$(val NS_INST)
read -ra nics <<<"$(val NICS)"

# The instance's own DHCP client will lease: the lab's clients go, with what they configured.
forget_network() { "$lab" poweroff "$id" >>"$work/lab.log" 2>&1; }
forget_network

# The disk: a copy-on-write overlay on the cached tree, so the cache stays as mmdebstrap left it.
mkdir -p "$work/upper" "$work/overlay-work" "$merged"
mount -t overlay overlay -o "lowerdir=$tree,upperdir=$work/upper,workdir=$work/overlay-work" "$merged"
seed=$merged/var/lib/cloud/seed/nocloud
mkdir -p "$seed" "$merged/etc/cloud/cloud.cfg.d"
printf 'instance-id: %s\nlocal-hostname: instance\n' "iid-$id" >"$seed/meta-data"
{
    printf 'version: 2\nethernets:\n'
    for nic in "${nics[@]}"; do printf '  %s:\n    dhcp4: true\n' "$nic"; done
} >"$seed/network-config"
# user-data as cloud-init/README.md tells baked images: only write_files of the settings.
cat >"$seed/user-data" <<USERDATA
#cloud-config
write_files:
  - path: /etc/bootroute/bootroute.yaml
    owner: root:root
    permissions: '0644'
    content: |
      interfaces:
        - name: ${nics[0]}
          primary: true
$(for nic in "${nics[@]:1}"; do printf '        - name: %s\n' "$nic"; done)
      verify:
        echo_url: $(val ECHO_URL)
USERDATA
case $style in
    netplan) renderer=netplan ;;
    ifupdown) renderer=eni ;;
    networkmanager) renderer=network-manager ;;
esac
printf 'datasource_list: [NoCloud, None]\nlocale: C.UTF-8\nsystem_info:\n  network:\n    renderers: [%s]\n' "$renderer" >"$merged/etc/cloud/cloud.cfg.d/90-boot-test.cfg"
# What /etc and /usr list before BootRoute is baked in (the seed and test configuration included).
image_files() { (cd "$merged" && find etc usr -xdev -printf '%p %M %u:%g\n' | sort); }
if [[ -n $deb ]]; then
    image_files >"$work/files.before"
    # dpkg runs the maintainer scripts chrooted into the image, as an image build does.
    dpkg --root="$merged" -i "$deb" >"$work/install.log" 2>&1 || { cat "$work/install.log" >&2; notok "dpkg --root -i ${deb##*/}"; exit 1; }
    ok "dpkg --root $merged -i ${deb##*/}"
else
    "$bin" install --root "$merged" >"$work/install.log" 2>&1 || { cat "$work/install.log" >&2; notok "bootroute install --root"; exit 1; }
    ok "bootroute install --root $merged"
fi

pid1='' state=''
# Sets nspawn_pid, pid1 (the container's systemd, as seen from here) and state; not in a subshell.
boot() {
    local n=$1 i
    SYSTEMD_NSPAWN_API_VFS_WRITABLE=network setsid systemd-nspawn --quiet -D "$merged" --boot --register=no --keep-unit \
        --capability=CAP_NET_ADMIN --network-namespace-path="/run/netns/$ns" --console=passive \
        </dev/null >"$work/console.$n.log" 2>&1 &
    nspawn_pid=$!
    pid1=''
    for ((i = 0; i < 100; i++)); do
        sleep 0.1
        pid1=$(ps -o pid= --ppid "$nspawn_pid" | tr -dc '0-9' || true)
        [[ -z $pid1 ]] || break
    done
    [[ -n $pid1 ]] || return 1
    for ((i = 0; i < 240; i++)); do
        state=$(inside systemctl is-system-running 2>/dev/null || true)
        case $state in running|degraded) return 0 ;; esac
        kill -0 "$nspawn_pid" 2>/dev/null || return 1
        sleep 0.5
    done
    return 1
}
inside() { timeout 60 nsenter -t "$pid1" -m -u -i -n -p -C -- "$@"; }
stop_container() {
    local i
    [[ -n $nspawn_pid ]] || return 0
    if kill -0 "$nspawn_pid" 2>/dev/null; then
        [[ -z $pid1 ]] || kill -s RTMIN+4 "$pid1" 2>/dev/null || true
        for ((i = 0; i < 300; i++)); do kill -0 "$nspawn_pid" 2>/dev/null || break; sleep 0.1; done
        kill -0 "$nspawn_pid" 2>/dev/null && kill -KILL "$nspawn_pid" 2>/dev/null
    fi
    wait "$nspawn_pid" 2>/dev/null || true
    nspawn_pid='' pid1=''
}

leased() {
    local nic
    for nic in "${nics[@]}"; do
        inside ip -j -4 addr show dev "$nic" | grep -q '"dynamic":true' || { echo "  $nic has no address from a DHCP client" >&2; return 1; }
    done
}
floating_ips_answer() {
    "$lab" probe "$id" | tee "$work/probe.$1.log" | sed 's/^/  /'
    ! grep -q '^tcp .* fail$' "$work/probe.$1.log" && grep -q '^tcp .* ok$' "$work/probe.$1.log"
}
tables() {
    local i
    for ((i = 1; i <= ${#nics[@]}; i++)); do
        echo "table $((100 + i)):"
        ip -n "$ns" -4 route show table $((100 + i))
    done
    ip -n "$ns" -4 rule show
}
# bootroute.service is Type=notify: the boot goes on at READY=1 (the kernel holds the plan) while the
# agent still verifies and persists; the run is over when the unit's main process has exited.
unit_ok() {
    local i sub
    for ((i = 0; i < 120; i++)); do
        sub=$(inside systemctl show -p SubState --value bootroute.service)
        [[ $sub == running || $sub == start ]] || break
        sleep 0.5
    done
    echo "  bootroute.service: $sub, $(inside systemctl show -p Result -p ExecMainStatus bootroute.service | paste -sd' ')"
    [[ $sub == exited ]] && [[ $(inside systemctl show -p Result --value bootroute.service) == success ]] && [[ $(inside systemctl show -p ExecMainStatus --value bootroute.service) == 0 ]]
}
reported() { inside journalctl -b -u bootroute.service --no-pager -o cat >"$work/journal.$1.log"; sed 's/^/  /' "$work/journal.$1.log"; grep -q 'priority' "$work/journal.$1.log"; }
cloud_init_done() { inside cloud-init status --long --wait | tee "$work/cloud-init.$1.log" | sed 's/^/  /'; grep -q '^status: done' "$work/cloud-init.$1.log"; }

one_boot() {
    local n=$1 t0
    t0=$(date +%s.%N)
    if ! boot "$n"; then
        notok "boot $n: systemd inside the container reached running (console: $work/console.$n.log)"
        sed 's/^/  /' "$work/console.$n.log" | tail -n 40
        return 1
    fi
    ok "boot $n: systemd is $state after $(awk "BEGIN {printf \"%.1f\", $(date +%s.%N) - $t0}") s"
    [[ $state == running ]] || inside systemctl --failed --no-legend | sed 's/^/  failed: /'
    check "boot $n: cloud-init status --long: done" cloud_init_done "$n"
    inside sh -c 'for d in /sys/class/net/ens*; do udevadm test-builtin net_setup_link "$d"; echo "rc=$?"; done' 2>&1 | tail -n 12 | sed 's/^/  udevadm: /'
    check "boot $n: every NIC leased by the image's DHCP client" leased
    check "boot $n: bootroute.service succeeded" unit_ok
    check "boot $n: journalctl -u bootroute shows the report with its priorities" reported "$n"
    check "boot $n: the remote client reaches every floating IP (TCP)" floating_ips_answer "$n"
    tables >"$work/tables.$n"
    # The real NetworkManager's lease files (the unit tests' fixtures were written by hand), for the record.
    [[ $style != networkmanager || $n != 1 ]] \
        || inside sh -c 'for f in /run/NetworkManager/devices/*; do echo "== $f"; cat "$f"; done' | sed 's/^/# nm-lease: /'
    sed 's/^/  /' "$work/tables.$n"
    echo "# figure: boot $n: $(inside systemd-analyze 2>/dev/null | head -n1)"
    echo "# figure: boot $n: blame: $(inside systemd-analyze blame --no-pager 2>/dev/null | grep -E 'bootroute|cloud-|networkd' | tr -s ' ' | paste -sd';')"
    inside systemd-analyze critical-chain --no-pager bootroute.service 2>/dev/null | grep -F '@' | sed "s/^/# figure: boot $n: critical-chain bootroute: /"
    inside systemd-analyze critical-chain --no-pager 2>/dev/null | grep -F '@' | sed "s/^/# figure: boot $n: critical-chain default: /"
    # From the last DHCPv4 lease networkd logged to bootroute.service's READY=1 ("Started"), and the
    # unit's own run: its start, READY=1 (what the boot waits for), the report (verification done).
    local leased_at ready_at start_at report_at unit_log
    unit_log=$(inside journalctl -b -o short-monotonic --no-pager -u bootroute.service)
    at() { grep -F -- "$1" <<<"$unit_log" | head -n1 | sed -E 's/^\[ *([0-9.]+)\].*/\1/' || true; }
    leased_at=$(inside journalctl -b -o short-monotonic --no-pager -u systemd-networkd.service | grep -F 'DHCPv4 address' | tail -n1 | sed -E 's/^\[ *([0-9.]+)\].*/\1/')
    start_at=$(at 'Starting bootroute.service') ready_at=$(at 'Started bootroute.service') report_at=$(at '# bootroute apply')
    [[ -z $leased_at || -z $ready_at ]] \
        || echo "# figure: boot $n: last lease at ${leased_at} s, bootroute.service ready at ${ready_at} s: $(awk "BEGIN {printf \"%.0f\", ($ready_at - $leased_at) * 1000}") ms later"
    [[ -z $start_at || -z $ready_at || -z $report_at ]] \
        || echo "# figure: boot $n: bootroute.service: READY=1 $(awk "BEGIN {printf \"%.0f\", ($ready_at - $start_at) * 1000}") ms after its start, the report (checks done) $(awk "BEGIN {printf \"%.0f\", ($report_at - $start_at) * 1000}") ms after"
}

poweroff() {
    local t0 i
    t0=$(date +%s.%N)
    kill -s RTMIN+4 "$pid1"
    for ((i = 0; i < 600; i++)); do kill -0 "$nspawn_pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$nspawn_pid" 2>/dev/null; then
        notok "poweroff: the container did not stop within 60 s of SIGRTMIN+4"
        stop_container
    else
        ok "poweroff: SIGRTMIN+4 to PID 1 ($(awk "BEGIN {printf \"%.1f\", $(date +%s.%N) - $t0}") s)"
        wait "$nspawn_pid" 2>/dev/null || true
        nspawn_pid='' pid1=''
    fi
}

if one_boot 1; then
    poweroff
    forget_network
    if one_boot 2; then
        # After a reboot the stack recreates the tables from BootRoute's files under its own protocol
        # (netplan: proto static, networkd marks them onlink): every route and rule the same otherwise.
        same_tables() { diff -u <(sed -E 's/ proto [a-z0-9]+//; s/ onlink//' "$work/tables.1") <(sed -E 's/ proto [a-z0-9]+//; s/ onlink//' "$work/tables.${1:-2}"); }
        check "reboot: each NIC's table and the rules equal boot 1's (option 121 routes included)" same_tables
        # networkd reconfiguring every link drops what its files do not name; BootRoute's files name
        # it all but the suppress rule, which the networkd-dispatcher hook's re-apply brings back.
        if [[ $style == netplan ]]; then
            reconfigured() {
                local i
                # `netplan apply` stops at `udevadm trigger` (read-only /sys in a container) before it
                # reaches networkd; what it then does to networkd is this:
                inside netplan generate || return 1
                inside networkctl reload || return 1
                inside networkctl reconfigure "${nics[@]}" || return 1
                for ((i = 0; i < 40; i++)); do
                    tables >"$work/tables.3"
                    same_tables 3 >/dev/null && return 0
                    sleep 0.5
                done
                same_tables 3
            }
            check "netplan generate, networkctl reload and reconfigure of every NIC (netplan apply): tables and rules as after boot 1 within 20 s" reconfigured
        fi
        # Part 3 of issue #16, a lease change while running: the provider renumbers the second NIC's
        # port (.10 -> .20, the floating IP's NAT follows); the image's own DHCP client is NAKed at its
        # next renewal (LAB_T1: every 10 s) and leases .20; the hook BootRoute installed for that stack
        # re-applies, so the NIC's rule and table move to .20 and the floating IP answers again.
        renumbered() {
            local nic=${nics[1]} net new i
            net=$(ip -n "$ns" -4 -o addr show dev "$nic" | sed -nE 's/.* inet ([0-9]+\.[0-9]+\.[0-9]+)\.[0-9]+\/.*/\1/p' | head -n1)
            new=$net.20
            # ifupdown: right after dhclient wrote its lease file, so the NAK and the new lease come
            # within 15 s of that write and dhclient does not record .20 (MIN_LEASE_WRITE) before its
            # next renewal, half an hour on: the hook's apply must go by the address it configured.
            if [[ $style == ifupdown ]]; then
                local lf=/var/lib/dhcp/dhclient.$nic.leases written
                written=$(inside stat -c %Y.%y "$lf" 2>/dev/null || true)
                for ((i = 0; i < 250; i++)); do
                    [[ $(inside stat -c %Y.%y "$lf" 2>/dev/null || true) == "$written" ]] || break
                    sleep 0.1
                done
                echo "  renumbering right after dhclient wrote $lf (waited $i polls for the write)"
            fi
            "$lab" renumber "$id" "$nic" 20 >>"$work/lab.log" 2>&1 || { echo "  lab.sh renumber failed (see $work/lab.log)"; return 1; }
            # Up to 60 s: the client's renewal is due within 10 s, the NAK and a new lease take a few more.
            # Moved once the rule and the table name .20 and no rule .10; then it must stay so for 3 s
            # (6 polls): the stack reconfiguring from the files apply persisted for .20 can take the
            # rule away for a moment (seen once each with networkd and NetworkManager 1.52) before
            # its hook's run puts it back, and the checks below must not read that moment.
            moved() {
                ip -n "$ns" -4 rule show | grep -q "from $new lookup" \
                    && ip -n "$ns" -4 route show table 102 | grep -q "src $new" \
                    && ! ip -n "$ns" -4 rule show | grep -q "from $net.10 lookup"
            }
            local first='' held=0 flaps=0
            for ((i = 0; i < 160; i++)); do
                if moved; then
                    [[ -n $first ]] || first=$i
                    held=$((held + 1))
                    ((held < 6)) || break
                elif ((held > 0)); then
                    flaps=$((flaps + 1)) held=0
                fi
                sleep 0.5
            done
            echo "# figure: lease change: $nic's rule and table on $new $(((${first:-$i}) / 2)) s after the provider renumbered it (gone again for a moment after that: $flaps times)"
            echo "  after renumbering $nic to $new:"
            tables | sed 's/^/  /'
            inside journalctl -t bootroute --no-pager -o cat | grep -F "$new" >"$work/hook.log" || true
            echo "  the hook's runs that saw $new: $(grep -c . "$work/hook.log")"
            # Active (waiting) with NetworkManager; inactive elsewhere (its condition: /run/NetworkManager).
            echo "  bootroute-lease.path: $(inside systemctl is-active bootroute-lease.path || true), condition met: $(inside systemctl show -p ConditionResult --value bootroute-lease.path)"
            if [[ $style == networkmanager ]]; then
                inside journalctl -b -u bootroute-lease.service --no-pager -o short-monotonic | grep -F 'systemd[1]:' >"$work/lease-unit.log" || true
                echo "  bootroute-lease.service runs this boot: $(grep -c 'Starting bootroute-lease' "$work/lease-unit.log"), the last:"
                tail -n 2 "$work/lease-unit.log" | sed 's/^/    /'
            fi
            echo "  of them, notes that the client had not recorded its lease yet: $(grep -c 'no longer holds' "$work/hook.log")"
            if ! inside ip -4 -o addr show dev "$nic" | grep -q "inet $new/"; then
                echo "  $nic has no $new; the provider's DHCP server and the image's client said:"
                tail -n 25 "$(val LAB_DIR)/pb.dnsmasq.log" 2>/dev/null | sed 's/^/  dnsmasq: /'
                inside journalctl --no-pager -o short-monotonic | grep -iE "dhcp|$nic" | tail -n 30 | sed 's/^/  image: /'
            fi
            inside ip -4 -o addr show dev "$nic" | grep -q "inet $new/.* dynamic" || { echo "  $nic does not hold $new from its DHCP client"; return 1; }
            ip -n "$ns" -4 rule show | grep -q "from $new lookup" || { echo "  no rule from $new"; return 1; }
            ip -n "$ns" -4 route show table 102 | grep -q "src $new" || { echo "  table 102 has no route with src $new"; return 1; }
            ! ip -n "$ns" -4 rule show | grep -q "from $net.10 lookup" || { echo "  a rule from $net.10 is left"; return 1; }
            if ip -n "$ns" -4 route show table all | grep "src $net.10" | sed 's/^/  left on .10: /' | grep .; then return 1; fi
            [[ -s $work/hook.log ]] || { echo "  no hook run in the journal named $new"; return 1; }
            floating_ips_answer 3
        }
        # ISC dhclient records a lease only 15 s after its last write, so its file can still name .10
        # long after it configured .20: apply then goes by the address (LeaseReader). NetworkManager
        # 1.42.4's dispatcher runs no hook for a renewed or renumbered lease (only for a NIC's first):
        # there bootroute-lease.path, watching its device files, starts the re-apply.
        check "lease change while running: ${nics[1]} renumbered at its DHCP server, the image's client renews, the installed hook re-applies, the floating IP answers at the new address" renumbered
        # The kernel after remove: none of BootRoute's tables holds a route and no rule sits at one of
        # its priorities (priority_base - 1 to priority_base + NICs), whoever made it: BootRoute itself
        # (proto 200) or the stack from BootRoute's files (proto static), in either family.
        kernel_clean() {
            local i family leftover=0
            for family in -4 -6; do
                for ((i = 1; i <= ${#nics[@]}; i++)); do
                    # (ip -6 says "FIB table does not exist" for a table that never held a route: empty too)
                    if [[ -n $(ip -n "$ns" "$family" route show table $((100 + i)) 2>/dev/null) ]]; then
                        echo "  table $((100 + i)) ($family) is not empty" >&2
                        leftover=1
                    fi
                done
                if ip -n "$ns" "$family" rule show | awk -F: -v last=$((100 + ${#nics[@]})) '$1 >= 99 && $1 <= last' | grep . >&2; then leftover=1; fi
            done
            ((leftover == 0))
        }
        removed() {
            inside "$agent" remove | sed 's/^/  /'
            echo "  after remove:"
            tables | sed 's/^/  /'
            kernel_clean || return 1
            if inside sh -c 'ls /etc/netplan/90-bootroute.yaml /etc/systemd/network/*.network.d/90-bootroute.conf /etc/dhcp/dhclient-enter-hooks.d/bootroute-defroute /etc/network/interfaces.d/60-bootroute' 2>/dev/null \
                || inside grep -rls '^# BEGIN bootroute' /etc; then
                echo "  (files above still hold what apply persisted)"
                return 1
            fi
        }
        check "bootroute remove inside the booted system: no route in its tables, no rule at its priorities (its own and the stack's copies), its persisted files gone" removed
        # The package purged inside the booted system: nothing that differs between /etc and /usr before
        # the install and now is one of the package's files (dpkg -L before the purge) or BootRoute's
        # (by name); what does differ is what booting wrote (cloud-init's hostname, netplan file, users
        # and sudoers, Python's byte code), listed for the record. The kernel still clean.
        purged() {
            inside dpkg-query -L bootroute | sed 's|^/||' | sort -u >"$work/package.files"
            [[ -s $work/package.files ]] || { echo "  dpkg-query -L bootroute listed nothing"; return 1; }
            inside dpkg --purge bootroute 2>&1 | sed 's/^/  /'
            image_files >"$work/files.after"
            diff "$work/files.before" "$work/files.after" | sed -n 's/^[<>] //p' | cut -d' ' -f1 | sort -u >"$work/files.diff" || true
            echo "  $(grep -c . "$work/files.diff") paths differ from before the install (Python byte code: $(grep -c '__pycache__' "$work/files.diff")):"
            grep -v '__pycache__' "$work/files.diff" | sed 's/^/    /'
            ! inside dpkg-query -W bootroute >/dev/null 2>&1 \
                && ! comm -12 "$work/package.files" "$work/files.diff" | sed 's/^/  the package left: /' | grep . \
                && ! grep -i bootroute "$work/files.diff" | sed 's/^/  BootRoute left: /' | grep . \
                && kernel_clean
        }
        [[ -z $deb ]] || check "dpkg --purge bootroute inside the booted system: none of its files and nothing of BootRoute differs in /etc and /usr from before the install, kernel clean" purged
        poweroff
    fi
fi
((failed == 0))
