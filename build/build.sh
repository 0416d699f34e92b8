#!/usr/bin/env bash
# Builds what BootRoute ships, the same way everywhere (tests/test.sh and the Dockerfile call it),
# for x64 and arm64 (BOOTROUTE_ARCHES="x64 arm64" by default; "x64" alone builds only that):
#   OUT/bootroute                          the x64 NativeAOT binary (trim/AOT warnings are errors)
#   OUT/arm64/bootroute                    the arm64 one, cross-compiled on x64 (clang --target, the
#                                          cross libc of crossbuild-essential-arm64, the SDK's arm64
#                                          ILCompiler pack from NuGet)
#   OUT/bootroute_<version>_<arch>.deb     the Debian packages (build/deb.sh), amd64 and arm64: the files
#                                          `bootroute install --prefix /usr` places, a man page made from
#                                          --help, docs
#   OUT/bootroute-<version>-1.<arch>.rpm   the RPMs (build/rpm.sh), x86_64 and aarch64: the same tree
# Usage: build/build.sh [OUT]  (default out/). Needs the .NET 10 SDK, clang/zlib for NativeAOT,
# crossbuild-essential-arm64 for arm64, dpkg-deb, help2man and rpmbuild. The commit in --version comes
# from git, else from $BOOTROUTE_COMMIT (a build from a tarball without either says "commit unknown").
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=$(mkdir -p "${1:-out}" && cd "${1:-out}" && pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
read -r -a arches <<<"${BOOTROUTE_ARCHES:-x64 arm64}"

tools=(dotnet dpkg-deb help2man gzip rpmbuild)
[[ " ${arches[*]} " == *" arm64 "* ]] && tools+=(aarch64-linux-gnu-ld.bfd)
for tool in "${tools[@]}"; do
    command -v "$tool" >/dev/null 2>&1 || { echo "build.sh: $tool is missing (apt-get install dpkg-dev help2man rpm crossbuild-essential-arm64; the .NET 10 SDK for dotnet)" >&2; exit 2; }
done
for arch in "${arches[@]}"; do
    [[ $arch == x64 || $arch == arm64 ]] || { echo "build.sh: BOOTROUTE_ARCHES: $arch is neither x64 nor arm64" >&2; exit 2; }
done
[[ " ${arches[*]} " == *" x64 "* ]] || { echo "build.sh: BOOTROUTE_ARCHES must include x64 (its binary makes the package tree and the man page)" >&2; exit 2; }

commit=${BOOTROUTE_COMMIT:-}
if [[ -z $commit ]] && git rev-parse --git-dir >/dev/null 2>&1; then commit=$(git rev-parse HEAD); fi
revision=()
[[ -n $commit ]] && revision=("-p:SourceRevisionId=$commit")

# ARCH DIR: publish the agent for linux-ARCH into DIR. For arm64 the ILCompiler's targets see the
# cross build and pass clang --target=aarch64-linux-gnu, which finds Debian's cross libc by itself.
publish() {
    local started=$SECONDS
    echo "== publish the NativeAOT agent for linux-$1 (trim/AOT warnings are errors)"
    dotnet publish src/BootRoute -c Release -r "linux-$1" -o "$2" --nologo -v quiet "${revision[@]}"
    rm -f "$2/bootroute.dbg"
    echo "   linux-$1: $(stat -c %s "$2/bootroute") bytes in $((SECONDS - started)) s"
}
publish x64 "$OUT"
"$OUT/bootroute" --version
[[ " ${arches[*]} " == *" arm64 "* ]] && publish arm64 "$OUT/arm64"

version=$("$OUT/bootroute" --version | sed -n 's/^bootroute \([0-9][^ ]*\) .*/\1/p')
[[ -n $version ]] || { echo "build.sh: cannot read the version from bootroute --version" >&2; exit 1; }
stage=$(mktemp -d "${TMPDIR:-/tmp}/bootroute-pkg.XXXXXX")
trap 'rm -rf "$stage"' EXIT
pkg=$stage/tree

echo "== package tree: bootroute install --root … --prefix /usr"
mkdir -p "$pkg"
"$OUT/bootroute" install --root "$pkg" --prefix /usr >/dev/null
# The install record is for `bootroute uninstall`; dpkg and rpm keep their own.
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

# One copy of the tree per architecture: the same files, that architecture's binary. Nothing in the
# tree but the binary depends on the architecture (install renders text only).
for arch in "${arches[@]}"; do
    case $arch in
        x64) binary=$OUT/bootroute deb_arch=amd64 rpm_arch=x86_64 ;;
        arm64) binary=$OUT/arm64/bootroute deb_arch=arm64 rpm_arch=aarch64 ;;
    esac
    tree=$stage/$arch
    cp -a "$pkg" "$tree"
    cp "$binary" "$tree/usr/sbin/bootroute"
    echo "== $arch: the .deb and the .rpm from the same tree"
    build/rpm.sh "$tree" "$version" "$rpm_arch" "${commit:-unknown}" "$OUT"
    build/deb.sh "$tree" "$version" "$deb_arch" "${commit:-unknown}" "$OUT"
done
