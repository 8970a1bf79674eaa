/**
 * Folds Vietnamese text to plain lowercase ASCII letters so that "Gốm Bát Tràng" and "gom bat trang" compare
 * equal: Unicode decomposition removes the tone and vowel marks, and đ/Đ (a separate letter, not a mark) becomes d.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
}

/** Words of a folded text: letters and digits only, in order, for search indexing and matching. */
export function searchWords(text: string): string[] {
  return foldVietnamese(text)
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
}
