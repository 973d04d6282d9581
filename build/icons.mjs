#!/usr/bin/env node
// @ts-check
/**
 * Draws the app and tray icons as PNGs with no dependencies: shapes are signed-distance
 * functions sampled 4×4 per pixel (anti-aliasing), encoded with node:zlib. Run it after
 * changing the look: `node build/icons.mjs`. The output is small and committed, so packaging
 * and `npm start` need no extra step.
 *
 *   build/icon.png             1024 px, electron-builder derives .icns / .ico from it
 *   build/icons/<N>x<N>.png    Linux icon set
 *   build/tray/tray-<state>.png and @2x   tray icons per state (see electron/main/tray.ts)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));

/** @typedef {[number, number, number, number]} RGBA  premultiplied-free, 0..255, alpha 0..1 */
/** @typedef {(x: number, y: number) => number} Sdf  negative inside, in units of the icon (0..1) */
/** @typedef {{ sdf: Sdf, color: RGBA | ((x: number, y: number) => RGBA) }} Layer */

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** @param {Buffer} bytes */
function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** @param {string} type @param {Buffer} data */
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** @param {number} size @param {Uint8Array} rgba */
export function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * size * 4, size * 4).copy(
      raw,
      y * (size * 4 + 1) + 1,
    );
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Composites layers (bottom first) with `over`, 4×4 samples per pixel. @param {number} size @param {Layer[]} layers */
export function render(size, layers) {
  const out = new Uint8Array(size * size * 4);
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const x = (px + (sx + 0.5) / n) / size;
          const y = (py + (sy + 0.5) / n) / size;
          let cr = 0,
            cg = 0,
            cb = 0,
            ca = 0;
          for (const layer of layers) {
            if (layer.sdf(x, y) > 0) continue;
            const [lr, lg, lb, la] =
              typeof layer.color === 'function' ? layer.color(x, y) : layer.color;
            const outA = la + ca * (1 - la);
            if (outA === 0) continue;
            cr = (lr * la + cr * ca * (1 - la)) / outA;
            cg = (lg * la + cg * ca * (1 - la)) / outA;
            cb = (lb * la + cb * ca * (1 - la)) / outA;
            ca = outA;
          }
          r += cr * ca;
          g += cg * ca;
          b += cb * ca;
          a += ca;
        }
      }
      const i = (py * size + px) * 4;
      const samples = n * n;
      out[i] = a ? Math.round(r / a) : 0;
      out[i + 1] = a ? Math.round(g / a) : 0;
      out[i + 2] = a ? Math.round(b / a) : 0;
      out[i + 3] = Math.round((a / samples) * 255);
    }
  }
  return out;
}

// Shapes (coordinates 0..1).
/** @param {number} cx @param {number} cy @param {number} r @returns {Sdf} */
const circle = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) - r;
/** @param {number} x0 @param {number} y0 @param {number} x1 @param {number} y1 @param {number} radius @returns {Sdf} */
const roundedRect = (x0, y0, x1, y1, radius) => (x, y) => {
  const cx = (x0 + x1) / 2,
    cy = (y0 + y1) / 2;
  const hx = (x1 - x0) / 2 - radius,
    hy = (y1 - y0) / 2 - radius;
  const dx = Math.abs(x - cx) - hx,
    dy = Math.abs(y - cy) - hy;
  return Math.hypot(Math.max(dx, 0), Math.max(dy, 0)) + Math.min(Math.max(dx, dy), 0) - radius;
};
/** @param {Sdf} a @param {Sdf} b @returns {Sdf} */
const intersect = (a, b) => (x, y) => Math.max(a(x, y), b(x, y));
/** @param {Sdf} a @param {Sdf} b @returns {Sdf} */
const union = (a, b) => (x, y) => Math.min(a(x, y), b(x, y));

