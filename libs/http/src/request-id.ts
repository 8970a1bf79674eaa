import { randomUUID } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';

const REQUEST_ID_RE = /^[A-Za-z0-9._:-]{8,128}$/;

/** The caller's X-Request-Id when it is sane, otherwise a fresh uuid; echoed back on the response. */
export function requestIdFor(req: IncomingMessage, res: ServerResponse): string {
  const header = req.headers['x-request-id'];
  const id = typeof header === 'string' && REQUEST_ID_RE.test(header) ? header : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

/** First middleware of the api: every request has its id before anything else (even body parsing) can fail. */
export function assignRequestId(
  req: IncomingMessage & { id?: string },
  res: ServerResponse,
  next: () => void,
): void {
  req.id = requestIdFor(req, res);
  next();
}
