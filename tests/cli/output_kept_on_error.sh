#!/bin/sh
# rehab-plan --output: an error leaves the file that was there byte for byte,
# and no temporary file behind it.
set -eu
plan="$1"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$plan" --protocol hsr-achilles --start 2026-12-01 --format ics --output "$dir/plan.ics"
cp "$dir/plan.ics" "$dir/before.ics"
if "$plan" --protocol hsr-achilles --start 2026-12-01 --tz Mars/Olympus --output "$dir/plan.ics" 2>/dev/null; then
  echo "a bad --tz succeeded" >&2; exit 1
fi
cmp "$dir/plan.ics" "$dir/before.ics"
# A directory that cannot be written: the write itself fails.
chmod a-w "$dir"
if [ "$(id -u)" -ne 0 ]; then
  if "$plan" --protocol hsr-achilles --start 2026-12-01 --format json --output "$dir/plan.ics" 2>/dev/null; then
    echo "a write into a read-only directory succeeded" >&2; exit 1
  fi
  cmp "$dir/plan.ics" "$dir/before.ics"
fi
chmod u+w "$dir"
[ "$(ls -A "$dir" | wc -l)" -eq 2 ] || { ls -A "$dir" >&2; echo "a temporary file was left" >&2; exit 1; }
echo "output kept on error: ok"
