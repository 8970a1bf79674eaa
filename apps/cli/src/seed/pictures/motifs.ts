/**
 * Line-and-colour drawings of the Hanoi demo's OCOP products, as SVG fragments on a 1200 x 1200 stage whose table
 * top is at y = 860: a vase of Bát Tràng, a bottle of Ba Vì milk, a conical hat of làng Chuông... Drawn for this
 * project (licence: the repository's), rendered offline with sharp, so the demo looks like a shop without any
 * network at seed time.
 */

export interface Glaze {
  /** Main body colour. */
  body: string;
  /** Darker tone of the body (shading, rims). */
  shade: string;
  /** Decoration colour (patterns, labels, lids). */
  accent: string;
}

export type MotifId =
  | 'vase'
  | 'teaset'
  | 'plate'
  | 'bowls'
  | 'mug'
  | 'figurines'
  | 'jar'
  | 'framed'
  | 'windbell'
  | 'lamp'
  | 'bottle'
  | 'yogurt'
  | 'greens'
  | 'basket'
  | 'ricebag'
  | 'roll'
  | 'banhchung'
  | 'hat'
  | 'noodles'
  | 'tea'
  | 'cheese'
  | 'herbjar'
  | 'soap'
  | 'pillow'
  | 'landscape'
  | 'chicken'
  | 'silk'
  | 'lacquer'
  | 'sweets'
  | 'chess'
  | 'silver'
  | 'fan'
  | 'dumplings';

/** Keywords of a product name, most specific first; the first that matches names the drawing. */
const KEYWORDS: readonly (readonly [RegExp, MotifId])[] = [
  [/trải nghiệm|tour|homestay|tham quan/i, 'landscape'],
  [/khảm trai|sơn mài/i, 'lacquer'],
  [/cờ tướng/i, 'chess'],
  [/bạc/i, 'silver'],
  [/quạt/i, 'fan'],
  [/nón/i, 'hat'],
  [/lụa|áo dài|cà vạt/i, 'silk'],
  [/tranh/i, 'framed'],
  [/mây|cói|lẵng|giỏ/i, 'basket'],
  [/ấm chén/i, 'teaset'],
  [/tượng/i, 'figurines'],
  [/chuông gió/i, 'windbell'],
  [/đèn/i, 'lamp'],
  [/đĩa/i, 'plate'],
  [/bát/i, 'bowls'],
  [/cốc/i, 'mug'],
  [/chum/i, 'jar'],
  [/bình|lọ/i, 'vase'],
  [/sữa chua/i, 'yogurt'],
  [/phô mai|bánh sữa/i, 'cheese'],
  [/sữa|rượu|tương|mật ong|siro/i, 'bottle'],
  [/rau sắng|rau/i, 'greens'],
  [/gạo/i, 'ricebag'],
  [/giò lụa|giò thủ|chả/i, 'roll'],
  [/bánh chưng/i, 'banhchung'],
  [/bánh giầy|bánh giò/i, 'dumplings'],
  [/miến/i, 'noodles'],
  [/trà|chè búp|chè xanh/i, 'tea'],
  [/xà phòng/i, 'soap'],
  [/gối/i, 'pillow'],
  [/thuốc|cao |củ mài/i, 'herbjar'],
  [/gà/i, 'chicken'],
  [/kẹo|chè lam|ô mai|mứt/i, 'sweets'],
];

/** The drawing for a product name; null when no keyword matches (the seed's spec keeps every product covered). */
export function motifFor(name: string): MotifId | null {
  // Village names that contain product words ("Bát Tràng" is not a bowl, "Tranh Khúc" not a painting).
  const words = name.replace(/Bát Tràng|Tranh Khúc/gi, '');
  for (const [pattern, motif] of KEYWORDS) if (pattern.test(words)) return motif;
  return null;
}

/** Glazes and colours a name asks for: "men lam" is blue on white, "hỏa biến" flambé red, "nếp cẩm" purple... */
export function glazeFor(name: string, fallback: Glaze): Glaze {
  const n = name.toLowerCase();
  if (n.includes('men lam')) return { body: '#f4f1e8', shade: '#cfd6dc', accent: '#1f4f99' };
  if (n.includes('men rạn')) return { body: '#e9dfc8', shade: '#b9a98a', accent: '#5b4a36' };
  if (n.includes('hỏa biến')) return { body: '#a3242c', shade: '#5d1420', accent: '#2f5f8f' };
  if (n.includes('men nâu')) return { body: '#7a4a26', shade: '#4c2c14', accent: '#d9b07a' };
  if (n.includes('men tro')) return { body: '#b9bfa8', shade: '#868c74', accent: '#4d5a3a' };
  if (n.includes('nếp cẩm')) return { body: '#4a2a5c', shade: '#2c1838', accent: '#d8c27a' };
  if (n.includes('gấc')) return { body: '#c8321e', shade: '#86200f', accent: '#f2d16b' };
  if (n.includes('sen')) return { ...fallback, accent: '#d9577a' };
  if (n.includes('mơ')) return { body: '#e59a2f', shade: '#a8661a', accent: '#6b8f2a' };
  if (n.includes('mật ong')) return { body: '#d99422', shade: '#9a6310', accent: '#3b2a12' };
  if (n.includes('sữa') || n.includes('phô mai'))
    return { body: '#fbfaf5', shade: '#d9dde0', accent: '#2b7bbb' };
  if (n.includes('tương')) return { body: '#7d4a1d', shade: '#4a2a0e', accent: '#e8c27a' };
  if (n.includes('rượu')) return { body: '#efe3c0', shade: '#c2ad74', accent: '#9c2a2a' };
  if (n.includes('hồng trà')) return { body: '#8c3b1e', shade: '#5a2410', accent: '#e3b35a' };
  return fallback;
}

