#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Checks that every string of the desktop app (app/gui) is translated
# (docs/translations.md): lupdate reads app/gui into temporary copies of
# resources/translations/*.ts, and any message there that is new or
# unfinished, or whose string is gone from the code, fails the check.
# ferry_en.ts holds only the English plural forms (lupdate -pluralonly).
#   scripts/check-translations.sh           check; non-zero and the offending messages when not complete
#   scripts/check-translations.sh --update  bring the .ts files in line with the code (new strings
#                                           untranslated, gone ones dropped), to be translated then
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
bins=$(qmake6 -query QT_INSTALL_BINS)
lupdate=$bins/lupdate
[[ -x $lupdate ]] || { echo "check-translations: $lupdate is missing: install qt6-l10n-tools" >&2; exit 1; }

# update TS [LUPDATE-OPTIONS...]: runs lupdate on app/gui into TS.
update() {
  local ts=$1 language
  shift
  language=$(basename "$ts" .ts)
  language=${language#ferry_}
  local only=()
  [[ $language == en ]] && only=(-pluralonly)
  "$lupdate" -silent -locations none "${only[@]}" -target-language "$language" "$@" app/gui -ts "$ts"
}

if [[ ${1:-} == --update ]]; then
  for ts in resources/translations/ferry_*.ts; do update "$ts" -no-obsolete; done
  echo "check-translations: updated; translate every message marked type=\"unfinished\""
  exit 0
fi

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
failed=0
for ts in resources/translations/ferry_*.ts; do
  copy=$scratch/$(basename "$ts")
  cp "$ts" "$copy"
  update "$copy"
  # Each message of the copy that is not finished: its type and its source text.
  incomplete=$(python3 - "$copy" <<'PY'
import sys
import xml.etree.ElementTree as tree
for message in tree.parse(sys.argv[1]).getroot().iter("message"):
    kind = message.find("translation").get("type")
    if kind in ("unfinished", "vanished", "obsolete"):
        print(f"  {kind}: {message.find('source').text!r}")
PY
  )
  if [[ -n $incomplete ]]; then
    echo "check-translations: $ts is not complete (scripts/check-translations.sh --update, then translate):" >&2
    echo "$incomplete" >&2
    failed=1
  fi
done
((failed == 0)) || exit 1
echo "check-translations: every string of app/gui is translated in $(echo resources/translations/ferry_*.ts)"
