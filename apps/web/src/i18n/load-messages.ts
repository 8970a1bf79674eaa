/**
 * The messages of one language and namespace, each file its own chunk: a page downloads the words it shows, in the
 * language it shows them in (the session page needs `common` and `shop` in one language, not the studio's,
 * the farmer's or the admin's words in both). A new namespace file in messages/<lng>/ is picked up by this glob.
 * Jest runs with a synchronous stand-in (load-messages.jest.cjs, mapped in jest.config.cjs).
 */
type Messages = Record<string, unknown>;

const files = import.meta.glob<Messages>('./messages/*/*.json', { import: 'default' });

/** Loaded before the first render; every other namespace loads with the page that uses it. */
export const INITIAL_NAMESPACES: readonly string[] = ['common', 'shop'];

export function loadMessages(language: string, namespace: string): Promise<Messages> | Messages {
  const load = files[`./messages/${language}/${namespace}.json`];
  if (!load) return Promise.reject(new Error(`no messages for ${language}/${namespace}`));
  return load();
}
