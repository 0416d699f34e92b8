#!/usr/bin/env bash
# Captures dhcpcd lease files (the raw DHCP ACK dhcpcd stores) from the real dhcpcd talking to a
# real dnsmasq, each run in a pair of throwaway network namespaces (brl2-<random>-s for the server,
# -c for the client) joined by a veth pair created inside the server namespace, so the root
# namespace is never touched. dhcpcd hard-codes DBDIR=/var/lib/dhcpcd and RUNDIR=/run/dhcpcd, so it
# runs in a private mount namespace where both are bind mounts of this script's temp dir: the host's
# directories never see its files.
# Usage (root): capture.sh OUTDIR      See README.md beside this file.
set -euo pipefail

out=${1:?usage: capture.sh OUTDIR}
mkdir -p "$out"
out=$(cd "$out" && pwd)
tmp=$(mktemp -d /tmp/brl2-capture.XXXXXX)
namespaces=()

stop_pidfile() {
  # Kill only the process we started, by the pid it wrote.
  if [[ -s $1 ]]; then kill "$(cat "$1")" 2>/dev/null || true; rm -f "$1"; fi
}

cleanup() {
  for f in "$tmp"/*.pid; do [[ -e $f ]] && stop_pidfile "$f"; done
  for ns in "${namespaces[@]}"; do ip netns del "$ns" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT

# A minimal dhcpcd.conf: IPv4 only, no router solicitation, and no hooks (the script is /bin/true
# too), so nothing outside the namespaces (resolv.conf, hostname, NTP) is changed.
conf=$tmp/dhcpcd.conf
cat > "$conf" <<'CONF'
ipv4only
noipv6rs
nohook resolv.conf, hostname, ntp.conf, timesyncd.conf, chrony.conf
option classless_static_routes, ms_classless_static_routes
CONF

# capture NAME IFNAME DNSMASQ_OPTION...
#   NAME    output file is $out/NAME (dhcpcd writes <IFNAME>.lease; NAME is what the tests want)
#   IFNAME  the client's interface name, which dhcpcd puts in the file name
capture() {
  local name=$1 ifname=$2; shift 2
  local id; id=$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')
  local s=brl2-$id-s c=brl2-$id-c
  local dir=$tmp/$name; mkdir -p "$dir/db" "$dir/run"
  namespaces+=("$s" "$c")
  ip netns add "$s"
  ip netns add "$c"
  ip -n "$s" link add srv0 type veth peer name "$ifname" netns "$c"
  ip -n "$s" addr add 100.64.1.1/24 dev srv0
  ip -n "$s" link set srv0 up
  ip -n "$c" link set "$ifname" up
  ip netns exec "$s" dnsmasq --conf-file=/dev/null --port=0 --no-resolv --no-hosts \
    --bind-interfaces --interface=srv0 --except-interface=lo \
    --dhcp-range=100.64.1.50,100.64.1.59,255.255.255.0,1h --dhcp-authoritative \
    --dhcp-leasefile="$dir/dnsmasq.leases" --pid-file="$tmp/$name-dnsmasq.pid" \
    --log-facility="$dir/dnsmasq.log" --log-dhcp \
    --dhcp-option=6 "$@"
  # -1 oneshot: exit once the interface is configured; -B: stay in the foreground; -t: give up.
  # `ip netns exec` already runs in a mount namespace that is a slave of the host's; making it
  # private and bind-mounting our dirs keeps every dhcpcd file inside $dir.
  ip netns exec "$c" unshare -m sh -c '
      mount --make-rprivate /
      mount --bind "$1/db" /var/lib/dhcpcd
      mount -t tmpfs -o mode=0755 brl2-run /run && mkdir -p /run/dhcpcd
      mount --bind "$1/run" /run/dhcpcd
      exec timeout 60 dhcpcd -4 -B -1 -t 20 -c /bin/true -f "$2" "$3"' \
    sh "$dir" "$conf" "$ifname" >>"$dir/dhcpcd.log" 2>&1 || { cat "$dir/dhcpcd.log" >&2; exit 1; }
  stop_pidfile "$tmp/$name-dnsmasq.pid"
  cp "$dir/db/$ifname.lease" "$out/$name"
  ip netns del "$s"; ip netns del "$c"
}

capture eth0.lease eth0 --dhcp-option=3,100.64.1.1
capture ens4.lease ens4 \
  --dhcp-option=3,100.64.1.254 \
  --dhcp-option=121,169.254.169.254/32,100.64.1.2,0.0.0.0/0,100.64.1.1
capture ens5.lease ens5 \
  --dhcp-option=3,100.64.1.254 \
  --dhcp-option-force=121,198.51.100.0/24,100.64.1.1
capture ens6.lease ens6 \
  --dhcp-option=3,100.64.1.254 \
  --dhcp-option-force=249,203.0.113.0/24,100.64.1.1,0.0.0.0/0,100.64.1.1
echo "captured into $out:"; ls -l "$out"
