import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The renderer as a static site for `candlewick serve` (and the end-to-end tests): relative
 * asset paths so it works under any mount point, no inline scripts so the page's CSP holds.
 */
export default defineConfig({
  root: 'src-renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../out/web',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: true,
    chunkSizeWarningLimit: 1200,
    // Keep everything in files: a data: URL or inline module would need a looser CSP.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
