/**
 * The browser globals that the functions run inside Chromium (page.evaluate, init scripts) use. This program is
 * typed for Node, without the DOM library: such a function reads them from `globalThis as unknown as PageGlobals`.
 * Types only (erased): nothing here is imported at run time, so the functions stay self-contained.
 */
export interface PageNodeList {
  length: number;
}

export interface PageGlobals {
  document: {
    querySelector: (selector: string) => unknown;
    querySelectorAll: (selector: string) => PageNodeList;
  };
  localStorage: { getItem: (key: string) => string | null };
  performance: {
    now: () => number;
    getEntriesByType: (type: string) => { name: string; startTime: number }[];
  };
  requestAnimationFrame: (callback: () => void) => number;
  setTimeout: (callback: () => void, ms: number) => number;
  MutationObserver: new (callback: () => void) => {
    observe: (target: unknown, options: { childList: boolean; subtree: boolean }) => void;
  };
  /** axe-core, once injected. */
  axe?: { run: (context: unknown, options: object) => Promise<unknown> };
  /** Set by the journey on a page it then expects updated live, without a reload. */
  __sameDocument?: boolean;
  /** When the chat history was first on screen (the first-paint measure's init script). */
  __chatPainted?: number;
}
