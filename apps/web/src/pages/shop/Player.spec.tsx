/** @jest-environment ./apps/web/src/test/jsdom-environment.cjs */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import type { Schema } from '../../api/client';
import i18n from '../../i18n';
import { Player } from './Player';
import { chapterIndexAt, formatClock } from './ReplaySync';

// The player in jsdom, as Safari runs it (native HLS: the <video> gets the playlist URL itself), so that no media
// engine is needed: the controls, the sound button and the replay's chapters are what is under test. The api is the
// real typed client over a scripted global fetch that answers GET /api/sessions/{id}/chapters as the api does.

const SESSION_ID = '4d3c2b1a-0f9e-4d8c-b7a6-5f4e3d2c1b0a';
const VASE = '6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const TEA = '7b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e';
const PLAYLIST = 'http://127.0.0.1:8000/hls/4d3c2b1a-0f9e-4d8c-b7a6-5f4e3d2c1b0a/index.m3u8';

type Session = Schema<'SessionResponse'>;

function session(overrides: Partial<Session>): Session {
  return {
    id: SESSION_ID,
    title: 'Gốm Bát Tràng cuối tuần',
    description: '',
    status: 'live',
    hostUserId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    hostName: 'Nguyễn Văn An',
    branchId: '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e',
    branchName: 'Đoàn xã Bát Tràng',
    branchPath: [],
    scheduledStartAt: '2026-12-06T13:00:00.000Z',
    startedAt: '2026-12-06T13:00:00.000Z',
    endedAt: null,
    cover: null,
    lineup: [VASE, TEA],
    playback: { kind: 'hls', url: PLAYLIST, live: true, startedAt: '2026-12-06T13:00:05.000Z' },
    thumbnail: null,
    poster: null,
    ...overrides,
  };
}

const chapters: Schema<'ReplayChaptersResponse'> = {
  sessionId: SESSION_ID,
  recordingStartedAt: '2026-12-06T13:00:05.000Z',
  chapters: [
    { productId: VASE, name: 'Bình gốm men lam', image: null, offsetSeconds: 0 },
    { productId: TEA, name: 'Trà shan tuyết', image: null, offsetSeconds: 125.5 },
  ],
};

function fakeApi() {
  const fetchFn = jest.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(String(input), init);
    const url = new URL(request.url, 'http://localhost');
    if (request.method === 'GET' && url.pathname === `/api/sessions/${SESSION_ID}/chapters`) {
      return new Response(JSON.stringify(chapters), {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
      });
    }
    return new Response(
      JSON.stringify({ code: 'ROUTE_NOT_FOUND', message: 'No such route', requestId: 'r' }),
      {
        status: 404,
        headers: { 'Content-Type': 'application/json' },
      },
    );
  });
  globalThis.fetch = fetchFn as typeof fetch;
  return fetchFn;
}

function renderPlayer(value: Parameters<typeof Player>[0]['session']) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={queryClient}>
      <MemoryRouter>
        <Player session={value} />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

/** Characters that phones without an emoji or symbol font draw as boxes: none may stand in for an icon. */
const SYMBOLS = /[\u2190-\u2BFF\u{1F000}-\u{1FAFF}]|\uFE0F/u;

const originalFetch = globalThis.fetch;
const originalVendor = Object.getOwnPropertyDescriptor(Navigator.prototype, 'vendor');

beforeEach(() => {
  void i18n.changeLanguage('vi');
  Object.defineProperty(navigator, 'vendor', { value: 'Apple Computer, Inc.', configurable: true });
  jest.spyOn(HTMLMediaElement.prototype, 'canPlayType').mockReturnValue('maybe');
  jest.spyOn(HTMLMediaElement.prototype, 'load').mockImplementation(() => undefined);
  jest.spyOn(HTMLMediaElement.prototype, 'pause').mockImplementation(() => undefined);
  jest.spyOn(HTMLMediaElement.prototype, 'play').mockImplementation(function (this: HTMLMediaElement) {
    this.dispatchEvent(new Event('playing'));
    return Promise.resolve();
  });
});

afterEach(() => {
  cleanup();
  jest.restoreAllMocks();
  globalThis.fetch = originalFetch;
  delete (navigator as { vendor?: string }).vendor;
  if (originalVendor) Object.defineProperty(Navigator.prototype, 'vendor', originalVendor);
});

