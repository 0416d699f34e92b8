#!/usr/bin/env bash
# The Debian package from the package tree build/build.sh made with
# `bootroute install --root TREE --prefix /usr` (plus the man page and docs), the same tree as the RPM:
#   build/deb.sh TREE VERSION DEB_ARCH COMMIT OUT   ->  OUT/bootroute_VERSION_DEB_ARCH.deb
# Needs dpkg-deb. TREE is used as it is (DEBIAN/ is added to it).
set -euo pipefail
[[ $# -eq 5 ]] || { echo "usage: build/deb.sh TREE VERSION DEB_ARCH COMMIT OUT" >&2; exit 2; }
pkg=$1 version=$2 arch=$3 commit=$4 OUT=$5

mkdir -p "$pkg/DEBIAN"
# Every file under /etc that an administrator may edit is a conffile (kept on upgrade, removed on
# purge). Not the iproute2 names (apply rewrites them: generated, never edited) nor the unit's
# enablement link (dpkg takes only regular files as conffiles).
(cd "$pkg" && find etc -type f ! -path 'etc/iproute2/*' | sed 's|^|/|' | sort) >"$pkg/DEBIAN/conffiles"
installed_size=$(du -sk --exclude=DEBIAN "$pkg" | cut -f1)
cat >"$pkg/DEBIAN/control" <<CONTROL
Package: bootroute
Version: $version
Architecture: $arch
Maintainer: BootRoute maintainers <bootroute@localhost>
Installed-Size: $installed_size
Depends: libc6 (>= 2.27), libssl3 | libssl1.1
Suggests: isc-dhcp-client | dhcpcd-base | network-manager | networkd-dispatcher
Section: net
Priority: optional
Homepage: https://localhost/bootroute
Description: source-based policy routing for multihomed cloud instances
 One routing table per NIC (its connected route and a default via its own
 gateway), a rule per address, one main default route on the primary NIC, then
 proof that each NIC answers. Runs at boot (bootroute.service) and whenever a
 DHCP lease changes (dhclient, dhcpcd, NetworkManager, networkd-dispatcher
 hooks). Commit: $commit.
CONTROL
# The scripts honour DPKG_ROOT (dpkg --root … --force-script-chrootless, as CI installs into a
# scratch root) and never touch the running network: no start, no stop, no `bootroute remove`.
cat >"$pkg/DEBIAN/postinst" <<'POSTINST'
#!/bin/sh
set -e
# A new or changed unit file: let a running systemd see it. The units are enabled by the package's
# multi-user.target.wants links (bootroute.service, bootroute-lease.path) and run at the next boot
# (or `systemctl start bootroute bootroute-lease.path`).
if [ "$1" = configure ] && [ -z "${DPKG_ROOT:-}" ] && [ -d /run/systemd/system ]; then
    systemctl daemon-reload >/dev/null 2>&1 || true
fi
exit 0
POSTINST
cat >"$pkg/DEBIAN/postrm" <<'POSTRM'
#!/bin/sh
set -e
if [ "$1" = purge ]; then
    # What BootRoute itself wrote besides the package's files: drop-ins left empty, run-time state.
    rmdir "${DPKG_ROOT:-}/etc/bootroute/conf.d" 2>/dev/null || true
    rmdir "${DPKG_ROOT:-}/etc/bootroute" 2>/dev/null || true
    if [ -z "${DPKG_ROOT:-}" ]; then rm -rf /run/bootroute; fi
fi
if [ -z "${DPKG_ROOT:-}" ] && [ -d /run/systemd/system ]; then
    systemctl daemon-reload >/dev/null 2>&1 || true
fi
exit 0
POSTRM
chmod 0755 "$pkg/DEBIAN/postinst" "$pkg/DEBIAN/postrm"

deb=$OUT/bootroute_${version}_${arch}.deb
rm -f "$OUT"/bootroute_*_"$arch".deb
dpkg-deb --root-owner-group -Zxz --build "$pkg" "$deb" >/dev/null
echo "== $deb"
dpkg-deb --info "$deb" | sed -n 's/^ \(Package\|Version\|Architecture\|Installed-Size\):/  \1:/p'

