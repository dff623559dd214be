import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { shownStatus, type VariantOf } from '$lib/domain/briefing';
import type { StaffAccount } from '$lib/domain/staff';
import type { Db } from '../db/database';
import { openStudioDemo } from '../test-support/demo-database';
import { listAudit } from './audit';
import {
	createBriefingWithDraft,
	getBriefingDetail,
	getVersion,
	removeCaptions,
	reviewDue,
	saveVariant,
	saveVersionDetails,
	startNewDraft
} from './briefing-versions';
import { listBriefings } from './briefings';
import { awaitingReview, takeStep, type GovernanceStep } from './content-governance';
import { changesSinceReturn } from './version-returns';

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

const leaflet = (text: string): VariantOf<'leaflet'> => ({
	format: 'leaflet',
	language: 'en',
	translationChecked: false,
	title: 'Falls',
	sections: [{ heading: 'Call', blocks: [{ kind: 'paragraph', text }] }],
	contact: ''
});

const video: VariantOf<'video'> = {
	format: 'video',
	language: 'en',
	translationChecked: false,
	title: 'Falls',
	sources: [{ kind: 'upload', path: `/uploads/${'a'.repeat(64)}.mp4`, mimeType: 'video/mp4' }],
	captions: [
		{ language: 'en', path: `/uploads/${'b'.repeat(64)}.vtt` },
		{ language: 'cy', path: `/uploads/${'c'.repeat(64)}.vtt` }
	],
	transcript: '',
	poster: null,
	durationSeconds: 60
};

const newBriefing = () => studio.newDraft('falls');

describe('saving a draft', () => {
	it('refuses a save against an older revision and keeps the first save', async () => {
		const { version } = await newBriefing();
		expect(await saveVariant(db, lead, version, version.revision, leaflet('First'))).toBe('saved');
		expect(await saveVariant(db, lead, version, version.revision, leaflet('Second'))).toBe('stale');
		const saved = await getVersion(db, lead.organisationId, version.briefingId, 1);
		expect(saved?.variants[0]).toMatchObject({
			sections: [{ blocks: [{ text: 'First' }] }]
		});
		expect(saved?.revision).toBe(version.revision + 1);
	});

	it('refuses a second briefing with the same slug', async () => {
		await newBriefing();
		expect(
			await createBriefingWithDraft(db, lead, { topic: 'x', slug: 'falls', ownerId: lead.id })
		).toEqual({ ok: false, problem: 'slugTaken' });
	});
});

describe('removing a caption track', () => {
	async function withVideo() {
		const { briefingId, version } = await newBriefing();
		expect(await saveVariant(db, lead, version, version.revision, video, now)).toBe('saved');
		return { briefingId, version, revision: version.revision + 1 };
	}
	const videoOf = async (briefingId: string) =>
		(await getVersion(db, lead.organisationId, briefingId, 1))?.variants.find(
			(v) => v.format === 'video'
		);

	it('takes one language’s track off the video, moves the revision on and is audited', async () => {
		const { briefingId, version, revision } = await withVideo();
		const later = new Date(now.getTime() + 1000);
		expect(await removeCaptions(db, lead, version, revision, 'en', 'cy', later)).toBe('saved');
		expect(await videoOf(briefingId)).toMatchObject({
			captions: [{ language: 'en', path: `/uploads/${'b'.repeat(64)}.vtt` }]
		});
		expect((await getVersion(db, lead.organisationId, briefingId, 1))?.revision).toBe(revision + 1);
		const [latest] = await listAudit(db, lead.organisationId, { subjectId: version.id });
		expect(latest).toMatchObject({
			action: 'removedCaptions',
			actorId: lead.id,
			detail: { format: 'video', language: 'en', captions: 'cy' }
		});
	});

	it('refuses a removal from an older revision, keeping the track', async () => {
		const { briefingId, version, revision } = await withVideo();
		expect(await saveVariant(db, lead, version, revision, { ...video, title: 'Falls 2' })).toBe(
			'saved'
		);
		expect(await removeCaptions(db, lead, version, revision, 'en', 'cy')).toBe('stale');
		expect(await videoOf(briefingId)).toMatchObject({
			title: 'Falls 2',
			captions: [{ language: 'en' }, { language: 'cy' }]
		});
	});

	it('refuses a removal once the version is submitted', async () => {
		const { briefingId, version, revision } = await withVideo();
		expect(await takeStep(db, lead, version.id, 'submit', {}, now)).toEqual({ ok: true });
		const submitted = await getVersion(db, lead.organisationId, briefingId, 1);
		expect(
			await removeCaptions(db, lead, version, submitted?.revision ?? revision, 'en', 'cy')
		).toBe('notEditable');
		expect(await videoOf(briefingId)).toMatchObject({
			captions: [{ language: 'en' }, { language: 'cy' }]
		});
	});

	it('answers notFound for a track the video does not have, without touching the version', async () => {
		const { briefingId, version, revision } = await withVideo();
		expect(await removeCaptions(db, lead, version, revision, 'en', 'ar')).toBe('notFound');
		expect(await removeCaptions(db, lead, version, revision, 'cy', 'cy')).toBe('notFound');
		expect((await getVersion(db, lead.organisationId, briefingId, 1))?.revision).toBe(revision);
	});
});

