import type { Request } from 'express';
import { AssetError } from '../domain';

/**
 * Reads a raw request body up to `max` bytes. A body over the limit is refused as soon as it passes it (the rest is
 * not buffered); the caller answers and the connection is drained by Node.
 */
export function readBody(req: Request, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > max) {
      req.resume();
      reject(new AssetError('UPLOAD_CHUNK_INVALID', `A chunk has at most ${max} bytes`, { chunkBytes: max }));
      return;
    }
    const parts: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (part: Buffer) => {
      if (done) return;
      size += part.length;
      if (size > max) {
        done = true;
        req.resume();
        reject(
          new AssetError('UPLOAD_CHUNK_INVALID', `A chunk has at most ${max} bytes`, { chunkBytes: max }),
        );
        return;
      }
      parts.push(part);
    });
    req.on('end', () => {
      if (!done) {
        done = true;
        resolve(Buffer.concat(parts));
      }
    });
    req.on('error', (error) => {
      if (!done) {
        done = true;
        reject(error);
      }
    });
  });
}
