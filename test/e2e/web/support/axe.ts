import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { PageGlobals } from './page-globals';

/** axe-core's browser build (installed as a dev dependency), injected into the page under test. */
const AXE_SOURCE = fs.readFileSync(
  path.join(path.dirname(require.resolve('axe-core')), 'axe.min.js'),
  'utf8',
);

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  /** CSS selectors of (at most five of) the offending elements. */
  targets: string[];
}

export interface AxeScan {
  page: string;
  url: string;
  violations: AxeViolation[];
}

interface AxeResults {
  violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] }[];
}

/** Runs axe on the whole document as it is now and returns its violations. */
const SETTLED_ANIMATIONS = `Promise.race([
  Promise.all(
    document
      .getAnimations()
      .filter((a) => Number.isFinite(a.effect?.getComputedTiming().endTime))
      .map((a) => a.finished.catch(() => undefined)),
  ),
  new Promise((resolve) => setTimeout(resolve, 5000)),
]).then(() => undefined)`;

export async function scanPage(page: Page, name: string): Promise<AxeScan> {
  const loaded = await page.evaluate(() => (globalThis as unknown as PageGlobals).axe !== undefined);
  // Evaluated through the DevTools protocol, not as an inline <script>: the app's CSP (no inline script) stays on.
  if (!loaded) await page.evaluate(`${AXE_SOURCE}\n;undefined`);
  // A card sliding in or out is half transparent for 0.28 s: the scan waits for the page's finite animations to end
  // (5 s at most), so colour contrast is judged on what stays on screen.
  await page.evaluate(SETTLED_ANIMATIONS);
  const results = (await page.evaluate(() => {
    const w = globalThis as unknown as PageGlobals;
    return w.axe?.run(w.document, { resultTypes: ['violations'] });
  })) as AxeResults;
  return {
    page: name,
    url: page.url(),
    violations: results.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.map(String).join(' ')),
    })),
  };
}

/** One line per serious or critical violation, for the test's output. */
export function describeScan(scan: AxeScan): string[] {
  return scan.violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map((v) => `[axe] ${scan.page}: ${v.impact} ${v.id} (${v.help}) at ${v.targets.join(', ')}`);
}
