import { searchWords } from '@ocop/kernel';

const MAX_QUERY_WORDS = 12;

/** The folded, diacritic-free words a product is found by (its tsvector is built from this text). */
export function buildSearchText(parts: readonly (string | null | undefined)[]): string {
  return searchWords(parts.filter((p): p is string => typeof p === 'string').join(' ')).join(' ');
}

/**
 * A PostgreSQL `to_tsquery('simple', …)` expression for what a shopper typed: folded words joined with `&`,
 * the last one as a prefix so that results appear while typing. Only [a-z0-9] survive folding, so the
 * expression cannot carry tsquery operators. Null when nothing searchable was typed.
 */
export function buildTsQuery(typed: string): string | null {
  const words = searchWords(typed).slice(0, MAX_QUERY_WORDS);
  if (words.length === 0) return null;
  return words.map((word, i) => (i === words.length - 1 ? `${word}:*` : word)).join(' & ');
}
