// Transport features this lab's adbd implements. The CNXN banner advertises a subset of
// these and nothing else: adb picks its code paths (install, push, ls, shell) from the
// list, so advertising something unimplemented breaks real clients in subtle ways.

export const IMPLEMENTED_FEATURES = [
  'shell_v2',
  'cmd',
  'stat_v2',
  'ls_v2',
  'abb_exec',
  'fixed_push_mkdir',
] as const;
export type AdbFeature = (typeof IMPLEMENTED_FEATURES)[number];

export function isAdbFeature(name: string): name is AdbFeature {
  return (IMPLEMENTED_FEATURES as readonly string[]).includes(name);
}

/** Parses a comma list such as `shell_v2,cmd`; unknown names are an error, not silently dropped. */
export function parseFeatureList(list: string): AdbFeature[] {
  const names = list
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const unknown = names.filter((name) => !isAdbFeature(name));
  if (unknown.length > 0) {
    throw new Error(
      `unknown adb feature(s): ${unknown.join(', ')} (implemented: ${IMPLEMENTED_FEATURES.join(', ')})`,
    );
  }
  return [...new Set(names)] as AdbFeature[];
}
