# SPDX-License-Identifier: Apache-2.0
# shellcheck shell=bash
# The project's shared folder may hold prebuilt Windows dependencies (a
# tarball per dependency, made by the same build script, with that script's
# options stamp inside; see its README). Sourced by build-qt-mingw.sh and
# build-openssl-mingw.sh.
#
#   shared_cache_install TARBALL TOP STAMP_NAME STAMP PREFIX
#       unpacks TARBALL (a file name in the shared cache) whose single top
#       folder is TOP into PREFIX when its checksum is listed and its stamp
#       file TOP/STAMP_NAME holds exactly STAMP; returns 1 (and says why)
#       otherwise, leaving PREFIX as it was.
#
# The shared folder is found at run time: $FERRY_SHARED_DIR, else the folder
# "shared" beside the repository's own folder.

shared_cache_dir() {
  local repo
  repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  echo "${FERRY_SHARED_DIR:-$(dirname "$repo")/shared}/cache"
}

shared_cache_install() {
  local tarball=$1 top=$2 stamp_name=$3 stamp=$4 prefix=$5
  local cache
  cache=$(shared_cache_dir)
  [[ -f $cache/$tarball && -f $cache/SHA256SUMS ]] || return 1
  if ! (cd "$cache" && grep -E "[[:space:]]\*?$tarball\$" SHA256SUMS | sha256sum --check --status); then
    echo "shared-cache: $tarball does not match its checksum: not used" >&2
    return 1
  fi
  mkdir -p "$(dirname "$prefix")"
  local unpack
  unpack=$(mktemp -d "$(dirname "$prefix")/.shared-cache.XXXXXX")
  if ! tar -xJf "$cache/$tarball" -C "$unpack" || [[ ! -f $unpack/$top/$stamp_name ]]; then
    echo "shared-cache: $tarball has no $top/$stamp_name: not used" >&2
    rm -rf "$unpack"
    return 1
  fi
  if [[ $(cat "$unpack/$top/$stamp_name") != "$stamp" ]]; then
    echo "shared-cache: $tarball was built with other options: not used" >&2
    rm -rf "$unpack"
    return 1
  fi
  rm -rf "$prefix"
  mv "$unpack/$top" "$prefix"
  rm -rf "$unpack"
  echo "shared-cache: unpacked $tarball into $prefix"
}
