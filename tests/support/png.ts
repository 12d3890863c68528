import { inflateSync } from 'node:zlib';

/** A decoded image: RGBA, 4 bytes per pixel, row by row. */
export interface Image {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/**
 * Decodes the PNGs Chromium writes for screenshots (8-bit RGB or RGBA, not interlaced): enough to
 * look at the pixels of a chart in a test without an image library.
 */
export function decodePng(png: Buffer): Image {
  if (png.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let offset = 8;
  let width = 0;
  let height = 0;
  let colorType = 0;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const depth = body[8]!;
      colorType = body[9]!;
      if (depth !== 8 || (colorType !== 2 && colorType !== 6) || body[12] !== 0) {
        throw new Error(`unsupported PNG (depth ${depth}, colour type ${colorType}, interlace ${body[12]})`);
      }
    } else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  const channels = colorType === 6 ? 4 : 3;
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = new Uint8Array(width * height * 4);
  let previous = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const row = new Uint8Array(stride);
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? row[x - channels]! : 0;
      const b = previous[x]!;
      const c = x >= channels ? previous[x - channels]! : 0;
      const v = line[x]!;
      switch (filter) {
        case 0: row[x] = v; break;
        case 1: row[x] = v + a; break;
        case 2: row[x] = v + b; break;
        case 3: row[x] = v + ((a + b) >> 1); break;
        case 4: row[x] = v + paeth(a, b, c); break;
        default: throw new Error(`bad PNG filter ${filter}`);
      }
    }
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      out[o] = row[x * channels]!;
      out[o + 1] = row[x * channels + 1]!;
      out[o + 2] = row[x * channels + 2]!;
      out[o + 3] = channels === 4 ? row[x * channels + 3]! : 255;
    }
    previous = row;
  }
  return { width, height, data: out };
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** The most common colour of an image (a chart's background), as [r, g, b]. */
export function dominantColor(image: Image): [number, number, number] {
  const counts = new Map<number, number>();
  for (let i = 0; i < image.data.length; i += 4) {
    const key = (image.data[i]! << 16) | (image.data[i + 1]! << 8) | image.data[i + 2]!;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const [key] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]!;
  return [key >> 16, (key >> 8) & 255, key & 255];
}

/** Share of pixels whose colour is far (sum of channel differences > `tolerance`) from `color`. */
export function shareUnlike(image: Image, color: readonly [number, number, number], tolerance = 60): number {
  let unlike = 0;
  for (let i = 0; i < image.data.length; i += 4) {
    const d = Math.abs(image.data[i]! - color[0]) + Math.abs(image.data[i + 1]! - color[1]) + Math.abs(image.data[i + 2]! - color[2]);
    if (d > tolerance) unlike++;
  }
  return unlike / (image.width * image.height);
}

/** Share of pixels close (sum of channel differences ≤ `tolerance`) to `color`. */
export function shareLike(image: Image, color: readonly [number, number, number], tolerance = 40): number {
  let like = 0;
  for (let i = 0; i < image.data.length; i += 4) {
    const d = Math.abs(image.data[i]! - color[0]) + Math.abs(image.data[i + 1]! - color[1]) + Math.abs(image.data[i + 2]! - color[2]);
    if (d <= tolerance) like++;
  }
  return like / (image.width * image.height);
}

export function hexColor(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [n >> 16, (n >> 8) & 255, n & 255];
}
