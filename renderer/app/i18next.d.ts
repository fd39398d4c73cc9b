// Typed translation keys: t('nav.bench') is checked against the English resource.
import 'i18next';
import type en from '../i18n/en.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}
