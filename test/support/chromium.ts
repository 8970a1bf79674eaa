import fs from 'node:fs';
import { Browser, chromium } from 'playwright-core';

/**
 * The one Chromium the browser tests launch: Debian's build (apt-get install chromium), driven by playwright-core
 * with no browser download, headless. CHROMIUM_PATH points at another build.
 */
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** What Chromium needs on this machine: root without a sandbox, no GPU, no QUIC, and no calls home. */
export const CHROMIUM_FLAGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches Chromium with CHROMIUM_FLAGS and `extraArgs`; says how to install it when it is missing. */
export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}: install it with \`apt-get install chromium\` ` +
        '(npm test installs it itself when it runs as root with apt-get).',
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_FLAGS, ...extraArgs],
  });
}
