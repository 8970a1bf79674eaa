import fs from 'node:fs';
import path from 'node:path';
import { escapeHtml } from './open-graph';

/**
 * A page's first answers in its shell. The web app's first render would otherwise wait for its JavaScript, then
 * ask the api (and, for the chat, join the room over the socket) before it can show anything: the shell carries
 * the answers the first render needs, as the api would give them to a signed-out visitor, keyed by the api URL the
 * app asks (apps/web/src/lib/boot.ts reads them), plus the preloads of the page's own chunks and of its first
 * picture. Only public answers go in: what any visitor may read at that URL.
 */
export interface PageBoot {
  /** Api URL (path and query, as the web app requests it) -> its JSON answer. */
  answers: Record<string, unknown>;
  /** Source files of the web app (Vite manifest keys) whose chunks, imports and styles the page needs at once. */
  modules: string[];
  /** The page's largest picture, fetched first (the video's poster). */
  image?: string;
  /** A first view painted from the HTML alone (see roomView), removed by the app once its page has rendered. */
  view?: string;
}

/** The id of the first view's element (apps/web/src/pages/shop/SessionPage.tsx removes it). */
export const BOOT_VIEW_ID = 'ocop-boot-view';

/** One line of the room's chat, as the history gives it. */
export interface BootChatLine {
  displayName: string;
  text: string;
}

/** Lines of the room's chat drawn at once, as the app's chat window keeps them (room-logic.ts CHAT_WINDOW). */
export const BOOT_CHAT_LINES = 30;

/**
 * A live room's first view, in the room's own classes (its stylesheet is in the head): the video's poster filling
 * the screen under the shade, and the chat's latest lines over it, newest at the bottom. It is what the app paints
 * a moment later (which then takes its place), hidden from assistive technology meanwhile: the app's room is the
 * one to read and use. Every text is escaped (names and lines are user text).
 */
export function roomView(options: {
  poster?: string;
  title: string;
  lines: readonly BootChatLine[];
}): string {
  const poster = options.poster
    ? `<img class="player-video" src="${escapeHtml(options.poster)}" alt="" fetchpriority="high" />`
    : '';
  const lines = options.lines
    .slice(-BOOT_CHAT_LINES)
    .map(
      (line) =>
        `<li class="chat-line chat-message" data-testid="chat-message"><strong>${escapeHtml(line.displayName)}</strong> <span>${escapeHtml(line.text)}</span></li>`,
    )
    .join('');
  return (
    `<div id="${BOOT_VIEW_ID}" class="room room-live" aria-hidden="true" data-title="${escapeHtml(options.title)}">` +
    `<div class="room-stage"><div class="player player-fill">${poster}</div><div class="room-shade"></div></div>` +
    '<div class="room-lower"><section class="room-chat">' +
    // The list opens scrolled to its newest line, as the app keeps it; the bar's place is kept (room.css).
    `<div class="chat-list boot-chat-list" data-testid="chat-list"><ol>${lines}</ol></div>` +
    '<div class="room-bar boot-chat-bar"></div>' +
    '</section></div></div>'
  );
}

/** The id of the <script type="application/json"> holding the answers (apps/web/src/lib/boot.ts). */
export const BOOT_ELEMENT_ID = 'ocop-boot';

/**
 * JSON safe inside a <script> element whatever the text in it (chat lines and titles are user text): `<` and `>`
 * never appear raw, so no `</script>` or `<!--` can end or bend the element; U+2028/2029 are escaped too.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

interface ManifestChunk {
  file: string;
  imports?: string[];
  css?: string[];
}

/** The build's .vite/manifest.json: which files a source module needs. Read once per build (its mtime). */
export class WebManifest {
  private cached?: { mtimeMs: number; chunks: Record<string, ManifestChunk> };

  constructor(private readonly webRoot: string) {}

  private chunks(): Record<string, ManifestChunk> {
    const file = path.join(this.webRoot, '.vite', 'manifest.json');
    let mtimeMs: number;
    try {
      mtimeMs = fs.statSync(file).mtimeMs;
    } catch {
      return {};
    }
    if (this.cached?.mtimeMs !== mtimeMs) {
      this.cached = {
        mtimeMs,
        chunks: JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, ManifestChunk>,
      };
    }
    return this.cached.chunks;
  }

  /** The scripts (each module's chunk and its static imports, depth first) and stylesheets the modules need. */
  files(modules: readonly string[]): { scripts: string[]; styles: string[] } {
    const chunks = this.chunks();
    const scripts = new Set<string>();
    const styles = new Set<string>();
    const seen = new Set<string>();
    const visit = (key: string) => {
      if (seen.has(key)) return;
      seen.add(key);
      const chunk = chunks[key];
      if (!chunk) return;
      scripts.add(chunk.file);
      for (const css of chunk.css ?? []) styles.add(css);
      for (const imported of chunk.imports ?? []) visit(imported);
    };
    for (const key of modules) visit(key);
    return { scripts: [...scripts], styles: [...styles] };
  }

  /** The stylesheets of a module's own chunk (not of its imports). */
  ownStyles(module: string): string[] {
    return this.chunks()[module]?.css ?? [];
  }
}

/**
 * The shell with the boot: the answers before </head> (not run: data only), the page's chunks as module preloads and
 * its stylesheets (files the shell already names are left out), the first picture's preload with a high priority,
 * and the first view at the end of the body. A shell without a head is returned as it is.
 */
export function injectBoot(shell: string, boot: PageBoot, manifest: WebManifest): string {
  const headEnd = shell.search(/<\/head>/i);
  if (headEnd < 0) return shell;
  const { scripts, styles } = manifest.files(boot.modules);
  const tags: string[] = [];
  // With a first view, the page's own styles (the first module's: the view is drawn in them) come before the first
  // paint; the others are fetched early for the page's chunk.
  const blocking = new Set(boot.view && boot.modules[0] ? manifest.ownStyles(boot.modules[0]) : []);
  if (boot.image) {
    tags.push(`<link rel="preload" as="image" href="${escapeHtml(boot.image)}" fetchpriority="high" />`);
  }
  for (const file of scripts) {
    if (!shell.includes(`/${file}"`))
      tags.push(`<link rel="modulepreload" crossorigin href="/${escapeHtml(file)}" />`);
  }
  for (const file of styles) {
    if (shell.includes(`/${file}"`)) continue;
    // crossorigin as the app's loader asks for them, so that the browser uses this copy.
    const rel = blocking.has(file) ? 'rel="stylesheet"' : 'rel="preload" as="style"';
    tags.push(`<link ${rel} crossorigin href="/${escapeHtml(file)}" />`);
  }
  tags.push(`<script type="application/json" id="${BOOT_ELEMENT_ID}">${scriptJson(boot.answers)}</script>`);
  const head = `${shell.slice(0, headEnd).trimEnd()}\n    ${tags.join('\n    ')}\n  `;
  let rest = shell.slice(headEnd);
  const bodyEnd = rest.search(/<\/body>/i);
  if (boot.view && bodyEnd >= 0) rest = `${rest.slice(0, bodyEnd)}  ${boot.view}\n  ${rest.slice(bodyEnd)}`;
  return head + rest;
}
