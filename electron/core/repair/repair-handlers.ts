import type { CoreContext } from '../core-context.ts';
import type { HandlerTable } from '../contract-server/dispatcher.ts';

/** The repair bench's requests: intake, blockers, wipe, certificates, grade, release, settings. */
export function setupRepair({
  repair,
}: CoreContext): Pick<
  HandlerTable,
  | 'repair.intake'
  | 'repair.checkBlockers'
  | 'repair.override'
  | 'repair.wipeMethods'
  | 'repair.wipe'
  | 'repair.stopWaiting'
  | 'repair.confirmWipe'
  | 'repair.certify'
  | 'repair.diagnose'
  | 'repair.grade'
  | 'repair.release'
  | 'repair.bench'
  | 'repair.certificates'
  | 'repair.certificateFile'
  | 'repair.verifyCertificate'
  | 'repair.settings.get'
  | 'repair.settings.set'
> {
  return {
    'repair.intake': (input) => repair.intake(input),
    'repair.checkBlockers': ({ assetId }) => repair.checkBlockers(assetId),
    'repair.override': ({ assetId, code, reason }) => repair.override(assetId, code, reason),
    'repair.wipeMethods': ({ assetId }) => repair.wipeMethods(assetId),
    'repair.wipe': (input) => repair.wipe(input),
    'repair.stopWaiting': ({ jobId, note }) => repair.stopWaiting(jobId, note),
    'repair.confirmWipe': ({ jobId, note }) => repair.confirmWipe(jobId, note),
    'repair.certify': ({ jobId }) => repair.certify(jobId),
    'repair.diagnose': ({ assetId }) => repair.diagnose(assetId),
    'repair.grade': ({ assetId, grade, note }) => repair.grade(assetId, grade, note),
    'repair.release': ({ assetId }) => repair.release(assetId),
    'repair.bench': ({ scope }) => repair.bench(scope),
    'repair.certificates': ({ assetId }) => repair.certificates(assetId),
    'repair.certificateFile': ({ certificateId, format }) => repair.certificateFile(certificateId, format),
    'repair.verifyCertificate': ({ certificateId }) => repair.verifyCertificate(certificateId),
    'repair.settings.get': () => repair.settings(),
    'repair.settings.set': (patch) => repair.setSettings(patch),
  };
}
