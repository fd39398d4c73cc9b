import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { languageTag } from '../app/i18n.ts';

/** Dates and numbers in the UI's locale. Unparseable timestamps are shown as they came. */
export function useFormatters() {
  const { i18n } = useTranslation();
  const tag = languageTag(i18n.language === 'nb' ? 'nb' : 'en');
  return useMemo(() => {
    const dateTime = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' });
    const number = new Intl.NumberFormat(tag);
    const precise = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'medium' });
    return {
      /** To the second, for the audit log. */
      preciseDateTime: (iso: string): string => {
        const date = new Date(iso);
        return Number.isNaN(date.getTime()) ? iso : precise.format(date);
      },
      dateTime: (iso: string): string => {
        const date = new Date(iso);
        return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
      },
      number: (value: number) => number.format(value),
    };
  }, [tag]);
}
