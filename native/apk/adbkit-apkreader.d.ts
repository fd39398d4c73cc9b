// Types for the parts of @devicefarmer/adbkit-apkreader (plain CommonJS, no bundled types)
// that native/apk uses. In ESM its module.exports (the ApkReader class) is the default export.
declare module '@devicefarmer/adbkit-apkreader' {
  export interface ManifestIntentFilter {
    actions: Array<{ name: string }>;
    categories: Array<{ name: string }>;
  }

  export interface ManifestComponent {
    name: string;
    permission?: string;
    intentFilters?: ManifestIntentFilter[];
    metaData?: Array<{ name: string; resource?: unknown; value?: unknown }>;
  }

  export interface RawManifest {
    package?: unknown;
    versionCode?: unknown;
    versionName?: unknown;
    usesSdk?: { minSdkVersion?: unknown; targetSdkVersion?: unknown } | null;
    usesPermissions?: Array<{ name?: unknown }>;
    application?: {
      activities?: ManifestComponent[];
      activityAliases?: ManifestComponent[];
      receivers?: ManifestComponent[];
      launcherActivities?: ManifestComponent[];
    } | null;
  }

  export default class ApkReader {
    static open(apk: string | Buffer): Promise<ApkReader>;
    readManifest(options?: Record<string, unknown>): Promise<RawManifest>;
    readContent(path: string): Promise<Buffer>;
  }
}
