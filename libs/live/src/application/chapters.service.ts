import { Injectable } from '@nestjs/common';
import { chaptersOf } from '../domain';
import { PinEventsRepository } from '../infrastructure/pin-events.repository';
import { StreamsRepository } from '../infrastructure/streams.repository';
import { SessionViews } from './session-views';
import { ReplayChapters } from './views';

/** A replay's per-product chapters: where in the recording the host showed each product (from the pin history). */
@Injectable()
export class ChaptersService {
  constructor(
    private readonly pinEvents: PinEventsRepository,
    private readonly streams: StreamsRepository,
    private readonly views: SessionViews,
  ) {}

  async chapters(sessionId: string): Promise<ReplayChapters> {
    await this.views.require(sessionId);
    const [history, stream] = await Promise.all([
      this.pinEvents.list(sessionId),
      this.streams.find(sessionId),
    ]);
    // A recording past its retention is gone, and so is anything to jump in.
    const startedAt = stream && !stream.recordingDeletedAt ? stream.recordingStartedAt : null;
    const marks = chaptersOf(history, { startedAt, endedAt: stream?.recordingEndedAt ?? null });
    const products = await this.views.products([...new Set(marks.map((m) => m.productId))]);
    return {
      sessionId,
      recordingStartedAt: startedAt?.toISOString() ?? null,
      chapters: marks.flatMap((mark) => {
        const product = products.get(mark.productId);
        if (!product) return [];
        return [
          {
            productId: mark.productId,
            name: product.name,
            image: product.photos[0] ?? null,
            offsetSeconds: mark.offsetSeconds,
          },
        ];
      }),
    };
  }
}
