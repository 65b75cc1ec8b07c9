import { createTheme } from '@mantine/core';

/**
 * Cyan 9 as the primary shade keeps white text on buttons above WCAG AA contrast (5.6:1); the font stack
 * lists Lao and Khmer faces so those scripts render where the system has them.
 */
export const theme = createTheme({
  primaryColor: 'cyan',
  primaryShade: { light: 9, dark: 7 },
  defaultRadius: 'md',
  fontFamily:
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans Lao', 'Noto Sans Khmer', 'Phetsarath OT', 'Khmer OS', 'Helvetica Neue', Arial, sans-serif",
  headings: { fontWeight: '650' },
});
