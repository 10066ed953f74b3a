#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# third-party-notices.sh OUT [--libraries DIR] ENTRY...
# Writes OUT, the third-party notices a Ferry package ships: for each piece
# of software built into Ferry or shipped beside it, the copyright file of
# the Debian package it comes from (Ferry's dependencies are Debian's, and
# the Windows Qt and OpenSSL are built from Debian's source packages), then
# once each the licence texts those files name under common-licenses.
# ENTRY is NAME=PACKAGE, or NAME=PACKAGE:LICENSE to keep only the package's
# standalone "License: LICENSE" paragraph (Boost's copyright file alone is
# 2 MB); PACKAGE may be a path, standing for the package that holds it (a
# header, so no version is written here). --libraries DIR adds the package
# of every shared library in DIR (the AppImage's bundled ones). Packages
# whose copyright files are the same appear once.
set -euo pipefail

usage() {
  echo "usage: third-party-notices.sh OUT [--libraries DIR] NAME=PACKAGE[:LICENSE]..." >&2
  exit 2
}
# The Debian package that installed PATH (a path, or a file name anywhere).
package_of() {
  local owner
  owner=$(dpkg -S "$1" 2>/dev/null | head -n 1 | cut -d: -f1) || true
  [[ -n $owner ]] || {
    echo "third-party-notices: no Debian package holds $1" >&2
    exit 1
  }
  echo "$owner"
}

(($# >= 2)) || usage
out=$1
shift
entries=()
while (($#)); do
  case $1 in
    --libraries)
      (($# >= 2)) || usage
      while IFS= read -r library; do
        entries+=("$(basename "$library")=$(package_of "$(basename "$library")")")
      done < <(find "$2" -maxdepth 1 -name '*.so*' -type f | LC_ALL=C sort)
      shift 2
      ;;
    *=*)
      entries+=("$1")
      shift
      ;;
    *) usage ;;
  esac
done

copyright_of() { echo "/usr/share/doc/$1/copyright"; }

# The standalone licence paragraph of a machine-readable copyright file: the
# one that starts with its License line (in a Files paragraph it comes last).
license_paragraph() {
  awk -v name="$2" '
    keep && /^$/ { exit }
    previous == "" && $0 == "License: " name { keep = 1 }
    keep { print }
    { previous = $0 }' "$1"
}

declare -A done_files=()
declare -A licenses=()
{
  echo "Third-party software in Ferry"
  echo "============================="
  echo
  echo "Ferry is licensed under the Apache License, Version 2.0 (see LICENSE)."
  echo "It is built with, or ships, the software below. Each section is the"
  echo "copyright file of the Debian package it comes from."
  for entry in "${entries[@]}"; do
    name=${entry%%=*}
    spec=${entry#*=}
    package=${spec%%:*}
    [[ $package != /* ]] || package=$(package_of "$package")
    file=$(copyright_of "$package")
    [[ -f $file ]] || {
      echo "third-party-notices: $file is missing (is $package installed?)" >&2
      exit 1
    }
    same=$(md5sum <"$file" | cut -d' ' -f1)
    [[ -z ${done_files[$same]:-} ]] || continue
    done_files[$same]=1
    version=$(dpkg-query -W -f '${Version}' "$package" 2>/dev/null || echo unknown)
    echo
    echo "----------------------------------------------------------------------"
    echo "$name (Debian package $package $version)"
    echo "----------------------------------------------------------------------"
    if [[ $spec == *:* ]]; then
      text=$(license_paragraph "$file" "${spec#*:}")
      [[ -n $text ]] || {
        echo "third-party-notices: $file has no paragraph License: ${spec#*:}" >&2
        exit 1
      }
      echo "$text"
    else
      text=$(cat "$file")
      echo "$text"
    fi
    while IFS= read -r named; do
      licenses[${named%.}]=1
    done < <(grep -o '/usr/share/common-licenses/[A-Za-z0-9.-]*[A-Za-z0-9]' <<<"$text" | sort -u)
  done
  for license in $(printf '%s\n' "${!licenses[@]}" | LC_ALL=C sort); do
    [[ -f $license ]] || continue
    echo
    echo "----------------------------------------------------------------------"
    echo "$license"
    echo "----------------------------------------------------------------------"
    cat "$license"
  done
} >"$out"
