import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { Public } from '@ocop/auth';
import { AssetError } from '../domain';
import { ASSET_STORAGE, AssetStorage } from '../storage/asset-storage';
import { AssetUrls } from '../storage/asset-urls';
import { contentTypeOfKey } from '../storage/content-types';

const PUBLIC_PATH = /^[a-f0-9]{24}\/[a-z0-9-]{1,80}\.(avif|webp|jpg)$/;
const PRIVATE_PATH = /^(private|originals)\/[0-9a-f-]{36}\/[a-z0-9.-]{1,100}$/;

/**
 * Serves stored files at /files (outside /api): public renditions by their content-hashed path, cached for a year
 * as immutable; private ones only with a valid signature, never cached by shared caches. Files stream from either
 * storage driver, so this works for S3 too when no CDN or public bucket URL is configured.
 */
@ApiExcludeController()
@Controller('files')
export class FilesController {
  constructor(
    @Inject(ASSET_STORAGE) private readonly storage: AssetStorage,
    private readonly urls: AssetUrls,
  ) {}

  @Get('*path')
  @Public()
  async serve(
    @Param('path') path: string | string[],
    @Query() query: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    const rest = Array.isArray(path) ? path.join('/') : path;
    let key: string;
    let cache: string;
    if (PUBLIC_PATH.test(rest)) {
      key = `public/${rest}`;
      cache = 'public, max-age=31536000, immutable';
    } else if (PRIVATE_PATH.test(rest)) {
      this.urls.verify(rest, query['expires'], query['signature']);
      key = rest;
      cache = 'private, no-store';
    } else {
      throw new AssetError('ASSET_NOT_FOUND', 'No such file');
    }
    const file = await this.storage.open(key);
    if (!file) throw new AssetError('ASSET_NOT_FOUND', 'No such file');
    res.status(200);
    res.setHeader('Content-Type', contentTypeOfKey(key));
    res.setHeader('Content-Length', String(file.byteLength));
    res.setHeader('Cache-Control', cache);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    // A stored image is never a page: nothing runs in it even when opened on its own. (A PDF gets no sandbox:
    // browsers refuse to show a PDF in a sandboxed document.)
    if (!key.endsWith('.pdf')) res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    else res.setHeader('Content-Disposition', 'inline; filename="certificate.pdf"');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-site');
    await pipeline(file.body, res);
  }
}
