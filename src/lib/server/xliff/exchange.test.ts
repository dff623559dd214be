import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { VariantOf } from '$lib/domain/briefing';
import type { StaffAccount } from '$lib/domain/staff';
import type { Db } from '../db/database';
import {
	createBriefingWithDraft,
	getVersion,
	saveImportedTranslations,
	saveVariant
} from '../repositories/briefing-versions';
import { listAudit } from '../repositories/audit';
import { partialsOf, translationStates } from '../repositories/translations';
import { openDemoDatabase } from '../test-support/demo-database';
import { fillTargets } from '../test-support/xliff-agency';
import { exportXliff, planImport, xliffFileName, type Plan } from './exchange';
import { versionTexts } from './version-texts';

const now = new Date('2026-12-05T09:00:00Z');
let db: Db;
let lead: StaffAccount;
let briefingId = '';

const english: VariantOf<'leaflet'> = {
	format: 'leaflet',
	language: 'en',
	translationChecked: false,
	title: 'Falls',
	sections: [
		{
			heading: 'Call',
			blocks: [
				{ kind: 'paragraph', text: 'Press the bell before you get up.' },
				{ kind: 'list', items: ['Wear your glasses', 'Use your frame'] }
			]
		}
	],
	contact: ''
};
const arabic = {
	title: 'السقوط',
	'sections.0.heading': 'اتصل',
	'sections.0.blocks.0.text': 'اضغط الجرس قبل أن تنهض.',
	'sections.0.blocks.1.text': 'ارتد نظارتك\nاستخدم المشاية'
};

beforeEach(async () => {
	const demo = await openDemoDatabase(now);
	db = demo.db;
	lead = await demo.account('lead@demo.example');
	const created = await createBriefingWithDraft(
		db,
		lead,
		{ topic: 'Falls', slug: 'falls-xliff', ownerId: lead.id },
		now
	);
	if (!created.ok) throw new Error('not created');
	briefingId = created.id;
	const v = await current();
	expect(await saveVariant(db, lead, v, v.revision, english, now)).toBe('saved');
}, 20_000);
afterEach(async () => {
	await db.destroy();
});

async function current() {
	const version = await getVersion(db, lead.organisationId, briefingId, 1);
	if (!version) throw new Error('no version');
	return version;
}
const texts = async () => versionTexts(db, lead.organisationId, briefingId, await current());
const label = ({ path }: { path: string }) => path;
const exported = async (language: 'ar' | 'pl' = 'ar') =>
	exportXliff(await texts(), language, { label, note: () => 'Keep line breaks' });
const plan = async (xml: string) => planImport(xml, await texts(), ['ar', 'pl', 'cy']);
async function apply(result: Plan) {
	if (!result.ok) throw new Error(JSON.stringify(result.problems));
	const v = await current();
	return saveImportedTranslations(
		db,
		lead,
		v,
		v.revision,
		result.language,
		result.formats.filter((f) => f.changed).map((f) => f.draft),
		now
	);
}
const problems = (result: Plan) => (result.ok ? [] : result.problems);