const r = (n: number) => Math.round(n * 10) / 10;

/** Thin lines of a crackle glaze over a shape's box. */
function crackle(x: number, y: number, w: number, h: number, colour: string, seed: number): string {
  let out = '';
  let s = seed;
  const rand = () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647;
  };
  for (let i = 0; i < 18; i++) {
    const x1 = x + rand() * w;
    const y1 = y + rand() * h;
    out += `<path d="M${r(x1)} ${r(y1)} l${r(rand() * 60 - 30)} ${r(rand() * 60 - 30)} l${r(rand() * 50 - 25)} ${r(rand() * 50 - 25)}" stroke="${colour}" stroke-width="2" fill="none" opacity="0.45"/>`;
  }
  return out;
}

/** A lotus flower, the decoration painted on plates, cups and silk. */
function lotus(cx: number, cy: number, size: number, colour: string): string {
  const petals = [-50, -25, 0, 25, 50]
    .map(
      (a) =>
        `<ellipse cx="${cx}" cy="${r(cy - size * 0.45)}" rx="${r(size * 0.18)}" ry="${r(size * 0.48)}" transform="rotate(${a} ${cx} ${cy})" fill="${colour}" opacity="0.85"/>`,
    )
    .join('');
  return `${petals}<ellipse cx="${cx}" cy="${r(cy + size * 0.05)}" rx="${r(size * 0.55)}" ry="${r(size * 0.12)}" fill="${colour}" opacity="0.6"/>`;
}

/** A leaf (tea, banana leaf, herbs). */
function leaf(cx: number, cy: number, len: number, angle: number, colour: string): string {
  return `<g transform="rotate(${angle} ${cx} ${cy})"><path d="M${cx} ${cy} q${r(len * 0.35)} ${r(-len * 0.3)} ${len} 0 q${r(-len * 0.65)} ${r(len * 0.3)} ${-len} 0z" fill="${colour}"/><path d="M${cx} ${cy} h${r(len * 0.9)}" stroke="rgba(0,0,0,0.18)" stroke-width="3"/></g>`;
}

/** A label band with a few lines that read as print from afar (no words: the card beside it names the product). */
function label(x: number, y: number, w: number, h: number, fill: string, ink: string): string {
  return (
    `<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="10" fill="${fill}"/>` +
    `<rect x="${r(x + w * 0.15)}" y="${r(y + h * 0.22)}" width="${r(w * 0.7)}" height="${r(h * 0.16)}" rx="6" fill="${ink}"/>` +
    `<rect x="${r(x + w * 0.25)}" y="${r(y + h * 0.5)}" width="${r(w * 0.5)}" height="${r(h * 0.09)}" rx="4" fill="${ink}" opacity="0.6"/>` +
    `<circle cx="${r(x + w * 0.5)}" cy="${r(y + h * 0.78)}" r="${r(h * 0.09)}" fill="#e0a21a"/>`
  );
}

type Draw = (g: Glaze, seed: number) => string;

