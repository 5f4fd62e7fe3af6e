/**
 * Pixel counts on screenshots: what tells a painted mark from a registered one. Screenshots come
 * as base64 PNG from puppeteer (`encoding: 'base64'`) in both browsers.
 */
import { inflateSync } from 'node:zlib';

export type Rgb = readonly [number, number, number];

/** The 'background' mark style's colour in light mode (src/content/engine/mark-styles.ts). */
export const MARK_BACKGROUND: Rgb = [0xfd, 0xe6, 0x8a];

/** RGBA pixels of a screenshot. */
export interface Pixels {
  readonly width: number;
  readonly height: number;
  readonly rgba: Uint8Array;
}

/** A minimal PNG reader: 8-bit RGB or RGBA, non-interlaced, which is what both browsers write. */
export function decodePng(base64: string): Pixels {
  const data = Buffer.from(base64, 'base64');
  let pos = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (pos < data.length) {
    const length = data.readUInt32BE(pos);
    const type = data.toString('ascii', pos + 4, pos + 8);
    const body = data.subarray(pos + 8, pos + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      if (body[8] !== 8 || (body[9] !== 6 && body[9] !== 2) || body[12] !== 0)
        throw new Error('unsupported PNG format');
      channels = body[9] === 6 ? 4 : 3;
    } else if (type === 'IDAT') idat.push(body);
    pos += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const rgba = new Uint8Array(width * height * 4);
  let prev = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)] ?? 0;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const cur = new Uint8Array(stride);
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? (cur[x - channels] ?? 0) : 0;
      const b = prev[x] ?? 0;
      const c = x >= channels ? (prev[x - channels] ?? 0) : 0;
      let v = line[x] ?? 0;
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      cur[x] = v & 255;
    }
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      rgba[o] = cur[x * channels] ?? 0;
      rgba[o + 1] = cur[x * channels + 1] ?? 0;
      rgba[o + 2] = cur[x * channels + 2] ?? 0;
      rgba[o + 3] = channels === 4 ? (cur[x * channels + 3] ?? 0) : 255;
    }
    prev = cur;
  }
  return { width, height, rgba };
}

/** Pixels that differ between two screenshots of the same element (all of them if the sizes differ). */
export function changedPixels(a: string, b: string): number {
  const pa = decodePng(a);
  const pb = decodePng(b);
  if (pa.width !== pb.width || pa.height !== pb.height) return Number.POSITIVE_INFINITY;
  let n = 0;
  for (let i = 0; i < pa.rgba.length; i += 4) {
    if (pa.rgba[i] !== pb.rgba[i] || pa.rgba[i + 1] !== pb.rgba[i + 1] || pa.rgba[i + 2] !== pb.rgba[i + 2]) n++;
  }
  return n;
}

/** Pixels within `tolerance` (sum of the channel differences) of an sRGB colour. */
export function pixelsOfColour(shot: string, [r, g, b]: Rgb, tolerance: number): number {
  const { rgba } = decodePng(shot);
  let n = 0;
  for (let i = 0; i < rgba.length; i += 4) {
    if (Math.abs((rgba[i] ?? 0) - r) + Math.abs((rgba[i + 1] ?? 0) - g) + Math.abs((rgba[i + 2] ?? 0) - b) <= tolerance)
      n++;
  }
  return n;
}
