import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { VariantOf } from '$lib/domain/briefing';
import type { StaffAccount } from '$lib/domain/staff';
import type { Db } from '../db/database';
import { openStudioDemo } from '../test-support/demo-database';
import { getVersion, saveVariant, startNewDraft } from './briefing-versions';
import { takeStep } from './content-governance';

/*
 * A recorded narration is part of its variant, so of the version (issue 15, item 11): saved and
 * removed with the draft, frozen once submitted, carried into the next draft. On SQLite and, in
 * the postgres project, on PostgreSQL.
 */
const now = new Date('2026-11-26T09:00:00Z');
let db: Db;
let lead: StaffAccount;
let reviewer: StaffAccount;

let studio: Awaited<ReturnType<typeof openStudioDemo>>;

beforeEach(async () => {
	studio = await openStudioDemo(now);
	({ db, lead, reviewer } = studio);
}, 20_000);
afterEach(async () => {
	await db.destroy();
});

const recording = (name: string) => ({
	path: `/uploads/${name.repeat(64)}.mp3`,
	mimeType: 'audio/mpeg' as const,
	durationSeconds: 95
});
const leaflet = (audio?: ReturnType<typeof recording>): VariantOf<'leaflet'> => ({
	format: 'leaflet',
	language: 'so',
	translationChecked: false,
	title: 'Dhicid',
	sections: [{ heading: 'Wac', blocks: [{ kind: 'paragraph', text: 'Wac kalkaalisada.' }] }],
	contact: '',
	...(audio ? { audio } : {})
});

const draft = () => studio.newDraft('falls-audio');

const reread = async (briefingId: string, number: number) =>
	(await getVersion(db, lead.organisationId, briefingId, number))?.variants[0];

describe("a variant's recording", () => {
	it('is saved, replaced and removed with the draft', async () => {
		const { briefingId, version } = await draft();
		expect(await saveVariant(db, lead, version, 1, leaflet(recording('a')))).toBe('saved');
		expect(await reread(briefingId, 1)).toMatchObject({ audio: recording('a') });
		expect(await saveVariant(db, lead, version, 2, leaflet(recording('b')))).toBe('saved');
		expect(await reread(briefingId, 1)).toMatchObject({ audio: recording('b') });
		expect(await saveVariant(db, lead, version, 3, leaflet())).toBe('saved');
		const removed = await reread(briefingId, 1);
		expect(removed?.format === 'leaflet' && removed.audio).toBeUndefined();
	});

	it('never changes once submitted, and a new draft carries it over', async () => {
		const { briefingId, version } = await draft();
		await saveVariant(db, lead, version, 1, leaflet(recording('a')));
		await db
			.updateTable('briefing_version')
			.set({
				evidence_links: '["https://www.nice.org.uk/guidance/ng89"]',
				user_testing_note: 'Tested'
			})
			.where('id', '=', version.id)
			.execute();
		for (const [who, step] of [
			[lead, 'submit'],
			[reviewer, 'approve'],
			[lead, 'publish']
		] as const)
			expect(await takeStep(db, who, version.id, step, {}, now)).toEqual({ ok: true });
		const published = await getVersion(db, lead.organisationId, briefingId, 1);
		expect(
			await saveVariant(db, lead, version, published?.revision ?? 0, leaflet(recording('b')))
		).toBe('notEditable');
		expect(await reread(briefingId, 1)).toMatchObject({ audio: recording('a') });

		expect(await startNewDraft(db, lead, briefingId, now)).toEqual({ ok: true, number: 2 });
		expect(await reread(briefingId, 2)).toMatchObject({ audio: recording('a') });
	});
});
