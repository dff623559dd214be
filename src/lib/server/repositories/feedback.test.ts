import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { FEEDBACK_TEXT_MAX } from '$lib/domain/feedback';
import type { Db } from '../db/database';
import { openDemoDatabase } from '../test-support/demo-database';
import {
	recordPatientView,
	commentToStore,
	submitFeedback,
	FEEDBACK_LIMITS,
	VIEW_EVENT_LIMIT
} from '../patient-feedback';
import { addressKey, hitRateLimits } from '../rate-limit';
import { applyChanges } from '../sync/apply-changes';
import { patientTokenHash } from '../sync/patient-token';
import { countFeedback, listRecentFeedback, recordViewEvent, saveFeedback } from './feedback';

let db: Db;
let demo: Awaited<ReturnType<typeof openDemoDatabase>>;
let briefingId: string;
let organisationId: string;
const now = new Date('2026-03-10T09:00:00Z');
const later = (hours: number) => new Date(now.getTime() + hours * 3_600_000);
const token = (n: number) => `token-number-${String(n).padStart(10, '0')}`;

beforeAll(async () => {
	demo = await openDemoDatabase(now);
	db = demo.db;
	const briefing = await db
		.selectFrom('briefing')
		.select(['id', 'organisation_id'])
		.where('slug', '=', 'your-safety-on-our-ward')
		.executeTakeFirstOrThrow();
	briefingId = briefing.id;
	organisationId = briefing.organisation_id;
}, 20_000);
afterAll(() => db.destroy());

describe('saveFeedback', () => {
	it('keeps every response through a token for a day, then closes it', async () => {
		const input = {
			briefingId,
			language: 'en' as const,
			token: token(1),
			overall: 'good' as const
		};
		expect(await saveFeedback(db, input, now)).toBe('saved');
		expect(await saveFeedback(db, { ...input, overall: 'veryGood' }, later(23))).toBe('updated');
		expect(await saveFeedback(db, { ...input, overall: 'poor' }, later(25))).toBe('closed');
		const rows = await db
			.selectFrom('feedback')
			.selectAll()
			.where('token_hash', '=', patientTokenHash(token(1)))
			.execute();
		// History: both responses kept, in order; the closed one stored nothing.
		expect(rows.map((r) => r.overall)).toEqual(['good', 'veryGood']);
		expect(rows[1]).toMatchObject({ token_hash: patientTokenHash(token(1)) });
		// The token itself is never stored.
		expect(JSON.stringify(rows)).not.toContain(token(1));
	});

	it("keeps the organisation's local day a response arrived on", async () => {
		// 23:30 UTC on Saturday 25 October 2025 is 00:30 BST on Sunday 26 October (before `now`).
		const token42 = token(42);
		const input = { briefingId, language: 'en' as const, token: token42, overall: 'good' as const };
		await saveFeedback(db, input, new Date('2025-10-25T23:30:00Z'));
		const row = await db
			.selectFrom('feedback')
			.select(['received_at', 'received_day'])
			.where('token_hash', '=', patientTokenHash(token42))
			.executeTakeFirstOrThrow();
		expect(row).toEqual({ received_at: '2025-10-25T23:30:00.000Z', received_day: '2025-10-26' });
	});

	it('stores each public-link response on its own, and free text as text', async () => {
		const script = '<script>alert("x")</script>';
		// After the token's responses above, so these two are the latest.
		await saveFeedback(db, { briefingId, language: 'cy', freeText: script }, later(30));
		await saveFeedback(db, { briefingId, language: 'cy', overall: 'dontKnow' }, later(30));
		const [first, second] = await listRecentFeedback(db, organisationId);
		expect([first?.freeText, second?.freeText]).toContain(script);
	});

	it('links feedback to the version the token’s delivery was given, even once retired', async () => {
		const nurse = await demo.account('ward7@demo.example');
		const ward = { id: await demo.wardId('Ward 7') };
		const group = { id: await demo.firstGroupId() };
		const version = await db
			.selectFrom('briefing_version')
			.select('id')
			.where('briefing_id', '=', briefingId)
			.executeTakeFirstOrThrow();
		const record = {
			id: uuidv7(),
			wardId: ward.id,
			patientGroupId: group.id,
			briefingId,
			versionId: version.id,
			format: 'leaflet' as const,
			language: 'en' as const,
			outcome: 'delivered' as const,
			talkedThrough: true,
			interpreterUsed: false,
			carerPresent: false,
			teachBack: 'confirmed' as const,
			recordedAt: now.toISOString(),
			patientToken: token(7)
		};
		await applyChanges(
			db,
			nurse,
			[{ id: record.id, kind: 'deliveryRecord', payload: record }],
			now
		);
		await db
			.updateTable('briefing_version')
			.set({ status: 'retired', retired_at: later(1).toISOString() })
			.where('id', '=', version.id)
			.execute();
		try {
			expect(
				await saveFeedback(
					db,
					{ briefingId, language: 'en', token: token(7), overall: 'good' },
					later(2)
				)
			).toBe('saved');
			const row = await db
				.selectFrom('feedback')
				.selectAll()
				.where('token_hash', '=', patientTokenHash(token(7)))
				.executeTakeFirstOrThrow();
			expect(row).toMatchObject({ delivery_id: record.id, version_id: version.id });
			// Without the token, a retired briefing takes no feedback.
			expect(
				await saveFeedback(db, { briefingId, language: 'en', overall: 'good' }, later(2))
			).toBe('unknownBriefing');
		} finally {
			await db
				.updateTable('briefing_version')
				.set({ status: 'published', retired_at: null })
				.where('id', '=', version.id)
				.execute();
		}
	});

	it('refuses feedback for a briefing that is not published', async () => {
		const inReview = await db
			.selectFrom('briefing')
			.select('id')
			.where('slug', '=', 'sepsis-when-to-get-help')
			.executeTakeFirstOrThrow();
		expect(
			await saveFeedback(db, { briefingId: inReview.id, language: 'en', overall: 'good' })
		).toBe('unknownBriefing');
	});
});

