import { randomUUID } from 'node:crypto';
import { LanguageCode } from '$lib/domain/language';
import type { NewOrganisation, OrganisationSettings } from '$lib/domain/platform';
import { inTransaction, type Db } from '../db/database';
import { recordAudit } from './audit';
import { defaultLanguagesOf, freeOrganisationSlug, setOrganisationTimeZone } from './organisations';
import {
	inviteAccount,
	invitedByPlatform,
	platformLinkRefusal,
	type PlatformLinkRefusal
} from '../platform/accounts';

/*
 * The platform admin's view of organisations: what they are called and how to reach them, never
 * what they hold. Only organisations of kind 'trust' are listed or found here; the platform's own
 * organisation is not one of them. Every change is written with its audit row (organisation_id
 * the organisation changed, actor the platform admin, before and after in the detail) in one
 * transaction.
 */

export interface PlatformOrganisation {
	id: string;
	name: string;
	odsCode: string | null;
	slug: string;
	timeZone: string;
	contact: string;
	defaultLanguages: LanguageCode[];
	suspendedAt: string | null;
	createdAt: string;
	/** Staff accounts, disabled ones included: a size, not content. */
	staffCount: number;
}

function trustOrganisations(db: Db) {
	return db
		.selectFrom('organisation')
		.where('organisation.kind', '=', 'trust')
		.select((eb) => [
			'organisation.id',
			'organisation.name',
			'organisation.ods_code',
			'organisation.slug',
			'organisation.time_zone',
			'organisation.contact',
			'organisation.default_languages',
			'organisation.suspended_at',
			'organisation.created_at',
			eb
				.selectFrom('staff_account')
				.whereRef('staff_account.organisation_id', '=', 'organisation.id')
				.select((s) => s.fn.countAll<number>().as('n'))
				.as('staff_count')
		]);
}

type Row = Awaited<ReturnType<ReturnType<typeof trustOrganisations>['executeTakeFirstOrThrow']>>;
function toPlatformOrganisation(row: Row): PlatformOrganisation {
	return {
		id: row.id,
		name: row.name,
		odsCode: row.ods_code,
		slug: row.slug,
		timeZone: row.time_zone,
		contact: row.contact,
		defaultLanguages: defaultLanguagesOf(row.default_languages),
		suspendedAt: row.suspended_at,
		createdAt: row.created_at,
		staffCount: Number(row.staff_count ?? 0)
	};
}

export async function listTrustOrganisations(db: Db): Promise<PlatformOrganisation[]> {
	const rows = await trustOrganisations(db).orderBy('organisation.name').execute();
	return rows.map(toPlatformOrganisation);
}

/** A trust by id or slug; null for the platform's own organisation or an unknown one. */
export async function findTrustOrganisation(
	db: Db,
	by: { id: string } | { slug: string }
): Promise<PlatformOrganisation | null> {
	const row = await trustOrganisations(db)
		.where('id' in by ? 'organisation.id' : 'organisation.slug', '=', 'id' in by ? by.id : by.slug)
		.executeTakeFirst();
	return row ? toPlatformOrganisation(row) : null;
}

/** Which of the unique fields another organisation (of any kind) already holds. */
export async function takenFields(
	db: Db,
	fields: { odsCode: string | null; slug: string | null },
	exceptId?: string
): Promise<Array<'odsCode' | 'slug'>> {
	const taken: Array<'odsCode' | 'slug'> = [];
	const holds = async (column: 'ods_code' | 'slug', value: string) => {
		let query = db.selectFrom('organisation').select('id').where(column, '=', value);
		if (exceptId) query = query.where('id', '!=', exceptId);
		return !!(await query.executeTakeFirst());
	};
	if (fields.odsCode && (await holds('ods_code', fields.odsCode))) taken.push('odsCode');
	if (fields.slug && (await holds('slug', fields.slug))) taken.push('slug');
	return taken;
}

export type Actor = { id: string };

