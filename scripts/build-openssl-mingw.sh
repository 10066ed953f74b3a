#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds OpenSSL's static libraries for Windows (mingw-w64) from Debian's own
# openssl source package, the version of the host's libssl-dev, and installs
# them (headers, libssl.a, libcrypto.a) into a cache folder outside the repo.
# Does nothing when that install exists for the same version and options.
#   scripts/build-openssl-mingw.sh       (prefix printed at the end)
# The prefix is $FERRY_OPENSSL_MINGW_DIR, default
# ${XDG_CACHE_HOME:-$HOME/.cache}/ferry/openssl-mingw-3.0, the same default
# cmake/ferry-windows.cmake uses.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
series=3.0  # Debian 12's OpenSSL
prefix=$(realpath -m "${FERRY_OPENSSL_MINGW_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ferry/openssl-mingw-$series}")

# Static libraries only; just the libraries and headers are built and
# installed (make build_libs, install_dev: no programs, tests, engines,
# modules or manuals). 3.0 knows neither no-apps nor no-docs.
# The prefix is compiled into the libraries, which read openssl.cnf from its
# ssl folder and load engines and modules from under it: OpenSSL's own
# Windows prefix, writable by administrators only, not the install folder
# below (on Windows a Linux path names a folder of the current drive that any
# user may create: CVE-2019-1552). It is installed with INSTALLTOP instead.
openssl_options=(
  mingw64 --cross-compile-prefix=x86_64-w64-mingw32-
  no-shared no-tests "--prefix=C:/Program Files/OpenSSL" --libdir=lib
)
host_version=$(dpkg-query -W -f='${Version}' libssl-dev)
[[ $host_version == "$series".* ]] ||
  { echo "build-openssl-mingw: host libssl-dev is $host_version, expected $series.x" >&2; exit 1; }

# The install records the libssl-dev version and the options it was built
# for; another version or other options rebuild it.
stamp_name=ferry-openssl-options.txt
stamp=$(printf '%s\n' "libssl-dev $host_version" "${openssl_options[@]}")
if [[ -f $prefix/lib/libssl.a && -f $prefix/$stamp_name && $(cat "$prefix/$stamp_name") == "$stamp" ]]; then
  echo "build-openssl-mingw: OpenSSL for mingw is installed in $prefix"
  exit 0
fi
# The same build, prebuilt in the project's shared folder, when its stamp matches.
source "$repo/scripts/lib/shared-cache.sh"
if shared_cache_install openssl-mingw.tar.xz "openssl-mingw-$series" "$stamp_name" "$stamp" "$prefix"; then
  exit 0
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/ferry-openssl-mingw.XXXXXX")
trap 'rm -rf "$work"' EXIT

# The source of the host's libssl-dev; once a security update has replaced it
# in the archive (the host not upgraded yet), the newest $series source the
# archive can deliver.
source "$repo/scripts/lib/debian-source.sh"
debian_source_setup "$work"
source_dir=$work/openssl
source_version=
for version in "$host_version" $(debian_source_versions openssl | grep -F -x -v "$host_version" |
                                 grep "^$series\." || true); do
  if debian_source_fetch openssl "$version" "$source_dir"; then
    source_version=$version
    break
  fi
done
[[ -n $source_version ]] || { echo "build-openssl-mingw: no openssl $series source in the archive" >&2; exit 1; }
if [[ $source_version != "$host_version" ]]; then
  echo "build-openssl-mingw: warning: building openssl $source_version: the archive no longer has" \
       "the host's libssl-dev $host_version (apt-get install --only-upgrade libssl-dev aligns them)" >&2
fi

echo "build-openssl-mingw: building in $source_dir"
cd "$source_dir"
unset CC CFLAGS CPPFLAGS LDFLAGS  # Configure would take them from the environment
./Configure "${openssl_options[@]}"
nice -n 10 make -j"$(nproc)" build_libs
make install_dev INSTALLTOP="$work/stage" >/dev/null
rmdir "$work/stage/bin"  # for DLLs, of which there are none

# Installed under a temporary name first, so a half-finished install is
# never mistaken for a complete one.
mkdir -p "$(dirname "$prefix")"
rm -rf "$prefix.partial"
mv "$work/stage" "$prefix.partial"
printf '%s\n' "$stamp" >"$prefix.partial/$stamp_name"
echo "openssl $source_version" >"$prefix.partial/ferry-openssl-source.txt"
rm -rf "$prefix"
mv "$prefix.partial" "$prefix"
echo "build-openssl-mingw: OpenSSL $source_version for mingw is installed in $prefix"
