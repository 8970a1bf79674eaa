import type { SeedProducer, SeedProduct, SeedProductGroup } from '../hanoi-catalogue';
import { drawMotif, Glaze, glazeFor, leaf, lotus, motifFor, MotifId, stage } from './motifs';

/**
 * The demo's pictures as SVG: one product shot per product (its drawing on a stage in its group's colours), a logo
 * per producer, a cover per session (its lineup on a studio set). Pure functions of the seed data, so the same seed
 * makes the same bytes and ingesting them again is a no-op.
 */

interface GroupLook {
  wall: readonly [string, string];
  table: string;
  glazes: readonly Glaze[];
  /** Something on the wall behind the object: a leaf, a lotus, a lattice. */
  decor: (seed: number) => string;
}

const GROUP_LOOK: Record<SeedProductGroup, GroupLook> = {
  handicrafts_souvenirs_decoration: {
    wall: ['#f6ead8', '#dcc3a0'],
    table: '#8b5a34',
    glazes: [
      { body: '#f4f1e8', shade: '#c9cfd6', accent: '#1f4f99' },
      { body: '#d9b27c', shade: '#9c7442', accent: '#7a2e1e' },
      { body: '#e8ddc8', shade: '#b3a184', accent: '#2f6f5e' },
      { body: '#c7874a', shade: '#8a5526', accent: '#f4e3c0' },
    ],
    decor: (seed) => `<circle cx="${180 + (seed % 5) * 40}" cy="220" r="120" fill="#fff" opacity="0.25"/>`,
  },
  food: {
    wall: ['#fdf1dc', '#f0c98e'],
    table: '#a86b3c',
    glazes: [
      { body: '#f9e7c4', shade: '#d2ab6a', accent: '#b1402f' },
      { body: '#fbfaf5', shade: '#d9dde0', accent: '#2f7a44' },
      { body: '#f3d6a4', shade: '#c9995a', accent: '#8a2f1f' },
    ],
    decor: (seed) =>
      leaf(150 + (seed % 4) * 30, 300, 220, -30, '#e7b86a') + leaf(960, 260, 200, 200, '#eec27d'),
  },
  beverages: {
    wall: ['#e7f3ea', '#a9cfb3'],
    table: '#6d4a2d',
    glazes: [
      { body: '#eef5e6', shade: '#a9c29a', accent: '#2f6f3e' },
      { body: '#f1e4c8', shade: '#c2a874', accent: '#7a3b1e' },
    ],
    decor: (seed) =>
      leaf(140, 260 + (seed % 3) * 20, 230, -20, '#8fc49a') + leaf(1000, 300, 190, 190, '#9fd0a8'),
  },
  herbs: {
    wall: ['#edf2e2', '#b7c99a'],
    table: '#5d4630',
    glazes: [
      { body: '#e9efd9', shade: '#9fb07e', accent: '#7a2e4d' },
      { body: '#f2ead6', shade: '#b5a57e', accent: '#3e6b2f' },
    ],
    decor: () =>
      leaf(120, 220, 260, -15, '#a3bd7e') +
      leaf(1010, 230, 240, 195, '#94b36c') +
      leaf(170, 420, 160, 10, '#b6cc92'),
  },
  textiles_garments: {
    wall: ['#fbeef0', '#e3b9c2'],
    table: '#7a4a3a',
    glazes: [
      { body: '#f6e1b8', shade: '#c9a25a', accent: '#a4243b' },
      { body: '#e6eef7', shade: '#9fb6cf', accent: '#1f5f8b' },
      { body: '#f4e7d0', shade: '#c2a77a', accent: '#d9577a' },
    ],
    decor: (seed) => lotus(200 + (seed % 3) * 30, 300, 120, '#f2c9d2'),
  },
  rural_tourism_services: {
    wall: ['#e3f0f7', '#9cc3d8'],
    table: '#5f7a4a',
    glazes: [
      { body: '#f0f6ef', shade: '#a7c09f', accent: '#3b7ca8' },
      { body: '#f6efe0', shade: '#c7b38a', accent: '#4f8a3a' },
    ],
    decor: () => `<circle cx="1020" cy="170" r="70" fill="#fff" opacity="0.35"/>`,
  },
};

/** A stable number from a code ("P03-02"). */
export function seedOf(code: string): number {
  let hash = 7;
  for (const char of code) hash = (hash * 131 + (char.codePointAt(0) ?? 0)) % 2147483646;
  return hash + 1;
}

export function productMotif(product: Pick<SeedProduct, 'name'>): MotifId {
  return motifFor(product.name) ?? 'basket';
}

