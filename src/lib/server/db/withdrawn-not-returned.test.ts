import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { shownStatus, type VariantOf } from '$lib/domain/briefing';
import type { StaffAccount } from '$lib/domain/staff';
import { getVersion, saveVariant, saveVersionDetails } from '../repositories/briefing-versions';
import { listBriefings } from '../repositories/briefings';
import { takeStep, type GovernanceStep } from '../repositories/content-governance';
import { openStudioDemo } from '../test-support/demo-database';
import type { Db } from './database';
import { up } from './migrations/047-withdrawn-not-returned';

/*
 * Migration 047 on both engines (beside the migrations, their tests run on SQLite alone): a
 * version withdrawn after an earlier return, as the code before the fix left it in the database,
 * reads "Draft" once migrated; a version whose latest step is a return stays "Returned".
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

const leaflet: VariantOf<'leaflet'> = {
	format: 'leaflet',
	language: 'en',
	translationChecked: false,
	title: 'Falls',
	sections: [{ heading: 'Call', blocks: [{ kind: 'paragraph', text: 'Ask for help.' }] }],
	contact: ''
};
const back = 'Say where the call bell is.';

// One step a minute: a return (or withdrawal) is kept by its time.
let minute = 0;
const at = () => new Date(now.getTime() + ++minute * 60_000);

/** A briefing whose version 1 has been through `steps`; its id and version 1's id. */
async function through(slug: string, steps: GovernanceStep[]) {
	const { briefingId, version } = await studio.newDraft(slug);
	await saveVariant(db, lead, version, 1, leaflet, now);
	const details = {
		reviewBy: '2027-12-01',
		evidenceLinks: ['https://www.nice.org.uk/guidance/ng89'],
		userTestingNote: 'Read by three patients.'
	};
	expect(await saveVersionDetails(db, lead, version, 2, details, now)).toBe('saved');
	for (const step of steps) {
		const who = step === 'return' || step === 'approve' ? reviewer : lead;
		const comment = step === 'return' ? back : step === 'withdraw' ? 'The bell moved.' : undefined;
		expect(await takeStep(db, who, version.id, step, { comment }, at())).toEqual({ ok: true });
	}
	return { briefingId, versionId: version.id };
}

/** What the studio shows: the version's tag on its page and in the briefings list, its callout. */
async function shown(briefingId: string) {
	const detail = await getVersion(db, lead.organisationId, briefingId, 1);
	const listed = (await listBriefings(db, lead.organisationId)).find((b) => b.id === briefingId);
	return [shownStatus(detail!), shownStatus(listed!.latestVersion!), detail!.reviewComment];
}

const returnedAt = async (versionId: string) =>
	(
		await db
			.selectFrom('briefing_version')
			.select('returned_at')
			.where('id', '=', versionId)
			.executeTakeFirstOrThrow()
	).returned_at;

describe('migration 047: a version withdrawn after a return', () => {
	it('is a draft once migrated; one whose latest step is a return stays returned', async () => {
		const withdrawn = await through('withdrawn', ['submit', 'return', 'submit', 'approve']);
		const firstReturn = await returnedAt(withdrawn.versionId);
		expect(
			await takeStep(db, lead, withdrawn.versionId, 'withdraw', { comment: 'Moved.' }, at())
		).toEqual({ ok: true });
		// As the code before the fix left it: the withdrawal kept the earlier return's time.
		await db
			.updateTable('briefing_version')
			.set({ returned_at: firstReturn })
			.where('id', '=', withdrawn.versionId)
			.execute();
		expect(await shown(withdrawn.briefingId)).toEqual(['returned', 'returned', null]);

		const returnedAgain = await through('returned-again', [
			'submit',
			'return',
			'submit',
			'approve',
			'withdraw',
			'submit',
			'return'
		]);
		const returnedOnce = await through('returned-once', ['submit', 'return']);
		const lastReturn = await returnedAt(returnedAgain.versionId);

		await up(db);

		expect(await shown(withdrawn.briefingId)).toEqual(['draft', 'draft', null]);
		expect(await returnedAt(withdrawn.versionId)).toBeNull();
		expect(await shown(returnedAgain.briefingId)).toEqual(['returned', 'returned', back]);
		expect(await returnedAt(returnedAgain.versionId)).toBe(lastReturn);
		expect(await shown(returnedOnce.briefingId)).toEqual(['returned', 'returned', back]);
		// Run again (a second server starting), it changes nothing more.
		await up(db);
		expect(await shown(returnedAgain.briefingId)).toEqual(['returned', 'returned', back]);
		expect(await shown(withdrawn.briefingId)).toEqual(['draft', 'draft', null]);
	});
});
