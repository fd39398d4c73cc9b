// A fake AFC server: enough of com.apple.afc for uploads (open, write, close), MakeDir,
// RemovePath and GetFileInfo, over any stream. `failWritesWith` answers FileRefWrite with a
// status; `dropAfterBytes` ends the connection once that many file bytes have arrived.
// For pipelined uploads: `writeReplyDelayMs` answers writes late (in order, as afcd does),
// so several arrive before the first answer (`mostWritesUnanswered` counts them);
// `writeStatus(index)` answers one write with a status of its choice, `hangUpAfterRefusal`
// closes after such a refusal, and `misnumberWrite` answers that write with another number.
import type { Duplex } from 'node:stream';
import { FrameReader } from '../../../../../native/ios/wire/frame-reader.ts';
import {
  AFC_FRAME_LAYOUT,
  AFC_OPERATION,
  decodeAfcPacket,
  encodeAfcPacket,
  u64,
} from '../../../../../native/ios/services/afc/afc-packet.ts';

export class FakeAfc {
  readonly files = new Map<string, Buffer>();
  readonly directories = new Set<string>(['/']);
  readonly operations: number[] = [];
  failWritesWith: number | undefined;
  dropAfterBytes: number | undefined;
  writeReplyDelayMs = 0;
  writeStatus: ((index: number) => number) | undefined;
  hangUpAfterRefusal = false;
  misnumberWrite: number | undefined;
  /** FileRefWrites received, and the packet numbers they carried. */
  readonly writePacketNumbers: number[] = [];
  mostWritesUnanswered = 0;
  #received = 0;
  #unanswered = 0;

  serve(stream: Duplex): void {
    const reader = new FrameReader(AFC_FRAME_LAYOUT);
    const handles = new Map<bigint, string>();
    let nextHandle = 1n;
    let dropped = false;
    // afcd answers strictly in order: a late write answer holds back the ones after it.
    let answered = Promise.resolve();
    const respond = (send: () => void, delayMs = 0) => {
      answered = answered
        .then(() => (delayMs > 0 ? new Promise<void>((resolve) => setTimeout(resolve, delayMs)) : undefined))
        .then(() => {
          if (!stream.destroyed) send();
        });
    };
    stream.on('error', () => undefined);
    stream.on('data', (chunk: Buffer) => {
      if (dropped) return;
      for (const frame of reader.push(chunk)) {
        const packet = decodeAfcPacket(frame);
        this.operations.push(packet.operation);
        const thisLength = Number(frame.readBigUInt64LE(16)) - 40;
        const data = packet.content.subarray(0, thisLength);
        const payload = packet.content.subarray(thisLength);
        const path = () => data.subarray(0, data.indexOf(0)).toString('utf8');
        const status = (code: number) =>
          respond(() => stream.write(encodeAfcPacket(AFC_OPERATION.status, packet.packetNumber, u64(code))));
        switch (packet.operation) {
          case AFC_OPERATION.makeDirectory:
            this.directories.add(path());
            status(0);
            break;
          case AFC_OPERATION.removePath:
            status(this.files.delete(path()) || this.directories.delete(path()) ? 0 : 8);
            break;
          case AFC_OPERATION.getFileInfo: {
            const file = this.files.get(path());
            if (!file && !this.directories.has(path())) status(8);
            else {
              const info = file
                ? `st_size\0${file.length}\0st_ifmt\0S_IFREG\0`
                : 'st_size\x000\0st_ifmt\0S_IFDIR\0';
              respond(() =>
                stream.write(
                  encodeAfcPacket(
                    AFC_OPERATION.data,
                    packet.packetNumber,
                    Buffer.alloc(0),
                    Buffer.from(info),
                  ),
                ),
              );
            }
            break;
          }
          case AFC_OPERATION.fileOpen: {
            const target = data.subarray(8, data.indexOf(0, 8)).toString('utf8');
            const parent = target.slice(0, target.lastIndexOf('/')) || '/';
            if (!this.directories.has(parent)) {
              status(8);
              break;
            }
            const handle = nextHandle++;
            handles.set(handle, target);
            this.files.set(target, Buffer.alloc(0));
            respond(() =>
              stream.write(encodeAfcPacket(AFC_OPERATION.fileOpenResult, packet.packetNumber, u64(handle))),
            );
            break;
          }
          case AFC_OPERATION.fileWrite: {
            const index = this.writePacketNumbers.length;
            this.writePacketNumbers.push(packet.packetNumber);
            this.#received += payload.length;
            if (this.dropAfterBytes !== undefined && this.#received >= this.dropAfterBytes) {
              // As a pulled cable: what the device already answered still arrives, nothing after.
              dropped = true;
              setImmediate(() => stream.destroy());
              return;
            }
            const code = this.failWritesWith ?? this.writeStatus?.(index) ?? 0;
            const target = handles.get(data.readBigUInt64LE(0))!;
            // Stored as it arrives (a copy: the client reuses its buffers once answered).
            if (code === 0) this.files.set(target, Buffer.concat([this.files.get(target)!, payload]));
            this.#unanswered += 1;
            this.mostWritesUnanswered = Math.max(this.mostWritesUnanswered, this.#unanswered);
            const answer = () => {
              this.#unanswered -= 1;
              const number = index === this.misnumberWrite ? packet.packetNumber + 7 : packet.packetNumber;
              stream.write(encodeAfcPacket(AFC_OPERATION.status, number, u64(code)));
              if (code !== 0 && this.hangUpAfterRefusal) setImmediate(() => stream.destroy());
            };
            respond(answer, this.writeReplyDelayMs);
            break;
          }
          case AFC_OPERATION.fileClose:
            status(handles.delete(data.readBigUInt64LE(0)) ? 0 : 7);
            break;
          default:
            status(15);
        }
      }
    });
  }
}
