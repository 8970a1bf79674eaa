import sharp from 'sharp';
import { SEED_PRODUCERS, SEED_PRODUCTS } from '../hanoi-catalogue';
import { SEED_SESSIONS } from '../hanoi-sessions';
import { motifFor } from './motifs';
import { certificateScan, producerLogo, productPhotos, sessionCover } from './render';
import { monogram } from './seed-pictures';

// The demo's pictures are drawn offline: every product has a drawing of what it is, and the same seed data makes
// the same bytes (so a second seed finds them already ingested).

describe('the demo shop’s pictures', () => {
  it('every product of the seed is drawn as what it is, not a generic box', () => {
    const undrawn = SEED_PRODUCTS.filter((p) => motifFor(p.name) === null).map((p) => p.name);
    expect(undrawn).toEqual([]);
    expect(motifFor('Bình hút lộc men rạn Bát Tràng')).toBe('vase');
    expect(motifFor('Bát cơm men lam hoa văn Bát Tràng')).toBe('bowls');
    expect(motifFor('Bánh chưng gấc Tranh Khúc')).toBe('banhchung');
    expect(motifFor('Nón lá làng Chuông truyền thống')).toBe('hat');
    expect(motifFor('Sữa tươi thanh trùng Ba Vì')).toBe('bottle');
  });

  it('product photos are square JPEGs, the same bytes every run', async () => {
    const product = SEED_PRODUCTS[0]!;
    const [first, second] = await productPhotos(product, true);
    const again = await productPhotos(product, true);
    expect(first!.bytes.equals(again[0]!.bytes)).toBe(true);
    expect(first!.bytes.equals(second!.bytes)).toBe(false);
    const meta = await sharp(first!.bytes).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 960, 960]);
    expect(first!.bytes.length).toBeLessThan(250_000);
    expect(first!.fileName).toBe('p01-01-1.jpg');
  });

  it('a producer gets a logo with its monogram, a session a 16:9 cover, a product its decision’s scan', async () => {
    expect(monogram('HTX Gốm sứ Bát Tràng')).toBe('GT');
    expect(monogram('Hộ kinh doanh Ô mai Phố Cổ')).toBe('ÔC');
    const producer = SEED_PRODUCERS[0]!;
    const logo = await sharp((await producerLogo(producer)).bytes).metadata();
    expect([logo.format, logo.width, logo.height]).toEqual(['jpeg', 480, 480]);
    const session = SEED_SESSIONS[0]!;
    const lineup = SEED_PRODUCTS.filter((p) => session.lineup.includes(p.code));
    const cover = await sharp((await sessionCover(lineup, 0)).bytes).metadata();
    expect([cover.width, cover.height]).toEqual([1280, 720]);
    const scan = await certificateScan(producer.products[0]!, producer, '2025-03-14');
    const page = await sharp(scan.bytes).metadata();
    expect([page.width, page.height]).toEqual([930, 1316]);
  });
});
