import { defineConfig } from '@playwright/test';
import sqlite from './playwright.config';

/*
 * The PostgreSQL run: chosen journeys against the service a region hosts. Every journey server
 * (each worker's, and each journey's own) is two app servers on a fresh PostgreSQL database,
 * on the server TEST_DATABASE_URL names, behind a round-robin proxy at the server's usual
 * address (tests/support/server-pair.ts). scripts/e2e.js runs it after the SQLite run.
 */
const server = process.env.TEST_DATABASE_URL;
if (!server)
	throw new Error('playwright.postgres.config.ts needs TEST_DATABASE_URL=postgres://… (a server)');
// Read by the servers' helpers in the runner and, inherited, in every worker.
process.env.E2E_POSTGRES_URL = server;

export default defineConfig({
	...sqlite,
	// As on SQLite, the ward's journeys with the service worker and the lead's without.
	projects: [
		{
			name: 'with-worker',
			testMatch: ['**/ward-offline-sync.spec.ts', '**/two-servers-postgres.spec.ts']
		},
		{
			name: 'online-only',
			testMatch: [
				'**/measurement.spec.ts',
				'**/studio-catalogue.spec.ts',
				'**/patient-page-fresh.spec.ts',
				// An XLIFF preview and its Apply, answered by different app servers.
				'**/studio-xliff.spec.ts',
				// Two app servers, each with its mail sender: every message arrives once.
				'**/studio-notifications.spec.ts'
			],
			use: { serviceWorkers: 'block' }
		}
	],
	// What axe finds on a page does not depend on the engine; the SQLite run scans every page.
	grepInvert: /every measurement page is accessible/,
	testIgnore: [],
	globalSetup: ['./tests/support/fhir-r4-setup.ts', './tests/support/postgres-servers-setup.ts'],
	webServer: undefined
});
