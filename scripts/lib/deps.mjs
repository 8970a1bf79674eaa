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
