/**
 * Folds Vietnamese text for matching, as the server does (libs/kernel/text.ts): no tone or vowel marks, đ as d,
 * lower case, single spaces. "Xã Bát Tràng" and "xa bat trang" fold alike.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** The unit kinds a shopper may leave out when typing ("bat trang" finds "Xã Bát Tràng"). */
const KIND_PREFIX = /^(xa|phuong|dac khu|thi tran) /;

export interface Named {
  name: string;
}

/**
 * The units whose name matches what was typed, best first: the folded name (or the name without its kind) starting
 * with the query, then any word starting with it, then containing it.
 */
export function searchUnits<T extends Named>(units: readonly T[], query: string, limit = 8): T[] {
  const q = foldVietnamese(query);
  if (q === '') return units.slice(0, limit);
  const ranked: { unit: T; rank: number }[] = [];
  for (const unit of units) {
    const name = foldVietnamese(unit.name);
    const bare = name.replace(KIND_PREFIX, '');
    let rank = -1;
    if (name.startsWith(q) || bare.startsWith(q)) rank = 0;
    else if (name.split(' ').some((_, i, words) => words.slice(i).join(' ').startsWith(q))) rank = 1;
    else if (name.includes(q)) rank = 2;
    if (rank >= 0) ranked.push({ unit, rank });
  }
  ranked.sort((a, b) => a.rank - b.rank);
  return ranked.slice(0, limit).map((r) => r.unit);
}

/** The unit a typed name denotes exactly (folded), if any. */
export function exactUnit<T extends Named>(units: readonly T[], typed: string): T | undefined {
  const q = foldVietnamese(typed);
  if (q === '') return undefined;
  return units.find((u) => {
    const name = foldVietnamese(u.name);
    return name === q || name.replace(KIND_PREFIX, '') === q;
  });
}
