/*
 * Six months of made-up history for the demo organisation, so a lead trying the toolkit sees
 * what measurement looks like in use: admissions, delivery records, patient feedback, one change
 * tried on Ward 7 (easy read and teach-back, ten weeks ago) and an aim judged on it.
 *
 * Only complete weeks before the current one are filled, so today's ward work starts from
 * nothing. The numbers come from a seeded random generator: every demo shows the same story.
 * No record holds anything about a patient beyond what any delivery record holds.
 *
 * As on a real ward, some records leave questions unanswered ("not recorded": about one in
 * eight, one in twenty on Ward 7 once its change started), and some patients needed a language
 * other than the one given (English with an interpreter for a patient who needed Polish or
 * Urdu): unmet need. These come from a second generator, so the story the first one tells
 * (the change on Ward 7, the aim) stays the same.
 */
import { randomUUID } from 'node:crypto';
import type { DeliveryOutcome, TeachBack } from '$lib/domain/delivery-record';
import type { FftAnswer } from '$lib/domain/feedback';
import type { BriefingFormat } from '$lib/domain/format';
import { localDay } from '$lib/domain/local-time';
import { weekStartOf } from '$lib/domain/measurement/period';
import type { Db } from '../db/database';
import type { Insertable } from 'kysely';
import type { DeliveryRecordTable, FeedbackTable } from '../db/schema';
import { recountOrganisation } from '../repositories/day-counts';
import { organisationTimeZone } from '../repositories/organisations';

const DAY_MS = 86_400_000;
const WEEKS = 26;
/** Weeks before the current one when Ward 7 started easy read and teach-back. */
const CHANGE_WEEKS_AGO = 10;
export const demoChange = 'Easy read leaflets and teach-back started on Ward 7';

/** Mulberry32: a small, seeded generator, so the demo is the same every time. */
export function generator(seed: number) {
	let a = seed >>> 0;
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const pick = <T>(weights: ReadonlyArray<readonly [T, number]>): T => {
		let r = next() * weights.reduce((sum, [, w]) => sum + w, 0);
		for (const [value, w] of weights) if ((r -= w) < 0) return value;
		return weights[weights.length - 1]![0];
	};
	return { next, pick, chance: (p: number) => next() < p };
}

/** Who each ward admits: patient-group name patterns and their shares. */
const wardMix: Record<string, { admissions: number; groups: Array<[RegExp, number]> }> = {
	'Ward 7': {
		admissions: 42,
		groups: [
			[/^General adult/, 40],
			[/limited English/, 15],
			[/learning disability/, 12],
			[/dementia/, 15],
			[/falls/, 13],
			[/Blind/, 5]
		]
	},
	'Ward 12': {
		admissions: 36,
		groups: [
			[/Planned surgery/, 50],
			[/^General adult/, 20],
			[/falls/, 15],
			[/Going home/, 10],
			[/Deaf/, 5]
		]
	},
	'Elm Ward': {
		admissions: 30,
		groups: [
			[/falls/, 40],
			[/dementia/, 35],
			[/Blind/, 10],
			[/^General adult/, 10],
			[/Deaf/, 5]
		]
	},
	'Rainbow Ward': { admissions: 22, groups: [[/Children/, 100]] }
};

const fft = (worse: boolean): Array<[FftAnswer, number]> => [
	['veryGood', worse ? 34 : 56],
	['good', worse ? 30 : 28],
	['neither', worse ? 14 : 6],
	['poor', worse ? 9 : 3],
	['veryPoor', worse ? 5 : 2],
	['dontKnow', worse ? 8 : 5]
];

/** Languages patients needed when they were briefed in English: the demo's unmet need. */
const neededInstead = [
	['pl', 5],
	['ur', 4],
	['ro', 2],
	['pa', 2],
	['so', 1]
] as const;

/**
 * What the nurse left unanswered on a record and the language the patient needed, from their
 * own generator: a record saved with only its outcome (the rush of a busy shift), or a single
 * question skipped.
 */
function gapsIn(gaps: ReturnType<typeof generator>, changed: boolean) {
	const rushed = gaps.chance(changed ? 0.03 : 0.08);
	const skipped = () => rushed || gaps.chance(changed ? 0.02 : 0.05);
	return {
		talkedThrough: skipped(),
		interpreterUsed: skipped(),
		carerPresent: skipped(),
		teachBack: skipped()
	};
}

