import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { VariantOf } from '$lib/domain/briefing';
import type { StaffAccount } from '$lib/domain/staff';
import type { MailConfig } from '../config';
import { inTransaction, type Db } from '../db/database';
import {
	createBriefingWithDraft,
	getVersion,
	saveVariant,
	saveVersionDetails
} from '../repositories/briefing-versions';
import { takeStep } from '../repositories/content-governance';
import { createStaffAccount } from '../repositories/staff-accounts';
import { openDemoDatabase } from '../test-support/demo-database';
import { SmtpInbox } from '../test-support/smtp-inbox';
import { deliverDue, smtpSend } from './sender';
import { queueStepMessages } from './notify';

/*
 * Each governance step's messages, through a real SMTP server on a local port: who gets them,
 * in which language, with what in them, and nothing when the step is rolled back or mail is off.
 */

const now = new Date('2026-11-26T09:00:00Z');
const origin = 'https://briefings.example.nhs.uk';
let inbox: SmtpInbox;
let mail: MailConfig;
let send: ReturnType<typeof smtpSend>;
let db: Db;
let lead: StaffAccount;
let reviewer: StaffAccount;

beforeAll(async () => {
	inbox = await SmtpInbox.start();
	mail = { smtpUrl: inbox.url, from: 'Briefings <briefings@example.nhs.uk>', origin };
	send = smtpSend(mail.smtpUrl);
});
afterAll(async () => {
	send.close();
	await inbox.close();
});

beforeEach(async () => {
	const demo = await openDemoDatabase(now);
	db = demo.db;
	lead = await demo.account('lead@demo.example');
	reviewer = await demo.account('reviewer@demo.example');
}, 20_000);
afterEach(async () => {
	// Every message a test sent was read by it: none is left over for the next test.
	expect(inbox.received.length).toBe(taken);
	await db.destroy();
});

let taken = 0;
async function next() {
	const mail = await inbox.next();
	taken++;
	return mail;
}
const deliver = () => deliverDue(db, send, mail.from, () => now);

const leaflet: VariantOf<'leaflet'> = {
	format: 'leaflet',
	language: 'en',
	translationChecked: false,
	title: 'Falls',
	sections: [{ heading: 'Call', blocks: [{ kind: 'paragraph', text: 'Call, don’t fall.' }] }],
	contact: ''
};

async function draft() {
	const created = await createBriefingWithDraft(
		db,
		lead,
		{ topic: 'Call, don’t fall', slug: 'mail-call-dont-fall', ownerId: lead.id },
		now
	);
	if (!created.ok) throw new Error(`not created: ${JSON.stringify(created)}`);
	const version = await getVersion(db, lead.organisationId, created.id, 1);
	if (!version) throw new Error('no version');
	expect(await saveVariant(db, lead, version, version.revision, leaflet)).toBe('saved');
	// What a version needs before it may be submitted (publishProblems).
	const details = {
		reviewBy: version.reviewBy,
		evidenceLinks: ['https://www.nice.org.uk/guidance/ng89'],
		userTestingNote: 'Read by three patients on Ward 7.'
	};
	expect(await saveVersionDetails(db, lead, version, version.revision + 1, details)).toBe('saved');
	return { briefingId: created.id, versionId: version.id };
}

const setLanguage = (account: StaffAccount, lang: string) =>
	db
		.updateTable('staff_account')
		.set({ interface_language: lang })
		.where('id', '=', account.id)
		.execute();

