import { hash } from '@node-rs/argon2';
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { executeAll, numberOf, rowsOf } from './database';

/**
 * A second organisation with its own engagement lead, written straight into the suite's
 * database (the toolkit has no page for creating organisations): the same rows the
 * repositories write, with the same argon2id password hash. Made once: a second call answers
 * the same organisation.
 */
export async function createOrganisationWithLead(
	dataDir: string,
	input: { name: string; email: string; password: string; displayName: string }
): Promise<{ organisationId: string }> {
	const passwordHash = await hash(input.password, {
		memoryCost: 19_456,
		timeCost: 2,
		parallelism: 1
	});
	const [existing] = rowsOf<{ organisationId: string }>(
		dataDir,
		'select organisation_id as "organisationId" from staff_account where email = ?',
		input.email
	);
	if (existing) return existing;
	const organisationId = randomUUID();
	const now = new Date().toISOString();
	executeAll(dataDir, [
		[
			'insert into organisation (id, name, contact, created_at, slug) values (?, ?, ?, ?, ?)',
			organisationId,
			input.name,
			'',
			now,
			slugOf(input.name)
		],
		[
			`insert into staff_account (id, organisation_id, email, display_name, role, ward_id,
			 password_hash, disabled, created_at) values (?, ?, ?, ?, 'engagementLead', null, ?, 0, ?)`,
			randomUUID(),
			organisationId,
			input.email,
			input.displayName,
			passwordHash,
			now
		]
	]);
	return { organisationId };
}

/** An organisation's public address from its name, as the server makes one. */
export function slugOf(name: string): string {
	return name
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
}

/** One number (`as n`) from the suite's database, read-only. */
export const countOf = numberOf;

/** The files in a folder under the data directory (none when it does not exist yet). */
export function filesIn(dataDir: string, folder: string): string[] {
	const dir = join(dataDir, folder);
	return existsSync(dir) ? readdirSync(dir).sort() : [];
}

/** Media stored in a server's UPLOADS_DIR (its own folders, for waiting packs and part-written files, aside). */
export function storedMedia(uploadsDir: string): string[] {
	return existsSync(uploadsDir)
		? readdirSync(uploadsDir)
				.filter((f) => !f.startsWith('.'))
				.sort()
		: [];
}

/** Content packs waiting for a lead to confirm them, in a server's UPLOADS_DIR. */
export const waitingPacks = (uploadsDir: string) => filesIn(uploadsDir, '.pending-packs');

/**
 * Published briefings for an organisation, written straight into the suite's SQLite file (a
 * long list takes too long to make through the studio): a briefing and its published
 * version each, with no content. Made once: nothing is added when the organisation has some.
 */
export function addPublishedBriefings(
	dataDir: string,
	organisationId: string,
	briefings: ReadonlyArray<{ topic: string; slug: string; reviewBy: string }>
): void {
	const db = new Database(join(dataDir, 'toolkit.sqlite'), { fileMustExist: true });
	try {
		db.pragma('busy_timeout = 5000');
		const has = db
			.prepare('select count(*) as n from briefing where organisation_id = ?')
			.get(organisationId) as { n: number };
		if (has.n > 0) return;
		const { ownerId } = db
			.prepare('select id as ownerId from staff_account where organisation_id = ? limit 1')
			.get(organisationId) as { ownerId: string };
		const now = new Date().toISOString();
		const briefing = db.prepare(
			`insert into briefing (id, organisation_id, slug, topic, owner_id, created_at)
			 values (?, ?, ?, ?, ?, ?)`
		);
		const version = db.prepare(
			`insert into briefing_version (id, organisation_id, briefing_id, number, status, review_by,
			 evidence_links, user_testing_note, approved_by_name, approved_at, published_at, is_example,
			 created_at)
			 values (?, ?, ?, 1, 'published', ?, '[]', '', 'A reviewer', ?, ?, 0, ?)`
		);
		db.transaction(() => {
			for (const b of briefings) {
				const id = randomUUID();
				briefing.run(id, organisationId, b.slug, b.topic, ownerId, now);
				version.run(randomUUID(), organisationId, id, b.reviewBy, now, now, now);
			}
		})();
	} finally {
		db.close();
	}
}