/** The product's shot: 1200 x 1200, its drawing in the colours its name and group ask for. */
export function productSvg(product: Pick<SeedProduct, 'code' | 'name' | 'group'>): string {
  const look = GROUP_LOOK[product.group];
  const seed = seedOf(product.code);
  const base = look.glazes[seed % look.glazes.length] ?? look.glazes[0]!;
  const glaze = glazeFor(product.name, base);
  return stage(look.wall, look.table, drawMotif(productMotif(product), glaze, seed), look.decor(seed));
}

/** A second angle for the gallery: the same object closer, on the group's other wall tone. */
export function productDetailSvg(product: Pick<SeedProduct, 'code' | 'name' | 'group'>): string {
  const look = GROUP_LOOK[product.group];
  const seed = seedOf(product.code);
  const base = look.glazes[(seed + 1) % look.glazes.length] ?? look.glazes[0]!;
  const glaze = glazeFor(product.name, base);
  const body = `<g transform="translate(600 640) scale(1.35) translate(-600 -640)">${drawMotif(productMotif(product), glaze, seed)}</g>`;
  return stage([look.wall[1], look.wall[0]], look.table, body, '');
}

const KIND_COLOURS: Record<SeedProducer['kind'], readonly [string, string]> = {
  household: ['#8a4b14', '#f6e7cf'],
  cooperative: ['#0b6e4f', '#e3f2ec'],
  enterprise: ['#1f4f7a', '#e4eef7'],
};

/** Up to two letters of a producer's own name, past "HTX", "Công ty TNHH", "Hộ kinh doanh". */
export function monogram(name: string): string {
  const own = name.replace(/^(Công ty TNHH|Công ty|HTX|Hộ kinh doanh)\s+/i, '');
  const words = own.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  const picked = words.length > 2 ? [words[0], words[words.length - 1]] : words;
  return picked
    .map((w) => [...(w ?? '')][0] ?? '')
    .join('')
    .toLocaleUpperCase('vi');
}

/** Words in lines of at most `width` characters. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/)) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + 1 + word.length <= width)
      lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A round seal with the producer's monogram and its main product's drawing, 800 x 800. */
export function producerLogoSvg(producer: Pick<SeedProducer, 'code' | 'name' | 'kind' | 'products'>): string {
  const [ink, paper] = KIND_COLOURS[producer.kind];
  const first = producer.products[0];
  const motif = first ? productMotif(first) : 'basket';
  const glaze: Glaze = { body: paper, shade: ink, accent: ink };
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="800" viewBox="0 0 800 800">` +
    `<rect width="800" height="800" fill="${paper}"/>` +
    `<circle cx="400" cy="400" r="360" fill="${ink}"/>` +
    `<circle cx="400" cy="400" r="330" fill="none" stroke="${paper}" stroke-width="8" stroke-dasharray="4 14"/>` +
    `<circle cx="400" cy="400" r="300" fill="${paper}"/>` +
    `<g transform="translate(400 300) scale(0.32) translate(-600 -620)">${drawMotif(motif, glaze, seedOf(producer.code))}</g>` +
    `<text x="400" y="610" text-anchor="middle" font-family="DejaVu Sans, Noto Sans, Liberation Sans, sans-serif" font-weight="bold" font-size="150" fill="${ink}">${escapeXml(monogram(producer.name))}</text>` +
    `</svg>`
  );
}

/** A session's cover, 1280 x 720: a studio set with its first lineup products on a counter under lights. */
export function sessionCoverSvg(
  lineup: readonly Pick<SeedProduct, 'code' | 'name' | 'group'>[],
  variant: number,
): string {
  const shown = lineup.slice(0, 3);
  const hue = [
    ['#12324a', '#0b6e4f'],
    ['#3a1f4a', '#a4243b'],
    ['#1f3a2a', '#8a4b14'],
  ][variant % 3]!;
  const items = shown
    .map((product, i) => {
      const look = GROUP_LOOK[product.group];
      const glaze = glazeFor(product.name, look.glazes[seedOf(product.code) % look.glazes.length]!);
      const x = 640 + (i - (shown.length - 1) / 2) * 330;
      return `<g transform="translate(${x} 470) scale(0.36) translate(-600 -640)">${drawMotif(productMotif(product), glaze, seedOf(product.code))}</g>`;
    })
    .join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="1280" height="720" viewBox="0 0 1280 720">` +
    `<defs><linearGradient id="set" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${hue[0]}"/><stop offset="1" stop-color="${hue[1]}"/></linearGradient>` +
    `<radialGradient id="spot" cx="50%" cy="0%" r="80%"><stop offset="0" stop-color="#fff" stop-opacity="0.45"/><stop offset="1" stop-color="#fff" stop-opacity="0"/></radialGradient></defs>` +
    `<rect width="1280" height="720" fill="url(#set)"/>` +
    `<path d="M340 0 L180 720 H1100 L940 0z" fill="url(#spot)"/>` +
    Array.from(
      { length: 9 },
      (_, i) =>
        `<circle cx="${80 + i * 140}" cy="${60 + (i % 2) * 30}" r="10" fill="#ffe08a" opacity="0.8"/>`,
    ).join('') +
    `<rect x="80" y="560" width="1120" height="160" rx="18" fill="#5b3a22"/>` +
    `<rect x="80" y="560" width="1120" height="22" fill="#7a5233"/>` +
    items +
    `</svg>`
  );
}

