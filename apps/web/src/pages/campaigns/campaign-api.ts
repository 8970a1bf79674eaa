import { ApiError } from '../../api/client';
import { authStore } from '../../auth/auth-store';
import { urlWithQuery } from '../reports/csv';

type Query = Record<string, string | number | undefined>;

/**
 * The campaign routes with the signed-in user's token (a 401 refreshes once), answering JSON or throwing ApiError
 * with the api's stable code.
 */
export async function campaignApi<T>(
  method: 'GET' | 'POST' | 'DELETE' | 'PUT',
  path: string,
  { query = {}, body }: { query?: Query; body?: unknown } = {},
): Promise<T> {
  const url = urlWithQuery(path, query);
  const send = (token: string | undefined) =>
    fetch(url, {
      method,
      headers: {
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  let response: Response;
  try {
    await authStore.ready();
    response = await send(authStore.accessToken());
    if (response.status === 401) {
      const fresh = await authStore.refresh();
      if (fresh) response = await send(fresh);
    }
  } catch (error) {
    throw new ApiError(0, 'NETWORK_ERROR', error instanceof Error ? error.message : 'Network error');
  }
  const answer = (await response.json().catch(() => ({}))) as T & { code?: string; message?: string };
  if (!response.ok) {
    throw new ApiError(
      response.status,
      answer.code ?? `HTTP_${response.status}`,
      answer.message ?? response.statusText,
    );
  }
  return answer;
}
