import { useSyncExternalStore } from 'react';
import { webDarkTheme, webLightTheme, type Theme } from '@fluentui/react-components';
import type { Settings } from '../../electron/common/models/settings.ts';

const DARK_QUERY = '(prefers-color-scheme: dark)';

function subscribeToScheme(listener: () => void): () => void {
  const query = window.matchMedia(DARK_QUERY);
  query.addEventListener('change', listener);
  return () => query.removeEventListener('change', listener);
}

/** True while the OS asks for a dark colour scheme; follows changes live. */
export function useSystemPrefersDark(): boolean {
  return useSyncExternalStore(subscribeToScheme, () => window.matchMedia(DARK_QUERY).matches);
}

export type ColorScheme = 'light' | 'dark';

export function resolveColorScheme(preference: Settings['theme'], systemPrefersDark: boolean): ColorScheme {
  if (preference === 'system') return systemPrefersDark ? 'dark' : 'light';
  return preference;
}

export function fluentTheme(scheme: ColorScheme): Theme {
  return scheme === 'dark' ? webDarkTheme : webLightTheme;
}
