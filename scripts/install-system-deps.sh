#!/usr/bin/env bash
# Debian/Ubuntu packages the test suite drives for real: Chromium (UI tests), adb (Android lab
# conformance), aapt/apksigner/zipalign + framework resources (test APKs), libimobiledevice
# tools, ideviceinstaller and iproxy (iOS lab conformance), python3 (the iOS benchmark's
# baseline). Installs only what is missing; does nothing when all is there.
set -euo pipefail
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v adb >/dev/null || need+=(adb)
command -v aapt >/dev/null || need+=(aapt)
command -v apksigner >/dev/null || need+=(apksigner)
command -v zipalign >/dev/null || need+=(zipalign)
[ -e /usr/share/android-framework-res/framework-res.apk ] || need+=(android-framework-res)
command -v ideviceinfo >/dev/null || need+=(libimobiledevice-utils)
command -v ideviceinstaller >/dev/null || need+=(ideviceinstaller)
command -v iproxy >/dev/null || need+=(libusbmuxd-tools)
# Only the iOS benchmark needs it: its bash baseline installs configuration profiles with
# scripts/bench/ios-install-profile.py (standard library only).
command -v python3 >/dev/null || need+=(python3)
[ ${#need[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "install-system-deps: installing ${need[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
