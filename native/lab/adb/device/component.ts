// android.content.ComponentName in its three printed forms, because each command prints a
// different one: "pkg/.Cls" (flattenToShortString), "{pkg/pkg.Cls}" (toShortString) and
// "ComponentInfo{pkg/pkg.Cls}" (toString).

export interface ComponentName {
  packageName: string;
  className: string;
}

/** ComponentName.unflattenFromString: "pkg/.Cls" expands against the package; "pkg/Cls" stays as written. */
export function parseComponent(text: string): ComponentName | undefined {
  const slash = text.indexOf('/');
  if (slash <= 0 || slash === text.length - 1) return undefined;
  const packageName = text.slice(0, slash);
  const cls = text.slice(slash + 1);
  return { packageName, className: cls.startsWith('.') ? packageName + cls : cls };
}

export function flattenToShortString(c: ComponentName): string {
  const cls = c.className.startsWith(`${c.packageName}.`)
    ? c.className.slice(c.packageName.length)
    : c.className;
  return `${c.packageName}/${cls}`;
}

export function toShortString(c: ComponentName): string {
  return `{${c.packageName}/${c.className}}`;
}

export function componentInfo(c: ComponentName): string {
  return `ComponentInfo{${c.packageName}/${c.className}}`;
}
