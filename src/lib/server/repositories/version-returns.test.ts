import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { VariantOf } from '$lib/domain/briefing';
import type { StaffAccount } from '$lib/domain/staff';
import type { Db } from '../db/database';
import { openStudioDemo } from '../test-support/demo-database';
import { getVersion, saveVariant, saveVersionDetails } from './briefing-versions';
import { takeStep } from './content-governance';
import { changesSinceReturn } from './version-returns';

/*
 * "Changes since you returned it" (issue 17 item 4, H81): what a version said when it was
 * returned is kept, and what changed since is shown word by word. SQLite and PostgreSQL.
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

const leaflet = (text: string, language: 'en' | 'cy' = 'en'): VariantOf<'leaflet'> => ({
	format: 'leaflet',
	language,
	translationChecked: false,
	title: 'Falls',
	sections: [{ heading: 'Call', blocks: [{ kind: 'paragraph', text }] }],
	contact: ''
});
// A second apart, so that each step has a time of its own.
let tick = 0;
const at = () => new Date(now.getTime() + ++tick * 1000);

async function reread(briefingId: string) {
	const version = await getVersion(db, lead.organisationId, briefingId, 1);
	if (!version) throw new Error('no version');
	return version;
}
const changes = async (briefingId: string) =>
	changesSinceReturn(db, lead.organisationId, await reread(briefingId));

describe('changes since a version was returned', () => {
	it('are none before any return', async () => {
		const { briefingId, version } = await studio.newDraft('falls-return');
		await saveVariant(db, lead, version, version.revision, leaflet('Ask for help.'), at());
		await takeStep(db, lead, version.id, 'submit', {}, at());
		expect(await changes(briefingId)).toBeNull();
	});

	it('show each changed word and detail since the last return, with its comment and reviewer', async () => {
		const { briefingId, version } = await studio.newDraft('falls-return');
		await saveVariant(db, lead, version, 1, leaflet('Ask for help.'), at());
		await saveVariant(db, lead, version, 2, leaflet('Galwch.', 'cy'), at());
		await takeStep(db, lead, version.id, 'submit', {}, at());
		const returned = await takeStep(
			db,
			reviewer,
			version.id,
			'return',
			{ comment: 'Say who to call.' },
			at()
		);
		expect(returned).toEqual({ ok: true });
		// Returned, nothing changed yet.
		expect(await changes(briefingId)).toMatchObject({
			comment: 'Say who to call.',
			returnedBy: { id: reviewer.id, name: reviewer.displayName },
			variants: [],
			details: []
		});

		let v = await reread(briefingId);
		await saveVariant(db, lead, v, v.revision, leaflet('Ask a nurse for help.'), at());
		v = await reread(briefingId);
		await saveVersionDetails(
			db,
			lead,
			v,
			v.revision,
			{
				reviewBy: v.reviewBy,
				evidenceLinks: [...v.evidenceLinks, 'https://www.nice.org.uk/ng249'],
				userTestingNote: v.userTestingNote
			},
			at()
		);
		await takeStep(db, lead, version.id, 'submit', {}, at());

		const since = await changes(briefingId);
		expect(since?.variants).toEqual([
			expect.objectContaining({
				format: 'leaflet',
				language: 'en',
				change: 'changed',
				otherChanged: false,
				fields: [
					expect.objectContaining({
						path: 'sections.0.blocks.0.text',
						pieces: [
							{ kind: 'same', text: 'Ask' },
							{ kind: 'added', text: 'a nurse' },
							{ kind: 'same', text: 'for help.' }
						],
						added: 2,
						removed: 0
					})
				]
			})
		]);
		expect(since?.details).toEqual([
			{
				field: 'evidenceLinks',
				pieces: [
					{ kind: 'same', text: 'https://www.nice.org.uk/guidance/ng89' },
					{ kind: 'added', text: 'https://www.nice.org.uk/ng249' }
				]
			}
		]);

		// Returned again: compared with what the reviewer read the second time.
		await takeStep(db, reviewer, version.id, 'return', { comment: 'Now the contact.' }, at());
		expect(await changes(briefingId)).toMatchObject({
			comment: 'Now the contact.',
			variants: [],
			details: []
		});
	});

	it('are kept to the version’s own organisation', async () => {
		const { briefingId, version } = await studio.newDraft('falls-return');
		await saveVariant(db, lead, version, 1, leaflet('Ask for help.'), at());
		await takeStep(db, lead, version.id, 'submit', {}, at());
		await takeStep(db, reviewer, version.id, 'return', { comment: 'More.' }, at());
		const v = await reread(briefingId);
		expect(await changesSinceReturn(db, 'another-organisation', v)).toBeNull();
	});
});
