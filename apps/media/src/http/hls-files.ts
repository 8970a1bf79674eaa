import path from 'node:path';
import express, { NextFunction, Request, Response } from 'express';
import { isUuid } from '@ocop/kernel';

const FILE_RE = /^(index\.m3u8|p\d+_\d+\.ts|thumb\.jpg|poster\.jpg)$/;

export const PLAYLIST_TYPE = 'application/vnd.apple.mpegurl';
export const SEGMENT_TYPE = 'video/mp2t';
/** The live thumbnail changes every few seconds: caches keep it about that long (its URL changes anyway). */
export const THUMBNAIL_MAX_AGE_S = 5;

/**
 * GET /hls/<session id>/index.m3u8 and its segments, as a CDN wants them: the playlist revalidated on every request
 * (it grows while live), segments cached for a year (their names are never reused), open to any origin. Beside them
 * the still frames: the live thumbnail cached for a few seconds, the replay's poster (written once) for a year.
 */
export function hlsFiles(root: string): express.Router {
  const router = express.Router();
  router.use((req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD, OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', 'Range');
    res.setHeader('Access-Control-Expose-Headers', 'Content-Length, Content-Range');
    if (req.method === 'OPTIONS') {
      res.setHeader('Access-Control-Max-Age', '86400');
      res.status(204).end();
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.status(405).setHeader('Allow', 'GET, HEAD, OPTIONS').end();
      return;
    }
    const [, sessionId, file, ...rest] = req.path.split('/');
    if (!isUuid(sessionId) || !file || !FILE_RE.test(file) || rest.length > 0) {
      res.status(404).setHeader('Cache-Control', 'no-cache').end();
      return;
    }
    next();
  });
  router.use(
    express.static(root, {
      index: false,
      dotfiles: 'deny',
      fallthrough: false,
      setHeaders: (res, file) => {
        const name = path.basename(file);
        if (path.extname(file) === '.m3u8') {
          res.setHeader('Content-Type', PLAYLIST_TYPE);
          res.setHeader('Cache-Control', 'no-cache, max-age=0');
        } else if (name === 'thumb.jpg') {
          res.setHeader('Content-Type', 'image/jpeg');
          res.setHeader('Cache-Control', `public, max-age=${THUMBNAIL_MAX_AGE_S}`);
        } else if (name === 'poster.jpg') {
          res.setHeader('Content-Type', 'image/jpeg');
          res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
        } else {
          res.setHeader('Content-Type', SEGMENT_TYPE);
          res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
        }
      },
    }),
  );
  router.use((error: { status?: number }, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    // A playlist not written yet must not be cached as missing by a CDN.
    res
      .status(error.status === 404 ? 404 : 500)
      .setHeader('Cache-Control', 'no-cache')
      .end();
  });
  return router;
}