const DRAW: Record<MotifId, Draw> = {
  vase: (g, seed) =>
    `<path d="M520 300 h160 v40 q-10 40 30 90 q150 170 90 340 q-30 80 -120 90 h-160 q-90 -10 -120 -90 q-60 -170 90 -340 q40 -50 30 -90z" fill="${g.body}" stroke="${g.shade}" stroke-width="6"/>` +
    `<path d="M520 300 h160 v40 h-160z" fill="${g.shade}"/>` +
    `<path d="M455 560 q145 60 290 0" stroke="${g.accent}" stroke-width="14" fill="none"/>` +
    lotus(600, 700, 120, g.accent) +
    crackle(430, 420, 340, 420, g.shade, seed) +
    `<path d="M470 500 q-40 120 0 260" stroke="#fff" stroke-width="18" fill="none" opacity="0.25" stroke-linecap="round"/>`,
  teaset: (g) =>
    `<ellipse cx="600" cy="855" rx="380" ry="60" fill="${g.shade}" opacity="0.5"/>` +
    `<path d="M420 560 q-10 -90 120 -100 h120 q130 10 120 100 q10 150 -90 220 h-180 q-100 -70 -90 -220z" fill="${g.body}" stroke="${g.shade}" stroke-width="6"/>` +
    `<path d="M770 600 q120 -40 130 -130 l20 10 q-10 120 -140 170z" fill="${g.body}" stroke="${g.shade}" stroke-width="6"/>` +
    `<path d="M430 600 q-90 10 -80 110 q10 70 80 70" stroke="${g.shade}" stroke-width="22" fill="none"/>` +
    `<ellipse cx="600" cy="455" rx="90" ry="22" fill="${g.shade}"/><circle cx="600" cy="425" r="22" fill="${g.accent}"/>` +
    lotus(600, 680, 90, g.accent) +
    [290, 910]
      .map(
        (x) =>
          `<path d="M${x - 75} 760 h150 q-10 80 -75 90 q-65 -10 -75 -90z" fill="${g.body}" stroke="${g.shade}" stroke-width="6"/><path d="M${x - 60} 790 h120" stroke="${g.accent}" stroke-width="8"/>`,
      )
      .join(''),
  plate: (g) =>
    `<ellipse cx="600" cy="600" rx="330" ry="330" fill="${g.shade}"/>` +
    `<ellipse cx="600" cy="590" rx="315" ry="315" fill="${g.body}"/>` +
    `<ellipse cx="600" cy="590" rx="250" ry="250" fill="none" stroke="${g.accent}" stroke-width="10"/>` +
    lotus(600, 620, 230, g.accent) +
    `<path d="M380 470 q40 -90 140 -130" stroke="#fff" stroke-width="20" fill="none" opacity="0.35" stroke-linecap="round"/>`,
  bowls: (g) =>
    [
      [430, 700],
      [770, 700],
      [600, 560],
    ]
      .map(
        ([x, y]) =>
          `<path d="M${x! - 170} ${y} h340 q-20 150 -170 160 q-150 -10 -170 -160z" fill="${g.body}" stroke="${g.shade}" stroke-width="6"/>` +
          `<ellipse cx="${x}" cy="${y}" rx="170" ry="30" fill="${g.shade}"/>` +
          `<path d="M${x! - 140} ${y! + 50} q140 40 280 0" stroke="${g.accent}" stroke-width="10" fill="none"/>` +
          `<path d="M${x! - 120} ${y! + 85} q120 30 240 0" stroke="${g.accent}" stroke-width="5" fill="none" stroke-dasharray="14 10"/>`,
      )
      .join(''),
  mug: (g) =>
    `<rect x="420" y="420" width="300" height="400" rx="30" fill="${g.body}" stroke="${g.shade}" stroke-width="6"/>` +
    `<path d="M720 500 q130 0 130 120 q0 120 -130 120" stroke="${g.body}" stroke-width="44" fill="none"/>` +
    `<path d="M720 500 q130 0 130 120 q0 120 -130 120" stroke="${g.shade}" stroke-width="6" fill="none"/>` +
    `<ellipse cx="570" cy="420" rx="150" ry="28" fill="${g.shade}"/>` +
    [470, 540, 610, 680]
      .map(
        (x, i) =>
          `<rect x="${x - 25}" y="${560 + (i % 2) * 30}" width="50" height="${140 - (i % 2) * 30}" fill="${g.accent}"/><path d="M${x - 32} ${560 + (i % 2) * 30} l32 -36 l32 36z" fill="${g.accent}"/>`,
      )
      .join(''),
  figurines: (g) =>
    [450, 600, 750]
      .map(
        (x, i) =>
          `<path d="M${x - 70} 840 q-10 -230 70 -270 q80 40 70 270z" fill="${[g.body, g.accent, g.shade][i]}"/>` +
          `<circle cx="${x}" cy="530" r="52" fill="#f1d3b3"/><path d="M${x - 56} 515 q56 -80 112 0z" fill="#2b211b"/>` +
          `<path d="M${x - 40} 700 h80" stroke="#e8c26a" stroke-width="10"/>`,
      )
      .join(''),
  jar: (g) =>
    `<path d="M490 330 h220 q0 40 40 60 q140 80 130 250 q-10 170 -150 210 h-260 q-140 -40 -150 -210 q-10 -170 130 -250 q40 -20 40 -60z" fill="${g.body}" stroke="${g.shade}" stroke-width="6"/>` +
    `<ellipse cx="600" cy="330" rx="115" ry="26" fill="${g.shade}"/>` +
    `<path d="M380 560 q220 60 440 0" stroke="${g.accent}" stroke-width="12" fill="none"/>` +
    `<path d="M400 720 q200 50 400 0" stroke="${g.accent}" stroke-width="8" fill="none"/>` +
    `<path d="M420 470 q-40 140 0 300" stroke="#fff" stroke-width="18" fill="none" opacity="0.2" stroke-linecap="round"/>`,
  framed: (g) =>
    `<rect x="300" y="260" width="600" height="560" rx="12" fill="${g.shade}"/>` +
    `<rect x="340" y="300" width="520" height="480" fill="${g.body}"/>` +
    `<path d="M400 780 v-150 h400 v150" fill="${g.accent}" opacity="0.85"/>` +
    `<path d="M380 630 l220 -90 l220 90z" fill="${g.accent}"/>` +
    `<rect x="520" y="450" width="160" height="120" fill="${g.accent}" opacity="0.9"/>` +
    `<path d="M500 450 l100 -60 l100 60z" fill="${g.accent}"/>` +
    `<circle cx="600" cy="510" r="34" fill="${g.body}"/>` +
    `<rect x="560" y="690" width="80" height="90" rx="40" fill="${g.body}"/>`,
  windbell: (g) =>
    `<path d="M300 250 h600" stroke="${g.shade}" stroke-width="16" stroke-linecap="round"/>` +
    [380, 490, 600, 710, 820]
      .map((x, i) => {
        const y = 480 + (i % 2 === 0 ? 0 : 90);
        return (
          `<path d="M${x} 250 V${y - 80}" stroke="#6b5a45" stroke-width="4"/>` +
          `<path d="M${x - 55} ${y + 60} q0 -140 55 -140 q55 0 55 140z" fill="${i % 2 ? g.accent : g.body}" stroke="${g.shade}" stroke-width="5"/>` +
          `<circle cx="${x}" cy="${y + 75}" r="14" fill="${g.shade}"/>` +
          `<path d="M${x} ${y + 90} V${y + 200}" stroke="#6b5a45" stroke-width="3"/><rect x="${x - 18}" y="${y + 200}" width="36" height="60" rx="6" fill="#f3e7c9"/>`
        );
      })
      .join(''),
  lamp: (g) =>
    `<path d="M600 180 V300" stroke="#5b4a36" stroke-width="8"/>` +
    `<path d="M430 540 q0 -240 170 -240 q170 0 170 240 q0 200 -170 240 q-170 -40 -170 -240z" fill="${g.body}" stroke="${g.shade}" stroke-width="8"/>` +
    [470, 530, 600, 670, 730]
      .map(
        (x) =>
          `<path d="M${x} 320 Q${600 + (x - 600) * 1.5} 540 ${x} 770" stroke="${g.shade}" stroke-width="6" fill="none"/>`,
      )
      .join('') +
    `<ellipse cx="600" cy="560" rx="90" ry="110" fill="#ffe08a" opacity="0.55"/>` +
    `<path d="M560 790 h80 v40 h-80z" fill="${g.shade}"/>`,
  bottle: (g) =>
    `<path d="M555 230 h90 v120 q0 40 40 70 q60 50 60 130 v300 q0 40 -40 40 h-210 q-40 0 -40 -40 v-300 q0 -80 60 -130 q40 -30 40 -70z" fill="${g.body}" stroke="${g.shade}" stroke-width="6"/>` +
    `<rect x="545" y="200" width="110" height="60" rx="10" fill="${g.accent}"/>` +
    label(475, 560, 250, 240, '#fffdf6', g.accent) +
    `<path d="M500 470 q-20 120 0 330" stroke="#fff" stroke-width="16" fill="none" opacity="0.35" stroke-linecap="round"/>`,
  yogurt: (g) =>
    [
      [400, 600],
      [600, 600],
      [800, 600],
      [500, 720],
      [700, 720],
    ]
      .map(
        ([x, y]) =>
          `<path d="M${x! - 85} ${y! - 120} h170 l-18 220 h-134z" fill="${g.body}" stroke="${g.shade}" stroke-width="5"/>` +
          `<ellipse cx="${x}" cy="${y! - 120}" rx="85" ry="18" fill="${g.accent}"/>` +
          `<rect x="${x! - 60}" y="${y! - 50}" width="120" height="60" rx="8" fill="${g.accent}" opacity="0.85"/>`,
      )
      .join(''),
  greens: () =>
    `<path d="M330 620 h540 l-40 220 h-460z" fill="#a7733f" stroke="#7a5128" stroke-width="6"/>` +
    `<path d="M330 700 h540 M345 770 h510" stroke="#7a5128" stroke-width="6"/>` +
    Array.from({ length: 11 }, (_, i) =>
      leaf(380 + i * 42, 640, 190 + (i % 3) * 30, -70 - (i % 4) * 12, i % 2 ? '#3f8f3a' : '#5aae4a'),
    ).join('') +
    Array.from({ length: 6 }, (_, i) => leaf(420 + i * 70, 630, 160, -110 + (i % 3) * 10, '#2f7a2c')).join(
      '',
    ),
  basket: (g) =>
    `<path d="M330 520 h540 l-60 310 h-420z" fill="${g.body}" stroke="${g.shade}" stroke-width="8"/>` +
    Array.from(
      { length: 8 },
      (_, i) =>
        `<path d="M${340 + i * 5} ${560 + i * 36} h${520 - i * 10}" stroke="${g.shade}" stroke-width="10" stroke-dasharray="34 18" stroke-dashoffset="${(i % 2) * 26}"/>`,
    ).join('') +
    `<path d="M380 530 q220 -330 440 0" stroke="${g.shade}" stroke-width="26" fill="none"/>` +
    `<path d="M380 530 q220 -330 440 0" stroke="${g.body}" stroke-width="12" fill="none" stroke-dasharray="20 12"/>` +
    `<path d="M330 520 h540" stroke="${g.accent}" stroke-width="18"/>`,
  ricebag: (g) =>
    `<path d="M420 330 q180 -40 360 0 l40 480 q-220 50 -440 0z" fill="#f4ead2" stroke="#c8b68a" stroke-width="6"/>` +
    `<path d="M430 330 q90 -60 170 -20 q80 -40 170 20" fill="none" stroke="#b1402f" stroke-width="14"/>` +
    label(470, 470, 260, 250, g.accent, '#fff8e6') +
    Array.from(
      { length: 26 },
      (_, i) =>
        `<ellipse cx="${380 + ((i * 97) % 460)}" cy="${840 + ((i * 37) % 40)}" rx="11" ry="6" fill="#f7f1e1" stroke="#d9cba5" stroke-width="2" transform="rotate(${(i * 47) % 180} ${380 + ((i * 97) % 460)} ${840 + ((i * 37) % 40)})"/>`,
    ).join(''),
  roll: (g) =>
    `<g transform="rotate(-8 600 650)">` +
    `<rect x="330" y="520" width="540" height="260" rx="130" fill="#4f8a3a" stroke="#2f5f22" stroke-width="6"/>` +
    Array.from(
      { length: 6 },
      (_, i) =>
        `<path d="M${400 + i * 80} 525 q-30 125 0 250" stroke="#3d7430" stroke-width="6" fill="none"/>`,
    ).join('') +
    [430, 600, 770].map((x) => `<path d="M${x} 515 v270" stroke="#d8c7a0" stroke-width="12"/>`).join('') +
    `</g>` +
    `<ellipse cx="820" cy="770" rx="120" ry="110" fill="#f3e2cf" stroke="#d6b89a" stroke-width="6"/>` +
    `<ellipse cx="820" cy="770" rx="90" ry="80" fill="${g.body === '#fbfaf5' ? '#efd7c0' : '#eccfb3'}"/>` +
    Array.from(
      { length: 9 },
      (_, i) => `<circle cx="${780 + ((i * 29) % 80)}" cy="${735 + ((i * 41) % 70)}" r="4" fill="#c9a788"/>`,
    ).join(''),
  banhchung: (g) =>
    `<rect x="380" y="420" width="440" height="400" rx="18" fill="#3f7d35" stroke="#2a5a24" stroke-width="6"/>` +
    `<path d="M380 520 h440 M380 720 h440 M490 420 v400 M710 420 v400" stroke="#e3d3a2" stroke-width="14"/>` +
    `<path d="M380 420 l110 100 M820 420 l-110 100" stroke="#2a5a24" stroke-width="5"/>` +
    `<rect x="700" y="640" width="220" height="200" fill="${g.body === '#fbfaf5' ? '#e6f0d8' : '#d8e6c4'}" transform="rotate(8 810 740)"/>` +
    `<rect x="720" y="660" width="180" height="160" fill="${g.body}" transform="rotate(8 810 740)" opacity="0.9"/>` +
    `<rect x="760" y="700" width="100" height="80" fill="#c9a06a" transform="rotate(8 810 740)"/>`,
  hat: (g) =>
    `<path d="M600 300 L250 760 q350 80 700 0z" fill="#efdcae" stroke="#b99a5c" stroke-width="6"/>` +
    Array.from(
      { length: 9 },
      (_, i) =>
        `<path d="M600 300 L${290 + i * 78} ${770 + Math.abs(4 - i) * -6}" stroke="#c9ab6e" stroke-width="3"/>`,
    ).join('') +
    Array.from(
      { length: 6 },
      (_, i) =>
        `<path d="M${600 - 55 * (i + 1)} ${300 + 76 * (i + 1)} q${55 * (i + 1)} ${14 + i * 4} ${110 * (i + 1)} 0" stroke="#b99a5c" stroke-width="3" fill="none"/>`,
    ).join('') +
    `<path d="M330 770 q270 110 540 0" stroke="${g.accent}" stroke-width="10" fill="none"/>` +
    (g.accent !== '#b1402f' ? lotus(600, 600, 80, g.accent) : ''),
  noodles: (g) =>
    `<path d="M380 360 h440 l-30 470 h-380z" fill="#fffaf0" fill-opacity="0.6" stroke="#cbbf9f" stroke-width="6"/>` +
    Array.from(
      { length: 26 },
      (_, i) =>
        `<path d="M${400 + i * 16} 380 q${i % 2 ? 30 : -30} 220 0 430" stroke="#d9c7a0" stroke-width="5" fill="none" opacity="0.85"/>`,
    ).join('') +
    `<rect x="380" y="560" width="440" height="90" fill="${g.accent}"/>` +
    `<rect x="470" y="585" width="260" height="40" rx="8" fill="#fff6dc"/>`,
  tea: (g) =>
    `<rect x="330" y="360" width="300" height="430" rx="16" fill="${g.accent}" stroke="${g.shade}" stroke-width="6"/>` +
    `<rect x="330" y="360" width="300" height="70" rx="16" fill="${g.shade}"/>` +
    leaf(420, 600, 150, -20, '#7fb069') +
    leaf(430, 640, 130, 15, '#5c9a4d') +
    `<path d="M700 700 h220 q-10 120 -110 130 q-100 -10 -110 -130z" fill="#fbfaf5" stroke="#c9cfd3" stroke-width="6"/>` +
    `<ellipse cx="810" cy="700" rx="110" ry="22" fill="${g.body === '#8c3b1e' ? '#a6522a' : '#b5a642'}"/>` +
    leaf(700, 830, 110, -160, '#4f8f3f') +
    leaf(860, 840, 100, -20, '#6aa858'),
  cheese: (g) =>
    `<path d="M360 620 l240 -140 l260 120 v190 l-260 120 l-240 -130z" fill="#f3e3a8" stroke="#cdb46a" stroke-width="6"/>` +
    `<path d="M360 620 l240 120 l260 -140 M600 740 v170" stroke="#cdb46a" stroke-width="6" fill="none"/>` +
    [
      [480, 720],
      [700, 760],
      [560, 600],
      [660, 560],
    ]
      .map(([x, y]) => `<ellipse cx="${x}" cy="${y}" rx="22" ry="14" fill="#e0c780"/>`)
      .join('') +
    `<rect x="330" y="400" width="180" height="120" rx="14" fill="${g.accent}"/>`,
  herbjar: (g) =>
    `<rect x="420" y="420" width="360" height="400" rx="40" fill="#5d3a1f" stroke="#3c2410" stroke-width="6"/>` +
    `<rect x="400" y="370" width="400" height="80" rx="20" fill="${g.accent}"/>` +
    label(470, 520, 260, 220, '#f7efd8', '#3e6b2f') +
    leaf(760, 830, 170, -150, '#4d8a3b') +
    leaf(420, 840, 160, -30, '#6aa452') +
    leaf(840, 800, 120, -100, '#3b7a2f'),
  soap: (g) =>
    [
      [430, 700, -8],
      [640, 690, 6],
      [540, 560, -3],
    ]
      .map(
        ([x, y, a]) =>
          `<g transform="rotate(${a} ${x} ${y})"><rect x="${x! - 130}" y="${y! - 70}" width="260" height="140" rx="36" fill="${g.body === '#f4f1e8' ? '#9cbf7a' : '#a9c98b'}" stroke="#6f9350" stroke-width="5"/>` +
          `<ellipse cx="${x}" cy="${y}" rx="70" ry="32" fill="none" stroke="#6f9350" stroke-width="5"/></g>`,
      )
      .join('') + leaf(780, 820, 140, -140, '#4d8a3b'),
  pillow: (g) =>
    `<path d="M330 520 q270 -80 540 0 q40 150 0 300 q-270 80 -540 0 q-40 -150 0 -300z" fill="#e9dcc0" stroke="#bba67a" stroke-width="6"/>` +
    `<path d="M400 560 q200 -40 400 0" stroke="${g.accent}" stroke-width="10" fill="none"/>` +
    leaf(520, 680, 130, -10, '#5a8f45') +
    leaf(560, 700, 110, 30, '#7aa85d') +
    `<circle cx="700" cy="670" r="16" fill="#9a6ab8"/><circle cx="730" cy="690" r="14" fill="#9a6ab8"/><circle cx="705" cy="705" r="13" fill="#9a6ab8"/>`,
  landscape: (g) =>
    `<rect x="200" y="240" width="800" height="600" rx="40" fill="#cfe6f2"/>` +
    `<path d="M200 620 l170 -190 l140 130 l160 -220 l330 280 v120 h-800z" fill="#6f9d6a"/>` +
    `<path d="M200 700 q400 -70 800 0 v100 q0 40 -40 40 h-720 q-40 0 -40 -40z" fill="${g.accent}"/>` +
    `<path d="M460 720 v-90 h180 v90" fill="#b85c38"/><path d="M430 640 l120 -70 l120 70z" fill="#7a2e1e"/>` +
    `<rect x="520" y="660" width="60" height="60" fill="#3b2a1a"/>` +
    `<circle cx="860" cy="340" r="50" fill="#f6d36b"/>` +
    `<path d="M700 780 q60 30 120 0 l-20 30 h-80z" fill="#6b4a2a"/>`,
  chicken: (g) =>
    `<ellipse cx="600" cy="660" rx="230" ry="170" fill="${g.body === '#fbfaf5' ? '#c8803a' : '#b8742f'}"/>` +
    `<path d="M760 600 q100 -200 -10 -250 q-90 -20 -90 90 q0 70 30 110z" fill="#a8632a"/>` +
    `<circle cx="720" cy="400" r="70" fill="#b86d30"/><path d="M700 330 q20 -50 40 -10 q20 -40 30 10z" fill="#c0392b"/>` +
    `<path d="M785 400 l50 15 l-50 15z" fill="#e8b339"/><circle cx="740" cy="390" r="9" fill="#1b1f23"/>` +
    `<path d="M380 600 q-120 -120 -60 -220 q60 60 130 120z" fill="#2f4f2a"/>` +
    `<path d="M560 820 v70 M640 820 v70" stroke="#e8b339" stroke-width="14"/>`,
  silk: (g) =>
    `<path d="M300 360 q150 -60 300 0 t300 0 v360 q-150 80 -300 0 t-300 0z" fill="${g.accent === '#d9577a' ? '#e7b7c4' : g.body}"/>` +
    `<path d="M300 480 q150 -60 300 0 t300 0 v380 q-150 60 -300 0 t-300 0z" fill="${g.accent}" opacity="0.9"/>` +
    `<path d="M300 480 q150 -60 300 0 t300 0" stroke="#fff" stroke-width="10" fill="none" opacity="0.45"/>` +
    lotus(600, 700, 110, '#fff3e6') +
    `<path d="M330 860 l-20 40 M380 870 l-10 40 M820 870 l10 40 M870 860 l20 40" stroke="${g.shade}" stroke-width="6"/>`,
  lacquer: (g) =>
    `<rect x="320" y="380" width="560" height="440" rx="30" fill="#1d1411" stroke="#8a1f1a" stroke-width="16"/>` +
    `<rect x="370" y="430" width="460" height="340" rx="16" fill="none" stroke="#c9a24a" stroke-width="6"/>` +
    lotus(600, 640, 140, '#e8eef2') +
    Array.from(
      { length: 14 },
      (_, i) =>
        `<circle cx="${400 + ((i * 67) % 400)}" cy="${460 + ((i * 53) % 280)}" r="${6 + (i % 3) * 3}" fill="#dfe9ee" opacity="0.85"/>`,
    ).join('') +
    `<path d="M420 470 q60 -20 120 0" stroke="${g.accent}" stroke-width="5" fill="none" opacity="0.5"/>`,
  sweets: (g) =>
    `<path d="M430 420 h340 v40 q40 20 40 70 v260 q0 50 -50 50 h-320 q-50 0 -50 -50 v-260 q0 -50 40 -70z" fill="#fff" fill-opacity="0.45" stroke="#c9cfd3" stroke-width="6"/>` +
    `<rect x="420" y="380" width="360" height="60" rx="12" fill="${g.accent}"/>` +
    Array.from(
      { length: 16 },
      (_, i) =>
        `<circle cx="${470 + (i % 4) * 85}" cy="${560 + Math.floor(i / 4) * 70}" r="34" fill="${i % 3 ? g.body : g.shade}" stroke="${g.shade}" stroke-width="4"/>`,
    ).join(''),
  chess: () =>
    `<g transform="rotate(-6 600 640)"><rect x="300" y="420" width="600" height="420" rx="14" fill="#c89b62" stroke="#7a5128" stroke-width="8"/>` +
    Array.from(
      { length: 7 },
      (_, i) => `<path d="M300 ${472 + i * 52} h600" stroke="#7a5128" stroke-width="3"/>`,
    ).join('') +
    Array.from(
      { length: 9 },
      (_, i) => `<path d="M${360 + i * 60} 420 v420" stroke="#7a5128" stroke-width="3"/>`,
    ).join('') +
    `</g>` +
    [
      [420, 520, '#b1402f'],
      [560, 560, '#b1402f'],
      [700, 700, '#1b1f23'],
      [820, 640, '#1b1f23'],
      [500, 760, '#1b1f23'],
    ]
      .map(
        ([x, y, c]) =>
          `<circle cx="${x}" cy="${y}" r="44" fill="#f3e2c2" stroke="#8a6a3a" stroke-width="5"/><circle cx="${x}" cy="${y}" r="26" fill="none" stroke="${c}" stroke-width="6"/>`,
      )
      .join(''),
  silver: () =>
    `<ellipse cx="600" cy="600" rx="250" ry="250" fill="none" stroke="#c9ced3" stroke-width="60"/>` +
    `<ellipse cx="600" cy="600" rx="250" ry="250" fill="none" stroke="#eef1f4" stroke-width="16"/>` +
    Array.from({ length: 12 }, (_, i) => {
      const a = (i * Math.PI) / 6;
      return `<circle cx="${r(600 + Math.cos(a) * 250)}" cy="${r(600 + Math.sin(a) * 250)}" r="14" fill="#9aa3ab"/>`;
    }).join('') +
    `<path d="M470 820 h120 q-10 60 -60 64 q-50 -4 -60 -64z M630 820 h120 q-10 60 -60 64 q-50 -4 -60 -64z" fill="#dfe3e7" stroke="#9aa3ab" stroke-width="5"/>`,
  fan: (g) =>
    Array.from({ length: 11 }, (_, i) => {
      const a = -75 + i * 15;
      return `<path d="M600 800 L${r(600 + Math.sin((a * Math.PI) / 180) * 420)} ${r(800 - Math.cos((a * Math.PI) / 180) * 420)}" stroke="#8a5a2b" stroke-width="8"/>`;
    }).join('') +
    `<path d="M600 800 L${r(600 - Math.sin((75 * Math.PI) / 180) * 420)} ${r(800 - Math.cos((75 * Math.PI) / 180) * 420)} A420 420 0 0 1 ${r(600 + Math.sin((75 * Math.PI) / 180) * 420)} ${r(800 - Math.cos((75 * Math.PI) / 180) * 420)}z" fill="${g.body}" opacity="0.92"/>` +
    `<path d="M${r(600 - Math.sin((75 * Math.PI) / 180) * 200)} ${r(800 - Math.cos((75 * Math.PI) / 180) * 200)} A200 200 0 0 1 ${r(600 + Math.sin((75 * Math.PI) / 180) * 200)} ${r(800 - Math.cos((75 * Math.PI) / 180) * 200)}" fill="none" stroke="${g.shade}" stroke-width="4"/>` +
    lotus(600, 520, 110, g.accent) +
    `<circle cx="600" cy="800" r="18" fill="#5b3a1a"/>`,
  dumplings: () =>
    [
      [440, 720],
      [760, 720],
      [600, 620],
    ]
      .map(
        ([x, y]) =>
          `<path d="M${x! - 140} ${y! + 80} L${x} ${y! - 120} L${x! + 140} ${y! + 80}z" fill="#5a9a45" stroke="#346b28" stroke-width="6"/>` +
          `<path d="M${x} ${y! - 120} V${y! + 80} M${x! - 70} ${y! - 20} L${x! + 70} ${y! + 80}" stroke="#346b28" stroke-width="5"/>` +
          `<path d="M${x! - 140} ${y! + 80} h280" stroke="#d8c7a0" stroke-width="10"/>`,
      )
      .join(''),
};

