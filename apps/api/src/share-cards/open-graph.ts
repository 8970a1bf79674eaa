/**
 * Link previews (Open Graph and Twitter cards) for the pages people share: a session, a product, a producer. Pure
 * functions: what a card says, and the page shell (the web app's index.html) with the card's tags in its head.
 * Every value is escaped for an HTML attribute or text, whatever its source (titles and names are user text).
 */

export interface ShareCardImage {
  /** Absolute URL. */
  url: string;
  width?: number;
  height?: number;
  alt: string;
}

export interface ShareCard {
  title: string;
  description: string;
  /** Absolute URL of the page. */
  url: string;
  type: 'website' | 'product' | 'video.other' | 'profile';
  image: ShareCardImage | null;
  /** Extra `property` metas (product price, video times). */
  extra?: [string, string][];
}

const SITE_NAME = 'OCOP Live';

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Safe in HTML text and in a double- or single-quoted attribute. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"'`]/g, (c) => HTML_ESCAPES[c] as string);
}

/** One line of at most `max` characters (whole words when possible), for descriptions. */
export function clip(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= max) return line;
  const cut = line.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** "150.000 ₫": whole đồng, as Vietnamese shoppers read prices. */
export function formatVnd(amount: number): string {
  return new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND', maximumFractionDigits: 0 })
    .format(amount)
    .replace(/\u00a0/g, ' ');
}

/** "19:30, 12/12/2026" in Vietnam's time, whatever the server's zone. */
export function formatVietnamTime(iso: string): string {
  const parts = new Intl.DateTimeFormat('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    hour: '2-digit',
    minute: '2-digit',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('hour')}:${part('minute')}, ${part('day')}/${part('month')}/${part('year')}`;
}

/** The card's tags, one per line, every value escaped. */
export function renderCardTags(card: ShareCard): string {
  const metas: [string, string, string][] = [
    ['name', 'description', card.description],
    ['property', 'og:site_name', SITE_NAME],
    ['property', 'og:locale', 'vi_VN'],
    ['property', 'og:type', card.type],
    ['property', 'og:title', card.title],
    ['property', 'og:description', card.description],
    ['property', 'og:url', card.url],
  ];
  if (card.image) {
    metas.push(['property', 'og:image', card.image.url]);
    if (card.image.url.startsWith('https:')) metas.push(['property', 'og:image:secure_url', card.image.url]);
    if (card.image.width && card.image.height) {
      metas.push(['property', 'og:image:width', String(card.image.width)]);
      metas.push(['property', 'og:image:height', String(card.image.height)]);
    }
    metas.push(['property', 'og:image:alt', card.image.alt]);
  }
  for (const [property, content] of card.extra ?? []) metas.push(['property', property, content]);
  metas.push(['name', 'twitter:card', card.image ? 'summary_large_image' : 'summary']);
  metas.push(['name', 'twitter:title', card.title]);
  metas.push(['name', 'twitter:description', card.description]);
  if (card.image) {
    metas.push(['name', 'twitter:image', card.image.url]);
    metas.push(['name', 'twitter:image:alt', card.image.alt]);
  }
  const lines = metas.map(
    ([attr, key, content]) => `<meta ${attr}="${escapeHtml(key)}" content="${escapeHtml(content)}" />`,
  );
  lines.push(`<link rel="canonical" href="${escapeHtml(card.url)}" />`);
  return lines.join('\n    ');
}

/**
 * The shell with the card: its title in <title>, its description instead of the shell's, and the tags before
 * </head>. A shell without a head is returned as it is (the app still runs; only the preview is lost).
 */
export function injectCard(shell: string, card: ShareCard): string {
  const headEnd = shell.search(/<\/head>/i);
  if (headEnd < 0) return shell;
  const title = `<title>${escapeHtml(`${card.title} | ${SITE_NAME}`)}</title>`;
  const withoutOwn = shell
    .slice(0, headEnd)
    .replace(/<title>[\s\S]*?<\/title>/i, '')
    .replace(/<meta\s+name=["']description["'][^>]*>/i, '');
  return `${withoutOwn.trimEnd()}\n    ${title}\n    ${renderCardTags(card)}\n  ${shell.slice(headEnd)}`;
}
