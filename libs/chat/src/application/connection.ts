import type { TypedSocket } from '@ocop/realtime';
import { RealtimeError } from '@ocop/realtime';

/** The part of a socket the chat services use: its id, its data and room membership. */
export type RoomConnection = Pick<TypedSocket, 'id' | 'data' | 'join' | 'leave'>;

export function viewerKeyOf(connection: Pick<RoomConnection, 'id' | 'data'>): string {
  const user = connection.data.user;
  return user ? `u:${user.id}` : `g:${connection.id}`;
}

/** Posting and reacting need the socket to have joined the session first. */
export function requireJoined(connection: Pick<RoomConnection, 'data'>, sessionId: string): void {
  if (!connection.data.sessions?.has(sessionId)) {
    throw new RealtimeError('NOT_JOINED', 'Join the session first');
  }
}
