/**
 * Light or dark, as the user has it: Office's theme inside Office, the browser's
 * prefers-color-scheme in web mode (followed live).
 */
import { useEffect, useState } from 'react';
import { Theme, webDarkTheme, webLightTheme } from '@fluentui/react-components';

/** Relative luminance of a #rrggbb colour, 0 (black) to 1 (white). */
export function luminance(hex: string): number | undefined {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!m) return undefined;
  const [r, g, b] = m.slice(1).map((x) => parseInt(x, 16) / 255);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function officeIsDark(): boolean | undefined {
  try {
    const theme = typeof Office !== 'undefined' ? Office.context?.officeTheme : undefined;
    if (!theme) return undefined;
    if ('isDarkTheme' in theme && typeof (theme as { isDarkTheme?: boolean }).isDarkTheme === 'boolean')
      return (theme as { isDarkTheme: boolean }).isDarkTheme;
    const l = luminance(theme.bodyBackgroundColor);
    return l === undefined ? undefined : l < 0.5;
  } catch {
    return undefined;
  }
}

export function useTheme(inOffice: boolean): Theme {
  const query =
    typeof window !== 'undefined' && window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : undefined;
  const [dark, setDark] = useState<boolean>(() => (inOffice ? officeIsDark() : undefined) ?? query?.matches ?? false);
  useEffect(() => {
    if (inOffice && officeIsDark() !== undefined) return;
    if (!query) return;
    const onChange = (e: MediaQueryListEvent) => setDark(e.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, [inOffice, query]);
  return dark ? webDarkTheme : webLightTheme;
}
