import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '../i18n/en.json';
import nb from '../i18n/nb.json';
import type { Settings } from '../../electron/common/models/settings.ts';

type Locale = Settings['locale'];

/**
 * Every locale must carry every English key (checked here at compile time, so a missing
 * Norwegian string fails the typecheck rather than showing English at run time).
 */
type SameKeys<T> = { [K in keyof T]: T[K] extends string ? string : SameKeys<T[K]> };
const nbChecked: SameKeys<typeof en> = nb;

export const resources = {
  en: { translation: en },
  nb: { translation: nbChecked },
} as const satisfies Record<Locale, unknown>;

/** Language names as their own speakers write them (shown the same in every UI locale). */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', nb: 'Norsk bokmål' };

export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources,
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: ['en', 'nb'],
  interpolation: { escapeValue: false }, // React escapes
  initAsync: false,
});

/** BCP 47 tag for Intl formatting and the document's lang attribute. */
export function languageTag(locale: Locale): string {
  return locale === 'nb' ? 'nb-NO' : 'en-GB';
}
