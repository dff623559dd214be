import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

/**
 * Reads the real SQLite file a test server writes (read-only), to check what reached it.
 * Never a mock: the same file the server uses.
 */
export function countDeliveries(dataDir: string, { includeVoided = false } = {}): number {
	const db = new Database(join(dataDir, 'toolkit.sqlite'), { readonly: true, fileMustExist: true });
	try {
		const sql = `select count(*) as n from delivery_record${includeVoided ? '' : ' where voided_at is null'}`;
		return (db.prepare(sql).get() as { n: number }).n;
	} finally {
		db.close();
	}
}

/** Changes a row as a lead would from the studio (until the studio's own journey exists). */
export function execute(dataDir: string, sql: string, ...params: unknown[]): void {
	const db = new Database(join(dataDir, 'toolkit.sqlite'), { fileMustExist: true });
	try {
		db.pragma('busy_timeout = 5000');
		db.prepare(sql).run(...params);
	} finally {
		db.close();
	}
}

/** The view events ('opened', 'finished') stored for a patient's token. */
export function viewEvents(dataDir: string, token: string): string[] {
	const db = new Database(join(dataDir, 'toolkit.sqlite'), { readonly: true, fileMustExist: true });
	try {
		const hash = createHash('sha256').update(token).digest('hex');
		const rows = db
			.prepare('select event from patient_view_event where token_hash = ? order by event')
			.all(hash) as Array<{ event: string }>;
		return rows.map((r) => r.event);
	} finally {
		db.close();
	}
}

/** Every record's answers as stored (oldest first): null is "not recorded". */
export function storedAnswers(dataDir: string) {
	const db = new Database(join(dataDir, 'toolkit.sqlite'), { readonly: true, fileMustExist: true });
	try {
		return db
			.prepare(
				`select outcome, talked_through, interpreter_used, carer_present, teach_back, language,
				language_needed from delivery_record order by rowid`
			)
			.all() as Array<Record<string, string | number | null>>;
	} finally {
		db.close();
	}
}