describe('the XLIFF round trip', () => {
	it('exports the source fields with text, and an agency’s targets come back as the translation', async () => {
		const xml = await exported();
		expect(xml).toContain('srcLang="en" trgLang="ar"');
		expect(xml).toContain(`original="briefings/${briefingId}/versions/1/leaflet"`);
		// The empty contact is not asked for; the list is one unit, a line an item.
		expect([...xml.matchAll(/<unit id="([^"]+)"/g)].map((m) => m[1])).toEqual(Object.keys(arabic));
		expect(xml).toContain('Wear your glasses\nUse your frame');

		const result = await plan(fillTargets(xml, arabic));
		expect(result).toMatchObject({ ok: true, language: 'ar' });
		if (!result.ok) return;
		expect(result.formats[0]).toMatchObject({ complete: true, changed: true });
		expect(result.formats[0]?.rows[0]).toEqual({
			path: 'title',
			source: 'Falls',
			current: '',
			imported: 'السقوط'
		});
		expect(await apply(result)).toBe('saved');

		const v = await current();
		const saved = v.variants.find((x) => x.language === 'ar') as VariantOf<'leaflet'>;
		expect(saved).toMatchObject({ title: 'السقوط', translationChecked: false });
		expect(saved.sections[0]?.blocks[1]).toEqual({
			kind: 'list',
			items: ['ارتد نظارتك', 'استخدم المشاية']
		});
		// Each field's source is recorded, so a later English change flags it (H79).
		const [state] = await translationStates(db, lead.organisationId, v.id);
		expect(state).toMatchObject({ complete: true, progress: { done: 4, total: 4 }, stale: [] });
		const audit = await listAudit(db, lead.organisationId, { subjectId: v.id });
		expect(audit.find((a) => a.detail.from === 'xliff')).toMatchObject({
			action: 'edited',
			detail: expect.objectContaining({ language: 'ar', from: 'xliff', partial: false })
		});

		// Exported again, the file carries the translation for the agency to revise.
		expect(await exported()).toContain('<target>السقوط</target>');
	});

	it('keeps a part-done file as a part-done translation, as the editor would', async () => {
		const result = await plan(fillTargets(await exported(), { title: 'السقوط' }));
		expect(result.ok && result.formats[0]).toMatchObject({
			complete: false,
			progress: { done: 1, total: 4 }
		});
		expect(await apply(result)).toBe('saved');
		const v = await current();
		expect(v.variants.map((x) => x.language)).toEqual(['en']);
		const [partial] = await partialsOf(db, lead.organisationId, v.id);
		expect(partial).toMatchObject({ language: 'ar', draft: { title: 'السقوط' } });
	});

	it('stores nothing for a file returned with no translation in it', async () => {
		const result = await plan(await exported());
		expect(result.ok && result.formats.map((f) => f.changed)).toEqual([false]);
	});

	it('changes nothing when the same file is imported twice', async () => {
		const xml = fillTargets(await exported(), arabic);
		expect(await apply(await plan(xml))).toBe('saved');
		const before = await current();
		const again = await plan(xml);
		expect(again.ok && again.formats.map((f) => f.changed)).toEqual([false]);
		expect(await apply(again)).toBe('saved');
		const after = await current();
		expect(after.variants).toEqual(before.variants);
	});

	it('never ticks "checked by a qualified translator", and a change clears a tick', async () => {
		const v = await current();
		await saveVariant(
			db,
			lead,
			v,
			v.revision,
			{ ...english, language: 'ar', translationChecked: true, title: 'قديم' },
			now
		);
		const result = await plan(fillTargets(await exported(), arabic));
		expect(await apply(result)).toBe('saved');
		const ar = (await current()).variants.find((x) => x.language === 'ar');
		expect(ar).toMatchObject({ title: 'السقوط', translationChecked: false });
	});

	it('stores nothing when the draft changed since the preview', async () => {
		const result = await plan(fillTargets(await exported(), arabic));
		if (!result.ok) throw new Error('refused');
		const v = await current();
		await saveVariant(db, lead, v, v.revision, { ...english, contact: 'Ward 7' }, now);
		expect(
			await saveImportedTranslations(
				db,
				lead,
				v,
				v.revision,
				'ar',
				result.formats.map((f) => f.draft),
				now
			)
		).toBe('stale');
		expect((await current()).variants.map((x) => x.language)).toEqual(['en']);
		expect(await partialsOf(db, lead.organisationId, v.id)).toEqual([]);
	});

	it('stores nothing in a version that is no longer a draft', async () => {
		const result = await plan(fillTargets(await exported(), arabic));
		if (!result.ok) throw new Error('refused');
		const v = await current();
		await db
			.updateTable('briefing_version')
			.set({ status: 'inReview' })
			.where('id', '=', v.id)
			.where('organisation_id', '=', lead.organisationId)
			.execute();
		const drafts = result.formats.map((f) => f.draft);
		expect(await saveImportedTranslations(db, lead, v, v.revision, 'ar', drafts, now)).toBe(
			'notEditable'
		);
		expect((await current()).variants.map((x) => x.language)).toEqual(['en']);
	});

	it('names the file for its topic, version and language', () => {
		expect(xliffFileName('Your safety on our ward', 3, 'ar')).toBe(
			'your-safety-on-our-ward-v3-ar.xlf'
		);
		expect(xliffFileName('Sepsis: when to get help', 1, 'pl', 'leaflet')).toBe(
			'sepsis-when-to-get-help-v1-leaflet-pl.xlf'
		);
	});
});

describe('an import is refused whole, naming each problem', () => {
	it('from another version of the briefing', async () => {
		const xml = (await exported()).replace('/versions/1/', '/versions/2/');
		expect(problems(await plan(fillTargets(xml, arabic)))).toEqual([
			{ message: 'xliff.errors.wrongVersion', values: { found: 2 } }
		]);
	});

	it('from another briefing', async () => {
		const xml = (await exported()).replace(briefingId, '0193a000-0000-7000-8000-000000000000');
		expect(problems(await plan(xml))).toEqual([{ message: 'xliff.errors.wrongBriefing' }]);
	});

	it('into a language the organisation does not offer, or from another source language', async () => {
		const xml = (await exported()).replace(
			'srcLang="en" trgLang="ar"',
			'srcLang="cy" trgLang="so"'
		);
		expect(problems(await plan(xml))).toEqual([
			{ message: 'xliff.errors.wrongSource', values: { found: 'cy', expected: 'en' } },
			{ message: 'xliff.errors.wrongTarget', values: { found: 'so' } }
		]);
	});

	it('with a unit the version does not have, and one missing', async () => {
		const xml = (await exported()).replace(
			'<unit id="sections.0.heading"',
			'<unit id="sections.9.heading"'
		);
		expect(problems(await plan(xml))).toEqual([
			{
				message: 'xliff.errors.unknown',
				fields: [{ format: 'leaflet', path: 'sections.9.heading' }]
			},
			{
				message: 'xliff.errors.missing',
				fields: [{ format: 'leaflet', path: 'sections.0.heading' }]
			}
		]);
	});

	it('when the source changed since the export, naming the stale fields', async () => {
		const xml = fillTargets(await exported(), arabic);
		const v = await current();
		const edited = structuredClone(english);
		edited.sections[0]!.heading = 'Call us';
		await saveVariant(db, lead, v, v.revision, edited, now);
		expect(problems(await plan(xml))).toEqual([
			{ message: 'xliff.errors.stale', fields: [{ format: 'leaflet', path: 'sections.0.heading' }] }
		]);
		expect(await partialsOf(db, lead.organisationId, v.id)).toEqual([]);
	});

	it('when a tool changed the source it sent back', async () => {
		const xml = fillTargets(await exported(), arabic, { title: 'Falling' });
		expect(problems(await plan(xml))).toEqual([
			{ message: 'xliff.errors.stale', fields: [{ format: 'leaflet', path: 'title' }] }
		]);
	});

	it('with markup where plain text belongs, or a text over the field’s limit', async () => {
		const xml = fillTargets(await exported(), { ...arabic, title: 'x'.repeat(121) }).replace(
			'<target>اتصل</target>',
			'<target><ph id="1"/>اتصل</target>'
		);
		expect(problems(await plan(xml))).toEqual([
			{
				message: 'xliff.errors.markup',
				fields: [{ format: 'leaflet', path: 'sections.0.heading' }]
			},
			{
				message: 'errors.tooLong',
				values: { max: 120 },
				fields: [{ format: 'leaflet', path: 'title' }]
			}
		]);
	});

	it('not XML, XLIFF 1.2, a DTD, or too large', async () => {
		expect(problems(await plan('title,السقوط'))).toEqual([
			{ message: 'xliff.errors.notXml', values: { line: 1 } }
		]);
		expect(
			problems(await plan('<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"/>'))
		).toEqual([{ message: 'xliff.errors.notXliff2', values: { version: '1.2' } }]);
		const xxe = (await exported()).replace(
			'<xliff',
			'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xliff'
		);
		expect(problems(await plan(xxe))).toEqual([{ message: 'xliff.errors.doctype', values: {} }]);
		expect(problems(await plan(`<a>${'x'.repeat(1024 * 1024)}</a>`))).toEqual([
			{ message: 'xliff.errors.tooLarge', values: { max: 1024 } }
		]);
	});
});
