// What blocks wiping an iPhone, from the identity the driver reads (lockdownd and MCInstall):
//   Activation Lock  com.apple.fmip IsAssociated (Find My on): survives the erase and locks
//                    the phone to its Apple ID; 'unknown' where iOS no longer answers it
//   supervision      com.apple.mobile.chaperone DeviceIsChaperoned, or the cloud
//                    configuration's IsSupervised; the organisation is its OrganizationName
//   passcode         PasswordProtected
import type { IosIdentity } from '../ios-driver.ts';

export interface IosBlockerReading {
  activationLock: boolean | 'unknown';
  /** The supervising organisation; null when not supervised. */
  supervisedBy: string | null;
  passcodeSet: boolean | undefined;
  unknownReasons: Record<string, string>;
}

/** What a supervised device that names no organisation is shown as. */
export const UNNAMED_ORGANISATION = 'an organisation the device does not name';

export function iosBlockers(identity: IosIdentity): IosBlockerReading {
  const unknownReasons: Record<string, string> = {};
  if (identity.activationLock === 'unknown')
    unknownReasons.activationLock =
      'the device does not say whether Find My is on (com.apple.fmip is not readable on this iOS); look in Settings › [name] › Find My';
  if (identity.passcodeSet === undefined)
    unknownReasons.passcodeSet = 'the device did not report PasswordProtected';
  if (identity.supervised && identity.organisation === undefined)
    unknownReasons.supervisedBy =
      'the device is supervised but has no cloud configuration naming its organisation';
  return {
    activationLock: identity.activationLock === 'unknown' ? 'unknown' : identity.activationLock === 'on',
    supervisedBy: identity.supervised ? (identity.organisation ?? UNNAMED_ORGANISATION) : null,
    passcodeSet: identity.passcodeSet,
    unknownReasons,
  };
}
