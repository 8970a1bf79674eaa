import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AssetError } from '../domain';

const TIMEOUT_MS = 20_000;

function run(command: string, args: string[]): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      if (stdout.length < 64_000) stdout += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout });
    });
  });
}

/**
 * Renders the first page of a PDF to a PNG (about 1440 px wide) with poppler's pdftoppm, and counts its pages with
 * pdfinfo beside it. The PDF is untrusted: poppler runs as a separate process with a time limit, on a copy in a
 * private temporary folder, and renders the first page only.
 */
export async function pdfFirstPage(
  bytes: Buffer,
  pdftoppm: string,
): Promise<{ png: Buffer; pageCount: number | null }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ocop-pdf-'));
  try {
    const input = path.join(dir, 'in.pdf');
    await writeFile(input, bytes, { mode: 0o600 });
    const out = path.join(dir, 'page');
    let rendered;
    try {
      rendered = await run(pdftoppm, [
        '-f',
        '1',
        '-l',
        '1',
        '-singlefile',
        '-scale-to',
        '1440',
        '-png',
        input,
        out,
      ]);
    } catch {
      throw new Error(
        `pdftoppm could not be started (${pdftoppm}); install poppler-utils or set ASSETS_PDFTOPPM_PATH`,
      );
    }
    if (rendered.code !== 0) throw new AssetError('ASSET_UNREADABLE', 'The PDF cannot be read');
    const png = await readFile(`${out}.png`);
    const pdfinfo = pdftoppm.includes('/') ? path.join(path.dirname(pdftoppm), 'pdfinfo') : 'pdfinfo';
    let pageCount: number | null = null;
    try {
      const info = await run(pdfinfo, [input]);
      const pages = /^Pages:\s+(\d+)/m.exec(info.stdout)?.[1];
      pageCount = pages ? Number(pages) : null;
    } catch {
      pageCount = null;
    }
    return { png, pageCount };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
