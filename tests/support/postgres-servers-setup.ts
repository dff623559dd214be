// Global setup of the PostgreSQL run (playwright.postgres.config.ts): each worker's server, at its
// usual port, is a ServerPair: a round-robin proxy before two app servers on a fresh database.
import { rmSync } from 'node:fs';
import { journeyDataDir, journeyPort, journeyPostgresUrl, journeyWorkers } from './paths';
import { dropPairDatabases, ServerPair } from './server-pair';

/** Own servers sit at offsets below 100 from E2E_PORT (journey-ports.test.ts). */
const OFFSETS = 100;

export default async function setup() {
	const adminUrl = journeyPostgresUrl();
	if (!adminUrl) throw new Error('E2E_POSTGRES_URL is not set: run playwright.postgres.config.ts');
	const pairs = Array.from({ length: journeyWorkers }, (_, index) => {
		rmSync(journeyDataDir(index), { recursive: true, force: true });
		// Content packs carry video: the demo briefing's pack is about 0.6 MB.
		return new ServerPair(journeyPort(index), journeyDataDir(index), adminUrl, {
			BODY_SIZE_LIMIT: '64M'
		});
	});
	await Promise.all(pairs.map((pair) => pair.start()));
	return async () => {
		await Promise.all(pairs.map((pair) => pair.kill()));
		// Every database this run may have made: the workers' pairs' and the own servers'.
		const ports = Array.from({ length: OFFSETS }, (_, offset) => journeyPort(0) + offset);
		await dropPairDatabases(adminUrl, ports);
	};
}
