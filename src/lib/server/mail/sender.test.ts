import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailConfig } from '../config';
import type { Db } from '../db/database';
import { seedDemo } from '../seed/demo';
import { openTestDatabase, openTestDatabasePair } from '../test-support/test-database';
import { SmtpInbox } from '../test-support/smtp-inbox';
import { queueWeeklyDigests } from './digest';
import { RETRY_AFTER_MS, queueMessage } from './outbox';
import { deliverDue, smtpSend, withoutAddresses } from './sender';

/*
 * The sender against a real SMTP server on a local port: a relay that refuses is tried again
 * later and the message arrives once; two servers sending from one database send each message
 * once; the weekly digest is queued once a week, from Monday 07:00 local time.
 */

const origin = 'https://briefings.example.nhs.uk';
let inbox: SmtpInbox;
let mail: MailConfig;
let send: ReturnType<typeof smtpSend>;

beforeAll(async () => {
	inbox = await SmtpInbox.start();
	mail = { smtpUrl: inbox.url, from: 'briefings@example.nhs.uk', origin };
	send = smtpSend(mail.smtpUrl);
});
afterAll(async () => {
	send.close();
	await inbox.close();
});

const monday = new Date('2026-11-30T09:00:00Z');

async function queue(db: Db, count: number, now: Date) {
	const lead = await db
		.selectFrom('staff_account')
		.select(['id', 'organisation_id'])
		.where('email', '=', 'lead@demo.example')
		.executeTakeFirstOrThrow();
	for (let i = 1; i <= count; i++)
		await queueMessage(
			db,
			{
				organisationId: lead.organisation_id,
				recipientId: lead.id,
				event: 'submit',
				versionId: null,
				language: 'en',
				message: { subject: `Message ${i}`, text: `Body ${i}\n`, html: `<p>Body ${i}</p>` }
			},
			now
		);
}

const later = (now: Date, ms: number) => new Date(now.getTime() + ms);

describe('the sender', () => {
	it('tries a refused message again after each wait, sends it once, then gives another up after five', async () => {
		const db = await openTestDatabase();
		await seedDemo(db, monday);
		await queue(db, 1, monday);
		inbox.refuseNext(2);
		const first = await deliverDue(db, send, mail.from, () => monday);
		expect(first).toMatchObject({ sent: 0, retried: 1, givenUp: 0 });
		expect(first.errors[0]).toMatch(/451/);
		// Not due again until its wait is over.
		expect(await deliverDue(db, send, mail.from, () => later(monday, 59_000))).toMatchObject({
			sent: 0,
			retried: 0
		});
		const second = later(monday, RETRY_AFTER_MS[0]);
		expect(await deliverDue(db, send, mail.from, () => second)).toMatchObject({ retried: 1 });
		const third = later(second, RETRY_AFTER_MS[1]);
		expect(await deliverDue(db, send, mail.from, () => third)).toMatchObject({ sent: 1 });
		const arrived = await inbox.next();
		expect(arrived.subject).toBe('Message 1');
		expect(arrived.to).toEqual(['lead@demo.example']);
		expect(await deliverDue(db, send, mail.from, () => later(third, 86_400_000))).toMatchObject({
			sent: 0
		});
		const row = await db.selectFrom('mail_outbox').selectAll().executeTakeFirstOrThrow();
		expect(row).toMatchObject({ attempts: 2, sent_at: third.toISOString(), failed_at: null });

		// A relay down for good: five attempts, then given up with its reason kept.
		await db.deleteFrom('mail_outbox').execute();
		await queue(db, 1, monday);
		inbox.refuseNext(5);
		let at = monday;
		const outcomes = [];
		for (const wait of [...RETRY_AFTER_MS, 0]) {
			const r = await deliverDue(db, send, mail.from, () => at);
			outcomes.push(r.givenUp ? 'givenUp' : r.retried ? 'retry' : 'none');
			at = later(at, wait);
		}
		expect(outcomes).toEqual(['retry', 'retry', 'retry', 'retry', 'givenUp']);
		const givenUp = await db.selectFrom('mail_outbox').selectAll().executeTakeFirstOrThrow();
		expect(givenUp.attempts).toBe(5);
		expect(givenUp.sent_at).toBeNull();
		expect(givenUp.last_error).toMatch(/451/);
		expect(inbox.received).toHaveLength(1);
		await db.destroy();
	}, 30_000);

	it('with two servers on one database, sends each message once', async () => {
		const [a, b] = await openTestDatabasePair();
		await seedDemo(a, monday);
		await queue(a, 12, monday);
		const before = inbox.received.length;
		const results = await Promise.all([
			deliverDue(a, send, mail.from, () => monday),
			deliverDue(b, send, mail.from, () => monday),
			deliverDue(a, send, mail.from, () => monday),
			deliverDue(b, send, mail.from, () => monday)
		]);
		expect(results.reduce((n, r) => n + r.sent, 0)).toBe(12);
		const subjects = inbox.received.slice(before).map((m) => m.subject);
		expect(subjects.sort()).toEqual(
			Array.from({ length: 12 }, (_, i) => `Message ${i + 1}`).sort()
		);
		const sent = await a.selectFrom('mail_outbox').select('sent_at').execute();
		expect(sent.every((r) => r.sent_at !== null)).toBe(true);
		await a.destroy();
		await b.destroy();
	}, 30_000);
});