/** Adds the history inside the seed's transaction. */
export async function seedDemoHistory(db: Db, organisationId: string, now: Date): Promise<void> {
	const rng = generator(20261126);
	const gaps = generator(20261203);
	const [wards, groups, variants, staff] = await Promise.all([
		db
			.selectFrom('ward')
			.select(['id', 'name'])
			.where('organisation_id', '=', organisationId)
			.execute(),
		db
			.selectFrom('patient_group')
			.select(['id', 'name', 'preferred_formats'])
			.where('organisation_id', '=', organisationId)
			.execute(),
		db
			.selectFrom('briefing_variant as x')
			.innerJoin('briefing_version as v', 'v.id', 'x.version_id')
			.innerJoin('briefing as b', 'b.id', 'v.briefing_id')
			.select(['b.id as briefingId', 'b.slug', 'v.id as versionId', 'x.format', 'x.language'])
			.where('b.organisation_id', '=', organisationId)
			.where('v.status', '=', 'published')
			.execute(),
		db
			.selectFrom('staff_account')
			.select(['id', 'role'])
			.where('organisation_id', '=', organisationId)
			.execute()
	]);
	const nurse = staff.find((s) => s.role === 'wardStaff')?.id ?? staff[0]!.id;
	const lead = staff.find((s) => s.role === 'engagementLead')?.id ?? nurse;
	const everyone = variants.filter((v) => v.slug === 'your-safety-on-our-ward');
	const falls = variants.filter((v) => v.slug === 'call-dont-fall');

	const zone = await organisationTimeZone(db, organisationId);
	const thisMonday = Date.parse(`${weekStartOf(localDay(now, zone))}T00:00:00Z`);
	const records: Insertable<DeliveryRecordTable>[] = [];
	const feedback: FeedbackTable[] = [];
	const admissions: Array<{ ward_id: string; week_start: string; admissions: number }> = [];

	for (let weeksAgo = WEEKS; weeksAgo >= 1; weeksAgo--) {
		const monday = thisMonday - weeksAgo * 7 * DAY_MS;
		for (const ward of wards) {
			const mix = wardMix[ward.name];
			if (!mix) continue;
			const changed = ward.name === 'Ward 7' && weeksAgo <= CHANGE_WEEKS_AGO;
			const admitted = mix.admissions + Math.round((rng.next() - 0.5) * 12);
			admissions.push({
				ward_id: ward.id,
				week_start: new Date(monday).toISOString().slice(0, 10),
				admissions: admitted
			});
			const coverage = (changed ? 0.8 : 0.64) + (rng.next() - 0.5) * 0.12;
			const briefed = Math.round(admitted * coverage);
			const groupShares = mix.groups.flatMap(([pattern, share]) => {
				const group = groups.find((g) => pattern.test(g.name));
				return group ? [[group, share] as const] : [];
			});
			for (let i = 0; i < briefed; i++) {
				const group = rng.pick(groupShares);
				const preferred = JSON.parse(group.preferred_formats) as BriefingFormat[];
				const limitedEnglish = /limited English/.test(group.name);
				const pool = /falls/.test(group.name) && rng.chance(0.5) ? falls : everyone;
				const language = limitedEnglish
					? rng.pick([
							['ar', 5],
							['cy', 1],
							['en', 2]
						] as const)
					: 'en';
				const inLanguage = pool.filter((v) => v.language === language);
				const offered = inLanguage.length ? inLanguage : pool.filter((v) => v.language === 'en');
				const fits = offered.filter((v) => preferred.includes(v.format as BriefingFormat));
				const fitRate = changed
					? 0.88
					: /learning disability|dementia/.test(group.name)
						? 0.35
						: 0.6;
				const choices = fits.length && rng.chance(fitRate) ? fits : offered;
				const variant = choices[Math.floor(rng.next() * choices.length)]!;
				const outcome = rng.pick<DeliveryOutcome>([
					['delivered', 86],
					['partly', 8],
					['declined', 4],
					['notPossibleNow', 2]
				]);
				const given = outcome === 'delivered' || outcome === 'partly';
				const teachBack: TeachBack = !given
					? 'notDone'
					: rng.pick([
							['confirmed', changed ? 72 : 38],
							['partly', 18],
							['notDone', changed ? 10 : 44]
						]);
				const day = Math.floor(rng.next() * 7);
				const minute = 7 * 60 + Math.floor(rng.next() * 14 * 60);
				const at = new Date(monday + day * DAY_MS + minute * 60_000).toISOString();
				const id = randomUUID();
				const skipped = gapsIn(gaps, changed);
				// Briefed in English: a patient with limited English often needed another language,
				// and now and then so did someone in another group.
				const languageNeeded =
					variant.language === 'en' && gaps.chance(limitedEnglish ? 0.8 : 0.02)
						? gaps.pick(neededInstead)
						: null;
				// The answers, drawn in the order the story's generator always drew them.
				const talkedThrough = given && rng.chance(changed ? 0.85 : 0.62) ? 1 : 0;
				const interpreted = limitedEnglish
					? rng.chance(0.7)
					: languageNeeded !== null && gaps.chance(0.7);
				const carerPresent = /dementia|Children/.test(group.name) && rng.chance(0.7) ? 1 : 0;
				const answer = (skip: boolean, value: number) => (skip ? null : value);
				records.push({
					id,
					organisation_id: organisationId,
					ward_id: ward.id,
					patient_group_id: group.id,
					briefing_id: variant.briefingId,
					version_id: variant.versionId,
					format: variant.format,
					language: variant.language,
					outcome,
					talked_through: answer(skipped.talkedThrough, talkedThrough),
					interpreter_used: answer(skipped.interpreterUsed, interpreted ? 1 : 0),
					carer_present: answer(skipped.carerPresent, carerPresent),
					teach_back: skipped.teachBack ? null : teachBack,
					language_needed: languageNeeded,
					recorded_at: at,
					recorded_day: localDay(at, zone),
					received_at: at,
					recorded_by: nurse,
					voided_at: null,
					voided_by: null
				});
				if (given && rng.chance(0.3)) {
					const answeredAt = new Date(Date.parse(at) + (1 + rng.next() * 30) * 3_600_000);
					feedback.push({
						id: randomUUID(),
						organisation_id: organisationId,
						briefing_id: variant.briefingId,
						version_id: variant.versionId,
						delivery_id: id,
						language: variant.language,
						overall: rng.pick(fft(limitedEnglish)),
						knows_how_to_get_help: rng.pick([
							['yes', changed ? 88 : 76],
							['notSure', 16],
							['no', 6]
						]),
						able_to_ask_hand_hygiene: rng.pick([
							['yes', 70],
							['notSure', 20],
							['no', 10]
						]),
						free_text: null,
						received_at: (answeredAt < now ? answeredAt : now).toISOString(),
						received_day: localDay(answeredAt < now ? answeredAt : now, zone),
						token_hash: null,
						updated_at: null,
						submission_id: null
					});
				}
			}
		}
	}

	const chunks = <T>(rows: T[], size: number) =>
		Array.from({ length: Math.ceil(rows.length / size) }, (_, i) =>
			rows.slice(i * size, (i + 1) * size)
		);
	for (const chunk of chunks(records, 500))
		await db.insertInto('delivery_record').values(chunk).execute();
	await recountOrganisation(db, organisationId);
	for (const chunk of chunks(feedback, 500))
		await db.insertInto('feedback').values(chunk).execute();
	const stamp = now.toISOString();
	await db
		.insertInto('admission_count')
		.values(
			admissions.map((a) => ({
				...a,
				organisation_id: organisationId,
				updated_at: stamp,
				updated_by: lead
			}))
		)
		.execute();

	const ward7 = wards.find((w) => w.name === 'Ward 7');
	await db
		.insertInto('measure_annotation')
		.values({
			id: randomUUID(),
			organisation_id: organisationId,
			on_date: new Date(thisMonday - CHANGE_WEEKS_AGO * 7 * DAY_MS).toISOString().slice(0, 10),
			text: demoChange,
			ward_id: ward7?.id ?? null,
			created_by: lead,
			created_at: stamp
		})
		.execute();
	const sixMonths = new Date(now.getTime() + 182 * DAY_MS).toISOString().slice(0, 10);
	await db
		.insertInto('aim')
		.values({
			id: randomUUID(),
			organisation_id: organisationId,
			title: 'Nine in ten patients on Ward 7 get their briefing in a format that suits them',
			measure: 'formatFit',
			target: 90,
			ward_ids: JSON.stringify(ward7 ? [ward7.id] : []),
			patient_group_ids: '[]',
			due_by: sixMonths,
			created_by: lead,
			created_at: stamp
		})
		.execute();
}
