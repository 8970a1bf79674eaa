/** The state of an upload a chunk is checked against. */
export interface UploadProgress {
  byteLength: number;
  receivedBytes: number;
  chunkBytes: number;
}

export type ChunkDecision =
  /** New bytes at the end of what was received: store them, then advance to `receivedBytes`. */
  | { action: 'append'; receivedBytes: number }
  /** A chunk already received (a retry after a lost answer): accepted again, nothing changes. */
  | { action: 'duplicate' }
  /** The chunk does not fit: an offset past what was received, or a size that does not match. */
  | { action: 'refuse'; reason: 'offset' | 'size'; expectedOffset: number; expectedLength?: number };

/**
 * Where a chunk at `offset` with `length` bytes goes. Chunks are cut at multiples of `chunkBytes`, each exactly
 * `chunkBytes` long except the last, so a retried chunk is the same chunk and is recognised as such.
 */
export function decideChunk(upload: UploadProgress, offset: number, length: number): ChunkDecision {
  const { byteLength, receivedBytes, chunkBytes } = upload;
  const expectedAt = (at: number) => Math.min(chunkBytes, byteLength - at);
  if (!Number.isSafeInteger(offset) || offset < 0 || offset % chunkBytes !== 0 || offset >= byteLength) {
    return { action: 'refuse', reason: 'offset', expectedOffset: receivedBytes };
  }
  if (offset > receivedBytes) return { action: 'refuse', reason: 'offset', expectedOffset: receivedBytes };
  if (length !== expectedAt(offset)) {
    return {
      action: 'refuse',
      reason: 'size',
      expectedOffset: receivedBytes,
      expectedLength: expectedAt(offset),
    };
  }
  if (offset < receivedBytes) return { action: 'duplicate' };
  return { action: 'append', receivedBytes: offset + length };
}

/** The offsets of every chunk of a file, in order. */
export function chunkOffsets(byteLength: number, chunkBytes: number): number[] {
  const offsets: number[] = [];
  for (let at = 0; at < byteLength; at += chunkBytes) offsets.push(at);
  return offsets;
}
