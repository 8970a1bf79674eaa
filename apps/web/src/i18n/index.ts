import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import adminEn from './messages/en/admin.json';
import commonEn from './messages/en/common.json';
import farmerEn from './messages/en/farmer.json';
import shopEn from './messages/en/shop.json';
import studioEn from './messages/en/studio.json';
import adminVi from './messages/vi/admin.json';
import commonVi from './messages/vi/common.json';
import farmerVi from './messages/vi/farmer.json';
import shopVi from './messages/vi/shop.json';
import studioVi from './messages/vi/studio.json';

/** Vietnamese first; English is a toggle remembered in this browser. */
export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'ocop.language';

export const resources = {
  vi: { common: commonVi, shop: shopVi, studio: studioVi, farmer: farmerVi, admin: adminVi },
  en: { common: commonEn, shop: shopEn, studio: studioEn, farmer: farmerEn, admin: adminEn },
} as const;

function storedLanguage(): Language {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

void i18n.use(initReactI18next).init({
  resources,
  lng: storedLanguage(),
  fallbackLng: 'vi',
  ns: ['common', 'shop', 'studio', 'farmer', 'admin'],
  defaultNS: 'common',
  interpolation: { escapeValue: false },
  returnNull: false,
});

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
  applyToDocument(language);
  void i18n.changeLanguage(language);
}

export default i18n;
