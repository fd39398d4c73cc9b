// `dumpsys device_policy` shows a device owner as (Owners.dump, Android 8 → 16):
//   Device Owner:
//     admin=ComponentInfo{org.example.dpc/org.example.dpc.AdminReceiver}
//     name=Example DPC
//     package=org.example.dpc
// and no "Device Owner" section at all when there is none.
export interface DeviceOwner {
  component: string; // package/class, as `dpm set-device-owner` takes it
  packageName: string;
}

export function parseDeviceOwner(output: string): DeviceOwner | undefined {
  const lines = output.split('\n');
  const start = lines.findIndex((line) => /^\s*Device Owner:\s*$/.test(line));
  if (start < 0) return undefined;
  for (const line of lines.slice(start + 1, start + 8)) {
    const match = /^\s*admin=ComponentInfo\{([^/}]+)\/([^}]+)\}\s*$/.exec(line);
    if (match) return { component: `${match[1]}/${match[2]}`, packageName: match[1]! };
  }
  return undefined;
}
