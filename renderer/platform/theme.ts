/**
 * Light, dark, or following the system: the choice is kept in localStorage and
 * shown as data-theme on <html>, which the style sheet reads.
 */
export type ThemeChoice = 'light' | 'dark' | 'system';

const KEY = 'convstudio.theme';
const systemDark = () => window.matchMedia('(prefers-color-scheme: dark)');

export function savedTheme(): ThemeChoice {
  const stored = localStorage.getItem(KEY);
  return stored === 'light' || stored === 'dark' ? stored : 'system';
}

export function applyTheme(choice: ThemeChoice): void {
  localStorage.setItem(KEY, choice);
  const resolved = choice === 'system' ? (systemDark().matches ? 'dark' : 'light') : choice;
  document.documentElement.dataset.theme = resolved;
}

/** Applies the saved choice and follows the system's changes while the choice is "system". */
export function startTheme(): void {
  applyTheme(savedTheme());
  systemDark().addEventListener('change', () => {
    if (savedTheme() === 'system') applyTheme('system');
  });
}
