import { sql } from 'kysely';
import { randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { migrations, type Db } from '../db/database';

/*
 * Readiness (`/api/ready`): whether this server should be sent requests now. A load balancer
 * takes a server out while it is not ready and puts it back when it is; `/api/health` says only
 * that the process is alive. Each check answers true or false, never throws:
 * - database: a query answers;
 * - migrations: every migration this release knows has been applied (a server of a newer
 *   release on an older database is not ready until it has migrated);
 * - storage: a file can be written to, and removed from, UPLOADS_DIR (a full or read-only
 *   shared mount stops uploads and content packs);
 * - accepting: the server is not shutting down (after SIGTERM it finishes what it has).
 */

export interface Readiness {
	ready: boolean;
	database: boolean;
	migrations: boolean;
	storage: boolean;
	accepting: boolean;
}

async function answers(check: () => Promise<unknown>): Promise<boolean> {
	try {
		await check();
		return true;
	} catch {
		return false;
	}
}

export async function checkReadiness(app: {
	db: Db;
	uploadsDir: string;
	shuttingDown: boolean;
}): Promise<Readiness> {
	const [database, applied, storage] = await Promise.all([
		answers(() => sql`select 1`.execute(app.db)),
		sql<{ name: string }>`select name from kysely_migration`
			.execute(app.db)
			.then(({ rows }) => new Set(rows.map((r) => r.name)))
			.catch(() => new Set<string>()),
		answers(async () => {
			await mkdir(app.uploadsDir, { recursive: true });
			const probe = join(app.uploadsDir, `.ready-${randomUUID()}`);
			await writeFile(probe, 'ok');
			await rm(probe);
		})
	]);
	const migrated = Object.keys(migrations).every((name) => applied.has(name));
	const accepting = !app.shuttingDown;
	return {
		ready: database && migrated && storage && accepting,
		database,
		migrations: migrated,
		storage,
		accepting
	};
}