describe('Player', () => {
  it('a live stream: a LIVE badge, no seek bar or clock, a tap-to-unmute drawn as an SVG icon', async () => {
    const fetchFn = fakeApi();
    const { container } = renderPlayer(session({}));
    const video = screen.getByTestId('player-video') as HTMLVideoElement;
    expect(video.getAttribute('src')).toBe(PLAYLIST);
    expect(video.muted).toBe(true);
    // Our own controls only: the browser's (with their seek bar and "1:01 / 1:04") are off.
    expect(video.controls).toBe(false);

    expect(screen.getByTestId('player-live-badge').textContent).toBe('LIVE');
    expect(screen.queryByRole('slider')).toBeNull();
    expect(container.textContent).not.toMatch(/\d:\d\d/);
    expect(screen.queryByTestId('player-chapters')).toBeNull();
    // A live has no chapters to ask for.
    expect(fetchFn).not.toHaveBeenCalled();

    const unmute = await screen.findByTestId('player-unmute');
    expect(unmute.textContent).toBe('Chạm để bật tiếng');
    expect(unmute.querySelector('svg')).not.toBeNull();
    expect(container.textContent).not.toMatch(SYMBOLS);

    fireEvent.click(unmute);
    expect(video.muted).toBe(false);
    const mute = await screen.findByTestId('player-mute');
    expect(mute.getAttribute('aria-label')).toBe('Tắt tiếng');
    expect(mute.querySelector('svg')).not.toBeNull();
    fireEvent.click(mute);
    expect(video.muted).toBe(true);
    await screen.findByTestId('player-unmute');
  });

  it('a replay: a scrubber, the product chapters, and a tap on a chapter jumps the video there', async () => {
    fakeApi();
    await act(() => i18n.changeLanguage('en'));
    renderPlayer(
      session({
        status: 'ended',
        endedAt: '2026-12-06T14:00:00.000Z',
        playback: { kind: 'hls', url: PLAYLIST, live: false, startedAt: '2026-12-06T13:00:05.000Z' },
      }),
    );
    const video = screen.getByTestId('player-video') as HTMLVideoElement;
    expect(screen.queryByTestId('player-live-badge')).toBeNull();
    Object.defineProperty(video, 'duration', { value: 300, configurable: true });
    fireEvent(video, new Event('durationchange'));

    const scrubber = screen.getByRole('slider', { name: 'Seek' }) as HTMLInputElement;
    expect(scrubber.max).toBe('300');
    expect(scrubber.getAttribute('aria-valuetext')).toBe('0:00 of 5:00');

    const list = await screen.findByTestId('player-chapters');
    const buttons = within(list).getAllByRole('button');
    expect(buttons.map((b) => b.querySelector('.player-chapter-text')?.textContent)).toEqual([
      'Bình gốm men lamWatch it from 0:00',
      'Trà shan tuyếtWatch it from 2:05',
    ]);
    expect(buttons[0]?.getAttribute('aria-current')).toBe('true');

    fireEvent.click(buttons[1]!);
    expect(video.currentTime).toBe(125.5);
    await waitFor(() => expect(buttons[1]?.getAttribute('aria-current')).toBe('true'));
    expect(buttons[0]?.getAttribute('aria-current')).toBeNull();
    expect(scrubber.getAttribute('aria-valuetext')).toBe('2:05 of 5:00');

    // Dragging the scrubber seeks too.
    fireEvent.change(scrubber, { target: { value: '42' } });
    expect(video.currentTime).toBe(42);

    // The chapters fold away and come back.
    const toggle = screen.getByTestId('player-chapters-toggle');
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(toggle);
    expect(screen.queryByTestId('player-chapters')).toBeNull();
    fireEvent.click(toggle);
    expect(screen.getByTestId('player-chapters')).toBeTruthy();
  });

  it("a replay whose host is live again links to the host's live room", async () => {
    fakeApi();
    const liveId = '8c3d4e5f-6a7b-4c8d-8e9f-1a2b3c4d5e6f';
    renderPlayer({
      ...session({
        status: 'ended',
        playback: { kind: 'hls', url: PLAYLIST, live: false, startedAt: '2026-12-06T13:00:05.000Z' },
      }),
      hostLiveSessionId: liveId,
    });
    const link = screen.getByTestId('player-host-live');
    expect(link.getAttribute('href')).toBe(`/sessions/${liveId}`);
    expect(link.textContent).toBe('Đang live, vào xem');
  });
});

describe('replay clock and chapters', () => {
  it('formats video time as the scrubber shows it', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(64.9)).toBe('1:04');
    expect(formatClock(3723)).toBe('1:02:03');
    expect(formatClock(Number.NaN)).toBe('0:00');
  });

  it('the chapter playing is the last one that has started', () => {
    const list = chapters.chapters;
    expect(chapterIndexAt([], 10)).toBe(-1);
    expect(chapterIndexAt(list, 0)).toBe(0);
    expect(chapterIndexAt(list, 125.4)).toBe(1);
    expect(chapterIndexAt(list, 125)).toBe(0);
  });
});
