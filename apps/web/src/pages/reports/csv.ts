import { ApiError } from '../../api/client';
import { authStore } from '../../auth/auth-store';

type QueryValue = string | number | undefined;

/** `/api/x?a=1&b=2` from the defined values only. */
export function urlWithQuery(path: string, query: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** The file name the api gave (Content-Disposition), else the fallback. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain?.[1] ?? fallback;
}

/**
 * Downloads a report as CSV (`format=csv`): an authenticated fetch (refreshing the token once on 401), then the
 * answer saved through an anchor with the download attribute. Throws ApiError with the api's code on refusal.
 */
export async function downloadCsv(
  path: string,
  query: Record<string, QueryValue>,
  fallbackName: string,
): Promise<void> {
  const url = urlWithQuery(path, { ...query, format: 'csv' });
  const send = (token: string | undefined) =>
    fetch(url, {
      headers: token ? { Authorization: `Bearer ${token}`, Accept: 'text/csv' } : { Accept: 'text/csv' },
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
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { code?: string; message?: string };
    throw new ApiError(
      response.status,
      body.code ?? `HTTP_${response.status}`,
      body.message ?? response.statusText,
    );
  }
  const blob = await response.blob();
  const href = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = href;
  anchor.download = fileNameOf(response.headers.get('Content-Disposition'), fallbackName);
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
