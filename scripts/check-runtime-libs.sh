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

# Package of a shared object path (the path itself or what a symlink points to).
package_of() {
    local pkg
    pkg=$(dpkg -S "$1" 2>/dev/null || dpkg -S "$(readlink -f "$1")" 2>/dev/null || true)
    pkg=${pkg%%:*}
    echo "${pkg%%,*}"
}

# Every library the loader resolves (ldd: direct and transitive), name → path.
declare -A path_of
unresolved=""
while read -r so arrow path _; do
    case "$so" in linux-vdso.so*|linux-gate.so*|"") continue ;; esac
    if [[ "$arrow" == "=>" ]]; then
        [[ "$path" == "not" ]] && { unresolved+=" $so"; continue; }
        path_of[$so]=$path
    else
        path_of[$(basename "$so")]=$so                  # the dynamic loader: an absolute path
    fi
done < <(ldd "$binary" | sed 's/^[[:space:]]*//')

# What the binary itself asks for (DT_NEEDED): these packages must be installed explicitly.
direct=""
echo "== libraries the binary links directly"
for so in $(readelf -d "$binary" | awk '/\(NEEDED\)/{gsub(/[\[\]]/, "", $5); print $5}'); do
    path=${path_of[$so]:-}
    [[ -z "$path" ]] && { unresolved+=" $so"; continue; }
    pkg=$(package_of "$path")
    [[ -z "$pkg" ]] && { unresolved+=" $so(no package)"; continue; }
    printf '   %-24s %s\n' "$so" "$pkg"
    direct+="$pkg"$'\n'
done
direct=$(printf '%s' "$direct" | sort -u)

# What apt brings with the runtime packages: their Depends/Pre-Depends, recursively (read from
# this machine's dpkg database, which is why it must be bookworm with those packages installed).
closure=""
queue=$(echo $runtime_packages)
while [[ -n "$queue" ]]; do
    next=""
    for pkg in $queue; do
        grep -qx "$pkg" <<<"$closure" && continue
        closure+="$pkg"$'\n'
        deps=$(dpkg-query -W -f='${Pre-Depends}, ${Depends}' "$pkg" 2>/dev/null \
            | tr ',' '\n' | sed 's/|.*//; s/(.*)//; s/:any//; s/[[:space:]]//g' | grep -v '^$' || true)
        next+=" $deps"
    done
    queue=$next
done

status=0
[[ -n "$unresolved" ]] && { echo "FAIL: unresolved libraries:$unresolved"; status=1; }
for pkg in $direct; do
    if ! grep -qx "$pkg" <<<"$runtime_packages" && ! grep -qw -- "$pkg" <<<"$base_packages"; then
        echo "FAIL: the binary links a library of $pkg, which the runtime stage does not install"
        status=1
    fi
done
for so in "${!path_of[@]}"; do
    pkg=$(package_of "${path_of[$so]}")
    if [[ -z "$pkg" ]] || { ! grep -qx -- "$pkg" <<<"$closure" && ! grep -qw -- "$pkg" <<<"$base_packages"; }; then
        echo "FAIL: $so (${pkg:-no package}) is needed at run time but neither installed, a dependency of what is, nor in the base image"
        status=1
    fi
done
for pkg in $runtime_libs; do
    if ! grep -qx "$pkg" <<<"$direct"; then
        echo "FAIL: the runtime stage installs $pkg, which the binary does not link"
        status=1
    fi
done
if [[ $status -eq 0 ]]; then
    echo "PASS: the runtime stage installs exactly the libraries $binary links ($(echo $direct | tr ' ' ',')), and every"
    echo "      transitive one (${#path_of[@]} in all) comes with them or with debian:bookworm-slim"
fi
exit $status
