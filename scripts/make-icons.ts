/**
 * Draws the toolbar icons (on and off variants) as PNGs into assets/icons. Run by hand when the
 * design changes: `npx tsx scripts/make-icons.ts`. No image library: a tiny PNG encoder.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { deflateSync } from 'node:zlib';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = (crcTable[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

type Rgba = readonly [number, number, number, number];

function png(size: number, pixel: (x: number, y: number) => Rgba): Buffer {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x + 0.5, y + 0.5);
      raw.set([r, g, b, a], y * (size * 4 + 1) + 1 + x * 4);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function inRoundRect(x: number, y: number, x0: number, y0: number, x1: number, y1: number, r: number): boolean {
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** A card (rounded rectangle) with two text lines, the first one underlined in dots. */
function icon(size: number, on: boolean): Buffer {
  const s = size / 16;
  const bg: Rgba = on ? [37, 99, 235, 255] : [120, 120, 120, 255];
  const fg: Rgba = [255, 255, 255, 255];
  const accent: Rgba = on ? [253, 224, 71, 255] : [200, 200, 200, 255];
  return png(size, (x, y) => {
    if (!inRoundRect(x, y, 0.5 * s, 1.5 * s, 15.5 * s, 14.5 * s, 2.5 * s)) return [0, 0, 0, 0];
    const line = (top: number, right: number): boolean =>
      y >= top * s && y < (top + 2) * s && x >= 3 * s && x < right * s;
    if (line(4, 13) || line(8.5, 10.5)) return fg;
    if (y >= 6.4 * s && y < 7.4 * s && x >= 3 * s && x < 13 * s && Math.floor(x / Math.max(1, 1.5 * s)) % 2 === 0)
      return accent;
    return bg;
  });
}

const dir = resolve(import.meta.dirname, '../assets/icons');
for (const size of [16, 32, 48, 128]) {
  writeFileSync(resolve(dir, `icon-${size}.png`), icon(size, true));
  writeFileSync(resolve(dir, `icon-off-${size}.png`), icon(size, false));
}
console.log(`icons written to ${dir}`);