type Snapshot = Record<string, unknown>;
function snapshot(o: PlatformOrganisation): Snapshot {
	return {
		name: o.name,
		odsCode: o.odsCode,
		slug: o.slug,
		timeZone: o.timeZone,
		contact: o.contact,
		defaultLanguages: o.defaultLanguages,
		suspended: !!o.suspendedAt
	};
}

/** Only what changed, before and after. */
function changes(before: Snapshot, after: Snapshot) {
	const was: Snapshot = {};
	const now: Snapshot = {};
	for (const key of Object.keys(after))
		if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
			was[key] = before[key];
			now[key] = after[key];
		}
	return { before: was, after: now };
}

export interface CreatedOrganisation {
	organisation: PlatformOrganisation;
	admin: { id: string; email: string; displayName: string };
	/** For `/set-password/<token>`: shown once, never stored (only its digest is). */
	token: string;
	expiresAt: Date;
}

/** Creates a trust, audited. The caller has checked `takenFields` (unique indexes back it). */
export async function createTrustOrganisation(
	db: Db,
	actor: Actor,
	input: OrganisationSettings,
	now = new Date()
): Promise<PlatformOrganisation> {
	return inTransaction(db, async (trx) => {
		const id = randomUUID();
		await trx
			.insertInto('organisation')
			.values({
				id,
				name: input.name,
				contact: input.contact,
				time_zone: input.timeZone,
				ods_code: input.odsCode,
				slug: input.slug ?? (await freeOrganisationSlug(trx, input.name)),
				kind: 'trust',
				default_languages: JSON.stringify([...new Set(input.defaultLanguages)]),
				created_at: now.toISOString()
			})
			.execute();
		const organisation = (await findTrustOrganisation(trx, { id }))!;
		await recordAudit(
			trx,
			{
				organisationId: id,
				actorId: actor.id,
				action: 'organisation.created',
				subjectType: 'organisation',
				subjectId: id,
				detail: { before: null, after: snapshot(organisation) }
			},
			now
		);
		return organisation;
	});
}

/** A trust, its first admin (no password yet) and their one-time link, in one transaction. */
export async function createOrganisationWithAdmin(
	db: Db,
	actor: Actor,
	input: NewOrganisation,
	now = new Date()
): Promise<CreatedOrganisation> {
	return inTransaction(db, async (trx) => {
		const { adminEmail, adminName, ...settings } = input;
		const created = await createTrustOrganisation(trx, actor, settings, now);
		const invited = await inviteAccount(
			trx,
			actor,
			{ organisationId: created.id, email: adminEmail, displayName: adminName, role: 'admin' },
			now
		);
		return {
			organisation: (await findTrustOrganisation(trx, { id: created.id }))!,
			admin: { id: invited.accountId, email: adminEmail, displayName: adminName },
			token: invited.token,
			expiresAt: invited.expiresAt
		};
	});
}

/**
 * Saves an organisation's settings. A new time zone moves the local day of its records in the
 * same transaction (`setOrganisationTimeZone`). Null when it is not a trust.
 */
export async function updateOrganisation(
	db: Db,
	actor: Actor,
	id: string,
	input: OrganisationSettings,
	now = new Date()
): Promise<PlatformOrganisation | null> {
	return inTransaction(db, async (trx) => {
		const before = await findTrustOrganisation(trx, { id });
		if (!before) return null;
		await trx
			.updateTable('organisation')
			.set({
				name: input.name,
				ods_code: input.odsCode,
				slug: input.slug ?? before.slug,
				contact: input.contact,
				default_languages: JSON.stringify([...new Set(input.defaultLanguages)])
			})
			.where('id', '=', id)
			.execute();
		if (input.timeZone !== before.timeZone) await setOrganisationTimeZone(trx, id, input.timeZone);
		const after = (await findTrustOrganisation(trx, { id }))!;
		const diff = changes(snapshot(before), snapshot(after));
		if (Object.keys(diff.after).length)
			await recordAudit(
				trx,
				{
					organisationId: id,
					actorId: actor.id,
					action: 'organisation.updated',
					subjectType: 'organisation',
					subjectId: id,
					detail: diff
				},
				now
			);
		return after;
	});
}

