import fs from 'node:fs';
import path from 'node:path';

// Every message key the code asks for by a plain string (t('orders.title'), t('state.loading', { ns: 'common' }),
// t('common:state.loading')) must exist in both languages, so that no raw key like `player.waiting` ever shows on
// screen. A static scan: each t(...) call takes the namespace of the nearest useTranslation(...) above it in the
// same file that binds that name (`const { t } = useTranslation('shop')`, `const { t: tc } = useTranslation()`).
// Keys built at run time (template literals) are not checked here.

const SRC = path.join(__dirname, '..');
const MESSAGES = path.join(__dirname, 'messages');
const LANGUAGES = ['vi', 'en'] as const;
const DEFAULT_NS = 'common';

type Tree = { [key: string]: string | Tree };

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'messages' ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.(spec|d)\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

function has(tree: Tree, key: string): boolean {
  const parts = key.split('.');
  const last = parts.pop() as string;
  let node: string | Tree | undefined = tree;
  for (const part of parts) {
    node = typeof node === 'object' ? node[part] : undefined;
    if (node === undefined) return false;
  }
  if (typeof node !== 'object') return false;
  // A key used with { count } resolves to its plural forms (vi has only _other).
  return typeof node[last] === 'string' || typeof node[`${last}_other`] === 'string';
}

interface Use {
  file: string;
  ns: string;
  key: string;
}

export function keysUsed(file: string, text: string): Use[] {
  const bindings: { at: number; name: string; ns: string }[] = [];
  const hook = /const\s*\{([^}]*)\}\s*=\s*useTranslation\(\s*(?:'([\w-]+)')?/g;
  for (let match = hook.exec(text); match; match = hook.exec(text)) {
    const ns = match[2] ?? DEFAULT_NS;
    for (const part of (match[1] ?? '').split(',')) {
      const [name, alias] = part.split(':').map((s) => s.trim());
      if (name === 't') bindings.push({ at: match.index, name: alias || 't', ns });
    }
  }
  const uses: Use[] = [];
  const call = /\b([A-Za-z_$][\w$]*)\(\s*'([^'\n]+)'\s*(,\s*\{([^{}]*)\})?/g;
  for (let match = call.exec(text); match; match = call.exec(text)) {
    const [, name, literal, , options = ''] = match;
    const binding = bindings.filter((b) => b.name === name && b.at < match.index).pop();
    if (!binding || !literal) continue;
    const explicit = /\bns:\s*'([\w-]+)'/.exec(options)?.[1];
    const [ns, key] = literal.includes(':')
      ? (literal.split(':', 2) as [string, string])
      : [explicit ?? binding.ns, literal];
    uses.push({ file: path.relative(SRC, file), ns, key });
  }
  return uses;
}

const uses = sourceFiles(SRC).flatMap((file) => keysUsed(file, fs.readFileSync(file, 'utf8')));

describe('message keys used in the code', () => {
  it('finds the calls (the scan itself works)', () => {
    expect(uses.length).toBeGreaterThan(300);
    expect(
      keysUsed('x.tsx', "const { t: tc } = useTranslation();\ntc('a.b', { ns: 'shop' }); t('c')"),
    ).toEqual([{ file: expect.any(String), ns: 'shop', key: 'a.b' }]);
  });

  it.each(LANGUAGES)('all exist in %s', (language) => {
    const trees = new Map<string, Tree>();
    const tree = (ns: string): Tree | undefined => {
      if (!trees.has(ns)) {
        const file = path.join(MESSAGES, language, `${ns}.json`);
        if (!fs.existsSync(file)) return undefined;
        trees.set(ns, JSON.parse(fs.readFileSync(file, 'utf8')) as Tree);
      }
      return trees.get(ns);
    };
    const missing = uses
      .filter((use) => {
        const messages = tree(use.ns);
        return !messages || !has(messages, use.key);
      })
      .map((use) => `${use.file}: ${use.ns}:${use.key}`);
    expect([...new Set(missing)]).toEqual([]);
  });
});
