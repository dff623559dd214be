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
	testMatch: [
		'**/ward-offline-sync.spec.ts',
		'**/measurement.spec.ts',
		'**/studio-catalogue.spec.ts',
		'**/two-servers-postgres.spec.ts'
	],
	testIgnore: [],
	globalSetup: ['./tests/support/fhir-r4-setup.ts', './tests/support/postgres-servers-setup.ts'],
	webServer: undefined
});
