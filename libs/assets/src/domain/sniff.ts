import { ContentKind } from './purposes';

/** What the first bytes of a file say it is. `refused` kinds are named so that the error can say what it saw. */
export type Sniffed =
  | { kind: ContentKind }
  | { kind: 'refused'; detected: 'svg' | 'executable' | 'heic' | 'gif' | 'html' | 'unknown' };

/** How many leading bytes `sniff` needs to decide. */
export const SNIFF_BYTES = 512;

function startsWith(bytes: Uint8Array, signature: readonly number[], at = 0): boolean {
  if (bytes.length < at + signature.length) return false;
  return signature.every((b, i) => bytes[at + i] === b);
}

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...bytes.subarray(from, Math.min(to, bytes.length)));
}

/**
 * The real type of a file from its content (magic numbers), whatever its name says. Only the types we process are
 * recognised as such; everything else, SVG (it can carry scripts) and executables included, is refused.
 */
export function sniff(bytes: Uint8Array): Sniffed {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { kind: 'jpeg' };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { kind: 'png' };
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return { kind: 'webp' };
  if (ascii(bytes, 4, 8) === 'ftyp') {
    const brands = ascii(bytes, 8, Math.min(bytes.length, 64));
    if (/avif|avis/.test(brands)) return { kind: 'avif' };
    return { kind: 'refused', detected: 'heic' };
  }
  if (ascii(bytes, 0, 5) === '%PDF-') return { kind: 'pdf' };
  if (ascii(bytes, 0, 4) === 'GIF8') return { kind: 'refused', detected: 'gif' };
  if (
    startsWith(bytes, [0x4d, 0x5a]) || // MZ: Windows
    startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46]) || // ELF
    startsWith(bytes, [0xcf, 0xfa, 0xed, 0xfe]) || // Mach-O
    startsWith(bytes, [0x23, 0x21]) // #! script
  ) {
    return { kind: 'refused', detected: 'executable' };
  }
  const head = ascii(bytes, 0, SNIFF_BYTES)
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase();
  if (head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg'))) {
    return { kind: 'refused', detected: 'svg' };
  }
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || head.startsWith('<script')) {
    return { kind: 'refused', detected: 'html' };
  }
  return { kind: 'refused', detected: 'unknown' };
}
