import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import type { AppConfig } from '@ocop/config';

/** Stripe.js and its frames, allowed only when the checkout can take cards (see cardPaymentsInBrowser). */
const STRIPE = {
  script: ['https://js.stripe.com', 'https://*.js.stripe.com'],
  frame: ['https://js.stripe.com', 'https://*.js.stripe.com', 'https://hooks.stripe.com'],
  connect: ['https://api.stripe.com'],
};

/** The players a session may embed instead of our own video (libs/live external-stream.ts derives these URLs). */
const EMBEDDED_PLAYERS = ['https://www.youtube.com', 'https://www.facebook.com', 'https://www.tiktok.com'];

const HSTS_MAX_AGE_SECONDS = 365 * 86_400;

/**
 * Whether the web app loads Stripe.js: the server holds a Stripe secret key (card payments on) and gives the
 * browser a publishable key (GET /api/client-config answers it only then).
 */
export function cardPaymentsInBrowser(config: AppConfig): boolean {
  return Boolean(config.STRIPE_SECRET_KEY && config.STRIPE_PUBLISHABLE_KEY);
}

function mediaOrigins(config: AppConfig): { http: string; ws: string } {
  const media = new URL(config.MEDIA_PUBLIC_URL);
  return { http: media.origin, ws: `${media.protocol === 'https:' ? 'wss:' : 'ws:'}//${media.host}` };
}

/**
 * Where images may come from, in one place: this server (uploaded pictures under /files, signed certificate links),
 * data: and blob: URLs (placeholders, previews of a photo being uploaded), the media app (live thumbnails and replay
 * posters beside the HLS), the public base of uploaded pictures when a CDN or a bucket serves them
 * (ASSETS_PUBLIC_BASE_URL), and the operator's extra origins (CSP_IMAGE_ORIGINS). Every picture is an upload, so no
 * other origin is needed.
 */
export function imageSources(config: AppConfig): string[] {
  // A path (the default `/files`) is this server; an http(s) URL is a CDN or a bucket of its own origin.
  const base = config.ASSETS_PUBLIC_BASE_URL;
  const assets = /^https?:\/\//i.test(base) ? [new URL(base).origin] : [];
  return unique([
    "'self'",
    'data:',
    'blob:',
    mediaOrigins(config).http,
    ...assets,
    ...(config.CSP_IMAGE_ORIGINS ?? []),
  ]);
}

/**
 * The Content-Security-Policy of the web app and the api, directive by directive. What the app really loads:
 * its own scripts and styles (Vite builds files, no inline script), hls.js playing through Media Source Extensions
 * (blob: media, a blob: worker) from the media app or a linked https playlist, the socket.io WebSocket ('self'),
 * the studio camera's WebSocket to the media app, YouTube / Facebook / TikTok players in an iframe, and Stripe.js
 * only when card payment is on. Nothing may frame the app (frame-ancestors 'none').
 */
export function contentSecurityPolicy(config: AppConfig, tls: boolean): Record<string, string[]> {
  const media = mediaOrigins(config);
  const card = cardPaymentsInBrowser(config);
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'base-uri': ["'self'"],
    'object-src': ["'none'"],
    'frame-ancestors': ["'none'"],
    'form-action': ["'self'"],
    'script-src': ["'self'", ...(card ? STRIPE.script : [])],
    'style-src': ["'self'"],
    'img-src': imageSources(config),
    'font-src': ["'self'"],
    // Linked streams may be any https HLS playlist, which hls.js fetches.
    'media-src': unique(["'self'", 'blob:', media.http, 'https:']),
    'connect-src': unique(["'self'", media.http, media.ws, 'https:', ...(card ? STRIPE.connect : [])]),
    'worker-src': ["'self'", 'blob:'],
    'frame-src': [...EMBEDDED_PLAYERS, ...(card ? STRIPE.frame : [])],
    'manifest-src': ["'self'"],
  };
  if (tls) directives['upgrade-insecure-requests'] = [];
  return directives;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/**
 * Browser defences for every answer of the api process (the web app's files and the REST answers alike), with
 * helmet: the policy above, nosniff, a strict referrer policy, no framing (frame-ancestors and X-Frame-Options),
 * same-origin opener; HSTS and upgrade-insecure-requests only when the request came over TLS (directly or, with
 * TRUST_PROXY, through a proxy that says so), so a plain-http demo on localhost is never pinned to https.
 */
export function browserSecurity(config: AppConfig): RequestHandler {
  const handlers = new Map<string, RequestHandler>();
  const handlerFor = (tls: boolean, docs: boolean): RequestHandler => {
    const key = `${tls}:${docs}`;
    let handler = handlers.get(key);
    if (!handler) {
      const directives = contentSecurityPolicy(config, tls);
      // The OpenAPI page (Swagger UI, a developer tool) carries its own inline <style>.
      if (docs) directives['style-src'] = ["'self'", "'unsafe-inline'"];
      handler = helmet({
        contentSecurityPolicy: { useDefaults: false, directives },
        strictTransportSecurity: tls ? { maxAge: HSTS_MAX_AGE_SECONDS, includeSubDomains: true } : false,
        xFrameOptions: { action: 'deny' },
        referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
        crossOriginResourcePolicy: { policy: 'same-origin' },
        // Cross-origin isolation would refuse the embedded players and the media app's files.
        crossOriginEmbedderPolicy: false,
      });
      handlers.set(key, handler);
    }
    return handler;
  };
  return (req: Request, res: Response, next: NextFunction) =>
    handlerFor(req.secure, req.path.startsWith('/api/docs'))(req, res, next);
}
