#!/usr/bin/env bash
# The staging benchmark's baseline: what a technician's plain script does to one phone with
# the adb CLI. Installs the APKs, puts the settings, grants the permission, reboots and waits
# until the phone has booted. The work comes from the environment (test/bench/staging.ts
# writes it from the same list it gives Depotline):
#   ADB                 adb binary (default: adb; the server port comes from ANDROID_ADB_SERVER_PORT)
#   STAGE_APKS          APK paths, one per line
#   STAGE_SETTINGS      "namespace key value", one per line
#   STAGE_GRANT         "package permission"
#   STAGE_BOOT_TIMEOUT  seconds to wait for sys.boot_completed=1 after the reboot
# Prints one line "stage-device SERIAL ok|failed START_MS END_MS [what failed]" on stdout.
#
#   scripts/bench/stage-device.sh SERIAL
set -u
serial=$1
adb=${ADB:-adb}
started=$(date +%s%3N)

finish() {
  echo "stage-device $serial $1 $started $(date +%s%3N)${2:+ $2}"
  [ "$1" = ok ]
}

while IFS= read -r apk; do
  [ -n "$apk" ] || continue
  # adb exits 0 only when the package manager said "Success". (Every adb in a read loop gets
  # </dev/null: `adb shell` would otherwise swallow the rest of the list from stdin.)
  "$adb" -s "$serial" install -r "$apk" >/dev/null </dev/null || { finish failed "install $apk"; exit 1; }
done <<< "$STAGE_APKS"

while read -r namespace key value; do
  [ -n "$namespace" ] || continue
  "$adb" -s "$serial" shell settings put "$namespace" "$key" "$value" </dev/null || { finish failed "settings put $namespace $key"; exit 1; }
done <<< "$STAGE_SETTINGS"

read -r package permission <<< "$STAGE_GRANT"
"$adb" -s "$serial" shell pm grant "$package" "$permission" || { finish failed "pm grant"; exit 1; }

"$adb" -s "$serial" reboot || { finish failed reboot; exit 1; }
# The phone drops off adb and comes back before it has finished booting: wait for adb, then
# poll the boot flag (every 0.5 s, as Depotline does).
deadline=$(( $(date +%s) + ${STAGE_BOOT_TIMEOUT:-300} ))
timeout "${STAGE_BOOT_TIMEOUT:-300}" "$adb" -s "$serial" wait-for-device || { finish failed wait-for-device; exit 1; }
until [ "$("$adb" -s "$serial" shell getprop sys.boot_completed 2>/dev/null | tr -d '\r')" = 1 ]; do
  [ "$(date +%s)" -lt "$deadline" ] || { finish failed "boot timeout"; exit 1; }
  sleep 0.5
done
finish ok
