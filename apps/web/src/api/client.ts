import createClient from 'openapi-fetch';
import type { components, paths } from './openapi';
import { authStore } from '../auth/auth-store';

/** Every schema of the api's OpenAPI document, by name (`Schema<'OrderResponse'>`). */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

/** A failed api call: the api's stable error code (or NETWORK_ERROR when no answer came back) and its message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get isNetwork(): boolean {
    return this.status === 0;
  }
}

interface ErrorBody {
  code?: string;
  message?: string;
  details?: unknown;
  requestId?: string;
}

/** Turns an openapi-fetch answer into its data, or throws an ApiError carrying the api's code. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || !result.response.ok) {
    const body = (result.error ?? {}) as ErrorBody;
    throw new ApiError(
      result.response.status,
      body.code ?? `HTTP_${result.response.status}`,
      body.message ?? result.response.statusText,
      body.details,
      body.requestId,
    );
  }
  return result.data as T;
}

/**
 * fetch with the signed-in user's access token; a 401 refreshes the token pair once (shared by concurrent
 * calls) and repeats the request. A request that gets no answer at all throws ApiError NETWORK_ERROR.
 */
async function authorisedFetch(input: Request): Promise<Response> {
  const retry = input.clone();
  const send = async (request: Request, token: string | undefined): Promise<Response> => {
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    try {
      return await fetch(request);
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new ApiError(0, 'NETWORK_ERROR', error instanceof Error ? error.message : 'Network error');
    }
  };
  // After a reload the session is being resumed from its cookie: wait for the access token it gives.
  await authStore.ready();
  const token = authStore.accessToken();
  const response = await send(input, token);
  if (response.status !== 401 || !token) return response;
  const fresh = await authStore.refresh();
  return fresh ? send(retry, fresh) : response;
}

export const api = createClient<paths>({ baseUrl: '', fetch: authorisedFetch });
