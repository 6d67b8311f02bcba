import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import postcssPresetMantine from 'postcss-preset-mantine';
import postcssSimpleVars from 'postcss-simple-vars';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

// Built into web/dist and served by the API server at `/` (src/http/web.ts); no dev server is needed to use it.
export default defineConfig({
  root,
  plugins: [react()],
  css: {
    postcss: {
      plugins: [
        postcssPresetMantine(),
        postcssSimpleVars({
          variables: {
            'mantine-breakpoint-xs': '36em',
            'mantine-breakpoint-sm': '48em',
            'mantine-breakpoint-md': '62em',
            'mantine-breakpoint-lg': '75em',
            'mantine-breakpoint-xl': '88em',
          },
        }),
      ],
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Mantine and React make one large vendor chunk; it is cached for a year (hashed name), so size matters less.
    chunkSizeWarningLimit: 1200,
  },
  server: {
    // `npx vite web` for live editing, with the API of a server started on port 3000.
    proxy: { '/api': 'http://localhost:3000' },
  },
});