/** @param {string} hex @param {number} [alpha] @returns {RGBA} */
const rgb = (hex, alpha = 1) => [
  parseInt(hex.slice(1, 3), 16),
  parseInt(hex.slice(3, 5), 16),
  parseInt(hex.slice(5, 7), 16),
  alpha,
];
const WHITE = rgb('#ffffff');
const COLORS = {
  sky: rgb('#2fc6f6'),
  blue: rgb('#1e7ee6'),
  green: rgb('#3bc45a'),
  grey: rgb('#9aa4ae'),
  amber: rgb('#f5a623'),
  red: rgb('#e53935'),
  slate: rgb('#6b7785'),
};

/** A person: head and shoulders, centred at (cx, cy) with scale s. @param {number} cx @param {number} cy @param {number} s */
function person(cx, cy, s) {
  const head = circle(cx, cy - 0.16 * s, 0.13 * s);
  const body = intersect(circle(cx, cy + 0.36 * s, 0.3 * s), (x, y) => y - (cy + 0.3 * s));
  return union(head, body);
}

/** @param {RGBA} top @param {RGBA} bottom @returns {(x: number, y: number) => RGBA} */
const gradient = (top, bottom) => (_x, y) =>
  [0, 1, 2, 3].map((i) => (top[i] ?? 0) + ((bottom[i] ?? 0) - (top[i] ?? 0)) * y);

/** The app icon: a rounded tile, a person, and a green presence dot. */
function appIcon() {
  return /** @type {Layer[]} */ ([
    {
      sdf: roundedRect(0.06, 0.06, 0.94, 0.94, 0.2),
      color: /** @type {any} */ (gradient(COLORS.sky, COLORS.blue)),
    },
    { sdf: person(0.46, 0.52, 1.15), color: WHITE },
    { sdf: circle(0.7, 0.7, 0.14), color: WHITE },
    { sdf: circle(0.7, 0.7, 0.1), color: COLORS.green },
  ]);
}

/**
 * Tray icons: a disc with a person, and a status dot that is readable at 16 px:
 * green (people online), grey (nobody), amber with a pause bar (alerts paused),
 * red with a bar (problem); a fully grey disc when not connected.
 * @param {'online' | 'nobody' | 'paused' | 'problem' | 'disconnected'} state
 */
function trayIcon(state) {
  const disc = state === 'disconnected' ? COLORS.slate : COLORS.blue;
  /** @type {Layer[]} */
  const layers = [
    { sdf: circle(0.42, 0.42, 0.4), color: disc },
    { sdf: person(0.42, 0.47, 0.95), color: WHITE },
  ];
  const dot = {
    online: COLORS.green,
    nobody: COLORS.grey,
    paused: COLORS.amber,
    problem: COLORS.red,
    disconnected: null,
  }[state];
  if (dot) {
    layers.push(
      { sdf: circle(0.74, 0.74, 0.26), color: WHITE },
      { sdf: circle(0.74, 0.74, 0.2), color: dot },
    );
    if (state === 'paused') {
      layers.push({
        sdf: union(
          roundedRect(0.65, 0.64, 0.71, 0.84, 0.02),
          roundedRect(0.77, 0.64, 0.83, 0.84, 0.02),
        ),
        color: WHITE,
      });
    }
    if (state === 'problem')
      layers.push({ sdf: roundedRect(0.64, 0.705, 0.84, 0.775, 0.02), color: WHITE });
  }
  return layers;
}

/** @param {string} path @param {number} size @param {Layer[]} layers */
function write(path, size, layers) {
  mkdirSync(dirname(path), { recursive: true });
  const png = encodePng(size, render(size, layers));
  writeFileSync(path, png);
  return png.length;
}

export const APP_ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
export const TRAY_STATES = /** @type {const} */ ([
  'online',
  'nobody',
  'paused',
  'problem',
  'disconnected',
]);

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  let total = 0;
  total += write(join(here, 'icon.png'), 1024, appIcon());
  for (const size of APP_ICON_SIZES)
    total += write(join(here, 'icons', `${size}x${size}.png`), size, appIcon());
  for (const state of TRAY_STATES) {
    total += write(join(here, 'tray', `tray-${state}.png`), 16, trayIcon(state));
    total += write(join(here, 'tray', `tray-${state}@2x.png`), 32, trayIcon(state));
  }
  console.log(`icons written: ${Math.round(total / 1024)} KiB`);
}
