#!/usr/bin/env bash
# Runs the test suite (or the vitest arguments given) on a moved clock in another time zone, so a
# test that reads the machine's date, time of day, zone or locale fails here rather than on the
# day the real clock gets there. libfaketime moves the clock of the whole process tree (Node,
# vitest's workers, Chromium) by one fixed offset, so they all agree and time still runs.
#
#   tests/support/shifted-clock.sh new-year [vitest args]  # 23:59:50 on 31 Dec next year, St John's (UTC-3:30)
#   tests/support/shifted-clock.sh dst [vitest args]       # 2 min before Berlin's clocks go forward next March
#   tests/support/shifted-clock.sh year-ahead [vitest args]  # this moment a year on, St John's
#
# Needs Debian's faketime (apt-get install faketime) and a built tree (npm run build).
set -euo pipefail
cd "$(dirname "$0")/../.."

scenario="${1:-}"
shift || true
next_year=$(( $(date -u +%Y) + 1 ))

case "$scenario" in
  new-year)
    zone=America/St_Johns
    target=$(TZ=$zone date -d "${next_year}-12-31 23:59:50" +%s) ;;
  dst)
    zone=Europe/Berlin
    # The last Sunday of March, when Berlin's clocks jump from 02:00 to 03:00.
    last_day="${next_year}-03-31"
    sunday=$(date -u -d "$last_day - $(( $(date -u -d "$last_day" +%u) % 7 )) days" +%F)
    target=$(TZ=$zone date -d "$sunday 01:58:00" +%s) ;;
  year-ahead)
    zone=America/St_Johns
    target=$(( $(date +%s) + 365 * 86400 )) ;;
  *)
    echo "usage: $0 new-year|dst|year-ahead [vitest args]" >&2
    exit 2 ;;
esac

offset=$(( target - $(date +%s) ))
echo "Shifted clock: $scenario, TZ=$zone, starting $(TZ=$zone date -d "@$target" '+%F %T %Z')"
# The machine's locale must not matter either: a German one formats dates and numbers its own way.
export TZ=$zone
exec env LANG=de_DE.UTF-8 LC_ALL=de_DE.UTF-8 faketime -f "+${offset}s" npx vitest run "$@"
