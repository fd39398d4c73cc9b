// Whether a PIN, pattern or password is set, as adb's shell user can learn it without root:
// `cmd lock_settings verify` with no --old (LockSettingsShellCommand, Android 11+).
//   no secure lock:  "Lock credential verified successfully" (exit 0)
//   a secure lock:   "Error while executing command: verify" and
//                    "java.lang.IllegalArgumentException: Credential can't be null or empty"
//                    (exit 255): the empty credential is refused before it is checked, so
//                    the probe costs no failed unlock attempt
//   no lock screen:  "The device does not support lock screen - ignoring the command."
// Android 8–10 check the empty credential instead, which counts as a failed attempt (and can
// bring an MDM's wipe-after-N-failures policy closer): there the probe is not run.
export const SCREEN_LOCK_COMMAND = 'cmd lock_settings verify';
/** The first SDK whose lock_settings refuses an empty credential instead of checking it (Android 11). */
export const SCREEN_LOCK_MIN_SDK = 30;

export type ScreenLockReading = { screenLock: boolean } | { screenLock: 'unknown'; reason: string };

export function screenLockUnreadable(sdk: number): ScreenLockReading {
  return {
    screenLock: 'unknown',
    reason:
      sdk >= 26
        ? `Android ${sdk < 29 ? '8–9' : '10'} counts an unlock check from adb as a failed attempt, so Depotline does not ask; look at the phone's lock screen`
        : 'Android 7 and older have no lock settings command; look at the phone’s lock screen',
  };
}

export function parseScreenLock(text: string, exitCode: number): ScreenLockReading {
  if (exitCode === 0 && text.includes('Lock credential verified successfully')) return { screenLock: false };
  if (text.includes("Credential can't be null or empty") || text.includes("didn't match"))
    return { screenLock: true };
  if (text.includes('does not support lock screen')) return { screenLock: false };
  if (/Can't find service: lock_settings|inaccessible or not found/.test(text))
    return { screenLock: 'unknown', reason: 'the phone has no lock settings service to ask' };
  const said = text.trim().split('\n')[0]?.slice(0, 200) ?? '';
  return {
    screenLock: 'unknown',
    reason: `lock_settings answered something Depotline does not know (exit ${exitCode}${said ? `: ${said}` : ''})`,
  };
}