describe('governance', () => {
	it('goes from draft to published, with a returned review on the way, all audited', async () => {
		const { briefingId, version } = await newBriefing();
		// A second apart, so the audit trail's order is the order of the steps.
		let tick = 0;
		const at = () => new Date(now.getTime() + ++tick * 1000);
		await saveVariant(db, lead, version, 1, leaflet('Ask for help.'), at());
		expect(await takeStep(db, lead, version.id, 'approve')).toEqual({
			ok: false,
			problem: 'forbidden'
		});
		expect(await takeStep(db, lead, version.id, 'submit', {}, at())).toEqual({ ok: true });
		// Submitted: immutable.
		expect(await saveVariant(db, lead, version, 3, leaflet('Changed'))).toBe('notEditable');
		expect(await saveVersionDetails(db, lead, version, 3, {} as never)).toBe('notEditable');
		expect(await takeStep(db, reviewer, version.id, 'return')).toEqual({
			ok: false,
			problem: 'commentRequired'
		});
		await takeStep(db, reviewer, version.id, 'return', { comment: 'Say who to call.' }, at());
		const returned = await getVersion(db, lead.organisationId, briefingId, 1);
		expect(returned).toMatchObject({ status: 'draft', reviewComment: 'Say who to call.' });
		await saveVariant(db, lead, version, returned?.revision ?? 0, leaflet('Call a nurse.'), at());
		await takeStep(db, lead, version.id, 'submit', {}, at());
		await takeStep(db, reviewer, version.id, 'approve', {}, at());
		expect(await takeStep(db, lead, version.id, 'publish', {}, at())).toEqual({ ok: true });
		const published = await getVersion(db, lead.organisationId, briefingId, 1);
		expect(published?.approvedBy?.name).toBe(reviewer.displayName);
		expect(published?.status).toBe('published');

		// A new draft copies it; publishing that retires version 1.
		expect(await startNewDraft(db, lead, briefingId, now)).toEqual({ ok: true, number: 2 });
		expect(await startNewDraft(db, lead, briefingId, now)).toEqual({
			ok: false,
			problem: 'openVersionExists'
		});
		const two = await getVersion(db, lead.organisationId, briefingId, 2);
		expect(two?.variants).toEqual(published?.variants);
		for (const [who, step] of [
			[lead, 'submit'],
			[reviewer, 'approve'],
			[lead, 'publish']
		] as const)
			expect(await takeStep(db, who, two?.id ?? '', step, {}, at())).toEqual({ ok: true });
		const detail = await getBriefingDetail(db, lead.organisationId, briefingId);
		expect(detail?.versions.map((v) => [v.number, v.status])).toEqual([
			[2, 'published'],
			[1, 'retired']
		]);
		const actions = (await listAudit(db, lead.organisationId, { subjectId: version.id }))
			.map((e) => e.action)
			.reverse();
		expect(actions).toEqual([
			'created',
			'edited',
			'submitted',
			'returned',
			'edited',
			'submitted',
			'approved',
			'published'
		]);
	});

	it('refuses to submit a version that could not be published, and says what it needs', async () => {
		const { briefingId, version } = await newBriefing();
		await saveVariant(db, lead, version, 1, leaflet('Ask for help.'), now);
		const details = { reviewBy: '2030-01-01', evidenceLinks: [], userTestingNote: ' ' };
		expect(await saveVersionDetails(db, lead, version, 2, details, now)).toBe('saved');
		// Once submitted it could never change: so it would stop at "cannot be published" for good.
		expect(await takeStep(db, lead, version.id, 'submit', {}, now)).toEqual({
			ok: false,
			problem: 'cannotSubmit',
			problems: ['noEvidence', 'noUserTesting', 'reviewByTooFar']
		});
		expect((await getVersion(db, lead.organisationId, briefingId, 1))?.status).toBe('draft');
	});

	it('refuses approval once the review-by date has passed in review: the reviewer returns it', async () => {
		const { version } = await newBriefing();
		await saveVariant(db, lead, version, 1, leaflet('Ask for help.'), now);
		const details = {
			reviewBy: '2026-12-01',
			evidenceLinks: ['https://www.nice.org.uk/guidance/ng89'],
			userTestingNote: 'Read by three patients.'
		};
		expect(await saveVersionDetails(db, lead, version, 2, details, now)).toBe('saved');
		expect(await takeStep(db, lead, version.id, 'submit', {}, now)).toEqual({ ok: true });
		const later = new Date('2026-12-02T09:00:00Z');
		expect(await takeStep(db, reviewer, version.id, 'approve', {}, later)).toEqual({
			ok: false,
			problem: 'cannotApprove',
			problems: ['reviewByPast']
		});
		const back = { comment: 'The review-by date has passed: set a new one.' };
		expect(await takeStep(db, reviewer, version.id, 'return', back, later)).toEqual({ ok: true });
	});

	it('takes an approved version back to draft with the lead’s reason, voiding the approval', async () => {
		const { briefingId, version } = await newBriefing();
		await saveVariant(db, lead, version, 1, leaflet('Ask for help.'), now);
		const details = {
			reviewBy: '2026-12-01',
			evidenceLinks: ['https://www.nice.org.uk/guidance/ng89'],
			userTestingNote: 'Read by three patients.'
		};
		expect(await saveVersionDetails(db, lead, version, 2, details, now)).toBe('saved');
		for (const [who, step] of [
			[lead, 'submit'],
			[reviewer, 'approve']
		] as const)
			expect(await takeStep(db, who, version.id, step, {}, now)).toEqual({ ok: true });
		// The date passes while it waits to be published: it can no longer be published as it is.
		const later = new Date('2026-12-02T09:00:00Z');
		expect(await takeStep(db, lead, version.id, 'publish', {}, later)).toMatchObject({
			ok: false,
			problem: 'cannotPublish'
		});
		const why = 'The review-by date passed before it was published.';
		expect(await takeStep(db, reviewer, version.id, 'withdraw', { comment: why }, later)).toEqual({
			ok: false,
			problem: 'forbidden'
		});
		expect(await takeStep(db, lead, version.id, 'withdraw', {}, later)).toEqual({
			ok: false,
			problem: 'commentRequired'
		});
		expect(
			await takeStep(db, lead, version.id, 'withdraw', { comment: 'x'.repeat(4001) }, later)
		).toEqual({ ok: false, problem: 'commentTooLong' });
		expect(await takeStep(db, lead, version.id, 'withdraw', { comment: why }, later)).toEqual({
			ok: true
		});
		const draft = await getVersion(db, lead.organisationId, briefingId, 1);
		expect(draft).toMatchObject({ status: 'draft', approvedBy: null, reviewComment: null });
		// Only an approved version may be withdrawn; and the reviewer is shown what changed since.
		expect(await takeStep(db, lead, version.id, 'withdraw', { comment: why }, later)).toEqual({
			ok: false,
			problem: 'wrongStatus'
		});
		const [withdrawn] = await listAudit(db, lead.organisationId, { subjectId: version.id });
		expect(withdrawn).toMatchObject({ action: 'approvalWithdrawn', detail: { comment: why } });
		const since = await changesSinceReturn(db, lead.organisationId, draft!);
		expect(since).toMatchObject({ comment: why, returnedBy: { id: lead.id } });

		// A new date, and round again.
		const renewed = { ...details, reviewBy: '2027-12-01' };
		expect(await saveVersionDetails(db, lead, version, draft!.revision, renewed, later)).toBe(
			'saved'
		);
		for (const [who, step] of [
			[lead, 'submit'],
			[reviewer, 'approve'],
			[lead, 'publish']
		] as const)
			expect(await takeStep(db, who, version.id, step, {}, later)).toEqual({ ok: true });
	});

	it('shows a withdrawn approval as a draft, even when a reviewer had returned it before', async () => {
		const { briefingId, version } = await newBriefing();
		await saveVariant(db, lead, version, 1, leaflet('Ask for help.'), now);
		const details = {
			reviewBy: '2027-12-01',
			evidenceLinks: ['https://www.nice.org.uk/guidance/ng89'],
			userTestingNote: 'Read by three patients.'
		};
		expect(await saveVersionDetails(db, lead, version, 2, details, now)).toBe('saved');
		const shown = async () => {
			const detail = await getVersion(db, lead.organisationId, briefingId, 1);
			const listed = (await listBriefings(db, lead.organisationId)).find(
				(b) => b.id === briefingId
			);
			return [shownStatus(detail!), shownStatus(listed!.latestVersion!), detail!.reviewComment];
		};
		// One step a minute: a return (or withdrawal) is kept by its time.
		let minute = 0;
		const step = (who: StaffAccount, name: GovernanceStep, comment?: string) =>
			takeStep(db, who, version.id, name, { comment }, new Date(now.getTime() + ++minute * 60_000));
		const back = 'Say where the call bell is.';
		expect(await step(lead, 'submit')).toEqual({ ok: true });
		expect(await step(reviewer, 'return', back)).toEqual({ ok: true });
		expect(await shown()).toEqual(['returned', 'returned', back]);
		expect(await step(lead, 'submit')).toEqual({ ok: true });
		expect(await step(reviewer, 'approve')).toEqual({ ok: true });
		expect(await step(lead, 'withdraw', 'The call bell has moved.')).toEqual({ ok: true });
		// Its latest step is the lead's withdrawal, not the reviewer's return: a draft, as a version
		// withdrawn without an earlier return shows (the tag said "Returned").
		expect(await shown()).toEqual(['draft', 'draft', null]);
		// Returned again, it is "Returned" again.
		expect(await step(lead, 'submit')).toEqual({ ok: true });
		expect(await step(reviewer, 'return', back)).toEqual({ ok: true });
		expect(await shown()).toEqual(['returned', 'returned', back]);
	});
});

