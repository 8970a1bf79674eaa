import { useCallback, useEffect, useRef, useState } from 'react';
import { uploadTransport, type AssetView } from '../../api/assets';
import type { ImageView } from '../picture-sources';
import {
  browserResumeStore,
  uploadFile,
  UploadError,
  waitUntilOnline,
  type UploadPurpose,
  type UploadTransport,
} from '../../lib/chunked-upload';

/** One picture or document in a tray: already attached (an image from the api), or on its way up. */
export interface TrayItem {
  key: string;
  /** The asset id once known (existing photos: their image id). */
  assetId: string | null;
  image: ImageView | null;
  /** A local preview of a file being sent (an object URL), null for a PDF. */
  preview: string | null;
  fileName: string;
  phase: 'sending' | 'processing' | 'ready' | 'failed' | 'stopped';
  /** 0..1 of the bytes sent. */
  progress: number;
  retrying: number;
  /** The api's code when it refused the file or the worker failed it, or NETWORK_ERROR when it could not be sent. */
  errorCode: string | null;
  retryable: boolean;
  asset: AssetView | null;
}

let counter = 0;
const nextKey = () => `item-${Date.now()}-${counter++}`;

export function itemOf(image: ImageView): TrayItem {
  return {
    key: image.id,
    assetId: image.id,
    image,
    preview: null,
    fileName: '',
    phase: 'ready',
    progress: 1,
    retrying: 0,
    errorCode: null,
    retryable: false,
    asset: null,
  };
}

/**
 * A list of pictures the user adds to (each file uploaded in the background, chunked and resumable), reorders and
 * trims. The form around it stays usable while files go up; `settled` resolves once none is still on its way.
 */
export function useUploadTray(
  purpose: UploadPurpose,
  initial: readonly TrayItem[],
  options: { max?: number; transport?: UploadTransport<AssetView> } = {},
) {
  const [items, setItems] = useState<TrayItem[]>(() => [...initial]);
  const files = useRef(new Map<string, File>());
  const controllers = useRef(new Map<string, AbortController>());
  const transport = options.transport ?? uploadTransport;
  const itemsRef = useRef(items);
  itemsRef.current = items;
  const waiters = useRef<(() => void)[]>([]);

  const patch = useCallback((key: string, change: Partial<TrayItem>) => {
    setItems((current) => current.map((item) => (item.key === key ? { ...item, ...change } : item)));
  }, []);

  useEffect(() => {
    if (items.some((i) => i.phase === 'sending' || i.phase === 'processing')) return;
    const done = waiters.current;
    waiters.current = [];
    for (const resolve of done) resolve();
  }, [items]);

  useEffect(
    () => () => {
      for (const controller of controllers.current.values()) controller.abort();
      for (const item of itemsRef.current) if (item.preview) URL.revokeObjectURL(item.preview);
    },
    [],
  );

  const run = useCallback(
    async (key: string) => {
      const file = files.current.get(key);
      if (!file) return;
      const controller = new AbortController();
      controllers.current.set(key, controller);
      patch(key, { phase: 'sending', errorCode: null, retryable: false });
      try {
        const asset = await uploadFile(file, {
          transport,
          purpose,
          signal: controller.signal,
          resume: browserResumeStore,
          waitOnline: waitUntilOnline,
          onProgress: (p) =>
            patch(key, {
              phase: p.phase,
              progress: p.totalBytes === 0 ? 1 : p.sentBytes / p.totalBytes,
              retrying: p.retrying,
            }),
        });
        patch(key, {
          assetId: asset.id,
          asset,
          image: asset.image,
          phase: asset.status === 'ready' ? 'ready' : asset.status === 'failed' ? 'failed' : 'processing',
          errorCode: asset.errorCode,
          retryable: false,
        });
      } catch (error) {
        const failure = error instanceof UploadError ? error : new UploadError('NETWORK_ERROR', true);
        if (failure.code === 'UPLOAD_ABORTED') return;
        patch(key, { phase: 'stopped', errorCode: failure.code, retryable: failure.retryable });
      } finally {
        controllers.current.delete(key);
      }
    },
    [patch, purpose, transport],
  );

  const add = useCallback(
    (chosen: FileList | File[]) => {
      const room = (options.max ?? Number.POSITIVE_INFINITY) - itemsRef.current.length;
      const picked = [...chosen].slice(0, Math.max(0, room));
      const added = picked.map((file): TrayItem => {
        const key = nextKey();
        files.current.set(key, file);
        return {
          key,
          assetId: null,
          image: null,
          preview: file.type.startsWith('image/') ? URL.createObjectURL(file) : null,
          fileName: file.name,
          phase: 'sending',
          progress: 0,
          retrying: 0,
          errorCode: null,
          retryable: false,
          asset: null,
        };
      });
      setItems((current) => [...current, ...added]);
      for (const item of added) void run(item.key);
      return chosen.length - picked.length;
    },
    [options.max, run],
  );

  const remove = useCallback((key: string) => {
    controllers.current.get(key)?.abort();
    files.current.delete(key);
    setItems((current) => {
      const gone = current.find((i) => i.key === key);
      if (gone?.preview) URL.revokeObjectURL(gone.preview);
      return current.filter((i) => i.key !== key);
    });
  }, []);

  /** Moves an item by `by` places (the first place is the cover). */
  const move = useCallback((key: string, by: number) => {
    setItems((current) => {
      const from = current.findIndex((i) => i.key === key);
      const to = Math.min(current.length - 1, Math.max(0, from + by));
      if (from < 0 || from === to) return current;
      const next = [...current];
      const [item] = next.splice(from, 1);
      next.splice(to, 0, item!);
      return next;
    });
  }, []);

  const retry = useCallback((key: string) => void run(key), [run]);

  /** Resolves once no file is still being sent or processed. */
  const settled = useCallback(
    () =>
      itemsRef.current.some((i) => i.phase === 'sending' || i.phase === 'processing')
        ? new Promise<void>((resolve) => waiters.current.push(resolve))
        : Promise.resolve(),
    [],
  );

  const replaceAll = useCallback((next: readonly TrayItem[]) => setItems([...next]), []);

  return { items, add, remove, move, retry, settled, replaceAll };
}

export type UploadTray = ReturnType<typeof useUploadTray>;

/** Asset ids of the items ready to attach, in order. */
export function readyIds(items: readonly TrayItem[]): string[] {
  return items.filter((i) => i.phase === 'ready' && i.assetId).map((i) => i.assetId as string);
}