describe('a submission the phone sends again (its reply lost)', () => {
	const rowsNamed = (...ids: string[]) =>
		db
			.selectFrom('feedback')
			.select(['submission_id', 'overall'])
			.where('submission_id', 'in', ids)
			.orderBy('received_at')
			.execute();

	it('is stored once under one id, and twice under two', async () => {
		const [first, second] = [randomUUID(), randomUUID()];
		const input = { briefingId, language: 'en' as const, overall: 'good' as const };
		expect(await saveFeedback(db, { ...input, submissionId: first }, now)).toBe('saved');
		expect(await saveFeedback(db, { ...input, submissionId: first }, later(1))).toBe('saved');
		expect(await rowsNamed(first)).toEqual([{ submission_id: first, overall: 'good' }]);
		expect(await saveFeedback(db, { ...input, submissionId: second }, later(2))).toBe('saved');
		expect(await rowsNamed(first, second)).toHaveLength(2);
	});

	it('through a token, is answered as the first time, even once the link has closed', async () => {
		const [first, change] = [randomUUID(), randomUUID()];
		const input = { briefingId, language: 'en' as const, token: token(40) };
		const send = (submissionId: string, overall: 'good' | 'poor', at: Date) =>
			saveFeedback(db, { ...input, submissionId, overall }, at);
		expect(await send(first, 'good', now)).toBe('saved');
		expect(await send(change, 'poor', later(2))).toBe('updated');
		expect(await send(first, 'good', later(3))).toBe('saved');
		expect(await send(change, 'poor', later(30))).toBe('updated');
		expect((await rowsNamed(first, change)).map((r) => r.overall)).toEqual(['good', 'poor']);
	});

	it('is stored once when both copies arrive at the same moment', async () => {
		const id = randomUUID();
		const input = { briefingId, language: 'en' as const, overall: 'good' as const };
		const outcomes = await Promise.all(
			[1, 2, 3].map(() => saveFeedback(db, { ...input, submissionId: id }, now))
		);
		expect(outcomes).toEqual(['saved', 'saved', 'saved']);
		expect(await rowsNamed(id)).toHaveLength(1);
	});

	it('without an id (a page from before), is stored each time as before', async () => {
		const input = { briefingId, language: 'en' as const, freeText: `no id ${randomUUID()}` };
		await saveFeedback(db, input, now);
		await saveFeedback(db, input, now);
		const rows = await db
			.selectFrom('feedback')
			.select('submission_id')
			.where('free_text', '=', input.freeText)
			.execute();
		expect(rows).toEqual([{ submission_id: null }, { submission_id: null }]);
	});
});

