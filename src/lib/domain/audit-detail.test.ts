import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	auditDetailKey,
	auditDetailKeys,
	auditSubjectKey,
	auditSubjectTypes,
	unlistedDetailKeys,
	type AuditFacts
} from './audit-detail';
import { auditDetailLines, type AuditWords } from './audit-detail-lines';
import {
	auditIdKeys,
	auditIds,
	auditNamedKinds,
	nameInWords,
	type AuditNames
} from './audit-names';
import { uiLanguages } from './language';
import { briefingFormats } from './format';
import { setAsideReasons } from './held-record';
import { holdReasons } from './sync';

const localesDir = join(import.meta.dirname, '../../../locales');
const read = (language: string, namespace: string): unknown =>
	JSON.parse(readFileSync(join(localesDir, language, `${namespace}.json`), 'utf8'));

function lookup(tree: unknown, dotted: string): unknown {
	return dotted
		.split('.')
		.reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], tree);
}

const wordless = (tree: unknown, keys: readonly string[]) =>
	keys.filter((key) => {
		const words = lookup(tree, key);
		return typeof words !== 'string' || words.trim() === '';
	});

describe('audit subjects and details in words', () => {
	it('lists each subject type and detail key once', () => {
		expect(new Set(auditSubjectTypes).size).toBe(auditSubjectTypes.length);
		expect(new Set(auditDetailKeys).size).toBe(auditDetailKeys.length);
	});

	// recordAudit takes only the listed subject types (its type), and refuses under test a
	// detail key not listed (repositories/audit.test.ts): what is listed is what is written.
	it.each(uiLanguages)('gives every subject type and detail key words in %s', (language) => {
		const admin = read(language, 'admin');
		expect(wordless(admin, auditSubjectTypes.map(auditSubjectKey))).toEqual([]);
		expect(wordless(admin, auditDetailKeys.map(auditDetailKey))).toEqual([]);
		expect(
			wordless(
				admin,
				['yes', 'no', 'line', 'changed'].map((k) => `administration.audit.${k}`)
			)
		).toEqual([]);
		// An id's name: a version's and a lesson's words, and each kind's words once deleted.
		expect(
			wordless(admin, [
				'administration.audit.names.briefing_version',
				'administration.audit.names.library_lesson',
				...auditNamedKinds.map((kind) => `administration.audit.names.gone.${kind}`)
			])
		).toEqual([]);
	});

	it('finds keys not listed at any depth', () => {
		expect(
			unlistedDetailKeys({
				number: 1,
				after: { role: 'admin', colour: 'red' },
				roleMap: [{ group: 'g', role: 'admin', shade: 1 }],
				secret: 'x'
			})
		).toEqual(['colour', 'shade', 'secret']);
		expect(unlistedDetailKeys({ libraryVersion: 1, version: 2, licence: 'CC-BY-4.0' })).toEqual([]);
	});

	it('is a type that takes listed keys only, at any depth (npm test type-checks this file)', () => {
		const listed: AuditFacts = { number: 1, after: { role: 'admin' }, fields: ['a'] };
		// @ts-expect-error -- 'colour' has no words: the type checker refuses it in code.
		const unlisted: AuditFacts = { after: { role: 'admin', colour: 'red' } };
		expect(unlistedDetailKeys(listed)).toEqual([]);
		expect(unlistedDetailKeys(unlisted)).toEqual(['colour']);
	});
});

