import { chaptersOf, PinMoment } from './chapters';

const start = new Date('2026-12-06T13:00:00.000Z');
const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);
const pin = (productId: string, seconds: number): PinMoment => ({ productId, kind: 'pin', at: at(seconds) });
const unpin = (productId: string, seconds: number): PinMoment => ({
  productId,
  kind: 'unpin',
  at: at(seconds),
});

describe('replay chapters from the pin history', () => {
  it('the host shows the vase, then the tea: two chapters at the seconds of the pins', () => {
    const chapters = chaptersOf([pin('vase', 12.34), unpin('vase', 40), pin('tea', 61)], {
      startedAt: start,
      endedAt: at(600),
    });
    expect(chapters).toEqual([
      { productId: 'vase', offsetSeconds: 12.3 },
      { productId: 'tea', offsetSeconds: 61 },
    ]);
  });

  it('products pinned before the stream came up start the video', () => {
    expect(chaptersOf([pin('vase', -90), pin('tea', -30)], { startedAt: start, endedAt: null })).toEqual([
      { productId: 'vase', offsetSeconds: 0 },
      { productId: 'tea', offsetSeconds: 0 },
    ]);
  });

  it('the host unpins and pins the same product again: still one chapter; back to it later: a new one', () => {
    const history = [pin('vase', 5), unpin('vase', 6), pin('vase', 7), pin('tea', 20), pin('vase', 50)];
    expect(chaptersOf(history, { startedAt: start, endedAt: null }).map((c) => c.offsetSeconds)).toEqual([
      5, 20, 50,
    ]);
  });

  it('pins after the recording ended, and sessions with no recording, give no chapters', () => {
    expect(chaptersOf([pin('vase', 700)], { startedAt: start, endedAt: at(600) })).toEqual([]);
    expect(chaptersOf([pin('vase', 10)], { startedAt: null, endedAt: null })).toEqual([]);
  });

  it('events arrive out of order: chapters still follow the video', () => {
    expect(
      chaptersOf([pin('tea', 30), pin('vase', 10)], { startedAt: start, endedAt: null }).map(
        (c) => c.productId,
      ),
    ).toEqual(['vase', 'tea']);
  });
});
