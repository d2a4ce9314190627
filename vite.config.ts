import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { contentSecurityPolicy, singleFile } from './scripts/vite-csp.ts';
import { validatedPresets } from './scripts/vite-presets.ts';

// `base: './'` keeps every asset path relative, so the built app runs from any static host under
// any sub-path. `--mode single` (npm run build:single) folds the app into one HTML file that
// works opened from disk.
export default defineConfig(({ mode }) => {
  const single = mode === 'single';
  return {
    base: './',
    plugins: [
      react(),
      validatedPresets(),
      contentSecurityPolicy(),
      ...(single ? [singleFile()] : []),
    ],
    publicDir: single ? false : 'public',
    build: {
      target: 'es2022',
      sourcemap: false,
      outDir: single ? 'dist-single' : 'dist',
      // Two pages: the full lab and the embed. The single file holds the full lab only.
      rolldownOptions: single
        ? { output: { codeSplitting: false } }
        : { input: { index: 'index.html', embed: 'embed.html' } },
    },
    // The run worker (src/app/compute) is an ES module; in the single file it is inlined. It
    // runs presets too, so it receives them validated as the page does.
    worker: { format: 'es' as const, plugins: () => [validatedPresets()] },
    preview: { port: 4173, strictPort: true },
    test: {
      include: ['src/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
      environment: 'node',
      setupFiles: ['scripts/fast-check-seed.ts'],
      testTimeout: 30_000,
      // The test files share a worker's module graph instead of importing the engine, the
      // simulator and the presets anew for each of 140-odd files: half the CPU of the unit step
      // on a two-core machine (78 s of user time instead of 155). Tests hold no state between
      // them outside what each creates; a run with the files shuffled passes too.
      isolate: false,
    },
  };
});
