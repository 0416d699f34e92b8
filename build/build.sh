#!/usr/bin/env bash
# Builds what BootRoute ships, the same way everywhere (tests/test.sh and the Dockerfile call it):
#   OUT/bootroute                      the NativeAOT binary (trim/AOT warnings are errors)
#   OUT/bootroute_<version>_<arch>.deb the Debian package: the files `bootroute install --prefix /usr`
#                                      places, a man page made from --help, docs
#   OUT/bootroute-<version>-1.<arch>.rpm the RPM (RHEL, Rocky, Alma, Fedora): the same tree (build/rpm.sh)
# Usage: build/build.sh [OUT]  (default out/). Needs the .NET 10 SDK, clang/zlib for NativeAOT,
# dpkg-deb, help2man and rpmbuild. The commit in --version comes from git, else from $BOOTROUTE_COMMIT
# (a build from a tarball without either says "commit unknown").
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=$(mkdir -p "${1:-out}" && cd "${1:-out}" && pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

for tool in dotnet dpkg-deb help2man gzip rpmbuild; do
    command -v "$tool" >/dev/null 2>&1 || { echo "build.sh: $tool is missing (apt-get install dpkg-dev help2man rpm; the .NET 10 SDK for dotnet)" >&2; exit 2; }
done

commit=${BOOTROUTE_COMMIT:-}
if [[ -z $commit ]] && git rev-parse --git-dir >/dev/null 2>&1; then commit=$(git rev-parse HEAD); fi
revision=()
[[ -n $commit ]] && revision=("-p:SourceRevisionId=$commit")

echo "== publish the NativeAOT agent (trim/AOT warnings are errors)"
dotnet publish src/BootRoute -c Release -r linux-x64 -o "$OUT" --nologo -v quiet "${revision[@]}"
rm -f "$OUT/bootroute.dbg"
"$OUT/bootroute" --version

# ---- the Debian package -----------------------------------------------------------------------
version=$("$OUT/bootroute" --version | sed -n 's/^bootroute \([0-9][^ ]*\) .*/\1/p')
[[ -n $version ]] || { echo "build.sh: cannot read the version from bootroute --version" >&2; exit 1; }
arch=amd64
stage=$(mktemp -d "${TMPDIR:-/tmp}/bootroute-deb.XXXXXX")
trap 'rm -rf "$stage"' EXIT
pkg=$stage/bootroute

echo "== package tree: bootroute install --root … --prefix /usr"
mkdir -p "$pkg"
"$OUT/bootroute" install --root "$pkg" --prefix /usr >/dev/null
# The install record is for `bootroute uninstall`; dpkg keeps its own.
rm -rf "$pkg/var"

mkdir -p "$pkg/usr/share/man/man8" "$pkg/usr/share/doc/bootroute"
help2man --section=8 --no-info --no-discard-stderr --name="source-based policy routing for multihomed cloud instances" \
    "$OUT/bootroute" >"$stage/bootroute.8"
grep -q 'Exit codes' "$stage/bootroute.8" || { echo "build.sh: the man page lost --help's exit codes" >&2; exit 1; }
gzip -9n <"$stage/bootroute.8" >"$pkg/usr/share/man/man8/bootroute.8.gz"
cp README.md docs/*.md "$pkg/usr/share/doc/bootroute/"
cp -r cloud-init "$pkg/usr/share/doc/bootroute/cloud-init"
cat >"$pkg/usr/share/doc/bootroute/copyright" <<COPYRIGHT
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: bootroute
Source: the BootRoute repository
COPYRIGHT
find "$pkg/usr/share" -type d -exec chmod 0755 {} + ; find "$pkg/usr/share" -type f -exec chmod 0644 {} +

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
Depends: libc6 (>= 2.27)
Suggests: isc-dhcp-client | dhcpcd-base | network-manager | networkd-dispatcher
Section: net
Priority: optional
Homepage: https://localhost/bootroute
Description: source-based policy routing for multihomed cloud instances
 One routing table per NIC (its connected route and a default via its own
 gateway), a rule per address, one main default route on the primary NIC, then
 proof that each NIC answers. Runs at boot (bootroute.service) and whenever a
 DHCP lease changes (dhclient, dhcpcd, NetworkManager, networkd-dispatcher
 hooks). Commit: ${commit:-unknown}.
CONTROL
# The scripts honour DPKG_ROOT (dpkg --root … --force-script-chrootless, as CI installs into a
# scratch root) and never touch the running network: no start, no stop, no `bootroute remove`.
cat >"$pkg/DEBIAN/postinst" <<'POSTINST'
#!/bin/sh
set -e
# A new or changed unit file: let a running systemd see it. The unit is enabled by the package's
# multi-user.target.wants link and runs at the next boot (or `systemctl start bootroute`).
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
rm -f "$OUT"/bootroute_*.deb
dpkg-deb --root-owner-group -Zxz --build "$pkg" "$deb" >/dev/null
echo "== $deb"
dpkg-deb --info "$deb" | sed -n 's/^ \(Package\|Version\|Architecture\|Installed-Size\):/  \1:/p'

# ---- the RPM ------------------------------------------------------------------------------------
echo "== rpm: the same tree"
rm -rf "$pkg/DEBIAN"
rpm_arch=x86_64
build/rpm.sh "$pkg" "$version" "$rpm_arch" "${commit:-unknown}" "$OUT"
