import { deflateSync, crc32 } from 'node:zlib';
import sharp from 'sharp';
import type { AssetView, UploadView } from '@ocop/assets';
import type { TestApp } from '../test-app';
import { authHeader } from './identity';

// Pictures and documents made on the fly for the upload tests (nothing downloaded, nothing shipped).

export interface PhotoOptions {
  width?: number;
  height?: number;
  format?: 'jpeg' | 'png' | 'webp';
  /** EXIF orientation (6 = the camera was turned: the picture must be rotated 90° clockwise). */
  orientation?: number;
  /** Writes GPS coordinates and a camera model into the EXIF, as a phone does. */
  gps?: boolean;
}

/**
 * A photo-like image: a gradient with blocks of colour (so that encoders have real work), optionally with EXIF
 * orientation and GPS like a phone's camera.
 */
export async function makePhoto(options: PhotoOptions = {}): Promise<Buffer> {
  const width = options.width ?? 1600;
  const height = options.height ?? 1200;
  const channels = 3;
  const pixels = Buffer.alloc(width * height * channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * channels;
      const block = ((x >> 6) + (y >> 6)) % 3;
      pixels[i] = (x * 255) / width;
      pixels[i + 1] = (y * 255) / height;
      pixels[i + 2] = block * 100;
    }
  }
  let image = sharp(pixels, { raw: { width, height, channels } });
  if (options.gps || options.orientation) {
    image = image.withExif({
      IFD0: {
        Make: 'OCOP Test Phone',
        Model: 'Farm Camera 12',
      },
      ...(options.gps
        ? {
            IFD3: {
              GPSLatitudeRef: 'N',
              GPSLatitude: '21/1 1/1 30/1',
              GPSLongitudeRef: 'E',
              GPSLongitude: '105/1 54/1 0/1',
            },
          }
        : {}),
    });
  }
  if (options.orientation) image = image.withMetadata({ orientation: options.orientation });
  const format = options.format ?? 'jpeg';
  if (format === 'png') return image.png().toBuffer();
  if (format === 'webp') return image.webp().toBuffer();
  return image.jpeg({ quality: 90 }).toBuffer();
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

/**
 * A real PNG whose header declares `width`×`height` pixels with image data that inflates to all of them: the
 * pixels are zeros, so a 10,000×10,000 image (100 MP, 300 MB decoded) takes well under a megabyte — the shape of a
 * decompression bomb.
 */
export function makeBigPng(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const row = Buffer.alloc(1 + width * 3); // filter byte 0 + black pixels
  const raw = Buffer.alloc(row.length * height);
  const idat = deflateSync(raw, { level: 9 });
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', idat),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A one-page PDF (an OCOP decision of sorts), written by hand: text on an A4 page. */
export function makePdf(pages = 1): Buffer {
  const objects: string[] = [];
  const pageIds = Array.from({ length: pages }, (_, i) => 4 + i * 2);
  objects.push('<< /Type /Catalog /Pages 2 0 R >>');
  objects.push(`<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages} >>`);
  objects.push('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  for (let i = 0; i < pages; i++) {
    const text = `BT /F1 28 Tf 72 740 Td (QUYET DINH OCOP 1234/QD-UBND trang ${i + 1}) Tj ET`;
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${5 + i * 2} 0 R >>`,
    );
    objects.push(`<< /Length ${text.length} >>\nstream\n${text}\nendstream`);
  }
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** Sends a whole file through the upload api (create, every chunk, complete) and returns the answers. */
export async function uploadFile(
  t: TestApp,
  token: string,
  purpose: string,
  bytes: Buffer,
  fileName = 'photo.jpg',
): Promise<{ upload: UploadView; asset: AssetView }> {
  const created = await t
    .http()
    .post('/api/uploads')
    .set(authHeader(token))
    .send({ purpose, fileName, byteLength: bytes.length });
  if (created.status !== 201)
    throw new Error(`upload create: ${created.status} ${JSON.stringify(created.body)}`);
  const upload = created.body as UploadView;
  for (let offset = 0; offset < bytes.length; offset += upload.chunkBytes) {
    const res = await t
      .http()
      .put(`/api/uploads/${upload.id}/chunks?offset=${offset}`)
      .set(authHeader(token))
      .set('Content-Type', 'application/octet-stream')
      .send(bytes.subarray(offset, offset + upload.chunkBytes));
    if (res.status !== 200) throw new Error(`upload chunk: ${res.status} ${JSON.stringify(res.body)}`);
  }
  const done = await t.http().post(`/api/uploads/${upload.id}/complete`).set(authHeader(token));
  if (done.status !== 202) throw new Error(`upload complete: ${done.status} ${JSON.stringify(done.body)}`);
  return { upload, asset: done.body as AssetView };
}
