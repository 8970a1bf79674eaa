import { chunkOffsets, decideChunk } from './chunks';

describe('chunks of a resumable upload', () => {
  const upload = { byteLength: 2_500, chunkBytes: 1_000, receivedBytes: 1_000 };

  it('appends the next chunk where the last one ended', () => {
    expect(decideChunk(upload, 1_000, 1_000)).toEqual({ action: 'append', receivedBytes: 2_000 });
  });

  it('takes a shorter last chunk that ends the file', () => {
    expect(decideChunk({ ...upload, receivedBytes: 2_000 }, 2_000, 500)).toEqual({
      action: 'append',
      receivedBytes: 2_500,
    });
  });

  it('accepts a chunk sent again after a lost answer without counting it twice', () => {
    expect(decideChunk(upload, 0, 1_000)).toEqual({ action: 'duplicate' });
  });

  it('refuses a chunk past what arrived, naming the offset to send', () => {
    expect(decideChunk(upload, 2_000, 500)).toEqual({
      action: 'refuse',
      reason: 'offset',
      expectedOffset: 1_000,
    });
  });

  it('refuses an offset off the chunk grid, past the end, or negative', () => {
    for (const offset of [500, 3_000, -1000, 1.5]) {
      expect(decideChunk(upload, offset, 1_000)).toMatchObject({ action: 'refuse', reason: 'offset' });
    }
  });

  it('refuses a chunk of the wrong size (a short middle chunk, or a last one running past the end)', () => {
    expect(decideChunk(upload, 1_000, 999)).toMatchObject({
      action: 'refuse',
      reason: 'size',
      expectedLength: 1_000,
    });
    expect(decideChunk({ ...upload, receivedBytes: 2_000 }, 2_000, 1_000)).toMatchObject({
      action: 'refuse',
      reason: 'size',
      expectedLength: 500,
    });
  });

  it('cuts a file into offsets of the chunk size', () => {
    expect(chunkOffsets(2_500, 1_000)).toEqual([0, 1_000, 2_000]);
    expect(chunkOffsets(1_000, 1_000)).toEqual([0]);
  });
});
