import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The PostgreSQL database of a server pair's folder (support/server-pair.ts); null: SQLite. */
function postgresOf(dataDir: string): string | null {
	const file = join(dataDir, 'database-url');
	return existsSync(file) ? readFileSync(file, 'utf8').trim() : null;
}

/**
 * Runs SQL through psql, synchronously like better-sqlite3, each `?` a parameter that psql
 * quotes (`:'p1'`); `-1` runs the whole text in one transaction.
 */
function psql(url: string, sql: string, params: unknown[]): string {
	let n = 0;
	const text = sql.replace(/\?/g, () => `:'p${++n}'`);
	const variables = params.flatMap((value, i) => ['-v', `p${i + 1}=${String(value)}`]);
	return execFileSync('psql', ['-XAtq1', '-v', 'ON_ERROR_STOP=1', ...variables, '-f', '-', url], {
		input: `${text};`,
		encoding: 'utf8'
	});
}

/**
 * The rows a query reads from the real database a test server writes, to check what reached
 * it: the SQLite file in `dataDir` (read-only), or the PostgreSQL database the folder names.
 * Never a mock: the same database the server uses. `?` marks a parameter on both engines.
 */
export function rowsOf<T>(dataDir: string, sql: string, ...params: unknown[]): T[] {
	const postgres = postgresOf(dataDir);
	if (postgres)
		return JSON.parse(
			psql(postgres, `select coalesce(json_agg(r), '[]') from (${sql}) r`, params)
		) as T[];
	const db = new Database(join(dataDir, 'toolkit.sqlite'), { readonly: true, fileMustExist: true });
	try {
		return db.prepare(sql).all(...params) as T[];
	} finally {
		db.close();
	}
}

/** The one number (`as n`) a query reads, on either engine. */
export function numberOf(dataDir: string, sql: string, ...params: unknown[]): number {
	const [row] = rowsOf<{ n: number | null }>(dataDir, sql, ...params);
	return Number(row?.n);
}

export function countDeliveries(dataDir: string, { includeVoided = false } = {}): number {
	const sql = `select count(*) as n from delivery_record${includeVoided ? '' : ' where voided_at is null'}`;
	return numberOf(dataDir, sql);
}

/**
 * Writes statements in one transaction, on the server's engine: rows a journey needs and has
 * no page to make, or a change made behind a device's back.
 */
export function executeAll(dataDir: string, statements: Array<[string, ...unknown[]]>): void {
	const postgres = postgresOf(dataDir);
	if (postgres) {
		psql(
			postgres,
			statements.map(([sql]) => sql).join(';\n'),
			statements.flatMap(([, ...params]) => params)
		);
		return;
	}
	const db = new Database(join(dataDir, 'toolkit.sqlite'), { fileMustExist: true });
	try {
		db.pragma('busy_timeout = 5000');
		db.transaction(() => {
			for (const [sql, ...params] of statements) db.prepare(sql).run(...params);
		})();
	} finally {
		db.close();
	}
}

/** Changes a row as a lead would from the studio (until the studio's own journey exists). */
export function execute(dataDir: string, sql: string, ...params: unknown[]): void {
	executeAll(dataDir, [[sql, ...params]]);
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
