#!/usr/bin/env bash
# Runs scripts/bench/stage-device.sh for many phones, the two ways a technician would:
#   sequential  one phone after another (a for loop)
#   parallel    all at once with xargs -P (as many processes as phones)
# Exits non-zero if any phone failed. Ends with the line "stage-fleet-times" and bash's
# `times` (this shell, then everything it waited for: xargs, the scripts, the adb clients),
# so the benchmark can weigh the CPU the baseline used.
#
#   scripts/bench/stage-fleet.sh sequential|parallel SERIAL...
set -u
mode=$1
shift
device_script="$(dirname "$0")/stage-device.sh"
status=0
case "$mode" in
  sequential)
    for serial in "$@"; do "$device_script" "$serial" || status=1; done
    ;;
  parallel)
    printf '%s\n' "$@" | xargs -P "$#" -n 1 "$device_script" || status=1
    ;;
  *)
    echo "usage: $0 sequential|parallel SERIAL..." >&2
    exit 2
    ;;
esac
echo stage-fleet-times
times
exit $status
