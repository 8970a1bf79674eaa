import { isRetryableClose, pickMimeType, reconnectDelayMs } from './camera';

describe('the studio camera', () => {
  it('records WebM VP8 + Opus when it can, else the first type the browser has', () => {
    expect(pickMimeType(() => true)).toBe('video/webm;codecs=vp8,opus');
    expect(pickMimeType((type) => type.startsWith('video/mp4'))).toBe('video/mp4;codecs=avc1,mp4a');
    expect(pickMimeType((type) => type === 'video/mp4')).toBe('video/mp4');
    expect(pickMimeType(() => false)).toBeUndefined();
  });

  it('reconnects after a drop or a stall, never after a refusal', () => {
    for (const code of [1001, 1006, 1013, 4408]) expect(isRetryableClose(code, '', false)).toBe(true);
    for (const code of [1003, 1007, 1009, 4401, 4403, 4404])
      expect(isRetryableClose(code, '', true)).toBe(false);
    // Someone else on air refuses a start; while reconnecting it is our own previous connection's lease.
    expect(isRetryableClose(4409, 'STREAM_ALREADY_PUBLISHING', false)).toBe(false);
    expect(isRetryableClose(4409, 'STREAM_ALREADY_PUBLISHING', true)).toBe(true);
    expect(isRetryableClose(4409, 'SESSION_CLOSED', true)).toBe(false);
    expect([0, 1, 2, 3, 4].map(reconnectDelayMs)).toEqual([500, 1000, 2000, 4000, 5000]);
  });
});
