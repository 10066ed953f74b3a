#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# bundle-libraries.sh APPDIR QT_PLUGINS_DIR
# Makes the AppDir's programs (usr/bin) run without the host's Qt: copies the
# Qt plugins Ferry uses into usr/plugins, then every shared library that the
# programs and those plugins need, directly or through each other, into
# usr/lib (found with objdump and ldd, minus excluded-libraries.txt), points
# their run paths at the copies with patchelf, and writes usr/bin/qt.conf.
set -euo pipefail

appdir=$(readlink -f "$1")
qt_plugins=$2
here=$(dirname "$(readlink -f "$0")")
lib_dir=$appdir/usr/lib
plugin_dir=$appdir/usr/plugins

# Plugin globs below QT_PLUGINS_DIR. Required: without them the GUI cannot
# start (X11, and offscreen for headless use). Optional: shipped when the Qt
# that Ferry was built with has them (Wayland comes with qt6-wayland).
required_plugins=(platforms/libqxcb.so platforms/libqoffscreen.so)
optional_plugins=(
  'platforms/libqwayland-*.so'
  'wayland-shell-integration/*.so'
  'wayland-decoration-client/*.so'
  'wayland-graphics-integration-client/*.so'
  platforminputcontexts/libcomposeplatforminputcontextplugin.so
  'imageformats/*.so'
  'iconengines/*.so')

copy_plugins() {
  local pattern file found
  for pattern in "${required_plugins[@]}"; do
    [[ -e $qt_plugins/$pattern ]] || {
      echo "bundle-libraries: Qt plugin $qt_plugins/$pattern is missing" >&2
      exit 1
    }
  done
  for pattern in "${required_plugins[@]}" "${optional_plugins[@]}"; do
    found=0
    for file in $qt_plugins/$pattern; do  # unquoted: the glob expands here
      [[ -e $file ]] || continue
      mkdir -p "$plugin_dir/$(dirname "$pattern")"
      cp -L "$file" "$plugin_dir/$(dirname "$pattern")/"
      found=1
    done
    ((found)) || echo "bundle-libraries: no $pattern in $qt_plugins, not shipped"
  done
}

# shellcheck source=excluded-libraries.sh
source "$here/excluded-libraries.sh"

# Where the host keeps each library, from ldd, which lists an ELF file's whole
# closure: so ldd runs about once per program or plugin, not per library.
declare -A host_path=()
learn_paths() {  # learn_paths ELF
  local soname path
  while read -r soname _ path _; do
    if [[ $path == /* ]]; then host_path[$soname]=$path; fi
  done < <(ldd "$1" | grep ' => ')
}

# Breadth-first over DT_NEEDED: an excluded library is not followed, so what
# only it needs (e.g. freetype's libpng) is the host's business too.
declare -A shipped=()
bundle_closure() {
  local queue=("$@") elf soname path
  while ((${#queue[@]})); do
    elf=${queue[0]}
    queue=("${queue[@]:1}")
    while read -r soname; do
      if is_host_library "$soname" || [[ -n ${shipped[$soname]-} ]]; then continue; fi
      [[ -n ${host_path[$soname]-} ]] || learn_paths "$elf"
      path=${host_path[$soname]-}
      if [[ -z $path ]]; then
        echo "bundle-libraries: $elf needs $soname, which ldd cannot find" >&2
        exit 1
      fi
      cp -L "$path" "$lib_dir/$soname"
      chmod u+w "$lib_dir/$soname"
      shipped[$soname]=$path
      queue+=("$lib_dir/$soname")
    done < <(objdump -p "$elf" | awk '$1 == "NEEDED" { print $2 }')
  done
}

# shellcheck disable=SC2016  # $ORIGIN is for the dynamic loader, not the shell
set_run_paths() {
  local file
  for file in "${programs[@]}"; do
    patchelf --set-rpath '$ORIGIN/../lib' "$file"
  done
  for file in "$lib_dir"/*; do
    patchelf --set-rpath '$ORIGIN' "$file"
  done
  for file in "$plugin_dir"/*/*.so; do
    patchelf --set-rpath '$ORIGIN/../../lib' "$file"
  done
}

is_elf() { [[ -f $1 && $(head -c 4 "$1") == $'\x7fELF' ]]; }

mkdir -p "$lib_dir"
copy_plugins
programs=()
for file in "$appdir"/usr/bin/*; do
  if is_elf "$file"; then programs+=("$file"); fi
done
bundle_closure "${programs[@]}" "$plugin_dir"/*/*.so
set_run_paths
# Qt finds its plugins relative to the program, not at the build machine's path.
printf '[Paths]\nPrefix = ..\nPlugins = plugins\nLibraries = lib\n' >"$appdir/usr/bin/qt.conf"
echo "bundle-libraries: ${#shipped[@]} libraries, $(find "$plugin_dir" -name '*.so' | wc -l) plugins"
for soname in $(printf '%s\n' "${!shipped[@]}" | sort); do
  echo "  $soname <- ${shipped[$soname]}"
done
