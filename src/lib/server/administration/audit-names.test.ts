import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditIds, type AuditNamedKind } from '$lib/domain/audit-names';
import type { Db } from '../db/database';
import { createAim } from '../repositories/aims';
import { recordAudit } from '../repositories/audit';
import { openDemoDatabase } from '../test-support/demo-database';
import { auditPage } from './audit-log';
import { auditNames } from './audit-names';

const now = new Date('2026-12-03T10:00:00Z');
let db: Db;
let northfield: string;
let southmoor: string;
let actorId: string;
/** One of each kind in each organisation: its id and its name. */
type Thing = { id: string; name: string };
const own = {} as Record<'briefing' | 'ward' | 'group' | 'aim', Thing> & {
	version: Thing & { number: number };
};
const theirs = {} as Record<'briefing' | 'ward' | 'group', Thing> & { version: Thing };

async function firstOf(organisationId: string) {
	const briefing = await db
		.selectFrom('briefing')
		.select(['id', 'topic as name'])
		.where('organisation_id', '=', organisationId)
		.orderBy('topic')
		.executeTakeFirstOrThrow();
	const version = await db
		.selectFrom('briefing_version')
		.select(['id', 'number'])
		.where('organisation_id', '=', organisationId)
		.where('briefing_id', '=', briefing.id)
		.orderBy('number', 'desc')
		.executeTakeFirstOrThrow();
	const ward = await db
		.selectFrom('ward')
		.select(['id', 'name'])
		.where('organisation_id', '=', organisationId)
		.orderBy('name')
		.executeTakeFirstOrThrow();
	// Southmoor's demo has no patient group: give it one.
	if (organisationId === southmoor)
		await db
			.insertInto('patient_group')
			.values({
				id: randomUUID(),
				organisation_id: southmoor,
				name: 'Southmoor adults',
				description: '',
				communication_needs: '[]',
				preferred_formats: '[]',
				usual_languages: '[]',
				archived: 0,
				position: 1
			})
			.execute();
	const group = await db
		.selectFrom('patient_group')
		.select(['id', 'name'])
		.where('organisation_id', '=', organisationId)
		.orderBy('name')
		.executeTakeFirstOrThrow();
	return {
		briefing,
		version: { id: version.id, name: briefing.name, number: Number(version.number) },
		ward,
		group
	};
}

beforeAll(async () => {
	const demo = await openDemoDatabase(now);
	db = demo.db;
	northfield = (await demo.account('lead@demo.example')).organisationId;
	southmoor = (await demo.account('lead@southmoor.example')).organisationId;
	Object.assign(own, await firstOf(northfield));
	Object.assign(theirs, await firstOf(southmoor));
	const lead = await demo.account('lead@demo.example');
	const aim = {
		title: 'Nine in ten given a briefing',
		measure: 'coverage',
		target: 90,
		dueBy: '2027-03-31',
		wardIds: [],
		patientGroupIds: []
	} as const;
	own.aim = {
		id: await createAim(db, lead, { ...aim, wardIds: [], patientGroupIds: [] }, now),
		name: aim.title
	};
	actorId = lead.id;
});

const ids = (entries: Partial<Record<AuditNamedKind, string[]>>) =>
	new Map(Object.entries(entries).map(([kind, list]) => [kind as AuditNamedKind, new Set(list)]));

describe('the names of an audit page’s ids', () => {
	it('names the organisation’s own briefing, version, ward, patient group and aim', async () => {
		expect(
			await auditNames(
				db,
				northfield,
				ids({
					briefing: [own.briefing.id],
					briefing_version: [own.version.id],
					ward: [own.ward.id],
					patient_group: [own.group.id],
					aim: [own.aim.id]
				})
			)
		).toEqual({
			briefing: { [own.briefing.id]: { name: own.briefing.name } },
			briefing_version: {
				[own.version.id]: { name: own.briefing.name, number: own.version.number }
			},
			ward: { [own.ward.id]: { name: own.ward.name } },
			patient_group: { [own.group.id]: { name: own.group.name } },
			aim: { [own.aim.id]: { name: own.aim.name } }
		});
	});

	it('never names another organisation’s ids, nor one that no longer exists', async () => {
		const gone = randomUUID();
		const names = await auditNames(
			db,
			northfield,
			ids({
				briefing: [theirs.briefing.id, gone],
				briefing_version: [theirs.version.id],
				ward: [theirs.ward.id],
				patient_group: [theirs.group.id]
			})
		);
		expect(names).toEqual({
			briefing: { [theirs.briefing.id]: null, [gone]: null },
			briefing_version: { [theirs.version.id]: null },
			ward: { [theirs.ward.id]: null },
			patient_group: { [theirs.group.id]: null }
		});
		// The same ids are named in their own organisation.
		expect(
			(await auditNames(db, southmoor, ids({ briefing: [theirs.briefing.id] }))).briefing
		).toEqual({ [theirs.briefing.id]: { name: theirs.briefing.name } });
	});

	it('names a library item only where it is shared, adopted or lessoned', async () => {
		const item = await db
			.selectFrom('library_item')
			.select(['id', 'topic', 'source_organisation_id'])
			.executeTakeFirstOrThrow();
		const other = item.source_organisation_id === northfield ? southmoor : northfield;
		const adopted = await db
			.selectFrom('library_adoption')
			.select('id')
			.where('organisation_id', '=', other)
			.where('library_item_id', '=', item.id)
			.executeTakeFirst();
		expect(adopted).toBeUndefined();
		const look = (org: string) => auditNames(db, org, ids({ library_item: [item.id] }));
		expect((await look(item.source_organisation_id)).library_item).toEqual({
			[item.id]: { name: item.topic }
		});
		expect((await look(other)).library_item).toEqual({ [item.id]: null });
	});
});

describe('an audit page with the names of its ids', () => {
	it('names its subject and the ids its facts hold, in its organisation only, the detail as stored', async () => {
		const gone = randomUUID();
		const detail = {
			before: { wardIds: [own.ward.id], patientGroupIds: [] },
			after: { wardIds: [own.ward.id, theirs.ward.id], patientGroupIds: [own.group.id, gone] }
		};
		await recordAudit(
			db,
			{
				organisationId: northfield,
				actorId,
				action: 'edited',
				subjectType: 'aim',
				subjectId: own.aim.id,
				detail
			},
			new Date(now.getTime() + 3_600_000)
		);
		await recordAudit(
			db,
			{
				organisationId: northfield,
				actorId,
				action: 'published',
				subjectType: 'briefing_version',
				subjectId: theirs.version.id,
				detail: { briefingId: theirs.briefing.id, number: 1 }
			},
			new Date(now.getTime() + 7_200_000)
		);
		const { lines, names } = await auditPage(db, northfield, 1);
		const [published, edited] = lines;
		expect(published).toMatchObject({ action: 'published', subjectName: null });
		expect(published?.detail).toEqual({ briefingId: theirs.briefing.id, number: 1 });
		expect(edited).toMatchObject({ action: 'edited', subjectName: { name: own.aim.name } });
		expect(edited?.detail).toEqual(detail);
		expect(names.briefing?.[theirs.briefing.id]).toBeNull();
		expect(names.ward).toMatchObject({
			[own.ward.id]: { name: own.ward.name },
			[theirs.ward.id]: null
		});
		expect(names.patient_group).toMatchObject({
			[own.group.id]: { name: own.group.name },
			[gone]: null
		});
		// Every id of the page is named or known unknown: none left to show as stored.
		for (const [kind, set] of auditIds(lines))
			for (const id of set) expect(names[kind], `${kind} ${id}`).toHaveProperty([id]);
	});
});
