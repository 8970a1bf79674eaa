// Installs the project's dependencies when node_modules is missing or older than package-lock.json.
import fs from 'node:fs';
import path from 'node:path';
import { fail, log, ROOT, run } from './util.mjs';

function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

export function dependenciesAreCurrent() {
  const modules = path.join(ROOT, 'node_modules');
  // npm writes node_modules/.package-lock.json on every install: its age is the install's age.
  const installed = mtime(path.join(modules, '.package-lock.json')) ?? mtime(modules);
  const lock = mtime(path.join(ROOT, 'package-lock.json'));
  return installed !== undefined && (lock === undefined || installed >= lock);
}

export async function ensureDependencies(scope) {
  await installIfStale(scope);
}

async function installIfStale(scope) {
  if (dependenciesAreCurrent()) return;
  log(scope, 'installing dependencies (npm install)...');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const { code } = await run(npm, ['install', '--no-audit', '--no-fund'], {
    env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
  });
  if (code !== 0) {
    fail(scope, `npm install failed (exit ${code}).`);
    process.exit(code);
  }
  // npm may rewrite package-lock.json after its hidden lockfile: mark the install as newer than the lock.
  const marker = path.join(ROOT, 'node_modules', '.package-lock.json');
  const now = new Date();
  if (fs.existsSync(marker)) fs.utimesSync(marker, now, now);
}

/**
 * The system programs the suite drives: Chromium (the web e2e journey, through playwright-core), ffmpeg (HLS
 * packaging of live video) and poppler-utils (pdftoppm: the first-page preview of a certificate PDF). When one is missing and this runs as root with apt-get, installs both from Debian;
 * otherwise says in one sentence how to install them. Resolves whether they are all there afterwards.
 */
export async function ensureSystemTools(
  scope,
  names = ['chromium', 'ffmpeg', 'poppler-utils'],
  why = 'the browser e2e, live video and certificate PDF tests will fail',
) {
  // Debian package -> the program it brings.
  const known = {
    chromium: '/usr/bin/chromium',
    ffmpeg: '/usr/bin/ffmpeg',
    'poppler-utils': '/usr/bin/pdftoppm',
  };
  const tools = Object.fromEntries(names.map((name) => [name, known[name]]));
  const missing = () => Object.keys(tools).filter((name) => !fs.existsSync(tools[name]));
  if (missing().length === 0) return true;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const aptGet = ['/usr/bin/apt-get', '/bin/apt-get'].find((file) => fs.existsSync(file));
  if (isRoot && aptGet) {
    log(
      scope,
      `${missing().join(' and ')} not installed; installing ${missing().join(' and ')} with apt-get`,
    );
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    await run(aptGet, ['update'], { env });
    await run(aptGet, ['install', '-y', ...missing()], { env });
  }
  const still = missing();
  if (still.length === 0) return true;
  fail(
    scope,
    `${still.join(' and ')} not found at ${still.map((name) => tools[name]).join(' and ')}: install them with ` +
      `\`sudo apt-get install ${still.join(' ')}\` (Debian/Ubuntu), or ${why}.`,
  );
  return false;
}
