import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/database';
import { openDemoDatabase } from '../test-support/demo-database';
import { listRecentFeedback, saveFeedback } from './feedback';
import { equityInput } from './equity';
import { measureSeries } from './measurement';

/*
 * Issue 12, "every patient answer kept": each response through one QR link is kept, a later
 * one-question answer never erases an earlier comment, and the measures count each link's
 * latest answer to each question once.
 */

const now = new Date('2026-11-26T09:00:00Z');
const monday = new Date('2026-11-23T10:00:00Z');
const tuesday = new Date('2026-11-24T10:00:00Z');
const token = (n: number) => `history-token-${String(n).padStart(10, '0')}`;
let db: Db;
let organisationId: string;
let briefingId: string;

beforeAll(async () => {
	const demo = await openDemoDatabase(now);
	db = demo.db;
	const briefing = await db
		.selectFrom('briefing')
		.select(['id', 'organisation_id'])
		.where('slug', '=', 'your-safety-on-our-ward')
		.executeTakeFirstOrThrow();
	briefingId = briefing.id;
	organisationId = briefing.organisation_id;

	const answer = (input: object, at: Date) =>
		saveFeedback(db, { briefingId, language: 'en', ...input }, at);
	// Link 1: a rating and a comment, then the next day only "knows how to get help".
	expect(
		await answer({ token: token(1), overall: 'good', freeText: 'The nurse was kind' }, monday)
	).toBe('saved');
	expect(await answer({ token: token(1), knowsHowToGetHelp: 'yes' }, tuesday)).toBe('updated');
	// Link 2: changed their mind about the rating.
	await answer({ token: token(2), overall: 'poor' }, monday);
	await answer({ token: token(2), overall: 'veryGood' }, tuesday);
	// The public link (no token): every response counts.
	await answer({ overall: 'good' }, monday);
	await answer({ overall: 'poor' }, monday);
}, 20_000);
afterAll(() => db.destroy());

describe('feedback history', () => {
	it('keeps every response, so a later one-question answer never erases a comment', async () => {
		const all = await listRecentFeedback(db, organisationId);
		expect(all).toHaveLength(6);
		expect(all.map((f) => f.freeText)).toContain('The nurse was kind');
		expect(all.filter((f) => f.knowsHowToGetHelp === 'yes')).toHaveLength(1);
	});

	it('counts each link’s latest answer to each question once, on the day it was given', async () => {
		const series = await measureSeries(db, organisationId, {
			slice: {},
			kind: 'week',
			today: '2026-11-26'
		});
		// Link 1 good, link 2 very good (not poor), public good and poor: 3 of 4.
		expect(series.feedbackPositive.at(-1)).toMatchObject({ numerator: 3, denominator: 4 });
		// Link 1's Tuesday answer counts, and its Monday rating is still counted above.
		expect(series.knowsHowToGetHelp.at(-1)).toMatchObject({ numerator: 1, denominator: 1 });
		const days = await measureSeries(db, organisationId, {
			slice: { languages: ['en'] },
			kind: 'week',
			today: '2026-11-26'
		});
		expect(days.feedbackPositive.at(-1)).toMatchObject({ numerator: 3, denominator: 4 });
	});

	it('uses the same latest answers on the equity view', async () => {
		const input = await equityInput(db, organisationId, '2026-11-01');
		expect(input.feedbackByLanguage.get('en')).toEqual({ numerator: 3, denominator: 4 });
	});
});
