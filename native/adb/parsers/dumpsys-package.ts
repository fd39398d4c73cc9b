import { DeviceOutputError } from './getprop.ts';

// `dumpsys package <name>` (PackageDumper / ComputerEngine.dumpPackagesLPr). The first
// "Package [name] (hash):" block holds, indented:
//     versionCode=42 minSdk=24 targetSdk=34
//     versionName=1.4.2
//   and under "User 0: …" a "runtime permissions:" list of
//         android.permission.CAMERA: granted=true, flags=[ USER_SET ]
export interface InstalledPackage {
  packageName: string;
  versionCode: number;
  versionName: string | undefined;
  /** Runtime permissions of user 0 by name: true when granted. */
  runtimePermissions: Map<string, boolean>;
}

export function parseDumpsysPackage(output: string, packageName: string): InstalledPackage | undefined {
  const lines = output.split('\n');
  const start = lines.findIndex((line) => line.trim().startsWith(`Package [${packageName}]`));
  if (start < 0) return undefined;
  const indent = lines[start]!.search(/\S/);
  let end = lines.findIndex(
    (line, index) => index > start && line.trim() !== '' && line.search(/\S/) <= indent,
  );
  if (end < 0) end = lines.length;
  const block = lines.slice(start + 1, end);

  const versionCode = block.map((line) => /^\s*versionCode=(\d+)/.exec(line)).find(Boolean)?.[1];
  if (versionCode === undefined)
    throw new DeviceOutputError('dumpsys package', `no versionCode for ${packageName}`);
  const versionName = block.map((line) => /^\s*versionName=(.*?)\s*$/.exec(line)).find(Boolean)?.[1];

  const runtimePermissions = new Map<string, boolean>();
  const runtimeStart = block.findIndex((line) => /^\s*runtime permissions:\s*$/.test(line));
  if (runtimeStart >= 0) {
    for (const line of block.slice(runtimeStart + 1)) {
      const match = /^\s*([\w.]+): granted=(true|false)/.exec(line);
      if (!match) break;
      runtimePermissions.set(match[1]!, match[2] === 'true');
    }
  }
  return { packageName, versionCode: Number(versionCode), versionName, runtimePermissions };
}
