// `pm list packages [-f] [--show-versioncode]` (PackageManagerShellCommand.runListPackages):
//   package:/data/app/~~Xk==/org.example-Yq==/base.apk=org.example versionCode:42
// The path (with -f) ends at the last "=" before the name, since paths may contain "=".
export interface ListedPackage {
  packageName: string;
  apkPath?: string;
  versionCode?: number;
}

export function parsePmListPackages(output: string): ListedPackage[] {
  const packages: ListedPackage[] = [];
  for (const raw of output.split('\n')) {
    const line = raw.trim();
    if (!line.startsWith('package:')) continue;
    let rest = line.slice('package:'.length);
    let versionCode: number | undefined;
    const version = / versionCode:(\d+)$/.exec(rest);
    if (version) {
      versionCode = Number(version[1]);
      rest = rest.slice(0, version.index);
    }
    const equals = rest.lastIndexOf('=');
    const entry: ListedPackage = { packageName: equals >= 0 ? rest.slice(equals + 1) : rest };
    if (equals >= 0) entry.apkPath = rest.slice(0, equals);
    if (versionCode !== undefined) entry.versionCode = versionCode;
    packages.push(entry);
  }
  return packages;
}
