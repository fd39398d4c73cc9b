// The 24-byte ADB message header and the wire constants around it. Every multi-byte
// field is little-endian; `magic` is the command XOR 0xffffffff so a reader can tell a
// header from stray payload bytes.

/** Command words as they appear on the wire (ASCII read as a little-endian uint32). */
export const Command = {
  CNXN: 0x4e584e43,
  AUTH: 0x48545541,
  OPEN: 0x4e45504f,
  OKAY: 0x59414b4f,
  WRTE: 0x45545257,
  CLSE: 0x45534c43,
} as const;
export type CommandWord = (typeof Command)[keyof typeof Command];

export const HEADER_SIZE = 24;
/** Protocol version adb 29 speaks; from this version on checksums may be zero. */
export const A_VERSION = 0x01000001;
export const A_VERSION_SKIP_CHECKSUM = 0x01000001;
/** The payload limit a modern adbd advertises (and the largest packet we accept). */
export const MAX_PAYLOAD = 1024 * 1024;
/** The limit that applies before CNXN has been exchanged (legacy adbd value). */
export const MAX_PAYLOAD_V1 = 4 * 1024;

/** AUTH arg0 values. */
export const AuthType = {
  TOKEN: 1,
  SIGNATURE: 2,
  RSAPUBLICKEY: 3,
} as const;
export const AUTH_TOKEN_SIZE = 20;

export interface PacketHeader {
  command: number;
  arg0: number;
  arg1: number;
  dataLength: number;
  dataChecksum: number;
  magic: number;
}

export interface Packet {
  readonly command: number;
  readonly arg0: number;
  readonly arg1: number;
  /** The payload as one Buffer (joined on first use when it arrived in pieces). */
  readonly data: Buffer;
  /** The payload as the views it arrived in; no copy was made to produce them. */
  readonly parts: readonly Buffer[];
}

const commandNames = new Map<number, string>(Object.entries(Command).map(([name, word]) => [word, name]));

export function commandName(command: number): string {
  return commandNames.get(command) ?? `0x${command.toString(16).padStart(8, '0')}`;
}

export function isKnownCommand(command: number): command is CommandWord {
  return commandNames.has(command);
}

export function checksum(data: Buffer): number {
  let sum = 0;
  for (const byte of data) sum += byte;
  return sum >>> 0;
}

export function decodeHeader(bytes: Buffer): PacketHeader {
  return {
    command: bytes.readUInt32LE(0),
    arg0: bytes.readUInt32LE(4),
    arg1: bytes.readUInt32LE(8),
    dataLength: bytes.readUInt32LE(12),
    dataChecksum: bytes.readUInt32LE(16),
    magic: bytes.readUInt32LE(20),
  };
}

/**
 * The header of a packet. `withChecksum` is only needed for peers older than
 * A_VERSION_SKIP_CHECKSUM: summing every byte of a 1 MiB payload costs real time on pulls.
 */
export function encodeHeader(
  command: number,
  arg0: number,
  arg1: number,
  data: Buffer,
  withChecksum: boolean,
): Buffer {
  const header = Buffer.allocUnsafe(HEADER_SIZE);
  header.writeUInt32LE(command >>> 0, 0);
  header.writeUInt32LE(arg0 >>> 0, 4);
  header.writeUInt32LE(arg1 >>> 0, 8);
  header.writeUInt32LE(data.length, 12);
  header.writeUInt32LE(withChecksum ? checksum(data) : 0, 16);
  header.writeUInt32LE((command ^ 0xffffffff) >>> 0, 20);
  return header;
}
