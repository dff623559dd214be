import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [
		sveltekit(),
		SvelteKitPWA({
			strategies: 'injectManifest',
			// Absolute, or a worker registered from /b/… would be looked for under /b/.
			base: '/',
			scope: '/',
			srcDir: 'src/service-worker',
			filename: 'service-worker.js', // the built worker's name: Kit compiles src/service-worker/index.ts to it
			injectRegister: false,
			registerType: 'prompt',
			manifest: false, // static/manifest.webmanifest is ours, linked from app.html
			injectManifest: {
				globPatterns: [
					'client/**/*.{js,css,ico,png,svg,webp,woff2,webmanifest}',
					'prerendered/**/*.html'
				]
			},
			devOptions: { enabled: false }
		})
	],
	css: {
		preprocessorOptions: {
			scss: {
				loadPaths: ['node_modules'],
				quietDeps: true,
				silenceDeprecations: [
					'import',
					'global-builtin',
					'mixed-decls',
					'color-functions',
					'if-function'
				]
			}
		}
	},
	test: {
		include: ['src/**/*.test.ts'],
		setupFiles: ['src/test-setup.ts'],
		globalSetup: ['tests/support/fhir-r4-setup.ts'],
		environment: 'node'
	}
});
