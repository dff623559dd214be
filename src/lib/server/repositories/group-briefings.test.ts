import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StaffAccount } from '$lib/domain/staff';
import { openDemoDatabase } from '../test-support/demo-database';
import type { Db } from '../db/database';
import { listAudit } from './audit';
import { briefingsByGroup } from './briefings';
import {
	applyGroupBriefingChange,
	changeGroupBriefings,
	listGroupBriefings
} from './group-briefings';
import { createPatientGroupAudited, setPatientGroupArchived } from './patient-groups';

describe('applyGroupBriefingChange', () => {
	it('adds at the end, moves within bounds and removes', () => {
		const b = (briefingId: string, change: 'add' | 'remove' | 'up' | 'down') => ({
			change,
			briefingId
		});
		expect(applyGroupBriefingChange(['a', 'b'], b('c', 'add'))).toEqual(['a', 'b', 'c']);
		expect(applyGroupBriefingChange(['a', 'b'], b('a', 'add'))).toBeNull();
		expect(applyGroupBriefingChange(['a', 'b', 'c'], b('c', 'up'))).toEqual(['a', 'c', 'b']);
		expect(applyGroupBriefingChange(['a', 'b', 'c'], b('a', 'down'))).toEqual(['b', 'a', 'c']);
		expect(applyGroupBriefingChange(['a', 'b'], b('a', 'up'))).toBeNull();
		expect(applyGroupBriefingChange(['a', 'b'], b('b', 'down'))).toBeNull();
		expect(applyGroupBriefingChange(['a', 'b'], b('a', 'remove'))).toEqual(['b']);
		expect(applyGroupBriefingChange(['a'], b('z', 'remove'))).toBeNull();
	});
});

describe('a group’s briefings', () => {
	let db: Db;
	let lead: StaffAccount;
	let briefingId: (slug: string) => Promise<string>;

	beforeEach(async () => {
		const demo = await openDemoDatabase(new Date('2026-11-26T09:00:00Z'));
		db = demo.db;
		lead = await demo.account('lead@demo.example');
		briefingId = async (slug) =>
			(
				await db
					.selectFrom('briefing')
					.select('id')
					.where('slug', '=', slug)
					.executeTakeFirstOrThrow()
			).id;
	});
	afterEach(async () => {
		await db.destroy();
	});

	it('are stored in order, read by the ward, and every change is audited', async () => {
		const group = await createPatientGroupAudited(db, lead, {
			name: 'Stroke unit',
			description: '',
			communicationNeeds: [],
			preferredFormats: ['easyRead'],
			usualLanguages: ['en'],
			ageBands: []
		});
		const clots = await briefingId('preventing-blood-clots');
		const sepsis = await briefingId('sepsis-when-to-get-help');
		for (const id of [clots, sepsis])
			expect(
				await changeGroupBriefings(db, lead, group.id, { change: 'add', briefingId: id })
			).toBe('saved');
		await changeGroupBriefings(db, lead, group.id, { change: 'up', briefingId: sepsis });
		expect(await listGroupBriefings(db, lead.organisationId, group.id)).toEqual([
			{ briefingId: sepsis, topic: 'Sepsis: when to get help', published: false },
			{ briefingId: clots, topic: 'Preventing blood clots', published: true }
		]);
		const forWard = (await briefingsByGroup(db, lead.organisationId)).filter(
			(a) => a.patient_group_id === group.id
		);
		expect(forWard.map((a) => a.briefing_id)).toEqual([sepsis, clots]);
		const audit = await listAudit(db, lead.organisationId, { subjectId: group.id });
		expect(audit.map((a) => a.action).sort()).toEqual(['created', 'edited', 'edited', 'edited']);
	});

	it('refuses another organisation’s briefing', async () => {
		const group = (await db.selectFrom('patient_group').select('id').executeTakeFirstOrThrow()).id;
		const result = await changeGroupBriefings(db, lead, group, {
			change: 'add',
			briefingId: '00000000-0000-4000-8000-000000000000'
		});
		expect(result).toBe('notFound');
	});

	it('archiving is audited once and only for the organisation’s own groups', async () => {
		const group = (await db.selectFrom('patient_group').select('id').executeTakeFirstOrThrow()).id;
		expect(await setPatientGroupArchived(db, lead, group, true)).toBe('saved');
		expect(await setPatientGroupArchived(db, lead, group, true)).toBe('unchanged');
		const stranger = { ...lead, organisationId: '00000000-0000-4000-8000-000000000001' };
		expect(await setPatientGroupArchived(db, stranger, group, false)).toBe('notFound');
		const audit = await listAudit(db, lead.organisationId, { subjectId: group });
		expect(audit.map((a) => a.action)).toEqual(['archived']);
	});
});
