# The Windows build under Wine (sourced by lib.sh when FERRY_GUI_WINE_RUN, the
# build's wine-run.sh, is set): each Ferry gets a Wine prefix of its own (its
# registry holds its settings, its AppData its identity and history) and
# shows real Windows-build windows on the same X display, which openbox
# manages and xdotool drives as on Linux.

make_instance() {
  local name=$1 dir=$work/$1
  mkdir -p "$dir/received"
  export WINEPREFIX=$dir/wine
  timeout -k 5 240 wine wineboot --init >"$dir/wineboot.log" 2>&1 || fail "wineboot for $name"
  local key='HKCU\Software\Ferry\Ferry'
  reg_set "$key\\device" name "$name"
  reg_set "$key\\network" port 0
  reg_set "$key\\network" address 127.0.0.1
  reg_set "$key\\network" discovery false
  reg_set "$key\\receive" folder "$(app_path "$dir/received")"
  reg_set "$key\\receive" offerTimeout "${FERRY_OFFER_TIMEOUT:-120}"
  unset WINEPREFIX
}
reg_set() { timeout -k 5 60 wine reg add "$1" /v "$2" /t REG_SZ /d "$3" /f >/dev/null 2>&1 || fail "reg add $1 $2"; }

instance_env() { echo WINEPREFIX="$work/$1/wine" WINEQT_QPA_PLATFORM=windows; }

run_ferry() {
  local name=$1
  shift
  # shellcheck disable=SC2046
  env $(instance_env "$name") "$FERRY_GUI_WINE_RUN" "$FERRY_GUI" "$@" >>"$work/$name/app.log" 2>&1 &
  last_ferry_pid=$!
}

# Wine sees the Linux file system as drive Z:.
app_path() { echo "Z:${1//\//\\}"; }
appdata() { echo "$work/$1/wine/drive_c/users/$(id -un)/AppData/Roaming"; }
history_file() { echo "$(appdata "$1")/Ferry/Ferry/history.json"; }
identity_file() { echo "$(appdata "$1")/Ferry/identity.pem"; }
