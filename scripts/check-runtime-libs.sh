#!/usr/bin/env bash
# Builds the release binary exactly as the Dockerfile does and checks that the shared libraries
# it needs are exactly what the Dockerfile's runtime stage provides: every needed library comes
# from a package the runtime stage installs or from the debian:bookworm-slim base, and every
# library package the runtime stage installs is needed. No Docker engine required; the mapping
# from .so to package uses this machine's dpkg, so run it on Debian bookworm (the runtime base).
#
#   scripts/check-runtime-libs.sh            # build, then check
#   SKIP_BUILD=1 scripts/check-runtime-libs.sh
#   SCRATCH_PATH=.build-release scripts/check-runtime-libs.sh
set -euo pipefail
cd "$(dirname "$0")/.."

scratch="${SCRATCH_PATH:-.build}"
# Packages of Priority "required" that debian:bookworm-slim already holds (the runtime libraries
# among them: glibc, libgcc, libstdc++ via apt, zlib, and the compressors dpkg links).
base_packages="libc6 libgcc-s1 libstdc++6 zlib1g libzstd1 liblzma5 libbz2-1.0 libselinux1 libpcre2-8-0 libacl1 libattr1 libcrypt1 libgmp10 libmd0 libtinfo6 libudev1 libsystemd0 liblz4-1 libgcrypt20 libgpg-error0 libcap2 libaudit1 libcap-ng0 libpam0g libsemanage2 libsepol2 libsmartcols1 libblkid1 libmount1 libuuid1 libdb5.3 libxxhash0 libhogweed6 libnettle8 libffi8 libseccomp2 libtasn1-6 libunistring2 libidn2-0 libp11-kit0 libgnutls30 libdebconfclient0"

if [[ -z "${SKIP_BUILD:-}" ]]; then
    echo "== swift build -c release --static-swift-stdlib --product zhibiao (scratch: $scratch)"
    swift build -c release --static-swift-stdlib --product zhibiao --scratch-path "$scratch"
fi
binary="$scratch/release/zhibiao"
[[ -x "$binary" ]] || { echo "FAIL: no binary at $binary"; exit 1; }

# The apt-get install list of the last FROM stage, minus options and the image's own tools.
runtime_packages=$(awk '/^FROM /{stage=""} {stage = stage $0 "\n"} END{printf "%s", stage}' Dockerfile \
    | tr '\\' ' ' | tr '\n' ' ' | grep -o 'apt-get install[^&]*' | head -1 \
    | tr ' ' '\n' | grep -v -e '^-' -e '^$' -e '^apt-get$' -e '^install$' | sort -u)
runtime_libs=$(printf '%s\n' $runtime_packages | grep '^lib' || true)
echo "== runtime stage installs: $(echo $runtime_packages)"

needed=""
missing_so=""
while read -r line; do
    so=$(awk '{print $1}' <<<"$line")
    path=$(awk '$2=="=>"{print $3}' <<<"$line")
    case "$so" in linux-vdso.so*|linux-gate.so*) continue ;; esac
    [[ -z "$path" ]] && path="$so"                      # the dynamic loader line: an absolute path
    [[ "$path" == "not" ]] && { missing_so+=" $so"; continue; }
    pkg=$(dpkg -S "$path" 2>/dev/null || dpkg -S "$(readlink -f "$path")" 2>/dev/null || true)
    pkg=${pkg%%:*}
    [[ -z "$pkg" ]] && { echo "?? $so ($path) belongs to no package"; missing_so+=" $so"; continue; }
    printf '   %-28s %s\n' "$so" "$pkg"
    needed+="$pkg"$'\n'
done < <(ldd "$binary" | sed 's/^[[:space:]]*//')
needed=$(printf '%s' "$needed" | sort -u)

status=0
[[ -n "$missing_so" ]] && { echo "FAIL: unresolved libraries:$missing_so"; status=1; }
for pkg in $needed; do
    if ! grep -qx "$pkg" <<<"$runtime_packages" && ! grep -qw "$pkg" <<<"$base_packages"; then
        echo "FAIL: the binary needs $pkg, which the runtime stage does not install"
        status=1
    fi
done
for pkg in $runtime_libs; do
    if ! grep -qx "$pkg" <<<"$needed"; then
        echo "FAIL: the runtime stage installs $pkg, which the binary does not need"
        status=1
    fi
done
if [[ $status -eq 0 ]]; then
    echo "PASS: the runtime stage provides exactly the libraries $binary needs ($(echo $needed))"
fi
exit $status
