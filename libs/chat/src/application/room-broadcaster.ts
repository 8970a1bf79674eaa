import { Injectable, Logger } from '@nestjs/common';
import { RealtimeEmitter, ServerToClientEvents, TypedServer } from '@ocop/realtime';
import '../chat.events';

type EventName = keyof ServerToClientEvents & string;
type EventArgs<E extends EventName> = ServerToClientEvents[E] extends (...args: infer A) => unknown
  ? A
  : never;

/**
 * Sends chat events to rooms on every replica. Inside an api process the gateway attaches its socket.io server,
 * whose Redis adapter delivers to local sockets directly and publishes once for the other replicas; elsewhere (the
 * worker, or before the gateway starts) the Redis emitter does it.
 */
@Injectable()
export class RoomBroadcaster {
  private readonly log = new Logger(RoomBroadcaster.name);
  private server: TypedServer | null = null;

  constructor(private readonly emitter: RealtimeEmitter) {}

  attach(server: TypedServer): void {
    this.server = server;
  }

  /** Never throws: the change is already committed, and clients catch up through history. */
  emit<E extends EventName>(room: string, event: E, ...args: EventArgs<E>): void {
    try {
      if (this.server) {
        (this.server.to(room) as unknown as { emit(event: string, ...a: unknown[]): void }).emit(
          event,
          ...args,
        );
      } else {
        this.emitter.emit(room, event, ...args);
      }
    } catch (error) {
      this.log.warn({ err: error, room, event }, 'Could not broadcast a chat event');
    }
  }

  /** Disconnects every socket in the room, on every replica (a ban). */
  disconnect(room: string): void {
    if (this.server) this.server.in(room).disconnectSockets(true);
    else this.emitter.disconnect(room);
  }
}
