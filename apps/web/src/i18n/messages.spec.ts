import fs from 'node:fs';
import path from 'node:path';

// Vietnamese is the default and English the toggle: every namespace must have the same keys in both, and no
// empty strings, so a missing translation never shows a raw key.

const DIR = path.join(__dirname, 'messages');
const LANGUAGES = ['vi', 'en'] as const;

type Tree = { [key: string]: string | Tree };

function keysOf(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keysOf(value, `${prefix}${key}.`),
  );
}

function valuesOf(tree: Tree): string[] {
  return Object.values(tree).flatMap((value) => (typeof value === 'string' ? [value] : valuesOf(value)));
}

function load(language: string, ns: string): Tree {
  return JSON.parse(fs.readFileSync(path.join(DIR, language, `${ns}.json`), 'utf8')) as Tree;
}

const namespaces = fs
  .readdirSync(path.join(DIR, 'vi'))
  .filter((file) => file.endsWith('.json'))
  .map((file) => file.replace(/\.json$/, ''))
  .sort();

describe('message files', () => {
  it('exist for every namespace in both languages', () => {
    const en = fs
      .readdirSync(path.join(DIR, 'en'))
      .filter((file) => file.endsWith('.json'))
      .map((file) => file.replace(/\.json$/, ''))
      .sort();
    expect(en).toEqual(namespaces);
    expect(namespaces).toEqual(expect.arrayContaining(['common', 'shop']));
  });

  it.each(namespaces)('%s: vi and en have identical keys', (ns) => {
    const [vi, en] = LANGUAGES.map((language) => keysOf(load(language, ns)).sort());
    expect(en).toEqual(vi);
  });

  it.each(namespaces)('%s: no empty messages', (ns) => {
    for (const language of LANGUAGES) {
      expect(valuesOf(load(language, ns)).filter((value) => value.trim() === '')).toEqual([]);
    }
  });
});
