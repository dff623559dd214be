/**
 * Journeys run in parallel workers, each against a server of its own (playwright.config.ts
 * starts one per worker): its own port and SQLite folder, so that no journey counts what another
 * worker's journey wrote. Playwright numbers a worker's slot from 0 (`TEST_PARALLEL_INDEX`, set
 * in each worker process before the config and the tests load; unset in the runner itself).
 */
export const journeyWorkers = Math.max(1, Number(process.env.E2E_WORKERS ?? 2));

/** The port of the shared server for worker slot `index` (own-server journeys use +5 and up). */
export const journeyPort = (index: number) => Number(process.env.E2E_PORT ?? 4173) + index;

/** The SQLite folder of a worker slot's server (outside test-results/, which Playwright empties). */
export const journeyDataDir = (index: number) => `.e2e-data/run-${index}`;

/** This worker's slot (0 outside a worker). */
export const workerSlot = Number(process.env.TEST_PARALLEL_INDEX ?? 0);

/** The SQLite folder of this worker's shared server. */
export const sharedDataDir = journeyDataDir(workerSlot);

/**
 * Settings every journey server shares: journeys count what they record from nothing, so the
 * demo's measurement history is left out (tests/measurement-demo.spec.ts turns it back on);
 * the local OpenID provider of tests/sso.spec.ts speaks plain http on 127.0.0.1, which only
 * SSO_ALLOW_INSECURE_ISSUER=1 lets an install use, and is on the loopback network, which only
 * SSO_ALLOWED_NETWORKS lets the server connect to. Every journey server has these (the
 * PostgreSQL run's pairs too: server-pair.ts starts AppProcesses, which add them).
 */
export const journeyServerEnv = {
	SEED_DEMO_HISTORY: 'false',
	SSO_ALLOW_INSECURE_ISSUER: '1',
	SSO_ALLOWED_NETWORKS: '127.0.0.1/32'
};

/**
 * Set by playwright.postgres.config.ts (from TEST_DATABASE_URL): the PostgreSQL server on which
 * every journey server becomes two app servers on a fresh database behind a round-robin proxy
 * (tests/support/server-pair.ts). Unset: each server has its SQLite file.
 */
export const journeyPostgresUrl = (): string | null => process.env.E2E_POSTGRES_URL || null;
