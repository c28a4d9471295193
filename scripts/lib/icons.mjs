// The add-in's icons, drawn at build time (no binary files in the repository): a navy tile with
// the relationship × benefit quadrant and three client dots (A green, B amber, C grey).
import { deflateSync } from "node:zlib";

const CRC_TABLE = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "ascii");
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** RGBA pixels (width × height × 4) → PNG bytes. */
export function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0;
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const hex = (h) => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16), 255];

/** The KAM tile at `size` pixels. */
export function drawIcon(size) {
  const px = new Uint8Array(size * size * 4);
  const set = (x, y, c) => {
    if (x < 0 || y < 0 || x >= size || y >= size) return;
    px.set(c, (y * size + x) * 4);
  };
  const navy = hex("#1F4E78");
  const line = hex("#9DC3E6");
  const r = Math.max(2, Math.round(size / 8));
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      // Rounded corners: leave transparent outside the corner circles.
      const cx = x < r ? r - 0.5 : x >= size - r ? size - r - 0.5 : x + 0.5;
      const cy = y < r ? r - 0.5 : y >= size - r ? size - r - 0.5 : y + 0.5;
      if ((x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 <= r * r) set(x, y, navy);
    }
  }
  const half = Math.floor(size / 2);
  const pad = Math.max(2, Math.round(size / 8));
  const w = Math.max(1, Math.round(size / 24));
  for (let i = pad; i < size - pad; i++) {
    for (let t = 0; t < w; t++) {
      set(half - Math.floor(w / 2) + t, i, line);
      set(i, half - Math.floor(w / 2) + t, line);
    }
  }
  const dot = (fx, fy, colour) => {
    const cx = fx * size;
    const cy = fy * size;
    const rad = Math.max(1.2, size / 9);
    for (let y = Math.floor(cy - rad); y <= Math.ceil(cy + rad); y++) {
      for (let x = Math.floor(cx - rad); x <= Math.ceil(cx + rad); x++) {
        if ((x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 <= rad * rad) set(x, y, hex(colour));
      }
    }
  };
  dot(0.72, 0.28, "#6ABF69"); // A: key client, top right
  dot(0.3, 0.36, "#F9C846"); // B
  dot(0.33, 0.72, "#BDBDBD"); // C
  return encodePng(size, size, px);
}
