import { Injectable } from '@nestjs/common';
import { IdentityFacade } from '@ocop/identity';
import { SessionsRepository } from '../infrastructure/sessions.repository';

export interface NotificationSubject {
  sessionTitle: string;
  hostName: string;
}

/** The session title and host name of notifications about sessions: a page of them in two short reads. */
@Injectable()
export class NotificationSubjects {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly identity: IdentityFacade,
  ) {}

  async load(sessionIds: string[]): Promise<Map<string, NotificationSubject>> {
    const unique = [...new Set(sessionIds)];
    const out = new Map<string, NotificationSubject>();
    if (unique.length === 0) return out;
    const sessions = await this.sessions.findByIds(unique);
    const hosts = [...new Set(sessions.map((s) => s.hostUserId))];
    const names = new Map<string, string>();
    await Promise.all(
      hosts.map(async (id) => {
        const user = await this.identity.findUser(id);
        names.set(id, user?.displayName ?? '');
      }),
    );
    for (const s of sessions) out.set(s.id, { sessionTitle: s.title, hostName: names.get(s.hostUserId) ?? '' });
    return out;
  }
}
