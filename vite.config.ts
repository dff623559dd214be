import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { databaseTestFiles } from './src/lib/build/database-tests.ts';
import {
	bundleShellPictures,
	offlineAppFiles,
	offlineShell,
	siteUrl
} from './src/lib/build/offline-shell.ts';

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
				],
				// Only the code of the pages used offline (src/lib/build/offline-shell.ts).
				manifestTransforms: [
					(entries) => {
						const manifest = entries.map((entry) => ({ ...entry, url: siteUrl(entry.url) }));
						const app = offlineAppFiles('.svelte-kit/output');
						// The pictures in one file too, for a staff device's install (offline-shell.ts).
						const pictures = bundleShellPictures(manifest, '.svelte-kit/output/client');
						const shell = offlineShell(manifest, app);
						return { manifest: pictures ? [...shell, pictures] : shell, warnings: [] };
					}
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
				silenceDeprecations: ['import', 'global-builtin', 'color-functions', 'if-function']
			}
		}
	},
	test: {
		setupFiles: ['src/test-setup.ts'],
		globalSetup: ['tests/support/fhir-r4-setup.ts', 'tests/support/test-database-setup.ts'],
		environment: 'node',
		// Upper bounds only, never waits: CI's two cores may be busy, and Vitest's 5 s default
		// failed tests there that take milliseconds on an idle machine.
		testTimeout: 30_000,
		hookTimeout: 60_000,
		// Files share their worker's modules rather than each importing the server afresh: 2.6×
		// quicker on two cores (the SQLite half 181 → 69 s). Safe while no test mocks a module or
		// leaves a global changed (stubs are undone after each test); run with --shuffle to check.
		isolate: false,
		// One worker a core. Vitest's default keeps a core for itself, which on CI's two cores is
		// one worker: 168 s for the whole suite there, against 108 s with two (three: 114 s).
		maxWorkers: availableParallelism(),
		// Every test on SQLite; again on PostgreSQL (TEST_DATABASE_URL, else PGlite) those that open
		// a database through the test support or talk to the server, read from their imports
		// (src/lib/build/database-tests.ts): the rest would only run the same code twice.
		projects: [
			{
				extends: true,
				test: {
					name: 'sqlite',
					include: ['src/**/*.test.ts'],
					exclude: [
						'src/lib/server/db/migrate-postgres.test.ts',
						'src/lib/server/db/read-only-pool.test.ts',
						'src/lib/server/db/transaction-retry-postgres.test.ts',
						'src/lib/server/cli/db-copy-script.test.ts',
						'src/lib/server/operations/backup-postgres.test.ts'
					]
				}
			},
			{
				extends: true,
				test: {
					name: 'postgres',
					include: databaseTestFiles(import.meta.dirname),
					// About SQLite itself: its file, its pragmas, its table rebuilds.
					exclude: [
						// Need a real server: two servers migrating at once or deadlocking (PGlite has one
						// connection), the read pool, `npm run db:copy` (a postgres:// URL) and pg_dump.
						...(process.env.TEST_DATABASE_URL
							? []
							: [
									'src/lib/server/db/migrate-postgres.test.ts',
									'src/lib/server/db/read-only-pool.test.ts',
									'src/lib/server/db/transaction-retry-postgres.test.ts',
									'src/lib/server/cli/db-copy-script.test.ts',
									'src/lib/server/operations/backup-postgres.test.ts'
								]),
						'src/lib/server/db/database.test.ts',
						'src/lib/server/db/sqlite-schema.test.ts',
						'src/lib/server/db/migrations/*.test.ts'
					],
					env: { TEST_ENGINE: 'postgres' },
					// A round trip per query to a server (or PGlite's WebAssembly) on a busy machine;
					// the first open in a file loads PGlite's migrated data directory.
					testTimeout: 60_000,
					hookTimeout: 120_000
				}
			}
		]
	}
});
