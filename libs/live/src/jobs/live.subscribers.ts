import { Injectable, OnModuleInit } from '@nestjs/common';
import { OutboxSubscribers } from '@ocop/db';
import { InboxService } from '../application/inbox.service';

/** What live hears through the outbox (in the worker): a session went live, so its host's followers are told. */
@Injectable()
export class LiveSubscribers implements OnModuleInit {
  constructor(
    private readonly subscribers: OutboxSubscribers,
    private readonly inbox: InboxService,
  ) {}

  onModuleInit(): void {
    this.subscribers.on('live.session-started', 'live.notify-followers', (m) =>
      this.inbox.notifyFollowers(m.payload.sessionId),
    );
  }
}
