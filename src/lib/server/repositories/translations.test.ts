import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { VariantOf } from '$lib/domain/briefing';
import type { StaffAccount } from '$lib/domain/staff';
import { draftFromVariant, type DraftOf } from '$lib/domain/variant-draft';
import type { Db } from '../db/database';
import { openStudioDemo } from '../test-support/demo-database';
import { listAudit } from './audit';
import {
	getVersion,
	recordTranslationReason,
	removeVariant,
	savePartialVariant,
	saveVariant
} from './briefing-versions';
import { takeStep } from './content-governance';
import { partialsOf, translationStates } from './translations';

const now = new Date('2026-12-04T09:00:00Z');
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

const leaflet = (
	language: 'en' | 'ar',
	[title, heading, text]: [string, string, string],
	translationChecked = false
): VariantOf<'leaflet'> => ({
	format: 'leaflet',
	language,
	translationChecked,
	title,
	sections: [{ heading, blocks: [{ kind: 'paragraph', text }] }],
	contact: ''
});
const english = leaflet('en', ['Falls', 'Call', 'Press the bell before you get up.']);
const arabic = leaflet('ar', ['السقوط', 'اتصل', 'اضغط الجرس قبل أن تنهض.'], true);

let briefingId = '';
async function current() {
	const version = await getVersion(db, lead.organisationId, briefingId, 1);
	if (!version) throw new Error('no version');
	return version;
}
async function save(variant: VariantOf<'leaflet'>) {
	const v = await current();
	expect(await saveVariant(db, lead, v, v.revision, variant, now)).toBe('saved');
}
async function savePartial(draft: DraftOf<'leaflet'>) {
	const v = await current();
	expect(await savePartialVariant(db, lead, v, v.revision, 'ar', draft, now)).toBe('saved');
}
const states = async () => translationStates(db, lead.organisationId, (await current()).id);
const details = async () => {
	const v = await current();
	await db
		.updateTable('briefing_version')
		.set({ evidence_links: JSON.stringify(['https://example.org']), user_testing_note: 'Tested' })
		.where('id', '=', v.id)
		.where('organisation_id', '=', lead.organisationId)
		.execute();
};

beforeEach(async () => {
	briefingId = (await studio.newDraft('falls-translations')).briefingId;
	await save(english);
}, 20_000);

describe('a translation saved part-done', () => {
	const half = { ...(draftFromVariant(arabic) as DraftOf<'leaflet'>), translationChecked: false };
	half.sections = [{ heading: 'اتصل', blocks: [{ kind: 'paragraph', text: '' }] }];

	it('is kept apart from the version variants, with its progress, and moves in once complete', async () => {
		await savePartial(half);
		const v = await current();
		expect(v.variants.map((x) => x.language)).toEqual(['en']);
		expect(await partialsOf(db, lead.organisationId, v.id)).toEqual([
			{ format: 'leaflet', language: 'ar', draft: half }
		]);
		expect(await states()).toMatchObject([
			{ format: 'leaflet', language: 'ar', complete: false, progress: { done: 2, total: 3 } }
		]);

		await save(arabic);
		expect((await current()).variants.map((x) => x.language)).toEqual(['ar', 'en']);
		expect(await partialsOf(db, lead.organisationId, v.id)).toEqual([]);
		expect(await states()).toMatchObject([{ complete: true, progress: { done: 3, total: 3 } }]);
	});

	it('blocks submitting, naming the format and language, and nothing changes', async () => {
		await savePartial(half);
		const v = await current();
		expect(await takeStep(db, lead, v.id, 'submit', {}, now)).toEqual({
			ok: false,
			problem: 'incompleteTranslations',
			variants: [{ format: 'leaflet', language: 'ar', done: 2, total: 3 }]
		});
		expect((await current()).status).toBe('draft');
		expect((await current()).revision).toBe(v.revision);
	});

	it('replaces a complete translation emptied again, and goes when the variant is removed', async () => {
		await save(arabic);
		await savePartial(half);
		expect((await current()).variants.map((x) => x.language)).toEqual(['en']);
		const v = await current();
		expect(await removeVariant(db, lead, v, v.revision, 'leaflet', 'ar', now)).toBe('saved');
		expect(await partialsOf(db, lead.organisationId, v.id)).toEqual([]);
		expect(await states()).toEqual([]);
	});

	it('is never the source language', async () => {
		const v = await current();
		await expect(
			savePartialVariant(db, lead, v, v.revision, 'en', { ...half }, now)
		).rejects.toThrow();
	});
});