/**
 * Suspends (its staff cannot sign in, and every session of theirs ends now) or reinstates a
 * trust. Doing what is already done changes nothing and is not audited. Null when not a trust.
 */
export async function setOrganisationSuspended(
	db: Db,
	actor: Actor,
	id: string,
	suspended: boolean,
	now = new Date()
): Promise<PlatformOrganisation | null> {
	return inTransaction(db, async (trx) => {
		const before = await findTrustOrganisation(trx, { id });
		if (!before) return null;
		if (!!before.suspendedAt === suspended) return before;
		await trx
			.updateTable('organisation')
			.set({ suspended_at: suspended ? now.toISOString() : null })
			.where('id', '=', id)
			.execute();
		let sessionsEnded = 0;
		if (suspended) {
			const ended = await trx
				.deleteFrom('session')
				.where('staff_account_id', 'in', (eb) =>
					eb.selectFrom('staff_account').select('id').where('organisation_id', '=', id)
				)
				.executeTakeFirst();
			sessionsEnded = Number(ended.numDeletedRows);
		}
		await recordAudit(
			trx,
			{
				organisationId: id,
				actorId: actor.id,
				action: suspended ? 'organisation.suspended' : 'organisation.reinstated',
				subjectType: 'organisation',
				subjectId: id,
				detail: {
					before: { suspended: !suspended },
					after: { suspended },
					...(suspended ? { sessionsEnded } : {})
				}
			},
			now
		);
		return (await findTrustOrganisation(trx, { id }))!;
	});
}

/** Whether the account's organisation is suspended (its staff may not sign in). */
export async function isOrganisationSuspended(db: Db, organisationId: string): Promise<boolean> {
	const row = await db
		.selectFrom('organisation')
		.select('suspended_at')
		.where('id', '=', organisationId)
		.executeTakeFirst();
	return !!row?.suspended_at;
}

/** An organisation's admin, as the platform sees them: who to send a new set-password link to. */
export interface OrganisationAdmin {
	id: string;
	displayName: string;
	email: string;
	/** Whether they have ever signed in (a lost first link shows as never). */
	lastSignInAt: string | null;
	/**
	 * Why the platform may make them no set-password link (only the organisation's own admins
	 * may), or null when it may: see firstPasswordLink. 'hasSignIn': a password set or an SSO
	 * identity linked; 'notPlatformInvited': invited by their organisation, or signed in before.
	 */
	linkRefusal: PlatformLinkRefusal | null;
}

/**
 * The active admins of a trust, by name: the one thing about its staff the platform needs (to
 * help an admin who lost their link). Nothing about anyone else, and nothing they hold.
 */
export async function listOrganisationAdmins(
	db: Db,
	organisationId: string
): Promise<OrganisationAdmin[]> {
	const rows = await db
		.selectFrom('staff_account')
		.innerJoin('organisation', 'organisation.id', 'staff_account.organisation_id')
		.select([
			'staff_account.id',
			'staff_account.display_name',
			'staff_account.email',
			'staff_account.last_sign_in_at',
			'staff_account.password_hash',
			'staff_account.sso_subject'
		])
		.select((eb) => invitedByPlatform(eb).as('invited_by_platform'))
		.where('staff_account.organisation_id', '=', organisationId)
		.where('organisation.kind', '=', 'trust')
		.where('staff_account.role', '=', 'admin')
		.where('staff_account.disabled', '=', 0)
		.orderBy('staff_account.display_name')
		.orderBy('staff_account.email')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		displayName: r.display_name,
		email: r.email,
		lastSignInAt: r.last_sign_in_at,
		linkRefusal: platformLinkRefusal(r)
	}));
}