describe('the log line of a failure', () => {
	it('names no address', () => {
		expect(
			withoutAddresses(
				"Can't send mail - all recipients were rejected: 550 5.1.1 <lead@demo.example>: unknown"
			)
		).toBe("Can't send mail - all recipients were rejected: 550 5.1.1 <[address]>: unknown");
	});
});

describe('the weekly digest', () => {
	it('is queued once a week from Monday 07:00 local time, for leads, with what is due within 30 days', async () => {
		const [a, b] = await openTestDatabasePair();
		await seedDemo(a, monday);
		const versions = await a
			.selectFrom('briefing_version')
			.innerJoin('briefing', 'briefing.id', 'briefing_version.briefing_id')
			.select(['briefing_version.id', 'briefing.topic'])
			.where('briefing_version.status', '=', 'published')
			.orderBy('briefing.topic')
			.execute();
		expect(versions.length).toBeGreaterThanOrEqual(3);
		const reviewBy = ['2026-11-20', '2026-12-29', '2027-06-01'];
		for (const [i, v] of versions.entries())
			await a
				.updateTable('briefing_version')
				.set({ review_by: reviewBy[i] ?? '2027-06-01' })
				.where('id', '=', v.id)
				.execute();

		const { organisation_id: demo } = await a
			.selectFrom('staff_account')
			.select('organisation_id')
			.where('email', '=', 'lead@demo.example')
			.executeTakeFirstOrThrow();
		const ofDemo = (queued: Awaited<ReturnType<typeof queueWeeklyDigests>>) =>
			queued.filter((q) => q.organisationId === demo);
		// Monday 06:59 in London (GMT in November): not yet; without mail: never.
		expect(await queueWeeklyDigests(a, mail, new Date('2026-11-30T06:59:00Z'))).toEqual([]);
		expect(await queueWeeklyDigests(a, null, monday)).toEqual([]);
		// Monday morning, two servers at once: one digest for the demo's one lead.
		const [first, second] = await Promise.all([
			queueWeeklyDigests(a, mail, monday),
			queueWeeklyDigests(b, mail, monday)
		]);
		expect(ofDemo([...first, ...second])).toEqual([
			{ organisationId: demo, weekStart: '2026-11-30', messages: 1 }
		]);
		// Later that week: nothing more; the next Monday: the next week's.
		expect(await queueWeeklyDigests(a, mail, new Date('2026-12-06T22:00:00Z'))).toEqual([]);
		expect(ofDemo(await queueWeeklyDigests(b, mail, new Date('2026-12-07T08:00:00Z')))).toEqual([
			{ organisationId: demo, weekStart: '2026-12-07', messages: 1 }
		]);

		const before = inbox.received.length;
		expect(await deliverDue(a, send, mail.from, () => later(monday, 8 * 86_400_000))).toMatchObject(
			{ sent: 2 }
		);
		const digest = inbox.received[before]!;
		expect(digest.to).toEqual(['lead@demo.example']);
		expect(digest.subject).toMatch(/^Reviews due in the next 30 days at /);
		expect(digest.text).toContain('2 published briefings are due for review within 30 days');
		expect(digest.text).toContain(`${versions[0]!.topic}, version `);
		expect(digest.text).toContain('(past)');
		expect(digest.text).toContain(`${versions[1]!.topic}, version `);
		expect(digest.text).not.toContain(`${versions[2]!.topic}, version `);
		expect(digest.text).toContain(`${origin}/studio`);
		await inbox.next();
		await inbox.next();
		await a.destroy();
		await b.destroy();
	}, 30_000);
});