describe('an audit detail as lines', () => {
	const english = { admin: read('en', 'admin'), common: read('en', 'common') } as Record<
		string,
		unknown
	>;
	const words: AuditWords = {
		t: (key, options) => {
			const [namespace, path] = key.split(':') as [string, string];
			const found = lookup(english[namespace], path);
			const text = typeof found === 'string' ? found : String(options?.defaultValue ?? key);
			return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(options?.[name]));
		},
		formatDate: (iso, style) => `${style}(${iso})`,
		languageName: (code) => ({ en: 'English', pl: 'Polski' })[code] ?? code
	};
	const lines = (detail: Record<string, unknown>) =>
		auditDetailLines(detail, words).map((l) => `${l.label}: ${l.value}`);

	it('names each fact of a library share, not its JSON', () => {
		expect(lines({ libraryVersion: 1, version: 3, licence: 'CC-BY-4.0' })).toEqual([
			'Library version: 1',
			'Version: 3',
			'Licence: CC-BY-4.0'
		]);
	});

	it('shows a change fact by fact, before → after where it changed', () => {
		expect(
			lines({
				before: { name: 'Ward 7', code: 'W7', retiredAt: null },
				after: { name: 'Ward 8', code: 'W7', retiredAt: '2026-12-03T09:00:00.000Z' }
			})
		).toEqual([
			'Name: Ward 7 → Ward 8',
			'Code: W7',
			'Retired: – → dateTime(2026-12-03T09:00:00.000Z)'
		]);
		expect(lines({ before: null, after: { email: 'a@nhs.example', role: 'admin' } })).toEqual([
			'Email: a@nhs.example',
			'Role: Admin'
		]);
		expect(
			lines({ before: { defaultLanguages: ['en'] }, after: { defaultLanguages: ['en', 'pl'] } })
		).toEqual(['Default languages: English → English, Polski']);
	});

	it('gives yes and no, days, counts and nested facts in words', () => {
		expect(
			lines({
				before: { disabled: false },
				after: { disabled: true },
				sessionsEnded: 2,
				dueBy: '2027-03-31',
				roleMap: [{ group: 'leads', role: 'engagementLead' }]
			})
		).toEqual([
			'Disabled: No → Yes',
			'Sessions ended: 2',
			'Due by: date(2027-03-31)',
			'Groups and roles: Group: leads, Role: Patient-engagement lead'
		]);
		// A change of a plain value (shared with the region or not).
		expect(lines({ before: false, after: true })).toEqual(['Before: No', 'After: Yes']);
	});

	it('gives formats, reasons, sources and charts in words; a lead’s own sentence as written', () => {
		expect(
			lines({ format: 'faceToFace', source: 'csv', chart: 'xmr', change: 'up', fields: 'details' })
		).toEqual([
			'Format: Face-to-face talk',
			'Source: Imported from a CSV file',
			'Chart: XmR chart',
			'Change: Moved up',
			'What changed: Evidence and review details'
		]);
		expect(lines({ reason: 'versionNotPublished' })).toEqual([
			'Reason: Version no longer published'
		]);
		expect(lines({ reason: 'The leaflet was a draft: not given.' })).toEqual([
			'Reason: The leaflet was a draft: not given.'
		]);
		// A code without words yet is shown as stored.
		expect(lines({ format: 'podcast' })).toEqual(['Format: podcast']);
	});

	it('has words for every format and every reason a held record is decided for, in every staff language', () => {
		for (const language of uiLanguages) {
			const values = lookup(read(language, 'admin'), 'administration.audit.values') as Record<
				string,
				Record<string, string>
			>;
			expect(Object.keys(values.format ?? {}).sort()).toEqual([...briefingFormats].sort());
			for (const reason of [...holdReasons, ...setAsideReasons.filter((r) => r !== 'other')])
				expect(values.reason?.[reason] ?? '', `${language} ${reason}`).toMatch(/\S/);
		}
	});

	describe('with the names of its ids', () => {
		const [ownBriefing, ward7, gone, region] = [
			'0b7c1f0e-0000-4000-8000-000000000001',
			'0b7c1f0e-0000-4000-8000-000000000002',
			'0b7c1f0e-0000-4000-8000-000000000003',
			'0b7c1f0e-0000-4000-8000-000000000004'
		];
		const names: AuditNames = {
			briefing: { [ownBriefing]: { name: 'Call, don’t fall' }, [gone]: null },
			ward: { [ward7]: { name: 'Ward 7' }, [gone]: null },
			patient_group: { [gone]: null },
			region: { [region]: { name: 'North ICB' } },
			briefing_version: { [gone]: { name: 'Call, don’t fall', number: 3 } }
		};
		const named = (detail: Record<string, unknown>, subjectType = '') =>
			auditDetailLines(detail, { ...words, names }, subjectType).map(
				(l) => `${l.label}: ${l.value}`
			);

		it('shows each id as its name, one since deleted in words, never the id', () => {
			expect(
				named({
					briefingId: ownBriefing,
					number: 2,
					before: { wardIds: [ward7], patientGroupIds: [] },
					after: { wardIds: [ward7, gone], patientGroupIds: [gone] }
				})
			).toEqual([
				'Wards: Ward 7 → Ward 7, a ward since deleted',
				'Patient groups: – → a patient group since deleted',
				'Briefing: Call, don’t fall',
				'Version: 2'
			]);
			expect(named({ briefings: [gone, ownBriefing], briefingId: gone })).toEqual([
				'Briefings: a briefing since deleted, Call, don’t fall',
				'Briefing: a briefing since deleted'
			]);
			// A region joined: its before and after are regions' ids.
			expect(named({ before: null, after: region }, 'region')).toEqual([
				'Before: –',
				'After: North ICB'
			]);
			// Without the names (or before they are looked up), as stored.
			expect(lines({ briefingId: ownBriefing })).toEqual([`Briefing: ${ownBriefing}`]);
		});

		it('names a version by its number and topic', () => {
			expect(nameInWords('briefing_version', gone, names, words.t)).toBe(
				'Version 3 of Call, don’t fall'
			);
			expect(nameInWords('ward', ward7, names, words.t)).toBe('Ward 7');
			expect(nameInWords('aim', gone, names, words.t)).toBeUndefined();
		});

		it('finds every id of every id-valued key, at any depth, and its subject’s', () => {
			const found = auditIds([
				{
					subjectType: 'aim',
					subjectId: 'aim-1',
					detail: {
						before: { wardIds: ['w1'], patientGroupIds: [] },
						after: { wardIds: ['w1', 'w2'], patientGroupIds: ['g1'] },
						libraryItem: 'i1'
					}
				},
				{
					subjectType: 'patient_group',
					subjectId: 'g2',
					detail: { briefings: ['b1', 'b2'], briefingId: 'b2' }
				},
				{ subjectType: 'region', subjectId: 'r2', detail: { before: 'r1', after: 'r2' } },
				{ subjectType: 'delivery_record', subjectId: 'd1', detail: { reason: 'x' } }
			]);
			expect(Object.fromEntries([...found].map(([k, v]) => [k, [...v].sort()]))).toEqual({
				aim: ['aim-1'],
				ward: ['w1', 'w2'],
				patient_group: ['g1', 'g2'],
				library_item: ['i1'],
				briefing: ['b1', 'b2'],
				region: ['r1', 'r2']
			});
			expect(
				Object.keys(auditIdKeys).every((k) => (auditDetailKeys as readonly string[]).includes(k))
			).toBe(true);
		});
	});

	it('shows a key it has no words for as stored', () => {
		expect(lines({ colour: 'red', empty: '' })).toEqual(['colour: red', 'empty: –']);
	});
});
