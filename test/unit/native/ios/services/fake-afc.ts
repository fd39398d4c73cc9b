// A fake AFC server: enough of com.apple.afc for uploads (open, write, close), MakeDir,
// RemovePath and GetFileInfo, over any stream. `failWritesWith` answers FileRefWrite with a
// status; `dropAfterBytes` ends the connection once that many file bytes have arrived.
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
  #received = 0;

  serve(stream: Duplex): void {
    const reader = new FrameReader(AFC_FRAME_LAYOUT);
    const handles = new Map<bigint, string>();
    let nextHandle = 1n;
    stream.on('error', () => undefined);
    stream.on('data', (chunk: Buffer) => {
      for (const frame of reader.push(chunk)) {
        const packet = decodeAfcPacket(frame);
        this.operations.push(packet.operation);
        const thisLength = Number(frame.readBigUInt64LE(16)) - 40;
        const data = packet.content.subarray(0, thisLength);
        const payload = packet.content.subarray(thisLength);
        const path = () => data.subarray(0, data.indexOf(0)).toString('utf8');
        const status = (code: number) =>
          stream.write(encodeAfcPacket(AFC_OPERATION.status, packet.packetNumber, u64(code)));
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
              stream.write(
                encodeAfcPacket(AFC_OPERATION.data, packet.packetNumber, Buffer.alloc(0), Buffer.from(info)),
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
            stream.write(encodeAfcPacket(AFC_OPERATION.fileOpenResult, packet.packetNumber, u64(handle)));
            break;
          }
          case AFC_OPERATION.fileWrite: {
            this.#received += payload.length;
            if (this.dropAfterBytes !== undefined && this.#received >= this.dropAfterBytes) {
              stream.destroy();
              return;
            }
            if (this.failWritesWith !== undefined) {
              status(this.failWritesWith);
              break;
            }
            const target = handles.get(data.readBigUInt64LE(0))!;
            this.files.set(target, Buffer.concat([this.files.get(target)!, payload]));
            status(0);
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
