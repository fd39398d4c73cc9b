// usbmuxd's framing: a 16-byte little-endian header, then an XML plist.
//   length (header included) · version (1 = plist) · message type (8 = plist) · tag
// A reply carries the tag of its request; Listen's Attached/Detached events carry tag 0.
import { FrameReader } from './frame-reader.ts';
import { decodePlistDict, encodePlist, type PlistDict } from './plist-codec.ts';

export const USBMUX_HEADER_BYTES = 16;
export const USBMUX_VERSION_PLIST = 1;
export const USBMUX_MESSAGE_PLIST = 8;
/** Pair records and device lists are a few KiB; nothing a client sends needs more. */
export const USBMUX_MAX_FRAME_BYTES = 1024 * 1024;

/** usbmuxd's Result codes, as libusbmuxd reads them. */
export const USBMUX_RESULT = {
  ok: 0,
  badCommand: 1,
  badDevice: 2,
  connectionRefused: 3,
  badVersion: 6,
} as const;

/** The lockdownd port; usbmuxd's Connect carries ports in network byte order inside a LE integer. */
export const LOCKDOWN_PORT = 62078;

export interface UsbmuxMessage {
  version: number;
  messageType: number;
  tag: number;
  body: PlistDict;
}

export function encodeUsbmuxMessage(tag: number, body: PlistDict): Buffer {
  const payload = encodePlist(body, 'xml');
  const header = Buffer.alloc(USBMUX_HEADER_BYTES);
  header.writeUInt32LE(USBMUX_HEADER_BYTES + payload.length, 0);
  header.writeUInt32LE(USBMUX_VERSION_PLIST, 4);
  header.writeUInt32LE(USBMUX_MESSAGE_PLIST, 8);
  header.writeUInt32LE(tag >>> 0, 12);
  return Buffer.concat([header, payload]);
}

/** Decodes one whole frame from UsbmuxFrameReader; throws PlistError for a bad payload. */
export function decodeUsbmuxFrame(frame: Buffer): UsbmuxMessage {
  return {
    version: frame.readUInt32LE(4),
    messageType: frame.readUInt32LE(8),
    tag: frame.readUInt32LE(12),
    body: decodePlistDict(frame.subarray(USBMUX_HEADER_BYTES)).value,
  };
}

export function usbmuxFrameReader(): FrameReader {
  return new FrameReader({
    headerBytes: USBMUX_HEADER_BYTES,
    frameLength: (header) => header.readUInt32LE(0),
    maxFrameBytes: USBMUX_MAX_FRAME_BYTES,
  });
}

/** Connect's PortNumber is the port with its two bytes swapped (htons on a little-endian host). */
export function swapPortBytes(port: number): number {
  return ((port & 0xff) << 8) | ((port >> 8) & 0xff);
}
