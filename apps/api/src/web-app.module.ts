import { DynamicModule, Inject, Logger, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost, ModuleRef } from '@nestjs/core';
import { APP_CONFIG, AppConfig } from '@ocop/config';
import { WEB_SHELL_RENDERER, WebShellPage, WebShellRenderer } from '@ocop/http';
import type { NextFunction, Request, Response } from 'express';
import fs from 'node:fs';
import path from 'node:path';
import {
  Coding,
  contentHash,
  DynamicCompressor,
  etagMatches,
  FileEntry,
  IMMUTABLE,
  negotiateEncoding,
  offeredCodings,
  REVALIDATE,
  StaticFiles,
} from './web-static';

/** Where the built browser app lives: WEB_DIST_DIR, else dist/web under the working directory (`npm run build`). */
export function webDistDir(config: AppConfig): string {
  return path.resolve(config.WEB_DIST_DIR ?? path.join(process.cwd(), 'dist', 'web'));
}

/** The api's own paths: never a file of the web app, never its shell. */
const API_PATHS = /^\/(api|health|socket\.io|files)(\/|$)/;

/** A page of the app (no file extension, not a hashed asset): answered with the shell, so a shared link opens. */
function isPagePath(urlPath: string): boolean {
  if (urlPath.startsWith('/assets/')) return false;
  const last = urlPath.split('/').pop() ?? '';
  return !/\.[a-z0-9]+$/i.test(last);
}

type Headers = Record<string, string | string[] | undefined>;

/**
 * Serves the browser app at `/` (see web-static.ts for the files' codings and caching). Every page of the app
 * (`/`, `/sessions/:id`, any path without an extension) gets the shell: index.html, passed through the
 * WEB_SHELL_RENDERER provider when one is registered in the api (then compressed on the fly). A missing file is
 * the api's 404, not the shell. /api, /health, /socket.io and /files stay the api's. Registered after the api's
 * routes, behind the security headers. Without a built app the api runs as before.
 */
@Module({})
export class WebAppModule implements OnModuleInit {
  private readonly logger = new Logger('WebApp');
  private readonly compressor = new DynamicCompressor();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly adapterHost: HttpAdapterHost,
    private readonly moduleRef: ModuleRef,
  ) {}

  static forRoot(): DynamicModule {
    return { module: WebAppModule };
  }

  onModuleInit(): void {
    const root = webDistDir(this.config);
    if (!fs.existsSync(path.join(root, 'index.html'))) return;
    const files = new StaticFiles(root);
    const renderer = this.renderer();
    this.adapterHost.httpAdapter.use((req: Request, res: Response, next: NextFunction) => {
      this.handle(files, renderer, req, res, next).catch(next);
    });
  }

  private renderer(): WebShellRenderer | undefined {
    try {
      return this.moduleRef.get<WebShellRenderer>(WEB_SHELL_RENDERER, { strict: false });
    } catch {
      return undefined;
    }
  }

  private async handle(
    files: StaticFiles,
    renderer: WebShellRenderer | undefined,
    req: Request,
    res: Response,
    next: NextFunction,
  ): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    let urlPath: string;
    try {
      urlPath = decodeURIComponent(req.path);
    } catch {
      return next();
    }
    if (API_PATHS.test(urlPath)) return next();
    const entry = urlPath === '/index.html' ? undefined : files.lookup(urlPath);
    if (entry) return this.sendFile(req, res, entry, urlPath.startsWith('/assets/') ? IMMUTABLE : REVALIDATE);
    if (!isPagePath(urlPath) && urlPath !== '/index.html') return next();
    const shell = files.lookup('/index.html');
    if (!shell) return next();
    if (renderer) {
      let page: WebShellPage | undefined;
      try {
        page = await renderer.render(
          { path: urlPath, query: firstValues(req.query), headers: req.headers as Headers },
          fs.readFileSync(shell.file, 'utf8'),
        );
      } catch (error) {
        this.logger.warn(`the page shell of ${urlPath} was served as built: ${(error as Error).message}`);
      }
      if (page !== undefined) return this.sendPage(req, res, Buffer.from(page.html, 'utf8'), page.status ?? 200);
    }
    return this.sendFile(req, res, shell, REVALIDATE);
  }

  /** A built file, in the best coding the browser accepts. */
  private sendFile(req: Request, res: Response, entry: FileEntry, cacheControl: string): void {
    const coding = negotiateEncoding(req.headers['accept-encoding'], offeredCodings(entry));
    if (!coding) return notAcceptable(req, res);
    const variant = entry.variants.get(coding);
    if (!variant) return notAcceptable(req, res);
    if (
      !this.head(req, res, {
        type: entry.type,
        coding,
        etag: variant.etag,
        cacheControl,
        vary: entry.compressible,
      })
    )
      return;
    res.setHeader('Content-Length', variant.size);
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const stream = fs.createReadStream(variant.file);
    stream.on('error', (error) => {
      this.logger.error(`reading ${variant.file}: ${error.message}`);
      res.destroy(error);
    });
    stream.pipe(res);
  }

  /** A page made for this request (the shell with the page's tags), compressed now. */
  private sendPage(req: Request, res: Response, html: Buffer, status: number): void {
    const coding = negotiateEncoding(req.headers['accept-encoding'], ['br', 'gzip', 'identity']);
    if (!coding) return notAcceptable(req, res);
    const hash = contentHash(html);
    const etag = coding === 'identity' ? `"${hash}"` : `"${hash}-${coding}"`;
    const type = 'text/html; charset=utf-8';
    if (!this.head(req, res, { type, coding, etag, cacheControl: REVALIDATE, vary: true })) return;
    res.statusCode = status;
    const body = this.compressor.compress(html, coding, hash);
    res.setHeader('Content-Length', body.length);
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  /** Writes the headers; answers 304 and returns false when the browser's copy is current. */
  private head(
    req: Request,
    res: Response,
    h: { type: string; coding: Coding; etag: string; cacheControl: string; vary: boolean },
  ): boolean {
    res.setHeader('Cache-Control', h.cacheControl);
    res.setHeader('ETag', h.etag);
    if (h.vary) res.setHeader('Vary', 'Accept-Encoding');
    // One answer per request, whole: no byte ranges of a compressed copy.
    res.setHeader('Accept-Ranges', 'none');
    if (etagMatches(req.headers['if-none-match'], h.etag)) {
      res.statusCode = 304;
      res.end();
      return false;
    }
    res.statusCode = 200;
    res.setHeader('Content-Type', h.type);
    if (h.coding !== 'identity') res.setHeader('Content-Encoding', h.coding);
    return true;
  }
}

function firstValues(query: Request['query']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(query ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string') out[key] = first;
  }
  return out;
}

function notAcceptable(req: Request, res: Response): void {
  res.setHeader('Vary', 'Accept-Encoding');
  res.status(406).json({
    code: 'ENCODING_NOT_ACCEPTABLE',
    message: 'None of the content codings this file is stored in (br, gzip, identity) is acceptable.',
    requestId: String((req as Request & { id?: unknown }).id ?? ''),
  });
}
