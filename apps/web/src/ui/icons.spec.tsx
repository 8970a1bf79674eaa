/** @jest-environment jsdom */
import fs from 'node:fs';
import path from 'node:path';
import { render } from '@testing-library/react';
import { CloseIcon, HeartIcon, StarIcon } from './icons';

// A stock phone has no glyph for many symbols and emoji (a missing-glyph box instead), so the app draws its icons
// as inline SVG (ui/icons.tsx). This scan keeps symbol characters out of the web app's source, messages and styles.

const WEB = path.resolve(__dirname, '../..');

/**
 * Characters that are pictures, not text: arrows, technical and geometric shapes, miscellaneous symbols,
 * dingbats (check marks, crosses), stars, the minus sign used as a toggle, emoji and their variation selector.
 * Text punctuation stays allowed: the middle dot, the multiplication sign in "2 × cà phê", the ellipsis, dashes.
 */
const SYMBOL =
  /[\u2190-\u21FF\u2212\u2300-\u23FF\u25A0-\u25FF\u2600-\u27BF\u2900-\u297F\u2B00-\u2BFF\u{1F000}-\u{1FAFF}]|\uFE0F/u;
/** A JSX text node that is nothing but a multiplication sign or a plus: a close or add button drawn as text. */
const LONE_SIGN = /^\s*[×+]\s*$|>\s*[×]\s*<|\{\s*'[×−+]'\s*\}|'[×−]'\s*:/;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(tsx?|json|css|html)$/.test(entry.name) ? [full] : [];
  });
}

function offenders(): string[] {
  const files = [...sourceFiles(path.join(WEB, 'src')), path.join(WEB, 'index.html')].filter(
    // The generated api types quote the api's descriptions; this spec names the characters it looks for.
    (file) => !file.endsWith('openapi.d.ts') && file !== __filename,
  );
  return files.flatMap((file) =>
    fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, index) => {
        const symbol = SYMBOL.exec(line);
        const sign = file.endsWith('.tsx') && LONE_SIGN.test(line);
        if (!symbol && !sign) return [];
        const what = symbol
          ? `U+${symbol[0].codePointAt(0)?.toString(16).toUpperCase()}`
          : 'a sign as an icon';
        return [`${path.relative(WEB, file)}:${index + 1} ${what}: ${line.trim()}`];
      }),
  );
}

describe('icons on a stock phone', () => {
  it('finds no symbol or emoji used as an icon anywhere in the web app', () => {
    // The scan itself sees what it must: a file holding a star and an emoji would be reported.
    expect(SYMBOL.test('Hạng ★★★')).toBe(true);
    expect(SYMBOL.test('Bật tiếng 🔊')).toBe(true);
    expect(SYMBOL.test('Cà phê Đắk Lắk · 2 × 250 g…')).toBe(false);
    expect(LONE_SIGN.test('                ×')).toBe(true);
    expect(offenders()).toEqual([]);
  });

  it('draws decorative icons hidden from screen readers, and named icons as images', () => {
    const { container, getByRole } = render(
      <p>
        <CloseIcon />
        <HeartIcon size={24} />
        <StarIcon title="Ngôi sao" />
      </p>,
    );
    const svgs = container.querySelectorAll('svg');
    expect(svgs).toHaveLength(3);
    expect(svgs[0]?.getAttribute('aria-hidden')).toBe('true');
    expect(svgs[0]?.getAttribute('width')).toBe('1em');
    expect(svgs[1]?.getAttribute('width')).toBe('24');
    expect(svgs[1]?.getAttribute('fill')).toBe('currentColor');
    expect(getByRole('img', { name: 'Ngôi sao' }).tagName.toLowerCase()).toBe('svg');
  });
});