describe('a translation whose source changed', () => {
	const changed = leaflet('en', ['Falls', 'Call', 'Press the red bell before you stand up.']);

	it('is flagged with the word diff, loses its check (audited) and blocks approval', async () => {
		await save(arabic);
		await save(changed);
		const [state] = await states();
		expect(state?.stale).toEqual([
			{
				path: 'sections.0.blocks.0.text',
				before: 'Press the bell before you get up.',
				after: 'Press the red bell before you stand up.',
				pieces: [
					{ kind: 'same', text: 'Press the' },
					{ kind: 'added', text: 'red' },
					{ kind: 'same', text: 'bell before you' },
					{ kind: 'removed', text: 'get' },
					{ kind: 'added', text: 'stand' },
					{ kind: 'same', text: 'up.' }
				]
			}
		]);
		const v = await current();
		expect(v.variants.find((x) => x.language === 'ar')?.translationChecked).toBe(false);
		const audit = await listAudit(db, lead.organisationId);
		expect(audit.map((a) => a.action)).toContain('translationUnchecked');

		await details();
		expect(await takeStep(db, lead, v.id, 'submit', {}, now)).toEqual({ ok: true });
		expect(await takeStep(db, reviewer, v.id, 'approve', {}, now)).toEqual({
			ok: false,
			problem: 'staleTranslations',
			variants: [{ format: 'leaflet', language: 'ar', done: 3, total: 3 }]
		});
		expect((await current()).status).toBe('inReview');
	});

	it('treats text saved before the sources were kept as made from the source as it was', async () => {
		await save(arabic);
		await db.deleteFrom('translation_source').execute();
		await save(changed);
		expect((await states())[0]?.stale.map((s) => s.before)).toEqual([
			'Press the bell before you get up.'
		]);
	});

	it('stays flagged when saved again unchanged, and clears when the field is translated again', async () => {
		await save(arabic);
		await save(changed);
		await save(arabic);
		expect((await states())[0]?.stale).toHaveLength(1);
		await save(leaflet('ar', ['السقوط', 'اتصل', 'اضغط الجرس الأحمر قبل أن تقف.']));
		expect((await states())[0]?.stale).toEqual([]);
	});

	it('clears with a lead reason, stored, shown and audited; then it may be approved', async () => {
		await save(arabic);
		await save(changed);
		const v = await current();
		const field = { format: 'leaflet', language: 'ar', path: 'sections.0.blocks.0.text' } as const;
		expect(
			await recordTranslationReason(db, lead, v, v.revision, field, 'Same advice in Arabic', now)
		).toBe('saved');
		expect(await states()).toMatchObject([
			{
				stale: [],
				reasons: [{ path: field.path, reason: 'Same advice in Arabic', at: now.toISOString() }]
			}
		]);
		const audit = await listAudit(db, lead.organisationId);
		expect(audit.map((a) => a.action)).toContain('translationReason');
		// Not stale now: a second reason changes nothing.
		const after = await current();
		expect(
			await recordTranslationReason(db, lead, after, after.revision, field, 'Again', now)
		).toBe('notFound');
		expect((await current()).revision).toBe(after.revision);

		await details();
		expect(await takeStep(db, lead, v.id, 'submit', {}, now)).toEqual({ ok: true });
		expect(await takeStep(db, reviewer, v.id, 'approve', {}, now)).toEqual({ ok: true });
	});

	it('is flagged again when the source changes after a reason', async () => {
		await save(arabic);
		await save(changed);
		const v = await current();
		const field = { format: 'leaflet', language: 'ar', path: 'sections.0.blocks.0.text' } as const;
		await recordTranslationReason(db, lead, v, v.revision, field, 'Same advice', now);
		await save(leaflet('en', ['Falls', 'Call', 'Take two tablets.']));
		expect((await states())[0]?.stale.map((s) => s.after)).toEqual(['Take two tablets.']);
		expect((await states())[0]?.reasons).toEqual([]);
	});
});
