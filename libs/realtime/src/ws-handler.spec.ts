import { RealtimeError } from './realtime.errors';
import { toAckError } from './ws-handler';

describe('toAckError: every failure of a socket handler is an ack with a stable code', () => {
  it('a database connection cut under the event: TRY_AGAIN, with when to try', () => {
    const cut = Object.assign(new Error('terminating connection due to administrator command'), {
      code: '57P01',
      severity: 'FATAL',
    });
    expect(toAckError(cut)).toEqual({
      ok: false,
      code: 'TRY_AGAIN',
      message: expect.any(String),
      details: { reason: 'database_connection_lost', retryAfterSeconds: 1 },
    });
  });

  it('a coded error keeps its code; anything else is INTERNAL', () => {
    expect(toAckError(new RealtimeError('INVALID_PAYLOAD', 'The payload must be an object'))).toMatchObject({
      ok: false,
      code: 'INVALID_PAYLOAD',
    });
    expect(toAckError(new TypeError('a bug'))).toEqual({
      ok: false,
      code: 'INTERNAL',
      message: 'Something went wrong on our side',
    });
  });
});
