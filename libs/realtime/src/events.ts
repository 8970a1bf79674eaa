import type { Server, Socket } from 'socket.io';
import type { AuthUser } from '@ocop/auth';

/**
 * The socket.io wire contract. Each context adds its own events to these interfaces by module augmentation
 * (`declare module '@ocop/realtime' { interface ServerToClientEvents { ... } }`) in a file of its own, so the
 * contract is typed end to end without realtime importing the contexts.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ServerToClientEvents {}
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ClientToServerEvents {}

export interface SocketData {
  /** The signed-in user, or null for a guest (guests may watch and read, never post). */
  user: AuthUser | null;
  /** Sessions this socket has joined, with the viewer key used for presence. */
  sessions: Map<string, string>;
}

export type AckOk<T> = { ok: true; data: T };
export type AckError = { ok: false; code: string; message: string; details?: Record<string, unknown> };
/** Every client-to-server event that expects an answer gets one of these through its acknowledgement. */
export type Ack<T> = AckOk<T> | AckError;
export type AckCallback<T> = (answer: Ack<T>) => void;

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
interface InterServerEvents {}

export type TypedServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type TypedSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
