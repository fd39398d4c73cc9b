#!/usr/bin/env bash
# The iOS benchmark's baseline: what a technician's plain script does to many iPhones with
# libimobiledevice, the two ways they would run it:
#   sequential  one device after another (a for loop)
#   parallel    all at once with xargs -P (as many processes as devices)
# and one of three actions per device:
#   stage       what Depotline's benchmark profile does, in the same order: every configuration
#               profile in $STAGE_PROFILES (colon-separated .mobileconfig paths, in order: Wi-Fi,
#               then restrictions), then the app in $STAGE_IPA. libimobiledevice 1.3.0 has no
#               tool that installs configuration profiles, so profiles go through
#               ios-install-profile.py (next to this script; what `pymobiledevice3 profile
#               install` does, Python standard library only, run by $PYTHON or /usr/bin/python3)
#   install     the app only: ideviceinstaller -u UDID -i "$STAGE_IPA" (upload over AFC,
#               installation_proxy); less work than Depotline's profile, kept for comparison
#   pair        idevicepair -u UDID pair (first pairing: new host keys, a device certificate)
# The tools find usbmuxd through USBMUXD_SOCKET_ADDRESS.
#
# Prints one line "stage-device UDID ok|failed START_MS END_MS [what failed]" per device and
# ends with the line "stage-fleet-times" and bash's `times` (this shell, then everything it
# waited for: xargs, the per-device shells, the tools), so the benchmark can weigh the CPU.
# A device fails as soon as one of its steps fails; the line says which step and why.
# Exits non-zero if any device failed.
#
#   scripts/bench/ios-fleet.sh sequential|parallel stage|install|pair UDID...
#   scripts/bench/ios-fleet.sh one stage|install|pair UDID       (what xargs runs for each device)
set -u
mode=$1
action=$2
shift 2

install_profile=$(dirname "$0")/ios-install-profile.py

# ideviceinstaller 1.1.1 prints "Install: Complete" once installation_proxy has finished; its
# exit status does not report every installation_proxy error, so both are checked.
install_app() {
  output=$(ideviceinstaller -u "$1" -i "$STAGE_IPA" 2>&1) && [[ $output == *"Install: Complete"* ]]
}

# Depotline's profile, step by step; `output` says which step failed.
stage() {
  local udid=$1 profile
  local -a profiles
  # Without profiles this would quietly be the app-only `install`: refuse instead.
  [ -n "${STAGE_PROFILES:-}" ] || { output="STAGE_PROFILES is not set"; return 1; }
  IFS=: read -r -a profiles <<<"$STAGE_PROFILES"
  for profile in "${profiles[@]}"; do
    output=$("${PYTHON:-/usr/bin/python3}" "$install_profile" "$udid" "$profile" 2>&1) ||
      { output="profile ${profile##*/}: $output"; return 1; }
  done
  install_app "$udid" || { output="app: $output"; return 1; }
}

one() {
  local udid=$1 started output
  started=$(date +%s%3N)
  case "$action" in
    stage) stage "$udid" ;;
    install) install_app "$udid" ;;
    pair) output=$(idevicepair -u "$udid" pair 2>&1) && [[ $output == *SUCCESS* ]] ;;
    *) output="unknown action $action"; false ;;
  esac
  local status=$?
  if [ $status -eq 0 ]; then
    echo "stage-device $udid ok $started $(date +%s%3N)"
  else
    output=${output//$'\r'/ }
    echo "stage-device $udid failed $started $(date +%s%3N) ${output//$'\n'/ }"
  fi
  return $status
}

status=0
case "$mode" in
  one)
    one "$1"
    exit
    ;;
  sequential)
    for udid in "$@"; do one "$udid" || status=1; done
    ;;
  parallel)
    printf '%s\n' "$@" | xargs -P "$#" -n 1 "$0" one "$action" || status=1
    ;;
  *)
    echo "usage: $0 sequential|parallel stage|install|pair UDID..." >&2
    exit 2
    ;;
esac
echo stage-fleet-times
times
exit $status