describe('review messages', () => {
	it('tells the reviewers of a submission, in their language, with a link and a footer', async () => {
		const { briefingId, versionId } = await draft();
		await setLanguage(reviewer, 'cy');
		expect(await takeStep(db, lead, versionId, 'submit', { mail }, now)).toEqual({ ok: true });
		expect(await deliver()).toMatchObject({ sent: 1, retried: 0, givenUp: 0 });
		const message = await next();
		expect(message.to).toEqual(['reviewer@demo.example']);
		expect(message.from).toBe('"Briefings" <briefings@example.nhs.uk>');
		expect(message.subject).toBe('Cais am adolygiad: Call, don’t fall, fersiwn 1');
		expect(message.text).toContain('Helo Dr Rhys Reviewer,');
		expect(message.text).toContain(
			'Mae Leila Lead wedi anfon fersiwn 1 o “Call, don’t fall” i gael adolygiad clinigol.'
		);
		expect(message.text).toContain(`${origin}/studio/briefings/${briefingId}/v/1`);
		expect(message.text).toContain(
			'Rydych yn cael yr e-bost hwn am eich bod yn adolygydd clinigol yn '
		);
		expect(message.text).toContain(`${origin}/account`);
		expect(message.html).toContain('<html lang="cy" dir="ltr">');
		expect(message.html).toContain(`href="${origin}/studio/briefings/${briefingId}/v/1"`);
		expect(await deliver()).toMatchObject({ sent: 0 });
	});

	it('sends a return, with the comment, and an approval to the submitter; a publication to the leads', async () => {
		const { briefingId, versionId } = await draft();
		await setLanguage(lead, 'ar');
		await takeStep(db, lead, versionId, 'submit', { mail }, now);
		await deliver();
		expect((await next()).to).toEqual(['reviewer@demo.example']);

		const comment = 'Say where the call bell is.\nUse “nurse”, not “staff”.';
		expect(await takeStep(db, reviewer, versionId, 'return', { comment, mail }, now)).toEqual({
			ok: true
		});
		await deliver();
		const returned = await next();
		expect(returned.to).toEqual(['lead@demo.example']);
		expect(returned.subject).toBe('أُعيد مع ملاحظات: Call, don’t fall، الإصدار 1');
		expect(returned.text).toContain(
			'ملاحظاته:\nSay where the call bell is.\nUse “nurse”, not “staff”.'
		);
		expect(returned.html).toContain('<html lang="ar" dir="rtl">');
		expect(returned.html).toContain('Use “nurse”, not “staff”.');

		await setLanguage(lead, 'en');
		await takeStep(db, lead, versionId, 'submit', { mail }, now);
		await deliver();
		await next();
		expect(await takeStep(db, reviewer, versionId, 'approve', { mail }, now)).toEqual({ ok: true });
		await deliver();
		const approved = await next();
		expect(approved.to).toEqual(['lead@demo.example']);
		expect(approved.subject).toBe('Approved: Call, don’t fall, version 1');
		expect(approved.text).toContain('You get this email because you sent this version for review');

		// Publishing needs evidence and user testing; who hears of it is what is checked here.
		const admin = {
			...reviewer,
			role: 'admin' as const,
			id: 'someone-else',
			displayName: 'Alex Admin'
		};
		await inTransaction(db, (trx) =>
			queueStepMessages(
				trx,
				mail,
				admin,
				{ event: 'publish', versionId, briefingId, number: 1 },
				now
			)
		);
		await deliver();
		const published = await next();
		expect(published.to).toEqual(['lead@demo.example']);
		expect(published.subject).toBe('Published: Call, don’t fall, version 1');
		expect(published.text).toContain('You get this email because you are an engagement lead at');
	});

	it('gives disabled accounts, people who turned it off and the person who acted nothing', async () => {
		const { versionId } = await draft();
		const second = await createStaffAccount(db, {
			organisationId: lead.organisationId,
			email: 'second.reviewer@demo.example',
			displayName: 'Sam Second',
			role: 'clinicalReviewer'
		});
		const third = await createStaffAccount(db, {
			organisationId: lead.organisationId,
			email: 'third.reviewer@demo.example',
			displayName: 'Tom Third',
			role: 'clinicalReviewer'
		});
		await db
			.updateTable('staff_account')
			.set({ disabled: 1 })
			.where('id', '=', second.id)
			.execute();
		await db
			.updateTable('staff_account')
			.set({ mail_steps: 0 })
			.where('id', '=', third.id)
			.execute();
		expect(
			await inTransaction(db, (trx) =>
				queueStepMessages(
					trx,
					mail,
					reviewer,
					{ event: 'submit', versionId, briefingId: 'b', number: 1 },
					now
				)
			)
		).toBe(0);
		await takeStep(db, lead, versionId, 'submit', { mail }, now);
		// Disabled after the message was queued: it is given up, not sent.
		await db
			.updateTable('staff_account')
			.set({ disabled: 1 })
			.where('id', '=', reviewer.id)
			.execute();
		expect(await deliver()).toMatchObject({ sent: 0, givenUp: 1 });
		const row = await db.selectFrom('mail_outbox').selectAll().executeTakeFirstOrThrow();
		expect(row.failed_at).toBe(now.toISOString());
		expect(row.last_error).toBe('The account was disabled before it was sent');
	});

	it('queues nothing for a step that is rolled back, or when mail is off', async () => {
		const { versionId } = await draft();
		await expect(
			inTransaction(db, async (trx) => {
				expect(await takeStep(trx, lead, versionId, 'submit', { mail }, now)).toEqual({ ok: true });
				expect(await trx.selectFrom('mail_outbox').select('id').execute()).toHaveLength(1);
				throw new Error('rolled back after the step');
			})
		).rejects.toThrow('rolled back');
		expect(await db.selectFrom('mail_outbox').select('id').execute()).toEqual([]);
		const version = await db
			.selectFrom('briefing_version')
			.select('status')
			.where('id', '=', versionId)
			.executeTakeFirstOrThrow();
		expect(version.status).toBe('draft');

		expect(await takeStep(db, lead, versionId, 'submit', { mail: null }, now)).toEqual({
			ok: true
		});
		expect(await db.selectFrom('mail_outbox').select('id').execute()).toEqual([]);
		expect(await deliver()).toMatchObject({ sent: 0 });
	});
});
