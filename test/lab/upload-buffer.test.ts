import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { UploadBuffer } from '../../native/lab/adb/services/upload-buffer.ts';

const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('UploadBuffer', () => {
  it('joins appended pieces into exactly the pushed bytes', () => {
    const upload = new UploadBuffer();
    const pieces = [
      randomBytes(1),
      randomBytes(65_536),
      randomBytes(300_001),
      Buffer.alloc(0),
      randomBytes(7),
    ];
    for (const piece of pieces) upload.append(piece);
    expect(upload.size).toBe(365_545);
    const whole = upload.finish();
    expect(whole.length).toBe(365_545);
    expect(sha(whole)).toBe(sha(Buffer.concat(pieces)));
  });

  it('keeps its own copy: reusing the source buffers later changes nothing', () => {
    const upload = new UploadBuffer();
    const source = Buffer.from('abcdef');
    upload.append(source.subarray(0, 3));
    source.fill(0);
    expect(upload.finish().toString()).toBe('abc');
  });

  it('carries on past its reserved 64 MiB', () => {
    const upload = new UploadBuffer();
    const piece = randomBytes(1024 * 1024);
    const total = 66;
    for (let i = 0; i < total; i++) upload.append(piece);
    const whole = upload.finish();
    expect(whole.length).toBe(total * piece.length);
    expect(whole.subarray(65 * piece.length).equals(piece)).toBe(true);
  });

  it('stays correct with many uploads open at once (more than it reserves address space for)', () => {
    const uploads = Array.from({ length: 300 }, (_, i) => {
      const upload = new UploadBuffer();
      upload.append(Buffer.from(`file ${i}`));
      return upload;
    });
    expect(uploads.map((upload) => upload.finish().toString())).toEqual(uploads.map((_, i) => `file ${i}`));
  });
});
