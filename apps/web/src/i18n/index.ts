import i18n, { type BackendModule } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { INITIAL_NAMESPACES, loadMessages } from './load-messages';

/** Vietnamese first; English is a toggle remembered in this browser. */
export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'ocop.language';

function storedLanguage(): Language {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

/**
 * Messages are loaded per language and namespace (load-messages.ts): the first render waits for `common` and
 * `shop` in the shopper's language (`i18nReady`); each section's pages load their namespace with their chunk
 * (`loadNamespaces`, see app/App.tsx); switching language loads the namespaces in use in the other language first.
 */
const backend: BackendModule = {
  type: 'backend',
  callbackApi: true,
  init() {},
  read(language, namespace, callback) {
    try {
      const messages = loadMessages(language, namespace);
      if (messages instanceof Promise) {
        messages.then(
          (loaded) => callback(null, loaded),
          (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), false),
        );
      } else {
        callback(null, messages);
      }
    } catch (error) {
      callback(error instanceof Error ? error : new Error(String(error)), false);
    }
  },
};

/** Resolves once the first render's messages are in (at once under Jest, which reads them synchronously). */
export const i18nReady: Promise<unknown> = i18n
  .use(backend)
  .use(initReactI18next)
  .init({
    lng: storedLanguage(),
    supportedLngs: [...LANGUAGES],
    load: 'currentOnly',
    // Both languages have every key (messages.spec.ts): no second language to download as a fallback.
    fallbackLng: false,
    ns: [...INITIAL_NAMESPACES],
    defaultNS: 'common',
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });

/** Loads namespaces in the current language (a section's words), before its page renders. */
export function loadNamespaces(namespaces: readonly string[]): Promise<void> {
  return i18n.loadNamespaces([...namespaces]);
}

function applyToDocument(language: string): void {
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}
applyToDocument(i18n.language);

export function setLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // private mode: the choice lasts for this page only
  }
  void i18n.changeLanguage(language).then(() => applyToDocument(language));
}

export default i18n;
