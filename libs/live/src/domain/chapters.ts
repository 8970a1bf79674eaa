/** A pin or unpin as the replay reads it. */
export interface PinMoment {
  productId: string;
  kind: 'pin' | 'unpin';
  at: Date;
}

/** Where in the recording the host showed a product: seconds from the first segment. */
export interface ChapterMark {
  productId: string;
  offsetSeconds: number;
}

/**
 * A replay's chapters from the session's pin history: every pin is a place in the video where the host showed a
 * product, at `at - recordingStartedAt` seconds (a pin made before the stream started counts from 0). A pin of
 * the product the previous chapter already shows adds nothing (pinned, unpinned and pinned again while still on
 * it); pins after the recording ended point past the end of the video and are left out. No recording, no
 * chapters. In order of time.
 */
export function chaptersOf(
  history: readonly PinMoment[],
  recording: { startedAt: Date | null; endedAt: Date | null },
): ChapterMark[] {
  const { startedAt, endedAt } = recording;
  if (!startedAt) return [];
  const pins = history
    .filter((e) => e.kind === 'pin' && (!endedAt || e.at.getTime() <= endedAt.getTime()))
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  const chapters: ChapterMark[] = [];
  for (const pin of pins) {
    if (chapters.at(-1)?.productId === pin.productId) continue;
    const seconds = Math.max(0, (pin.at.getTime() - startedAt.getTime()) / 1000);
    chapters.push({ productId: pin.productId, offsetSeconds: Math.round(seconds * 10) / 10 });
  }
  return chapters;
}
