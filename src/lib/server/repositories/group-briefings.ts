import { z } from 'zod';
import { Id } from '$lib/domain/ids';
import { inTransaction, type Db } from '../db/database';
import { lockFor } from '../db/sql';
import { recordAudit } from './audit';

/** One change a lead makes to the briefings a group gets on admission. */
export const GroupBriefingChange = z.strictObject({
	change: z.enum(['add', 'remove', 'up', 'down']),
	briefingId: Id
});
export type GroupBriefingChange = z.infer<typeof GroupBriefingChange>;

/** The list after `change`, or null when the change makes no sense for it (already there…). */
export function applyGroupBriefingChange(
	ids: readonly string[],
	{ change, briefingId }: GroupBriefingChange
): string[] | null {
	const at = ids.indexOf(briefingId);
	if (change === 'add') return at === -1 ? [...ids, briefingId] : null;
	if (at === -1) return null;
	if (change === 'remove') return ids.filter((id) => id !== briefingId);
	const to = change === 'up' ? at - 1 : at + 1;
	if (to < 0 || to >= ids.length) return null;
	const next = [...ids];
	[next[at], next[to]] = [next[to] as string, next[at] as string];
	return next;
}

export interface GroupBriefing {
	briefingId: string;
	topic: string;
	published: boolean;
}

/** The briefings a group gets, in order, each saying whether it has a published version. */
export async function listGroupBriefings(
	db: Db,
	organisationId: string,
	groupId: string
): Promise<GroupBriefing[]> {
	const rows = await db
		.selectFrom('patient_group_briefing')
		.innerJoin('briefing', 'briefing.id', 'patient_group_briefing.briefing_id')
		.select((eb) => [
			'briefing.id',
			'briefing.topic',
			eb
				.exists(
					eb
						.selectFrom('briefing_version')
						.select('briefing_version.id')
						.whereRef('briefing_version.briefing_id', '=', 'briefing.id')
						.where('briefing_version.status', '=', 'published')
				)
				.as('published')
		])
		.where('patient_group_briefing.organisation_id', '=', organisationId)
		.where('patient_group_briefing.patient_group_id', '=', groupId)
		.orderBy('patient_group_briefing.position')
		.execute();
	return rows.map((r) => ({ briefingId: r.id, topic: r.topic, published: Boolean(r.published) }));
}

/**
 * Applies one change to a group's briefings and records it, in one transaction. The briefing
 * must belong to the group's organisation; the caller has checked the group does.
 */
export async function changeGroupBriefings(
	db: Db,
	actor: { id: string; organisationId: string },
	groupId: string,
	change: GroupBriefingChange
): Promise<'saved' | 'unchanged' | 'notFound'> {
	return inTransaction(db, async (trx) => {
		// Two leads changing one group at once: the second applies its change to the first's list.
		await lockFor(trx, `group-briefings:${groupId}`);
		const briefing = await trx
			.selectFrom('briefing')
			.select('id')
			.where('id', '=', change.briefingId)
			.where('organisation_id', '=', actor.organisationId)
			.executeTakeFirst();
		if (!briefing) return 'notFound';
		const current = (await listGroupBriefings(trx, actor.organisationId, groupId)).map(
			(b) => b.briefingId
		);
		const next = applyGroupBriefingChange(current, change);
		if (!next) return 'unchanged';
		await trx
			.deleteFrom('patient_group_briefing')
			.where('organisation_id', '=', actor.organisationId)
			.where('patient_group_id', '=', groupId)
			.execute();
		if (next.length)
			await trx
				.insertInto('patient_group_briefing')
				.values(
					next.map((briefingId, i) => ({
						patient_group_id: groupId,
						briefing_id: briefingId,
						organisation_id: actor.organisationId,
						position: i + 1
					}))
				)
				.execute();
		await recordAudit(trx, {
			organisationId: actor.organisationId,
			actorId: actor.id,
			action: 'edited',
			subjectType: 'patient_group',
			subjectId: groupId,
			detail: { briefings: next, change: change.change, briefingId: change.briefingId }
		});
		return 'saved';
	});
}
