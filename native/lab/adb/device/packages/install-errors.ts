// Android's own wording for install failures, as `pm install` prints them inside
// "Failure [CODE: message]". Messages follow PackageManager's (Android 11+).

export interface InstallFailure {
  code: string;
  message: string;
}

export function failure(code: string, message: string): InstallFailure {
  return { code, message };
}

/** The status line pm prints: "Failure [CODE: message]" (or just the code when there is no message). */
export function failureLine(f: InstallFailure): string {
  return `Failure [${f.message ? `${f.code}: ${f.message}` : f.code}]`;
}

/** Messages for failures the lab injects with failNextInstall, so they read like the real thing. */
export function injectedFailure(code: string, stagedPath: string): InstallFailure {
  const known: Record<string, string> = {
    INSTALL_FAILED_INSUFFICIENT_STORAGE: 'Failed to override installation location',
    INSTALL_PARSE_FAILED_NOT_APK: `Failed to parse ${stagedPath}`,
    INSTALL_PARSE_FAILED_NO_CERTIFICATES: `Failed collecting certificates for ${stagedPath}`,
    INSTALL_FAILED_INTERNAL_ERROR: 'Session relinquished',
    INSTALL_FAILED_VERIFICATION_FAILURE: '',
    INSTALL_FAILED_USER_RESTRICTED: 'Install canceled by user',
    INSTALL_FAILED_ABORTED: 'Session was abandoned',
  };
  return failure(code, known[code] ?? '');
}