/**
 * A scan of the OCOP recognition decision (A4 portrait, 1240 x 1754): the issuing body, the decision number and
 * date, the product and its stars, the red seal. What an admin looks at before verifying a demo product.
 */
export function certificateScanSvg(input: {
  issuingBody: string;
  decisionNumber: string;
  signedOn: string;
  productName: string;
  producerName: string;
  stars: number;
}): string {
  const [y, m, d] = input.signedOn.split('-');
  const font = 'font-family="DejaVu Serif, Liberation Serif, serif"';
  const line = (x: number, yy: number, size: number, text: string, extra = '') =>
    `<text x="${x}" y="${yy}" ${font} font-size="${size}" fill="#1d1d1d" ${extra}>${escapeXml(text)}</text>`;
  const centre = (yy: number, size: number, text: string, extra = '') =>
    line(620, yy, size, text, `text-anchor="middle" ${extra}`);
  const body = [
    'Căn cứ Quyết định số 148/QĐ-TTg ngày 24/02/2023 của Thủ tướng Chính phủ',
    'ban hành Bộ tiêu chí và quy trình đánh giá, phân hạng sản phẩm OCOP;',
    'Xét đề nghị của Hội đồng đánh giá, phân hạng sản phẩm OCOP,',
  ];
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="1240" height="1754" viewBox="0 0 1240 1754">` +
    `<defs><filter id="paper"><feTurbulence type="fractalNoise" baseFrequency="0.9" numOctaves="2" seed="4"/><feColorMatrix values="0 0 0 0 0.96  0 0 0 0 0.94  0 0 0 0 0.88  0 0 0 0.18 0"/><feComposite in2="SourceGraphic" operator="in"/></filter></defs>` +
    `<rect width="1240" height="1754" fill="#fbf8f0"/>` +
    `<rect width="1240" height="1754" fill="#fff" filter="url(#paper)"/>` +
    wrap(input.issuingBody.toUpperCase(), 26)
      .map((t, i) => line(300, 170 + i * 34, 24, t, 'font-weight="bold" text-anchor="middle"'))
      .join('') +
    line(900, 170, 24, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'font-weight="bold" text-anchor="middle"') +
    line(900, 210, 24, 'Độc lập - Tự do - Hạnh phúc', 'text-anchor="middle" font-style="italic"') +
    line(300, 260, 24, `Số: ${input.decisionNumber}`, 'text-anchor="middle"') +
    line(900, 290, 24, `Hà Nội, ngày ${d} tháng ${m} năm ${y}`, 'text-anchor="middle" font-style="italic"') +
    centre(420, 44, 'QUYẾT ĐỊNH', 'font-weight="bold"') +
    centre(480, 30, 'Về việc công nhận sản phẩm đạt chuẩn OCOP') +
    body.map((t, i) => line(130, 590 + i * 48, 26, t, 'font-style="italic"')).join('') +
    centre(800, 34, 'QUYẾT ĐỊNH:', 'font-weight="bold"') +
    line(130, 880, 28, 'Điều 1. Công nhận sản phẩm:') +
    centre(960, 36, input.productName, 'font-weight="bold"') +
    line(130, 1040, 28, `Chủ thể: ${input.producerName}`) +
    line(130, 1100, 28, `Hạng: ${'★'.repeat(input.stars)} (${input.stars} sao)`) +
    line(130, 1160, 28, 'Giá trị trong 36 tháng kể từ ngày ký.') +
    line(130, 1220, 28, 'Điều 2. Quyết định có hiệu lực kể từ ngày ký.') +
    `<g transform="rotate(-12 860 1450)" opacity="0.82"><circle cx="860" cy="1450" r="150" fill="none" stroke="#c62828" stroke-width="12"/>` +
    `<circle cx="860" cy="1450" r="110" fill="none" stroke="#c62828" stroke-width="5"/>` +
    `<text x="860" y="1465" ${font} font-size="60" fill="#c62828" text-anchor="middle">★</text></g>` +
    line(
      860,
      1310,
      28,
      input.issuingBody.startsWith('Bộ') ? 'KT. BỘ TRƯỞNG' : 'TM. ỦY BAN NHÂN DÂN',
      'font-weight="bold" text-anchor="middle"',
    ) +
    `<path d="M760 1500 q40 -60 80 0 t80 -10 t60 10" stroke="#1d3b8a" stroke-width="5" fill="none"/>` +
    `</svg>`
  );
}
