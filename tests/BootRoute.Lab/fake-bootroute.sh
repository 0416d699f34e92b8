#!/usr/bin/env bash
# NOT the agent. A shell stand-in that performs the seeds' manual procedure and prints the report
# contract the lab tests expect, so the lab harness itself can be checked before the real agent exists:
#   BOOTROUTE_BIN=$PWD/tests/BootRoute.Lab/fake-bootroute.sh dotnet test tests/BootRoute.Lab
# Runs inside the instance namespace (lab.sh / LabInstance.RunAgent put it there).
set -euo pipefail
cmd=${1:?usage: fake-bootroute.sh apply|plan --config FILE [--json]}; shift
config= json=0
while (($#)); do
    case $1 in --config) config=$2; shift 2 ;; --json) json=1; shift ;; *) echo "unknown arg $1" >&2; exit 2 ;; esac
done
dir=$(sed -n 's/^ *dhclient_dir: *//p' "$config")
primary=$(ip -4 route show table main default | sed -n 's/.* dev \([^ ]*\).*/\1/p' | head -n1)

ops=() names=() addrs=() gws=() tables=()
t=100
for f in "$dir"/dhclient.*.leases; do
    nic=${f##*/dhclient.}; nic=${nic%.leases}
    addr=$(sed -n 's/^ *fixed-address \(.*\);/\1/p' "$f" | tail -n1)
    gw=$(sed -n 's/^ *option routers \([^ ;,]*\).*;/\1/p' "$f" | tail -n1)
    net=$(ip -4 -o route show table main dev "$nic" proto kernel | awk '{print $1}' | head -n1)
    t=$((t + 1))
    names+=("$nic") addrs+=("$addr") gws+=("$gw") tables+=("$t")
    ip -4 route show table "$t" 2>/dev/null | grep -q "^$net dev $nic .*src $addr" ||
        ops+=("ip route replace $net dev $nic src $addr table $t")
    ip -4 route show table "$t" 2>/dev/null | grep -q "^default via $gw dev $nic" ||
        ops+=("ip route replace default via $gw dev $nic table $t")
    ip -4 rule show | grep -q "^$t:[[:space:]]*from $addr lookup $t" ||
        ops+=("ip rule add priority $t from $addr lookup $t")
    if [[ $nic != "$primary" ]] && ip -4 route show table main default dev "$nic" | grep -q .; then
        ops+=("ip route del default dev $nic table main")
    fi
done

applied=0
if [[ $cmd == apply ]]; then
    for op in "${ops[@]}"; do
        # shellcheck disable=SC2086
        $op && applied=$((applied + 1))
    done
    ((${#ops[@]} == 0)) || ip route flush cache
fi

q() { printf '"%s"' "$1"; }
ifaces=() allok=1
for i in "${!names[@]}"; do
    ok=false ms=0
    if [[ $cmd == apply ]]; then
        if ping -n -q -c1 -W1 -I "${addrs[i]}" 192.0.2.1 >/dev/null 2>&1; then ok=true; else allok=0; fi
    fi
    isprimary=false; [[ ${names[i]} == "$primary" ]] && isprimary=true
    ifaces+=("{\"name\":$(q "${names[i]}"),\"address\":$(q "${addrs[i]}"),\"prefixLength\":24,\"gateway\":$(q "${gws[i]}"),\"table\":${tables[i]},\"priority\":${tables[i]},\"primary\":$isprimary,\"floatingIp\":null,\"leaseSource\":$(q "dhclient:$dir/dhclient.${names[i]}.leases"),\"verified\":$ok,\"checks\":[{\"name\":\"egress\",\"target\":\"192.0.2.1\",\"passed\":$ok,\"detail\":\"ping -I ${addrs[i]}\",\"milliseconds\":$ms}]}")
done
opsj=() ; for op in "${ops[@]}"; do opsj+=("$(q "$op")"); done
rc=0; [[ $cmd == apply && $allok == 0 ]] && rc=1
if ((json)); then
    (IFS=,; printf '{"command":"%s","exitCode":%d,"summary":"fake","primary":"%s","interfaces":[%s],"operations":[%s],"applied":%d,"diagnostics":[]}\n' \
        "$cmd" "$rc" "$primary" "${ifaces[*]}" "${opsj[*]}" "$applied")
else
    echo "$cmd: primary $primary, ${#ops[@]} operation(s), applied $applied"; printf '  %s\n' "${ops[@]}"
fi
exit $rc
