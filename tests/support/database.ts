import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

/** What a Ward 7 device may record, read from the server's file: ids for sync bodies. */
export function wardCatalogue(dataDir: string) {
	const db = new Database(join(dataDir, 'toolkit.sqlite'), { readonly: true, fileMustExist: true });
	try {
		const ward = db.prepare("select id, organisation_id from ward where name = 'Ward 7'").get() as {
			id: string;
			organisation_id: string;
		};
		const group = db
			.prepare('select id from patient_group where organisation_id = ? and archived = 0')
			.get(ward.organisation_id) as { id: string };
		const variant = db
			.prepare(
				`select b.id as briefingId, v.id as versionId, bv.format, bv.language
				 from briefing b
				 join briefing_version v on v.briefing_id = b.id
				 join briefing_variant bv on bv.version_id = v.id
				 where b.organisation_id = ? and v.status = 'published'`
			)
			.get(ward.organisation_id) as {
			briefingId: string;
			versionId: string;
			format: string;
			language: string;
		};
		return { wardId: ward.id, patientGroupId: group.id, ...variant };
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

/**
 * The records in the main database file alone, as if its write-ahead log were lost: what a
 * checkpoint has copied there. Read from a copy, so the server's own files are untouched.
 */
export function deliveriesCheckpointed(dataDir: string): number {
	const copy = mkdtempSync(join(tmpdir(), 'e2e-main-only-'));
	try {
		copyFileSync(join(dataDir, 'toolkit.sqlite'), join(copy, 'toolkit.sqlite'));
		const db = new Database(join(copy, 'toolkit.sqlite'), { fileMustExist: true });
		try {
			// A young database may not have checkpointed even its tables yet.
			const table = db
				.prepare("select 1 from sqlite_master where type = 'table' and name = 'delivery_record'")
				.get();
			if (!table) return 0;
			return (db.prepare('select count(*) as n from delivery_record').get() as { n: number }).n;
		} finally {
			db.close();
		}
	} finally {
		rmSync(copy, { recursive: true, force: true });
	}
}
