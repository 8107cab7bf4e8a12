/**
 * A minimal PNG encoder for opaque images: 8-bit RGB (colour type 2), no interlace, filter "None" on every
 * row, one zlib stream. pdfkit passes such a PNG's compressed data straight into the PDF (with a PNG
 * predictor in DecodeParms); an RGBA PNG instead has to be inflated and split into colour and soft mask.
 * Charts are mostly flat colour, so the filter-free rows still deflate well.
 */
import { crc32, deflateSync } from 'node:zlib';

const SIGNATURE = Uint8Array.from([137, 80, 78, 71, 13, 10, 26, 10]);

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(data, crc32(head.subarray(4))) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** Encodes `rgba` (4 bytes a pixel, alpha ignored: the image must be opaque) as an RGB PNG. */
export function encodeRgbPng(rgba: Uint8Array, width: number, height: number, level = 6): Buffer {
  const stride = width * 3 + 1;
  const raw = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    let o = y * stride + 1; // byte 0 of each row: filter type 0 (None)
    let i = y * width * 4;
    for (let x = 0; x < width; x++, i += 4) {
      raw[o++] = rgba[i]!;
      raw[o++] = rgba[i + 1]!;
      raw[o++] = rgba[i + 2]!;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: truecolour
  return Buffer.concat([SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level })), chunk('IEND', new Uint8Array(0))]);
}
