/**
 * The hook through which a context shapes the HTML page of a path of the web app (for example Open Graph tags
 * for a shared session, product or producer link). The api's web module serves every page of the app from one
 * shell (the built index.html); when a provider is registered under WEB_SHELL_RENDERER anywhere in the api, the
 * web module asks it for the HTML of each page it serves and compresses the answer on the fly.
 *
 *   { provide: WEB_SHELL_RENDERER, useClass: ShareShellRenderer }   // in the context's http module
 */
export const WEB_SHELL_RENDERER = Symbol('WEB_SHELL_RENDERER');

export interface WebShellRequest {
  /** The page's path, decoded, without the query: `/sessions/4f1c…`. */
  path: string;
  /** The query string's parameters (first value of each). */
  query: Record<string, string>;
  /** The request's headers, lowercased names (Accept-Language, the forwarded host and protocol…). */
  headers: Record<string, string | string[] | undefined>;
}

/** A page rendered from the shell: its HTML, and its status (200 unless said; 404 for a page whose subject is unknown). */
export interface WebShellPage {
  html: string;
  status?: number;
}

export interface WebShellRenderer {
  /**
   * The page for a path: `shell` is the built index.html. Return it changed (with a status when not 200), or
   * `undefined` to serve it as built (the web module then sends the precompressed copies). Must not throw for an
   * unknown id: answer the shell with 404.
   */
  render(request: WebShellRequest, shell: string): Promise<WebShellPage | undefined> | WebShellPage | undefined;
}
