import { resolve } from 'node:path';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'electron-vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';
import Components from 'unplugin-vue-components/vite';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve(__dirname, 'src-main/app/main.ts') } },
    },
  },
  preload: {
    // The sandboxed preload cannot require npm modules: bundle everything into one CommonJS file.
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      isolatedEntries: true,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-main/app/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].js' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    base: './',
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: resolve(__dirname, 'src-renderer/index.html') },
      // Keep every asset a file: inline data: scripts would not pass the CSP.
      assetsInlineLimit: 0,
      // electron-vite leaves the renderer unminified (it is read from disk in
      // Electron); the headless host serves it over HTTP to a browser, where
      // the first screen's bytes are the wait (issue 16, item 15).
      minify: true,
    },
    plugins: [
      vue(),
      // Element Plus on demand: each <el-*> tag in a template imports that
      // component and its CSS only, so a page carries the components it uses
      // instead of the whole library (issue 16, item 15). No generated .d.ts
      // to keep in step: templates were not typed against Element Plus before either.
      Components({ resolvers: [ElementPlusResolver({ importStyle: 'css' })], dts: false }),
    ],
  },
});
