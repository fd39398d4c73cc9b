// Files a user left in shared storage: photos, downloads, documents, recordings. adb's shell
// user may read /sdcard (group sdcard_rw). /sdcard itself is a symlink, which toybox find does
// not follow as a start path, so each folder is named through it (/sdcard/DCIM, …); app data
// under /sdcard/Android is the apps' business and not counted. A folder that does not exist
// is an error line on stderr (silenced), not a file.
export const USER_FOLDERS = [
  'DCIM',
  'Pictures',
  'Movies',
  'Music',
  'Download',
  'Documents',
  'Recordings',
  'Audiobooks',
  'Podcasts',
  'Ringtones',
  'Alarms',
  'Notifications',
] as const;

export const USER_FILES_COMMAND = `find ${USER_FOLDERS.map((folder) => `/sdcard/${folder}`).join(' ')} -type f 2>/dev/null`;

/** find prints one path per line; anything else (a stray message) is not a file. */
export function countUserFiles(output: string): number {
  return output.split('\n').filter((line) => line.startsWith('/sdcard/')).length;
}
