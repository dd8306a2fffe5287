// Vite build of the web console (/console) and the public portal (/gs).
// Build: npx vite build --config src/web/vite.config.ts → <repo>/dist/web
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = path.resolve(webRoot, '../..');

// React (+ router) and antd (+ its rc-components, dayjs …) each get a vendor chunk so the route
// chunks stay small and the vendors cache across releases; the antd icons (their SVG paths) are a
// chunk of their own beside antd, which keeps each vendor chunk under the size limit; the small
// helpers both import (@rc-component/util, colors, clsx, babel's runtime) are a third chunk, so
// neither of the two imports the other's chunk back (no circular chunks). ECharts
// (with zrender) is its own chunk, loaded only by the pages that draw charts (统计分析).
const reactPackages = /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|cookie|set-cookie-parser)[\\/]/;
const chartPackages = /[\\/]node_modules[\\/](echarts|zrender)[\\/]/;
const iconPackages = /[\\/]node_modules[\\/]@ant-design[\\/](icons|icons-svg)[\\/]/;
const antdBasePackages =
  /[\\/]node_modules[\\/](@babel[\\/]runtime|classnames|clsx|react-is|is-mobile|rc-util|@rc-component[\\/]util|@ant-design[\\/](colors|fast-color)|@ctrl[\\/]tinycolor)[\\/]/;

function vendorChunk(id: string): string | undefined {
  if (!/[\\/]node_modules[\\/]/.test(id)) return undefined;
  if (chartPackages.test(id)) return 'vendor-echarts';
  if (iconPackages.test(id)) return 'vendor-antd-icons';
  if (antdBasePackages.test(id)) return 'vendor-antd-base';
  return reactPackages.test(id) ? 'vendor-react' : 'vendor-antd';
}

export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react()],
  server: {
    proxy: { '/api': 'http://localhost:3000' },
    // the web code imports the shared domain code from src/core
    fs: { allow: [repoRoot] },
  },
  preview: {
    proxy: { '/api': 'http://localhost:3000' },
  },
  build: {
    outDir: path.join(repoRoot, 'dist/web'),
    emptyOutDir: true,
    // the vendor chunks are cached separately (see vendorChunk); each stays under this limit
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      output: { manualChunks: vendorChunk },
      // zod 4 ships /* @__PURE__ */ comments in positions Rollup cannot use; Rollup drops them
      // and warns once per comment. The warning is noise for us, so it is silenced here.
      onwarn(warning, warn) {
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes(`${path.sep}zod${path.sep}`)) return;
        warn(warning);
      },
    },
  },
});
