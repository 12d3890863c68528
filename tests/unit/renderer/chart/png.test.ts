import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodePng, dominantColor, shareUnlike } from '../../../support/png.ts';

/** A minimal RGB PNG writer with one filter per row, to check the reader against. */
function encodePng(width: number, height: number, pixel: (x: number, y: number) => [number, number, number], filter: number): Buffer {
  const chunk = (type: string, body: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(body.length, 0);
    head.write(type, 4, 'latin1');
    return Buffer.concat([head, body, Buffer.alloc(4)]); // the reader does not check CRCs
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const rows: number[] = [];
  let previous = new Array<number>(width * 3).fill(0);
  for (let y = 0; y < height; y++) {
    const row = Array.from({ length: width }, (_, x) => pixel(x, y)).flat();
    rows.push(filter);
    for (let i = 0; i < row.length; i++) {
      const a = i >= 3 ? row[i - 3]! : 0;
      const b = previous[i]!;
      const v = filter === 0 ? row[i]! : filter === 1 ? row[i]! - a : filter === 2 ? row[i]! - b : row[i]! - ((a + b) >> 1);
      rows.push(v & 255);
    }
    previous = row;
  }
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([sig, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.from(rows))), chunk('IEND', Buffer.alloc(0))]);
}

describe('the PNG reader used on chart screenshots', () => {
  it.each([0, 1, 2, 3])('decodes filter %i', (filter) => {
    const pixel = (x: number, y: number): [number, number, number] => (x === 2 && y === 1 ? [255, 0, 0] : [20, 22, 24]);
    const image = decodePng(encodePng(5, 4, pixel, filter));
    expect([image.width, image.height]).toEqual([5, 4]);
    expect(dominantColor(image)).toEqual([20, 22, 24]);
    expect(shareUnlike(image, [20, 22, 24])).toBeCloseTo(1 / 20);
    const o = (1 * 5 + 2) * 4;
    expect([...image.data.subarray(o, o + 4)]).toEqual([255, 0, 0, 255]);
  });
});
