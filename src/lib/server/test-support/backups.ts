import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServerApp } from '../app';
import { takeBackup, type BackupSource } from '../operations/backup';
import { whileWardSyncs } from './ward-records';

/** The one upload a backup under test holds, named as uploads are (by content). */
export const UPLOAD = { path: 'a1b2.mp4', text: 'not really a video' };

/**
 * A backup of `app` into its backup folder, taken while Ward 7 syncs throughout
 * (`whileWardSyncs`), with one upload to copy. Resolves with the backup, the records
 * acknowledged before it began, and every record acknowledged.
 */
export async function backupWhileWardSyncs(app: ServerApp, source: BackupSource) {
	mkdirSync(app.config.uploadsDir, { recursive: true });
	writeFileSync(join(app.config.uploadsDir, UPLOAD.path), UPLOAD.text);
	const { result, before, acknowledged } = await whileWardSyncs(app.db, () =>
		takeBackup({
			paths: app.config,
			source,
			backupDir: app.config.backup.dir,
			keep: 3,
			release: { version: '1.0.0', commit: null }
		})
	);
	return { backup: result, before, acknowledged };
}

/** The ids of every delivery record a server holds: what a restore brought back. */
export async function storedIds(app: ServerApp): Promise<Set<string>> {
	const rows = await app.db.selectFrom('delivery_record').select('id').execute();
	return new Set(rows.map((r) => r.id));
}