describe('submitFeedback and identifiers in a comment', () => {
	it('stores the comment with an NHS number, phone number and email address masked', async () => {
		const freeText = 'Lovely staff. I am 943 476 5919, ring 07700 900123 or jo@example.com';
		expect(
			await submitFeedback(db, { briefingId, language: 'en', freeText }, '192.0.2.77', later(9))
		).toBe('saved');
		const stored = await db
			.selectFrom('feedback')
			.select('free_text')
			.where('free_text', 'like', 'Lovely staff.%')
			.execute();
		expect(stored.map((r) => r.free_text)).toEqual([
			'Lovely staff. I am [NHS number removed], ring [phone number removed] or [email address removed]'
		]);
		// Nowhere in any row, spaced or not. Whole numbers, not their last digits: a row's random
		// ids and hashes are hex, and held "5919" in one CI run.
		expect(JSON.stringify(await db.selectFrom('feedback').selectAll().execute())).not.toMatch(
			/943\s?476\s?5919|07700\s?900123|jo@example/
		);
	});

	it('keeps a masked comment within the length allowed', () => {
		const long = '1234567, '.repeat(111).trim(); // 998 characters: 111 numbers, each masked
		expect(commentToStore(long)).toMatchObject({ removed: ['number'] });
		expect(commentToStore(long).freeText!.length).toBeLessThanOrEqual(FEEDBACK_TEXT_MAX);
	});
});

describe('submitFeedback rate limits', () => {
	it('refuses a flood for one token without affecting another token', async () => {
		const flood = {
			briefingId,
			language: 'en' as const,
			token: token(2),
			overall: 'good' as const
		};
		for (let i = 0; i < FEEDBACK_LIMITS.token.max; i++)
			expect(await submitFeedback(db, flood, `10.0.0.${i}`, now)).not.toHaveProperty('limited');
		expect(await submitFeedback(db, flood, '10.0.1.1', now)).toMatchObject({ limited: true });
		expect(await submitFeedback(db, { ...flood, token: token(3) }, '10.0.1.1', now)).toBe('saved');
		// Over an hour later the token may be used again, and its response is still changeable.
		expect(await submitFeedback(db, flood, '10.0.1.2', later(1.1))).toBe('updated');
	});

	it('refuses a flood from one address', async () => {
		const at = later(5);
		for (let i = 0; i < FEEDBACK_LIMITS.address.max; i++)
			await submitFeedback(db, { briefingId, language: 'en', overall: 'good' }, '192.0.2.9', at);
		expect(
			await submitFeedback(db, { briefingId, language: 'en', overall: 'good' }, '192.0.2.9', at)
		).toMatchObject({ limited: true, retryAfterMinutes: 60 });
		expect(
			await submitFeedback(db, { briefingId, language: 'en', overall: 'good' }, '192.0.2.10', at)
		).toBe('saved');
	});

	it('refuses a flood from one IPv6 network, however its addresses rotate within it', async () => {
		const at = later(5);
		const good = { briefingId, language: 'en', overall: 'good' } as const;
		for (let i = 0; i < FEEDBACK_LIMITS.address.max; i++)
			await submitFeedback(db, good, `2001:db8:a:b::${(i + 1).toString(16)}`, at);
		expect(await submitFeedback(db, good, '2001:db8:a:b:ffff::9', at)).toMatchObject({
			limited: true
		});
		expect(await submitFeedback(db, good, '2001:db8:a:c::1', at)).toBe('saved');
	});
});

/** A delivery recorded on Ward 7 whose QR code carries `patientToken`. */
async function deliveredWithToken(patientToken: string) {
	const nurse = await demo.account('ward7@demo.example');
	const version = await db
		.selectFrom('briefing_version')
		.select('id')
		.where('briefing_id', '=', briefingId)
		.executeTakeFirstOrThrow();
	const id = uuidv7();
	const payload = {
		id,
		wardId: await demo.wardId('Ward 7'),
		patientGroupId: await demo.firstGroupId(),
		briefingId,
		versionId: version.id,
		format: 'leaflet' as const,
		language: 'en' as const,
		outcome: 'delivered' as const,
		talkedThrough: true,
		interpreterUsed: false,
		carerPresent: false,
		teachBack: 'confirmed' as const,
		recordedAt: now.toISOString(),
		patientToken
	};
	await applyChanges(db, nurse, [{ id, kind: 'deliveryRecord', payload }], now);
}

const viewEventsOf = (t: string) =>
	db
		.selectFrom('patient_view_event')
		.select(['event', 'at'])
		.where('token_hash', '=', patientTokenHash(t))
		.orderBy('event')
		.execute();

const countRows = async (table: 'patient_view_event' | 'rate_limit_window' | 'feedback') =>
	Number(
		(
			await db
				.selectFrom(table)
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.executeTakeFirstOrThrow()
		).n
	);

