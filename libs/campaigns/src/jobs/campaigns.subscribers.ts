import { Injectable, OnModuleInit } from '@nestjs/common';
import { OutboxSubscribers } from '@ocop/db';
import { CampaignPublisher } from '../application/campaign-publisher';

/**
 * What campaigns hear through the outbox (in the worker): a session was scheduled, edited, cancelled, went live or
 * ended, so the dashboards of the campaigns whose products it holds refetch (a product's state moves to scheduled or
 * streamed, or back).
 */
@Injectable()
export class CampaignsSubscribers implements OnModuleInit {
  constructor(
    private readonly subscribers: OutboxSubscribers,
    private readonly publisher: CampaignPublisher,
  ) {}

  onModuleInit(): void {
    this.subscribers.on('live.session-changed', 'campaigns.session-changed', (m) =>
      this.publisher.sessionsChanged([m.payload.sessionId]),
    );
  }
}
