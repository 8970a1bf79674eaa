import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api, unwrap, type Schema } from '../../api/client';

type ChatMessage = Schema<'ChatMessageResponse'>;
type PinEvent = Schema<'PinEventResponse'>;

/** The chat of a replay shows at most this many messages (the newest up to the video's time), as the live room does. */
const SHOWN_MESSAGES = 300;
const PAGE = 500;

/** The messages said by video time `seconds` (wall time startedAt + seconds), oldest first, the newest `limit`. */
export function messagesUntil(
  messages: readonly ChatMessage[],
  startedAt: string,
  seconds: number,
  limit = SHOWN_MESSAGES,
): ChatMessage[] {
  const cutoff = Date.parse(startedAt) + seconds * 1000;
  let end = 0;
  // Messages come in seq order, which is commit order: their times only grow.
  while (end < messages.length && Date.parse(messages[end]!.createdAt) <= cutoff) end++;
  return messages.slice(Math.max(0, end - limit), end);
}

/** The products pinned at video time `seconds`, in the order they were pinned. */
export function pinsAt(history: readonly PinEvent[], startedAt: string, seconds: number): string[] {
  const cutoff = Date.parse(startedAt) + seconds * 1000;
  const pinned: string[] = [];
  const events = [...history].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  for (const event of events) {
    if (Date.parse(event.at) > cutoff) break;
    const index = pinned.indexOf(event.productId);
    if (index >= 0) pinned.splice(index, 1);
    if (event.kind === 'pin') pinned.push(event.productId);
  }
  return pinned;
}

/** Every chat message of a session, paging through the history oldest first. */
async function allMessages(sessionId: string): Promise<ChatMessage[]> {
  const messages: ChatMessage[] = [];
  let sinceSeq = 0;
  for (;;) {
    const page = unwrap(
      await api.GET('/api/sessions/{id}/messages', {
        params: { path: { id: sessionId }, query: { sinceSeq, limit: PAGE } },
      }),
    );
    messages.push(...page.messages);
    const last = page.messages.at(-1);
    if (!page.hasMore || !last) return messages;
    sinceSeq = last.seq;
  }
}

export interface ReplayView {
  /** The chat as it stood at the video's time. */
  messages: ChatMessage[];
  /** Product ids pinned at the video's time. */
  pinnedIds: string[];
  /** Both histories are loaded. */
  ready: boolean;
}

/**
 * A replay's chat and pins in step with the video: null unless the session is over and plays its recording
 * (HLS with a known start); otherwise what was said and pinned by `seconds` into the video.
 */
export function useReplay(
  sessionId: string,
  playback: Schema<'SessionResponse'>['playback'],
  status: Schema<'SessionResponse'>['status'],
  seconds: number,
): ReplayView | null {
  const startedAt =
    playback?.kind === 'hls' && !playback.live && status === 'ended' ? playback.startedAt : null;
  const enabled = startedAt !== null;
  const chat = useQuery({
    queryKey: ['public', 'sessions', sessionId, 'replay-chat'],
    enabled,
    queryFn: () => allMessages(sessionId),
    staleTime: Infinity,
  });
  const pins = useQuery({
    queryKey: ['public', 'sessions', sessionId, 'pin-history'],
    enabled,
    queryFn: async () =>
      unwrap(await api.GET('/api/sessions/{id}/pin-history', { params: { path: { id: sessionId } } })),
    staleTime: Infinity,
  });
  const messages = useMemo(
    () => (startedAt && chat.data ? messagesUntil(chat.data, startedAt, seconds) : []),
    [chat.data, startedAt, seconds],
  );
  const pinnedIds = useMemo(
    () => (startedAt && pins.data ? pinsAt(pins.data, startedAt, seconds) : []),
    [pins.data, startedAt, seconds],
  );
  if (!enabled) return null;
  return { messages, pinnedIds, ready: chat.isSuccess && pins.isSuccess };
}

export type ReplayChapter = Schema<'ReplayChapterResponse'>;

/** The chapter playing at video time `seconds`: the last one that has started (-1 before the first). */
export function chapterIndexAt(chapters: readonly ReplayChapter[], seconds: number): number {
  let current = -1;
  chapters.forEach((chapter, index) => {
    // A little slack: a jump lands a few hundredths before the mark on some decoders.
    if (chapter.offsetSeconds <= seconds + 0.25) current = index;
  });
  return current;
}

/** Video time as the scrubber shows it: 0:07, 1:04, 1:02:03. */
export function formatClock(seconds: number): string {
  const total = Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** A replay's per-product chapters (where the host pinned each product), once the session has a recording. */
export function useChapters(sessionId: string | undefined, enabled: boolean): ReplayChapter[] {
  const query = useQuery({
    queryKey: ['public', 'sessions', sessionId, 'chapters'],
    enabled: enabled && !!sessionId,
    queryFn: async () =>
      unwrap(await api.GET('/api/sessions/{id}/chapters', { params: { path: { id: sessionId ?? '' } } })),
    staleTime: 60_000,
  });
  return query.data?.chapters ?? [];
}
