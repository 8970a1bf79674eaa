/** @jest-environment ./apps/web/src/test/jsdom-environment.cjs */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { FrameImage, Picture, type ImageView } from './Picture';
import { fallbackColours, initialsOf } from './picture-sources';

const PHOTO: ImageView = {
  id: '9a0b8c7d-1111-4222-8333-444455556666',
  width: 1200,
  height: 1200,
  placeholder: 'data:image/webp;base64,UklGRh4AAABXRUJQVlA4TBEAAAAvAQAAAAfQ//73v/+BiOh/AAA=',
  src: '/files/ab12/photo-480.jpg',
  srcset: {
    avif: '/files/ab12/photo-160.avif 160w, /files/ab12/photo-480.avif 480w, /files/ab12/photo-960.avif 960w',
    webp: '/files/ab12/photo-160.webp 160w, /files/ab12/photo-480.webp 480w, /files/ab12/photo-960.webp 960w',
    jpeg: '/files/ab12/photo-160.jpg 160w, /files/ab12/photo-480.jpg 480w, /files/ab12/photo-960.jpg 960w',
  },
};

afterEach(cleanup);

describe('a product photo on a phone', () => {
  it('offers AVIF, then WebP, then JPEG at every width, with the sizes the layout draws it at', () => {
    const { container } = render(
      <Picture image={PHOTO} alt="Gốm men lam" sizes="88px" name="Gốm men lam" kind="product" />,
    );
    const sources = [...container.querySelectorAll('source')];
    expect(sources.map((s) => s.getAttribute('type'))).toEqual(['image/avif', 'image/webp']);
    expect(sources.map((s) => s.getAttribute('srcset'))).toEqual([PHOTO.srcset.avif, PHOTO.srcset.webp]);
    expect(sources.every((s) => s.getAttribute('sizes') === '88px')).toBe(true);
    const img = screen.getByAltText('Gốm men lam');
    expect(img.getAttribute('src')).toBe(PHOTO.src);
    expect(img.getAttribute('srcset')).toBe(PHOTO.srcset.jpeg);
    expect(img.getAttribute('sizes')).toBe('88px');
    // Intrinsic size given: the box never jumps when the image arrives.
    expect([img.getAttribute('width'), img.getAttribute('height')]).toEqual(['1200', '1200']);
  });

  it('below the fold it loads lazily; the first screen’s main image eagerly, with high priority', () => {
    render(<Picture image={PHOTO} alt="lazy" sizes="100vw" name="x" kind="product" />);
    render(<Picture image={PHOTO} alt="hero" sizes="100vw" name="x" kind="product" priority />);
    expect(screen.getByAltText('lazy').getAttribute('loading')).toBe('lazy');
    expect(screen.getByAltText('lazy').getAttribute('fetchpriority')).toBe('auto');
    expect(screen.getByAltText('hero').getAttribute('loading')).toBe('eager');
    expect(screen.getByAltText('hero').getAttribute('fetchpriority')).toBe('high');
  });

  it('paints the tiny placeholder until the image has loaded, then shows the image alone', () => {
    const { container } = render(<Picture image={PHOTO} alt="p" sizes="100vw" name="x" kind="product" />);
    const picture = container.querySelector('picture') as HTMLElement;
    expect(picture.style.backgroundImage).toContain(PHOTO.placeholder);
    expect(picture.classList.contains('loaded')).toBe(false);
    fireEvent.load(screen.getByAltText('p'));
    expect(picture.classList.contains('loaded')).toBe(true);
    expect(picture.style.backgroundImage).toBe('');
  });

  it('without an image, or when it fails to load, shows the designed fallback instead of a broken icon', () => {
    const { container, rerender } = render(
      <Picture
        image={null}
        alt="Trà shan tuyết"
        sizes="88px"
        name="Trà shan tuyết"
        kind="product"
        testId="pic"
      />,
    );
    const fallback = screen.getByTestId('pic');
    expect(fallback.getAttribute('data-fallback')).toBe('product');
    expect(fallback.getAttribute('role')).toBe('img');
    expect(fallback.getAttribute('aria-label')).toBe('Trà shan tuyết');
    expect(fallback.textContent).toBe('TS');
    expect(container.querySelector('img')).toBeNull();

    rerender(
      <Picture
        image={PHOTO}
        alt="Trà shan tuyết"
        sizes="88px"
        name="Trà shan tuyết"
        kind="product"
        testId="pic"
      />,
    );
    fireEvent.error(screen.getByAltText('Trà shan tuyết'));
    expect(screen.getByTestId('pic').getAttribute('data-fallback')).toBe('product');
    expect(container.querySelector('img')).toBeNull();
  });

  it('a decorative fallback stays out of the accessibility tree', () => {
    render(<Picture image={undefined} alt="" sizes="88px" name="Làng gốm" kind="producer" testId="logo" />);
    const fallback = screen.getByTestId('logo');
    expect(fallback.getAttribute('aria-hidden')).toBe('true');
    expect(fallback.getAttribute('role')).toBeNull();
  });

  it('a live thumbnail falls back to the session tile when the media app has none', () => {
    const { rerender } = render(
      <FrameImage url="http://media/hls/s/thumb.jpg?v=1" alt="" name="Phiên" testId="f" />,
    );
    fireEvent.error(screen.getByTestId('f').querySelector('img') as HTMLImageElement);
    expect(screen.getByTestId('f').getAttribute('data-fallback')).toBe('session');
    // A newer frame gets its own URL and is tried again.
    rerender(<FrameImage url="http://media/hls/s/thumb.jpg?v=2" alt="" name="Phiên" testId="f" />);
    expect(screen.getByTestId('f').querySelector('img')?.getAttribute('src')).toBe(
      'http://media/hls/s/thumb.jpg?v=2',
    );
  });
});

describe('the fallback’s look', () => {
  it('takes one or two initials, Vietnamese letters kept', () => {
    expect(initialsOf('Gốm Bát Tràng')).toBe('GB');
    expect(initialsOf('  ếch đồng ')).toBe('ẾĐ');
    expect(initialsOf('— 3 sao')).toBe('3S');
  });

  it('gives the same name the same colours every time', () => {
    expect(fallbackColours('Mật ong bạc hà')).toEqual(fallbackColours('Mật ong bạc hà'));
    const pairs = new Set(
      ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].map((s) => fallbackColours(s).join()),
    );
    expect(pairs.size).toBeGreaterThan(3);
  });
});
