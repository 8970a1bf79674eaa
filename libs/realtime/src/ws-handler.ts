import { Logger } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { isConnectionLost } from '@ocop/db';
import { DomainError, findTextProblems, invalidText, tryAgain } from '@ocop/kernel';
import type { AuthUser } from '@ocop/auth';
import type { Ack, TypedSocket } from './events';
import { RealtimeError } from './realtime.errors';

const log = new Logger('Realtime');

/**
 * Validates a socket payload against a DTO class exactly like the HTTP edge does: unknown fields, wrong types
 * and missing fields are rejected with INVALID_PAYLOAD and the list of fields. Text is checked first, with the
 * same rules and code as HTTP (INVALID_TEXT: control characters, lone surrogates, bidi overrides, invisible-only).
 */
export async function parsePayload<T extends object>(dto: new () => T, payload: unknown): Promise<T> {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    throw new RealtimeError('INVALID_PAYLOAD', 'The payload must be an object');
  }
  const instance = plainToInstance(dto, payload, { enableImplicitConversion: false });
  const textProblems = findTextProblems(instance);
  if (textProblems.length > 0) throw invalidText(textProblems);
  const errors = await validate(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
  });
  if (errors.length > 0) {
    const fields = errors.map((e) => ({ field: e.property, problems: Object.values(e.constraints ?? {}) }));
    throw new RealtimeError('INVALID_PAYLOAD', `Invalid payload: ${fields.map((f) => f.field).join(', ')}`, {
      fields,
    });
  }
  return instance;
}

/** Turns any failure into an error ack with a stable code; unknown errors are logged and answered opaquely. */
export function toAckError(error: unknown): Ack<never> {
  if (error instanceof DomainError) {
    return { ok: false, code: error.code, message: error.message, details: error.details };
  }
  if (isConnectionLost(error)) {
    const again = tryAgain('database_connection_lost');
    log.warn({ err: error }, 'A socket event lost its database connection');
    return { ok: false, code: again.code, message: again.message, details: again.details };
  }
  log.error({ err: error }, 'Unhandled error in a socket handler');
  return { ok: false, code: 'INTERNAL', message: 'Something went wrong on our side' };
}

/**
 * The body of every gateway handler: validate, make one call, and return the answer, which Nest sends back through
 * the client's acknowledgement. A handler never throws into socket.io, so a bad event can neither crash the
 * connection nor the server.
 *
 *   @SocketEvent('chat:send', SendMessagePayload)
 *   send(@ConnectedSocket() socket: TypedSocket, @MessageBody() payload: unknown) {
 *     return handleEvent(socket, SendMessagePayload, payload, (input, user) => this.chat.post(requireUser(user), input));
 *   }
 */
export async function handleEvent<Dto extends object, Result>(
  socket: TypedSocket,
  dto: new () => Dto,
  payload: unknown,
  work: (input: Dto, user: AuthUser | null) => Promise<Result>,
): Promise<Ack<Result>> {
  try {
    const input = await parsePayload(dto, payload);
    return { ok: true, data: await work(input, socket.data.user) };
  } catch (error) {
    return toAckError(error);
  }
}

/** The caller must be signed in. */
export function requireUser(user: AuthUser | null): AuthUser {
  if (!user) throw new RealtimeError('SIGN_IN_REQUIRED', 'Sign in to take part');
  return user;
}
