# SPDX-License-Identifier: Apache-2.0
# shellcheck shell=bash
# Debian's own source packages, for the scripts that cross-build a dependency
# from them (build-qt-mingw.sh, build-openssl-mingw.sh). Sourced; needs
# dpkg-dev (dpkg-source).
#
#   debian_source_setup WORK            once: the private deb-src list, apt-get update
#   debian_source_versions PACKAGE      the versions the archive has, newest first
#   debian_source_fetch PACKAGE VERSION DEST
#                                       downloads PACKAGE=VERSION and unpacks it,
#                                       Debian's patches applied, into DEST (new)
#
# The deb-src list is derived from this machine's own apt sources and lives in
# WORK (a scratch folder the caller removes); apt uses it only through -o
# options, so the system's apt configuration is left untouched.

debian_source_setup() {
  debian_source_work=$1
  local apt_dir=$1/apt sources
  mkdir -p "$apt_dir/sources.list.d" "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial"
  for sources in /etc/apt/sources.list.d/*.sources; do
    [[ -f $sources ]] || continue
    sed -E 's/^Types:.*/Types: deb-src/' "$sources" >"$apt_dir/sources.list.d/$(basename "$sources")"
  done
  if [[ -f /etc/apt/sources.list ]]; then
    sed -nE 's/^deb[[:space:]]/deb-src /p' /etc/apt/sources.list >"$apt_dir/sources.list.d/from-sources-list.list"
  fi
  debian_apt_options=(
    -o "Dir::Etc::SourceList=$apt_dir/none.list"
    -o "Dir::Etc::SourceParts=$apt_dir/sources.list.d"
    -o "Dir::State::Lists=$apt_dir/lists"
    -o "Dir::Cache=$apt_dir/cache"
  )
  if ((EUID == 0)); then  # apt would download as the user _apt, who cannot write into WORK
    debian_apt_options+=(-o APT::Sandbox::User=root)
  fi
  apt-get "${debian_apt_options[@]}" update
}

debian_source_versions() {
  apt-cache "${debian_apt_options[@]}" showsrc "$1" | sed -n 's/^Version: //p' | sort -urV
}

# Fails (status 1, DEST absent) when the archive does not have that version.
debian_source_fetch() {
  local package=$1 version=$2 dest=$3 download
  download=$(mktemp -d "$debian_source_work/download.XXXXXX")
  echo "debian-source: fetching $package $version sources"
  (cd "$download" && apt-get "${debian_apt_options[@]}" source --download-only "$package=$version") ||
    return 1
  local dsc=("$download"/*.dsc)
  dpkg-source -x "${dsc[0]}" "$dest" || { rm -rf "$dest"; return 1; }
}
