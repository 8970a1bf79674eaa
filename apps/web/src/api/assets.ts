import { api, ApiError, unwrap } from './client';
import type { ImageView } from '../ui/picture-sources';
import type { UploadFailure, UploadPurpose, UploadTransport, UploadView } from '../lib/chunked-upload';

export type { ImageView } from '../ui/picture-sources';

/** An uploaded file after the worker has looked at it (OpenAPI `AssetView`). */
export interface AssetView {
  id: string;
  purpose: UploadPurpose;
  status: 'processing' | 'ready' | 'failed';
  errorCode: string | null;
  contentType: string | null;
  /** The photo, or a certificate PDF's first-page preview. */
  image: ImageView | null;
  document: { contentType: string; pageCount: number | null } | null;
}

type Init = {
  params?: { path?: Record<string, string>; query?: Record<string, string | number> };
  body?: unknown;
  bodySerializer?: (body: unknown) => BodyInit;
  headers?: Record<string, string>;
  signal?: AbortSignal;
};
type Call = (path: string, init?: Init) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/**
 * The upload and asset routes through the app's one api client (same token, same refresh, same NETWORK_ERROR),
 * with their answers typed here after the assets contract (libs/assets).
 */
const raw = api as unknown as { GET: Call; POST: Call; PUT: Call };

function answer<T>(result: Awaited<ReturnType<Call>>): T {
  return unwrap(result) as T;
}

export const uploadTransport: UploadTransport<AssetView> = {
  create: async (body) => answer<UploadView>(await raw.POST('/api/uploads', { body })),
  putChunk: async (id, offset, bytes, signal) =>
    answer<UploadView>(
      await raw.PUT('/api/uploads/{id}/chunks', {
        params: { path: { id }, query: { offset } },
        body: bytes,
        bodySerializer: (b) => b as Blob,
        headers: { 'Content-Type': 'application/octet-stream' },
        signal,
      }),
    ),
  status: async (id) => answer<UploadView>(await raw.GET('/api/uploads/{id}', { params: { path: { id } } })),
  complete: async (id) =>
    answer<AssetView>(await raw.POST('/api/uploads/{id}/complete', { params: { path: { id } } })),
  asset: async (id) => answer<AssetView>(await raw.GET('/api/assets/{id}', { params: { path: { id } } })),
  failureOf: (error): UploadFailure =>
    error instanceof ApiError
      ? { status: error.status, code: error.code, details: error.details }
      : { status: 0, code: 'NETWORK_ERROR' },
};

export async function getAsset(id: string): Promise<AssetView> {
  return uploadTransport.asset(id);
}

/** A short-lived signed link to a private original (a certificate's PDF or scan). */
export async function documentUrl(assetId: string): Promise<{ url: string; expiresAt: string }> {
  return answer(await raw.GET('/api/assets/{id}/document-url', { params: { path: { id: assetId } } }));
}

/** Sets a product's photos (1-8, in display order, the first the cover); answers the product. */
export async function attachPhotos(productId: string, assetIds: string[]): Promise<unknown> {
  return answer(
    await raw.PUT('/api/farmer/products/{id}/photos', {
      params: { path: { id: productId } },
      body: { assetIds },
    }),
  );
}

/** Sets a product's certificate document (a scan or a PDF of the recognition decision). */
export async function attachCertificate(productId: string, assetId: string): Promise<unknown> {
  return answer(
    await raw.PUT('/api/farmer/products/{id}/certificate-document', {
      params: { path: { id: productId } },
      body: { assetId },
    }),
  );
}

/** Sets the signed-in farmer's producer logo. */
export async function attachLogo(assetId: string): Promise<unknown> {
  return answer(await raw.PUT('/api/farmer/producer/logo', { body: { assetId } }));
}
