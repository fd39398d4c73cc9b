import { useEffect, type ReactNode } from 'react';
import { FluentProvider } from '@fluentui/react-components';
import { I18nextProvider } from 'react-i18next';
import { ApiProvider } from '../api/api-context.tsx';
import { getApi, getConnection } from '../api/get-api.ts';
import { SettingsProvider, useSettings } from './settings-context.tsx';
import { i18n, languageTag } from './i18n.ts';
import { fluentTheme, resolveColorScheme, useSystemPrefersDark } from './theme.ts';

/** Theme and language follow the station settings (theme 'system' follows the OS live). */
function SettingsDrivenProviders({ children }: { children: ReactNode }) {
  const { settings } = useSettings();
  const systemPrefersDark = useSystemPrefersDark();
  const scheme = resolveColorScheme(settings?.theme ?? 'system', systemPrefersDark);
  const locale = settings?.locale ?? 'en';

  useEffect(() => {
    void i18n.changeLanguage(locale);
    document.documentElement.lang = languageTag(locale);
  }, [locale]);
  useEffect(() => {
    document.documentElement.style.colorScheme = scheme;
  }, [scheme]);

  return (
    // No layout classes here: Fluent copies the provider's classes onto its portal nodes (menus, listboxes).
    <FluentProvider theme={fluentTheme(scheme)} data-color-scheme={scheme}>
      {children}
    </FluentProvider>
  );
}

export function Providers({ children }: { children: ReactNode }) {
  return (
    <ApiProvider api={getApi()} connection={getConnection()}>
      <I18nextProvider i18n={i18n}>
        <SettingsProvider>
          <SettingsDrivenProviders>{children}</SettingsDrivenProviders>
        </SettingsProvider>
      </I18nextProvider>
    </ApiProvider>
  );
}