describe('reviewDue', () => {
	it('lists the seeded briefing due for review within 60 days', async () => {
		const due = await reviewDue(db, lead.organisationId, now.toISOString().slice(0, 10));
		expect(due.map((d) => [d.topic, d.state])).toEqual([["Call, don't fall", 'dueSoon']]);
		const later = await reviewDue(db, lead.organisationId, '2028-01-01');
		expect(later.some((d) => d.state === 'overdue')).toBe(true);
	});
});

describe('awaitingReview', () => {
	it('lists submitted versions, longest waiting first, and drops one once it is returned', async () => {
		// The demo has "Sepsis: when to get help" in review.
		expect((await awaitingReview(db, lead.organisationId)).map((r) => r.topic)).toEqual([
			'Sepsis: when to get help'
		]);
		const { briefingId, version } = await newBriefing();
		await saveVariant(db, lead, version, 1, leaflet('Move often.'), now);
		const submittedAt = new Date(now.getTime() + 60_000);
		expect(await takeStep(db, lead, version.id, 'submit', {}, submittedAt)).toEqual({ ok: true });
		const waiting = await awaitingReview(db, lead.organisationId);
		expect(waiting).toHaveLength(2);
		expect(waiting.find((w) => w.briefingId === briefingId)).toEqual({
			briefingId,
			topic: expect.any(String),
			number: 1,
			submittedAt: submittedAt.toISOString(),
			submittedBy: lead.displayName
		});
		await takeStep(db, reviewer, version.id, 'return', { comment: 'Add what to do.' }, now);
		expect((await awaitingReview(db, lead.organisationId)).map((r) => r.briefingId)).not.toContain(
			briefingId
		);
	});
});
