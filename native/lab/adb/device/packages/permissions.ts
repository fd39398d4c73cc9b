// Which permissions are "runtime" (dangerous) and so need `pm grant`, and which are granted
// at install time. pm grant/revoke refuse the latter, as PermissionManagerService does.

const RUNTIME: ReadonlyArray<[string, number]> = [
  // [permission, first SDK where it exists as a runtime permission]
  ['android.permission.ACCESS_BACKGROUND_LOCATION', 29],
  ['android.permission.ACCESS_COARSE_LOCATION', 23],
  ['android.permission.ACCESS_FINE_LOCATION', 23],
  ['android.permission.ACCESS_MEDIA_LOCATION', 29],
  ['android.permission.ACTIVITY_RECOGNITION', 29],
  ['android.permission.ANSWER_PHONE_CALLS', 26],
  ['android.permission.BLUETOOTH_ADVERTISE', 31],
  ['android.permission.BLUETOOTH_CONNECT', 31],
  ['android.permission.BLUETOOTH_SCAN', 31],
  ['android.permission.BODY_SENSORS', 23],
  ['android.permission.CALL_PHONE', 23],
  ['android.permission.CAMERA', 23],
  ['android.permission.GET_ACCOUNTS', 23],
  ['android.permission.NEARBY_WIFI_DEVICES', 33],
  ['android.permission.POST_NOTIFICATIONS', 33],
  ['android.permission.READ_CALENDAR', 23],
  ['android.permission.READ_CALL_LOG', 23],
  ['android.permission.READ_CONTACTS', 23],
  ['android.permission.READ_EXTERNAL_STORAGE', 23],
  ['android.permission.READ_MEDIA_AUDIO', 33],
  ['android.permission.READ_MEDIA_IMAGES', 33],
  ['android.permission.READ_MEDIA_VIDEO', 33],
  ['android.permission.READ_PHONE_NUMBERS', 26],
  ['android.permission.READ_PHONE_STATE', 23],
  ['android.permission.READ_SMS', 23],
  ['android.permission.RECEIVE_SMS', 23],
  ['android.permission.RECORD_AUDIO', 23],
  ['android.permission.SEND_SMS', 23],
  ['android.permission.WRITE_CALENDAR', 23],
  ['android.permission.WRITE_CALL_LOG', 23],
  ['android.permission.WRITE_CONTACTS', 23],
  ['android.permission.WRITE_EXTERNAL_STORAGE', 23],
];

const RUNTIME_SINCE = new Map(RUNTIME);

export function isRuntimePermission(permission: string, sdk: number): boolean {
  const since = RUNTIME_SINCE.get(permission);
  return since !== undefined && sdk >= since;
}

/** Permissions an app holds right after install: all requested non-runtime ones (plus runtime ones with -g). */
export function installTimeGrants(
  requested: readonly string[],
  sdk: number,
  grantRuntime: boolean,
): Set<string> {
  return new Set(requested.filter((p) => grantRuntime || !isRuntimePermission(p, sdk)));
}
