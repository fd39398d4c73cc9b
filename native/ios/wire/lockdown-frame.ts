// lockdownd and most lockdown services (installation_proxy, MCInstall, diagnostics_relay)
// frame each plist with a 4-byte big-endian length. AFC has its own framing (services/afc).
import { FrameReader } from './frame-reader.ts';
import { decodePlistDict, encodePlist, type PlistDict, type PlistFormat } from './plist-codec.ts';

export const LOCKDOWN_HEADER_BYTES = 4;
/** Configuration profiles travel inside these plists; 32 MiB is far above any real one. */
export const LOCKDOWN_MAX_FRAME_BYTES = 32 * 1024 * 1024;

export function encodeLockdownMessage(body: PlistDict, format: PlistFormat = 'xml'): Buffer {
  const payload = encodePlist(body, format);
  const header = Buffer.alloc(LOCKDOWN_HEADER_BYTES);
  header.writeUInt32BE(payload.length, 0);
  return Buffer.concat([header, payload]);
}

/** Decodes one whole frame from lockdownFrameReader; throws PlistError for a bad payload. */
export function decodeLockdownFrame(frame: Buffer): { body: PlistDict; format: PlistFormat } {
  const { value, format } = decodePlistDict(frame.subarray(LOCKDOWN_HEADER_BYTES));
  return { body: value, format };
}

export function lockdownFrameReader(maxFrameBytes = LOCKDOWN_MAX_FRAME_BYTES): FrameReader {
  return new FrameReader({
    headerBytes: LOCKDOWN_HEADER_BYTES,
    frameLength: (header) => LOCKDOWN_HEADER_BYTES + header.readUInt32BE(0),
    maxFrameBytes,
  });
}
