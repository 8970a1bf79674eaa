import { checkPixels, Rendition, renditionWidths, srcRendition, srcsetOf } from './renditions';

describe('renditions of a photo', () => {
  it('makes the standard widths that fit the original, never wider', () => {
    expect(renditionWidths(4032)).toEqual([160, 480, 960, 1440]);
    expect(renditionWidths(1200)).toEqual([160, 480, 960]);
    expect(renditionWidths(160)).toEqual([160]);
    expect(renditionWidths(90)).toEqual([90]);
  });

  const r = (format: Rendition['format'], width: number): Rendition => ({
    format,
    width,
    height: width,
    bytes: 1,
    key: `public/h/x-${width}.${format}`,
  });

  it('lists a srcset per format, smallest first', () => {
    const all = [r('jpeg', 960), r('avif', 160), r('jpeg', 160), r('jpeg', 480)];
    expect(srcsetOf(all, 'jpeg', (x) => `/files/${x.width}`)).toBe(
      '/files/160 160w, /files/480 480w, /files/960 960w',
    );
    expect(srcsetOf(all, 'avif', (x) => `/a/${x.width}`)).toBe('/a/160 160w');
  });

  it('points src at the 480 px JPEG, or the widest below it, or the smallest there is', () => {
    expect(srcRendition([r('jpeg', 160), r('jpeg', 480), r('jpeg', 960)])?.width).toBe(480);
    expect(srcRendition([r('jpeg', 160), r('jpeg', 400)])?.width).toBe(400);
    expect(srcRendition([r('avif', 90), r('jpeg', 90)])?.width).toBe(90);
  });
});

describe('pixel limits read from the header, before decoding', () => {
  it('takes a 12 MP phone photo', () => {
    expect(checkPixels(4032, 3024, 3_500_000)).toEqual({ ok: true });
  });

  it('refuses a 100-megapixel image', () => {
    expect(checkPixels(10_000, 10_000, 90_000_000)).toEqual({ ok: false, code: 'ASSET_TOO_MANY_PIXELS' });
  });

  it('refuses a decompression bomb: 30 MP declared in a file of a few kilobytes', () => {
    expect(checkPixels(6_000, 5_000, 40_000)).toEqual({ ok: false, code: 'ASSET_DECOMPRESSION_BOMB' });
  });

  it('takes a small flat logo that compresses very well', () => {
    expect(checkPixels(1_000, 1_000, 2_000)).toEqual({ ok: true });
  });

  it('refuses an image without dimensions', () => {
    expect(checkPixels(0, 100, 100)).toMatchObject({ ok: false });
  });
});
