import { hash } from '@node-rs/argon2';
import Database from 'better-sqlite3';
import { createHash, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';

/*
 * Organisation B for the isolation test: a whole trust written straight into a test server's
 * SQLite file (the same rows the repositories write), beside the demo trust (A). Every name it
 * holds carries "ZZB", so a page or export of A that shows any of it is caught by a plain text
 * search; its ids are kept for the same search and to fill route parameters.
 */

export const B = {
	slug: 'bramblewood-zzb',
	name: 'Bramblewood ZZB Hospitals',
	contact: 'ZZB PALS 0300 111 2222',
	/** The same slug as A's briefing: slugs are unique per organisation only. */
	publishedSlug: 'your-safety-on-our-ward',
	publishedTopic: 'ZZB Published Topic',
	draftSlug: 'zzb-draft',
	token: 'ZZBtokenZZBtokenZZBtok',
	password: 'zzb-password-long-enough'
} as const;

/** What of B only B's staff may see: never on any of A's responses, public or not. */
export const privateMarkers = [
	'ZZB Lead Person',
	'ZZB Ward Nine',
	'ZZB Group Private',
	'ZZB Draft Secret Topic',
	'ZZB secret comment',
	'ZZB Aim Secret',
	'ZZB annotation secret'
];

export interface SecondOrganisation {
	id: string;
	wardId: string;
	groupId: string;
	publishedBriefingId: string;
	publishedVersionId: string;
	draftBriefingId: string;
	draftVersionId: string;
	deliveryId: string;
	aimId: string;
	staffIds: string[];
	/** Every id above: none may appear on a response to A outside B's public pages. */
	privateIds: string[];
}

export async function seedSecondOrganisation(dataDir: string): Promise<SecondOrganisation> {
	const passwordHash = await hash(B.password, { memoryCost: 19_456, timeCost: 2, parallelism: 1 });
	const db = new Database(join(dataDir, 'toolkit.sqlite'), { fileMustExist: true });
	try {
		db.pragma('busy_timeout = 5000');
		const now = new Date();
		const at = now.toISOString();
		const day = at.slice(0, 10);
		const recordedAt = new Date(now.getTime() - 3_600_000).toISOString();
		const id = randomUUID();
		const wardId = randomUUID();
		const groupId = randomUUID();
		const [admin, lead, reviewer, nurse] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
		const published = { briefing: randomUUID(), version: randomUUID() };
		const draft = { briefing: randomUUID(), version: randomUUID() };
		const deliveryId = uuidv7();
		const aimId = randomUUID();
		// A's own English leaflet, renamed: a variant the domain's schema accepts.
		const leaflet = db
			.prepare(
				`select x.content from briefing_variant x join briefing_version v on v.id = x.version_id
				 join briefing b on b.id = v.briefing_id
				 where b.slug = 'your-safety-on-our-ward' and x.format = 'leaflet' and x.language = 'en'
				   and v.status = 'published'`
			)
			.get() as { content: string };
		const content = JSON.stringify({ ...JSON.parse(leaflet.content), title: 'ZZB Leaflet Title' });
		const run = (sql: string, ...values: unknown[]) => db.prepare(sql).run(...values);
		db.transaction(() => {
			run(
				`insert into organisation (id, name, contact, created_at, slug, kind) values (?, ?, ?, ?, ?, 'trust')`,
				id,
				B.name,
				B.contact,
				at,
				B.slug
			);
			run(
				`insert into ward (id, organisation_id, name, specialty) values (?, ?, 'ZZB Ward Nine', '')`,
				wardId,
				id
			);
			const staff = [
				[admin, 'admin@zzb.example', 'ZZB Admin Person', 'admin', null],
				[lead, 'lead@zzb.example', 'ZZB Lead Person', 'engagementLead', null],
				[reviewer, 'reviewer@zzb.example', 'ZZB Reviewer Person', 'clinicalReviewer', null],
				[nurse, 'ward@zzb.example', 'ZZB Nurse Person', 'wardStaff', wardId]
			] as const;
			for (const [staffId, email, name, role, ward] of staff)
				run(
					`insert into staff_account (id, organisation_id, email, display_name, role, ward_id,
					 password_hash, disabled, created_at) values (?, ?, ?, ?, ?, ?, ?, 0, ?)`,
					staffId,
					id,
					email,
					name,
					role,
					ward,
					passwordHash,
					at
				);
			run(
				`insert into patient_group (id, organisation_id, name, description, communication_needs,
				 preferred_formats, usual_languages, archived, position)
				 values (?, ?, 'ZZB Group Private', '', '[]', '["leaflet"]', '["en"]', 0, 1)`,
				groupId,
				id
			);
			const briefing = `insert into briefing (id, organisation_id, slug, topic, owner_id, created_at)
				values (?, ?, ?, ?, ?, ?)`;
			const version = `insert into briefing_version (id, organisation_id, briefing_id, number,
				status, review_by, evidence_links, user_testing_note, approved_by_name, approved_at,
				published_at, is_example, created_at, revision)
				values (?, ?, ?, 1, ?, '2028-01-01', '[]', '', ?, ?, ?, 0, ?, 1)`;
			run(briefing, published.briefing, id, B.publishedSlug, B.publishedTopic, lead, at);
			run(
				version,
				published.version,
				id,
				published.briefing,
				'published',
				'ZZB Reviewer',
				at,
				at,
				at
			);
			run(
				`insert into briefing_variant (version_id, organisation_id, format, language, content)
				 values (?, ?, 'leaflet', 'en', ?)`,
				published.version,
				id,
				content
			);
			run(briefing, draft.briefing, id, B.draftSlug, 'ZZB Draft Secret Topic', lead, at);
			run(version, draft.version, id, draft.briefing, 'draft', null, null, null, at);
			run(
				`insert into patient_group_briefing (patient_group_id, briefing_id, organisation_id, position)
				 values (?, ?, ?, 1)`,
				groupId,
				published.briefing,
				id
			);
			run(
				`insert into delivery_record (id, organisation_id, ward_id, patient_group_id, briefing_id,
				 version_id, format, language, outcome, talked_through, interpreter_used, carer_present,
				 teach_back, recorded_at, recorded_day, received_at, recorded_by)
				 values (?, ?, ?, ?, ?, ?, 'leaflet', 'en', 'delivered', 1, 0, 0, 'confirmed', ?, ?, ?, ?)`,
				deliveryId,
				id,
				wardId,
				groupId,
				published.briefing,
				published.version,
				recordedAt,
				day,
				at,
				nurse
			);
			const tokenHash = createHash('sha256').update(B.token).digest('hex');
			run(
				`insert into patient_link (token_hash, delivery_id, organisation_id, created_at) values (?, ?, ?, ?)`,
				tokenHash,
				deliveryId,
				id,
				at
			);
			run(
				`insert into feedback (id, organisation_id, briefing_id, version_id, delivery_id, language,
				 overall, knows_how_to_get_help, able_to_ask_hand_hygiene, free_text, received_at,
				 received_day, token_hash)
				 values (?, ?, ?, ?, ?, 'en', 'veryGood', 'yes', 'yes', 'ZZB secret comment', ?, ?, ?)`,
				randomUUID(),
				id,
				published.briefing,
				published.version,
				deliveryId,
				at,
				day,
				tokenHash
			);
			run(
				`insert into aim (id, organisation_id, title, measure, target, ward_ids, patient_group_ids,
				 due_by, created_by, created_at)
				 values (?, ?, 'ZZB Aim Secret', 'coverage', 90, '[]', '[]', '2027-12-31', ?, ?)`,
				aimId,
				id,
				lead,
				at
			);
			run(
				`insert into measure_annotation (id, organisation_id, on_date, text, ward_id, created_by,
				 created_at) values (?, ?, ?, 'ZZB annotation secret', null, ?, ?)`,
				randomUUID(),
				id,
				day,
				lead,
				at
			);
			run(
				`insert into audit_event (id, organisation_id, actor_id, action, subject_type, subject_id,
				 detail, at) values (?, ?, ?, 'created', 'briefing', ?, '{"topic":"ZZB Draft Secret Topic"}', ?)`,
				randomUUID(),
				id,
				lead,
				draft.briefing,
				at
			);
		})();
		const staffIds = [admin, lead, reviewer, nurse];
		return {
			id,
			wardId,
			groupId,
			publishedBriefingId: published.briefing,
			publishedVersionId: published.version,
			draftBriefingId: draft.briefing,
			draftVersionId: draft.version,
			deliveryId,
			aimId,
			staffIds,
			privateIds: [wardId, groupId, draft.briefing, draft.version, deliveryId, aimId, ...staffIds]
		};
	} finally {
		db.close();
	}
}

/**
 * A fingerprint of every row B holds: each table with an organisation_id, B's organisation row
 * and its staff's sessions and links. Equal before and after means nothing of B was written.
 */
export function fingerprintOf(dataDir: string, organisationId: string): Record<string, string> {
	const db = new Database(join(dataDir, 'toolkit.sqlite'), { readonly: true, fileMustExist: true });
	try {
		const tables = (
			db
				.prepare(
					`select m.name from sqlite_master m where m.type = 'table'
					 and exists (select 1 from pragma_table_info(m.name) c where c.name = 'organisation_id')`
				)
				.all() as Array<{ name: string }>
		).map((t) => t.name);
		const digest = (rows: unknown[]) =>
			`${rows.length}:${createHash('sha256').update(JSON.stringify(rows)).digest('hex')}`;
		const out: Record<string, string> = {};
		for (const table of tables)
			out[table] = digest(
				db
					.prepare(`select * from "${table}" where organisation_id = ? order by rowid`)
					.all(organisationId)
			);
		out.organisation = digest(
			db.prepare('select * from organisation where id = ?').all(organisationId)
		);
		for (const table of ['session', 'set_password_link'])
			out[table] = digest(
				db
					.prepare(
						`select t.* from "${table}" t join staff_account s on s.id = t.staff_account_id
						 where s.organisation_id = ? order by t.rowid`
					)
					.all(organisationId)
			);
		return out;
	} finally {
		db.close();
	}
}
