#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Gives a wixl-built MSI its user interface, which wixl cannot build: the
# dialogs of a full-UI install are written here as rows of the Windows
# Installer's UI tables (Dialog, Control, ControlEvent, ControlCondition,
# EventMapping, TextStyle, UIText, InstallUISequence, Property) and added with
# msibuild (msitools). The flow: a licence page (the licence, RTF made from
# LICENSE, in a scrolling box; Install enabled only once "I accept" is ticked),
# then progress, then a finish page; a cancelled or failed install ends on a
# page that says so, and errors are shown in ErrorDlg. Silent installs (/qn)
# show none of them.
#   msi-ui.sh MSI LICENSE
set -euo pipefail

(($# == 2)) || { echo "usage: msi-ui.sh MSI LICENSE" >&2; exit 2; }
msi=$1
license=$2
tables=$(mktemp -d "${TMPDIR:-/tmp}/ferry-msi-ui.XXXXXX")
trap 'rm -rf "$tables"' EXIT

# Rows go into $tables/NAME.idt (the tables' archive format: column names,
# column types, then the table's name and primary key, then tab-separated rows).
table() {  # table NAME "COLUMNS" "TYPES" "KEYS": starts NAME.idt
  local file=$tables/$1.idt
  printf '%s\r\n' "${2// /$'\t'}" "${3// /$'\t'}" "$1"$'\t'"${4// /$'\t'}" >"$file"
  current=$file
}
row() {  # row FIELD...: a row of the table last started; "" is null
  local IFS=$'\t'
  printf '%s\r\n' "$*" >>"$current"
}

# The licence as RTF, one paragraph per paragraph of LICENSE, its lines
# joined, but for the centred heading's (lines indented by 10 or more).
# RTF's \\ { } are escaped, and [ ] too: the installer would read "[name]" as
# a property. No tab or line break: a row is one line.
license_rtf() {
  awk 'BEGIN { printf "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fswiss Tahoma;}}\\f0\\fs16 " }
    {
      gsub(/\t/, " "); gsub(/\\/, "\\\\\\\\"); gsub(/[{}]/, "\\\\&")
      gsub(/\[/, "\\\\\0475b"); gsub(/\]/, "\\\\\0475d"); sub(/ +$/, "")
      indent = length($0); sub(/^ +/, ""); indent -= length($0)
      if ($0 == "") { if (sep != "") printf "\\par\\par "; sep = ""; next }
      printf "%s%s", sep, $0
      sep = indent >= 10 ? "\\line " : " "
    }
    END { printf "}" }' "$1"
}

# Sizes are in installer units (about a twelfth of a system font's height).
table TextStyle "TextStyle FaceName Size Color StyleBits" "s72 s32 i2 I4 I2" TextStyle
row DlgFont8 Tahoma 8 "" ""
row DlgTitle Tahoma 9 "" 1  # bold

table Dialog "Dialog HCentering VCentering Width Height Attributes Title Control_First Control_Default Control_Cancel" \
  "s72 i2 i2 i2 i2 I4 L128 s50 S50 S50" Dialog
# Attributes: 1 visible, 2 modal; 65536 the error dialog.
row LicenseDlg 50 50 370 270 3 "[ProductName] Setup" LicenseText Install Cancel
row ProgressDlg 50 50 370 270 1 "[ProductName] Setup" ActionText "" ""
row ExitDlg 50 50 370 270 3 "[ProductName] Setup" Finish Finish Finish
row UserExitDlg 50 50 370 270 3 "[ProductName] Setup" Finish Finish Finish
row FatalErrorDlg 50 50 370 270 3 "[ProductName] Setup" Finish Finish Finish
row ErrorDlg 50 50 270 105 65539 "[ProductName] Setup" ErrorText O C

table Control "Dialog_ Control Type X Y Width Height Attributes Property Text Control_Next Help" \
  "s72 s50 s20 i2 i2 i2 i2 I4 S72 L0 S50 L50" "Dialog_ Control"
# Attributes: 1 visible, 2 enabled, 4 sunken; 65536 a transparent text, or a
# progress bar drawn in blocks.
page() {  # page DIALOG TITLE TEXT: a dialog's heading and words under it
  row "$1" Title Text 20 12 330 15 65539 "" "{\\DlgTitle}$2" "" ""
  row "$1" Description Text 20 32 330 40 65539 "" "$3" "" ""
  row "$1" BottomLine Line 0 234 370 0 1 "" "" "" ""
}
page LicenseDlg "Licence agreement" "Ferry is distributed under the Apache License 2.0. Please read it."
row LicenseDlg LicenseText ScrollableText 20 52 330 148 7 "" "$(license_rtf "$license")" LicenseAccepted ""
row LicenseDlg LicenseAccepted CheckBox 20 207 330 15 3 LICENSEACCEPTED \
  "I &accept the terms in the licence agreement" Install ""
row LicenseDlg Install PushButton 236 243 56 17 3 "" "&Install" Cancel ""
row LicenseDlg Cancel PushButton 304 243 56 17 3 "" Cancel LicenseText ""
page ProgressDlg "Installing [ProductName]" "Please wait while [ProductName] [ProductVersion] is installed."
row ProgressDlg ActionText Text 20 80 330 15 3 "" "" ProgressBar ""
row ProgressDlg ProgressBar ProgressBar 20 100 330 12 65537 "" "" ActionText ""
page ExitDlg "[ProductName] is installed" \
  "[ProductName] [ProductVersion] has been installed. Click Finish to close this window."
page UserExitDlg "Setup was cancelled" "[ProductName] was not installed, and nothing was changed."
page FatalErrorDlg "Setup failed" \
  "An error ended the setup before [ProductName] was installed; nothing was changed."
for dialog in ExitDlg UserExitDlg FatalErrorDlg; do
  row "$dialog" Finish PushButton 304 243 56 17 3 "" "&Finish" Finish ""
done
# The installer fills ErrorText and shows the buttons an error needs.
row ErrorDlg ErrorText Text 48 15 205 60 3 "" "" "" ""
for button in A:Abort C:Cancel I:Ignore N:No O:OK R:Retry Y:Yes; do
  row ErrorDlg "${button%%:*}" PushButton 100 80 56 17 3 "" "${button#*:}" "" ""
done

table ControlCondition "Dialog_ Control_ Action Condition" "s72 s50 s50 s255" "Dialog_ Control_ Action Condition"
row LicenseDlg Install Disable 'LICENSEACCEPTED <> "1"'
row LicenseDlg Install Enable 'LICENSEACCEPTED = "1"'

table ControlEvent "Dialog_ Control_ Event Argument Condition Ordering" "s72 s50 s50 s255 S255 I2" \
  "Dialog_ Control_ Event Argument Condition"
row LicenseDlg Install EndDialog Return 'LICENSEACCEPTED = "1"' 1
row LicenseDlg Cancel EndDialog Exit 1 1
row ExitDlg Finish EndDialog Return 1 1
row UserExitDlg Finish EndDialog Exit 1 1
row FatalErrorDlg Finish EndDialog Exit 1 1
for button in A:Abort C:Cancel I:Ignore N:No O:Ok R:Retry Y:Yes; do
  row ErrorDlg "${button%%:*}" EndDialog "Error${button#*:}" 1 1
done

table EventMapping "Dialog_ Control_ Event Attribute" "s72 s50 s50 s50" "Dialog_ Control_ Event"
row ProgressDlg ActionText ActionText Text
row ProgressDlg ProgressBar SetProgress Progress

table UIText "Key Text" "s72 L255" Key
row bytes bytes
row KB KB
row MB MB
row GB GB

# Sequence -1, -2, -3: the end of a finished, a cancelled, a failed install.
# The licence is asked for before anything is installed, not when removing.
queries=(
  "INSERT INTO InstallUISequence (Action, Condition, Sequence) VALUES ('LicenseDlg', 'NOT Installed', 1250)"
  "INSERT INTO InstallUISequence (Action, Sequence) VALUES ('ProgressDlg', 1280)"
  "INSERT INTO InstallUISequence (Action, Sequence) VALUES ('ExitDlg', -1)"
  "INSERT INTO InstallUISequence (Action, Sequence) VALUES ('UserExitDlg', -2)"
  "INSERT INTO InstallUISequence (Action, Sequence) VALUES ('FatalErrorDlg', -3)"
  "INSERT INTO Property (Property, Value) VALUES ('DefaultUIFont', 'DlgFont8')"
  "INSERT INTO Property (Property, Value) VALUES ('ErrorDialog', 'ErrorDlg')"
)
args=()
for idt in "$tables"/*.idt; do args+=(-i "$idt"); done
for query in "${queries[@]}"; do args+=(-q "$query"); done
msibuild "$msi" "${args[@]}"
