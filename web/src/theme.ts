import { createTheme } from '@mantine/core';

/** The app's look: calm indigo, system fonts (nothing fetched from elsewhere), visible keyboard focus. */
export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'md',
  focusRing: 'auto',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif',
  headings: { fontWeight: '650' },
  components: {
    Table: { defaultProps: { verticalSpacing: 'xs' } },
    // Sentence case reads better than Mantine's capitals for statuses and positions.
    Badge: { defaultProps: { tt: 'none' } },
  },
});
