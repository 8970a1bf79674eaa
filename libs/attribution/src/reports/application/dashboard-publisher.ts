import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { RealtimeEmitter } from '@ocop/realtime';
import { TOTALS_CHANGED, TotalsChanged } from '../../attribution.events';
import { SalesRepository } from '../infrastructure/sales.repository';
import { dashboardRooms } from '../reports.events';
import { DashboardsService } from './dashboards.service';
import { RoomThrottle } from './room-throttle';

/** At most 4 `dashboard:totals` per room per second from one process, and always one after the last change. */
export const DASHBOARD_THROTTLE_MS = 250;

const BRANCH_ROOM = /^dashboard:branch:(.+)$/;
const FARMER_ROOM = /^dashboard:farmer:(.+)$/;

/**
 * Hears TOTALS_CHANGED (emitted in the worker after the attribution writer commits) and pushes fresh figures to
 * the dashboards those changes touch: every branch on the stored paths written, and the owners of the producers
 * sold. Emits go through the Redis emitter, so they reach the sockets on every api replica. A burst of orders
 * coalesces per room (RoomThrottle): each flush reads the figures as they are then, so nothing is lost.
 */
@Injectable()
export class DashboardPublisher implements OnApplicationShutdown {
  private readonly log = new Logger(DashboardPublisher.name);
  private readonly throttle = new RoomThrottle(DASHBOARD_THROTTLE_MS, (room) => this.publish(room));

  constructor(
    private readonly dashboards: DashboardsService,
    private readonly sales: SalesRepository,
    private readonly emitter: RealtimeEmitter,
  ) {}

  @OnEvent(TOTALS_CHANGED)
  async onTotalsChanged(event: TotalsChanged): Promise<void> {
    for (const branchId of new Set(event.branchIds)) this.throttle.changed(dashboardRooms.branch(branchId));
    try {
      for (const userId of await this.sales.ownersOf([...new Set(event.producerIds)])) {
        this.throttle.changed(dashboardRooms.farmer(userId));
      }
    } catch (error) {
      this.log.warn(
        { err: error, producerIds: event.producerIds },
        'Could not find the farmers of changed sales',
      );
    }
  }

  onApplicationShutdown(): void {
    this.throttle.stop();
  }

  private async publish(room: string): Promise<void> {
    try {
      const branch = BRANCH_ROOM.exec(room);
      if (branch) {
        this.emitter.emit(room, 'dashboard:totals', await this.dashboards.branchTotals(branch[1]!));
        return;
      }
      const farmer = FARMER_ROOM.exec(room);
      if (farmer) this.emitter.emit(room, 'dashboard:totals', await this.dashboards.farmerTotals(farmer[1]!));
    } catch (error) {
      this.log.warn({ err: error, room }, 'Could not refresh a dashboard');
    }
  }
}
