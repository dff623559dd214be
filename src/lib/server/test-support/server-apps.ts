import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServerApp, type ServerApp } from '../app';

/**
 * The demo servers (without their history) and temporary folders a test file makes, each
 * closed or removed by `cleanUp`, which the file calls after each test; `close` closes one
 * sooner and forgets it.
 */
export function serverApps() {
	const apps: ServerApp[] = [];
	const folders: string[] = [];
	return {
		/** A new empty folder, removed after the test. */
		folder(name: string): string {
			const dir = mkdtempSync(join(tmpdir(), `${name}-`));
			folders.push(dir);
			return dir;
		},
		/** The demo server on `dataDir`, with `env` (DATABASE_URL, say) over the defaults. */
		async start(dataDir: string, env: Record<string, string> = {}): Promise<ServerApp> {
			const app = await startServerApp(
				{ DATA_DIR: dataDir, SEED_DEMO: 'true', SEED_DEMO_HISTORY: 'false', ...env },
				() => undefined
			);
			apps.push(app);
			return app;
		},
		async close(app: ServerApp): Promise<void> {
			apps.splice(apps.indexOf(app), 1);
			await app.close();
		},
		async cleanUp(): Promise<void> {
			for (const app of apps.splice(0)) await app.close();
			for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
		}
	};
}
