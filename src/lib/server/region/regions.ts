import { randomUUID } from 'node:crypto';
import { inTransaction, type Db } from '../db/database';
import { isUniqueViolation } from '../db/sql';
import { inviteAccount } from '../platform/accounts';
import { recordAudit } from '../repositories/audit';

/*
 * Regions and their organisations, as the platform admin keeps them (/platform/regions). A
 * region is service-wide, like an organisation; placing an organisation in a region (or taking
 * it out) is audited in that organisation's trail, so its admin sees who did it.
 */

export interface RegionSummary {
	id: string;
	name: string;
	organisations: Array<{ id: string; name: string }>;
	/** Its regional leads; `joined` once they have set a password or signed in. */
	leads: Array<{ id: string; displayName: string; email: string; joined: boolean }>;
}

/** Every region with its organisations, by name. */
export async function listRegions(db: Db): Promise<RegionSummary[]> {
	const [regions, members, leads] = await Promise.all([
		db.selectFrom('region').select(['id', 'name']).orderBy('name').execute(),
		db
			.selectFrom('region_member as m')
			.innerJoin('organisation as o', 'o.id', 'm.organisation_id')
			.select(['m.region_id', 'o.id', 'o.name'])
			.orderBy('o.name')
			.execute(), // tenancy: the platform admin's view of every organisation's region
		db
			.selectFrom('staff_account')
			.select(['id', 'region_id', 'display_name', 'email', 'password_hash', 'last_sign_in_at'])
			.where('role', '=', 'regionalLead')
			.where('disabled', '=', 0)
			.orderBy('display_name')
			.execute() // tenancy: regional leads sit in the platform organisation, kept by its admin
	]);
	return regions.map((r) => ({
		...r,
		organisations: members
			.filter((m) => m.region_id === r.id)
			.map((m) => ({ id: m.id, name: m.name })),
		leads: leads
			.filter((l) => l.region_id === r.id)
			.map((l) => ({
				id: l.id,
				displayName: l.display_name,
				email: l.email,
				joined: l.password_hash !== null || l.last_sign_in_at !== null
			}))
	}));
}

export async function findRegion(db: Db, id: string) {
	return db.selectFrom('region').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
}

/** Made by the platform admin; audited in the platform organisation's trail. */
export async function createRegion(
	db: Db,
	actor: { id: string; organisationId: string },
	name: string,
	now = new Date()
): Promise<{ id: string } | 'nameTaken'> {
	return inTransaction(db, async (trx) => {
		const taken = await trx
			.selectFrom('region')
			.select('id')
			.where('name', '=', name)
			.executeTakeFirst();
		if (taken) return 'nameTaken';
		const id = randomUUID();
		await trx.insertInto('region').values({ id, name, created_at: now.toISOString() }).execute();
		await recordAudit(
			trx,
			{
				organisationId: actor.organisationId,
				actorId: actor.id,
				action: 'region.created',
				subjectType: 'region',
				subjectId: id,
				detail: { after: { name } }
			},
			now
		);
		return { id };
	});
}

/** The organisation's region, or null. */
export async function regionOf(db: Db, organisationId: string) {
	return (
		(await db
			.selectFrom('region_member as m')
			.innerJoin('region as r', 'r.id', 'm.region_id')
			.select(['r.id', 'r.name'])
			.where('m.organisation_id', '=', organisationId)
			.executeTakeFirst()) ?? null
	);
}

/**
 * Places a trust in a region (or, `regionId` null, takes it out), audited in its own trail.
 * Its sharing choices end with its old region: nothing is shared with the new one until chosen.
 * Answers false when the organisation or region does not exist (or is the platform's own).
 */
export async function placeOrganisation(
	db: Db,
	actor: { id: string },
	organisationId: string,
	regionId: string | null,
	now = new Date()
): Promise<boolean> {
	return inTransaction(db, async (trx) => {
		const organisation = await trx
			.selectFrom('organisation')
			.select('id')
			.where('id', '=', organisationId)
			.where('kind', '=', 'trust')
			.executeTakeFirst();
		if (!organisation) return false;
		if (regionId && !(await findRegion(trx, regionId))) return false;
		const before = await regionOf(trx, organisationId);
		if ((before?.id ?? null) === regionId) return true;
		await trx.deleteFrom('region_member').where('organisation_id', '=', organisationId).execute();
		// What it shared was chosen for its region then (here or on another service): a new
		// region is a new audience, so its admin chooses again. Each measure's end is audited.
		const shared = await trx
			.selectFrom('region_share')
			.select('measure')
			.where('organisation_id', '=', organisationId)
			.execute();
		await trx.deleteFrom('region_share').where('organisation_id', '=', organisationId).execute();
		for (const { measure } of shared)
			await recordAudit(
				trx,
				{
					organisationId,
					actorId: actor.id,
					action: 'region.unshared',
					subjectType: 'measure',
					subjectId: measure,
					detail: { before: true, after: false }
				},
				now
			);
		if (regionId)
			await trx
				.insertInto('region_member')
				.values({
					organisation_id: organisationId,
					region_id: regionId,
					added_at: now.toISOString()
				})
				.execute();
		await recordAudit(
			trx,
			{
				organisationId,
				actorId: actor.id,
				action: regionId ? 'region.joined' : 'region.left',
				subjectType: 'region',
				subjectId: regionId ?? before?.id ?? '',
				detail: { before: before?.id ?? null, after: regionId }
			},
			now
		);
		return true;
	});
}

/**
 * Invites a regional lead for a region: an account in the platform organisation (which holds
 * no patient data), with no password until they follow the one-time link. Audited there.
 */
export async function inviteRegionalLead(
	db: Db,
	actor: { id: string; organisationId: string },
	input: { regionId: string; email: string; displayName: string },
	now = new Date()
): Promise<
	| { ok: true; accountId: string; token: string; expiresAt: Date }
	| { ok: false; field: 'regionId' | 'email'; message: string }
> {
	const emailTaken = { ok: false, field: 'email', message: 'errors.emailTaken' } as const;
	// Two invitations of one email at once: the second meets the unique index, not a 500.
	return inTransaction(db, async (trx) => {
		if (!(await findRegion(trx, input.regionId)))
			return { ok: false, field: 'regionId', message: 'errors.regionId' } as const;
		const taken = await trx
			.selectFrom('staff_account')
			.select('id')
			.where('organisation_id', '=', actor.organisationId)
			.where('email', '=', input.email)
			.executeTakeFirst();
		if (taken) return emailTaken;
		const invited = await inviteAccount(
			trx,
			actor,
			{ ...input, organisationId: actor.organisationId, role: 'regionalLead' },
			now
		);
		return { ok: true, ...invited } as const;
	}).catch((error: unknown) => {
		if (isUniqueViolation(error)) return emailTaken;
		throw error;
	});
}
