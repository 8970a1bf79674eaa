/**
 * A file name as a phone sends it ("IMG_2034.JPG", "Quyết định OCOP.pdf"): a bare name, no folders. A name with a
 * path in it ("../../etc/passwd", "C:\\Users\\a.jpg"), control characters or nothing but dots is refused, since it
 * would otherwise end up in a storage key or a Content-Disposition header.
 */
export const MAX_FILE_NAME_LENGTH = 200;

export function fileNameProblem(name: string): string | null {
  if (name.length === 0) return 'is empty';
  if (name.length > MAX_FILE_NAME_LENGTH) return `is longer than ${MAX_FILE_NAME_LENGTH} characters`;
  if (/[/\\]/.test(name)) return 'must not contain a path (/ or \\)';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'must not contain control characters';
  if (/^\.+$/.test(name.trim())) return 'must not be only dots';
  if (name.trim() !== name) return 'must not start or end with spaces';
  return null;
}

/**
 * The ASCII slug used inside public URLs: Vietnamese letters lose their marks ("Gốm Bát Tràng" -> "gom-bat-trang"),
 * the extension goes (renditions get their own), and an empty result becomes "image".
 */
export function slugOf(name: string): string {
  const base = name.replace(/\.[^.]*$/, '');
  const slug = base
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  return slug || 'image';
}