/** Where the stage's table top is; drawings stand on y = 860 and are enlarged onto it. */
const TABLE_Y = 940;

/** The coloured stage: a wall, a table top, the object's soft shadow, and the light from the top left. */
export function stage(
  background: readonly [string, string],
  table: string,
  body: string,
  decor: string,
): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="1200" viewBox="0 0 1200 1200">` +
    `<defs><radialGradient id="wall" cx="30%" cy="25%" r="90%"><stop offset="0" stop-color="${background[0]}"/><stop offset="1" stop-color="${background[1]}"/></radialGradient>` +
    `<linearGradient id="table" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${table}"/><stop offset="1" stop-color="${table}" stop-opacity="0.75"/></linearGradient>` +
    `<filter id="soft" x="-20%" y="-50%" width="140%" height="200%"><feGaussianBlur stdDeviation="22"/></filter></defs>` +
    `<rect width="1200" height="1200" fill="url(#wall)"/>` +
    `<rect y="${TABLE_Y}" width="1200" height="${1200 - TABLE_Y}" fill="url(#table)"/>` +
    `<path d="M0 ${TABLE_Y} h1200" stroke="#000" stroke-opacity="0.08" stroke-width="4"/>` +
    decor +
    `<ellipse cx="600" cy="${TABLE_Y + 18}" rx="390" ry="50" fill="#000" opacity="0.28" filter="url(#soft)"/>` +
    `<g transform="translate(600 ${TABLE_Y}) scale(1.2) translate(-600 -860)">${body}</g>` +
    `</svg>`
  );
}

export function drawMotif(motif: MotifId, glaze: Glaze, seed: number): string {
  return DRAW[motif](glaze, seed);
}

export { leaf, lotus };
