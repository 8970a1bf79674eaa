import { Injectable } from '@nestjs/common';
import { Page, PageRequest } from '@ocop/kernel';
import type { SessionStatus } from '../domain';
import { SessionsRepository } from '../infrastructure/sessions.repository';
import { SessionViews } from './session-views';
import { MySessionView } from './views';

/** The streamer studio's list: sessions the caller hosts or helps run, whatever their status. */
@Injectable()
export class MySessionsService {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly views: SessionViews,
  ) {}

  async list(
    userId: string,
    status: SessionStatus | undefined,
    page: PageRequest,
  ): Promise<Page<MySessionView>> {
    const [rows, total] = await this.sessions.pageOfMember(userId, status, page);
    const views = await this.views.views(rows.map((r) => r.session));
    const roles = new Map(rows.map((r) => [r.session.id, r.role]));
    const items = views.flatMap((view) => {
      const myRole = roles.get(view.id);
      return myRole ? [{ ...view, myRole }] : [];
    });
    return { items, page: page.page, pageSize: page.pageSize, total };
  }
}