describe('recordViewEvent', () => {
	it('records opened and finished once each per delivery’s token', async () => {
		await deliveredWithToken(token(9));
		await recordViewEvent(db, token(9), 'opened', now);
		await recordViewEvent(db, token(9), 'opened', later(1));
		await recordViewEvent(db, token(9), 'finished', later(1));
		expect(await viewEventsOf(token(9))).toEqual([
			{ event: 'finished', at: later(1).toISOString() },
			{ event: 'opened', at: now.toISOString() }
		]);
	});

	it('stores nothing for a well-formed token that no delivery holds', async () => {
		const before = await countRows('patient_view_event');
		expect(await recordViewEvent(db, token(10), 'opened', now)).toBe(false);
		expect(await countRows('patient_view_event')).toBe(before);
	});
});

describe('recordPatientView', () => {
	it('neither stores nor counts anything for a made-up token, however many', async () => {
		const events = await countRows('patient_view_event');
		const hits = await countRows('rate_limit_window');
		for (let n = 100; n < 400; n++)
			expect(await recordPatientView(db, token(n), 'opened', '192.0.2.50', now)).toBe('ignored');
		expect(await countRows('patient_view_event')).toBe(events);
		expect(await countRows('rate_limit_window')).toBe(hits);
	});

	it('records a real token once, and limits an address', async () => {
		await deliveredWithToken(token(11));
		expect(await recordPatientView(db, token(11), 'opened', '192.0.2.51', now)).toBe('recorded');
		expect(await recordPatientView(db, token(11), 'opened', '192.0.2.51', now)).toBe('ignored');
		for (let i = 0; i < VIEW_EVENT_LIMIT.max; i++)
			await hitRateLimits(
				db,
				[{ key: `view:${addressKey('192.0.2.52')}`, limit: VIEW_EVENT_LIMIT }],
				now
			);
		expect(await recordPatientView(db, token(11), 'finished', '192.0.2.52', now)).toMatchObject({
			limited: true
		});
		expect(await recordPatientView(db, token(11), 'finished', '192.0.2.53', now)).toBe('recorded');
	});
});

describe('a suspended organisation', () => {
	async function suspended<T>(work: () => Promise<T>): Promise<T> {
		const set = (at: string | null) =>
			db
				.updateTable('organisation')
				.set({ suspended_at: at })
				.where('id', '=', organisationId)
				.execute();
		await set(now.toISOString());
		try {
			return await work();
		} finally {
			await set(null);
		}
	}

	it('takes in no feedback and no view event, through a token or not', async () => {
		await deliveredWithToken(token(20));
		const feedback = await countRows('feedback');
		const events = await countRows('patient_view_event');
		await suspended(async () => {
			const answer = { briefingId, language: 'en' as const, overall: 'good' as const };
			expect(await submitFeedback(db, answer, '192.0.2.60', now)).toBe('notAvailable');
			expect(await saveFeedback(db, { ...answer, token: token(20) }, now)).toBe('notAvailable');
			expect(await recordPatientView(db, token(20), 'opened', '192.0.2.60', now)).toBe(
				'notAvailable'
			);
			expect(await recordViewEvent(db, token(20), 'finished', now)).toBe(false);
		});
		expect(await countRows('feedback')).toBe(feedback);
		expect(await countRows('patient_view_event')).toBe(events);
		// Restored, the same link works again.
		expect(await recordPatientView(db, token(20), 'opened', '192.0.2.61', now)).toBe('recorded');
	});
});

describe('listRecentFeedback and countFeedback', () => {
	it('pages back through every response, newest first, and can keep only those with a comment', async () => {
		const [all, commented] = await Promise.all([
			countFeedback(db, organisationId),
			countFeedback(db, organisationId, { withComments: true })
		]);
		// Five responses later than any other in this file, every other one with a comment.
		for (let i = 0; i < 5; i++)
			await saveFeedback(
				db,
				{ briefingId, language: 'en', overall: 'good', freeText: i % 2 ? '' : `comment ${i}` },
				later(1000 + i)
			);
		expect(await countFeedback(db, organisationId)).toBe(all + 5);
		expect(await countFeedback(db, organisationId, { withComments: true })).toBe(commented + 3);

		const first = await listRecentFeedback(db, organisationId, { limit: 2 });
		const second = await listRecentFeedback(db, organisationId, { limit: 2, offset: 2 });
		expect([...first, ...second].map((f) => f.receivedAt)).toEqual(
			[1004, 1003, 1002, 1001].map((h) => later(h).toISOString())
		);
		const withComments = await listRecentFeedback(db, organisationId, {
			limit: 3,
			withComments: true
		});
		expect(withComments.map((f) => f.freeText)).toEqual(['comment 4', 'comment 2', 'comment 0']);
		// Past the last page: nothing, not an error.
		expect(await listRecentFeedback(db, organisationId, { offset: all + 5 })).toEqual([]);
	});
});
