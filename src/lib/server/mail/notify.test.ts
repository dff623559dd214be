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
let demoAdmin: () => Promise<StaffAccount>;

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
	demoAdmin = () => demo.account('admin@demo.example');
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

async function draft(slug = 'mail-call-dont-fall') {
	const created = await createBriefingWithDraft(
		db,
		lead,
		{ topic: 'Call, don’t fall', slug, ownerId: lead.id },
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

describe('a withdrawn approval', () => {
	const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
	let drafts = 0;
	async function approved(by: StaffAccount = reviewer, at = now) {
		const { briefingId, versionId } = await draft(`mail-withdrawn-${++drafts}`);
		expect(await takeStep(db, lead, versionId, 'submit', {}, at)).toEqual({ ok: true });
		expect(await takeStep(db, by, versionId, 'approve', {}, at)).toEqual({ ok: true });
		return { briefingId, versionId };
	}
	const reason = 'The review-by date has passed.\nWe are adding the new call bell.';

	it('tells the reviewer who approved it, in their language, with the lead’s reason and a link', async () => {
		const { briefingId, versionId } = await approved();
		await setLanguage(reviewer, 'ar');
		expect(
			await takeStep(db, lead, versionId, 'withdraw', { comment: reason, mail }, later(5))
		).toEqual({ ok: true });
		const queued = await db.selectFrom('mail_outbox').selectAll().execute();
		expect(queued.map((m) => [m.recipient_id, m.event, m.version_id, m.language])).toEqual([
			[reviewer.id, 'withdraw', versionId, 'ar']
		]);
		expect(await deliver()).toMatchObject({ sent: 0 }); // due at the withdrawal, 5 min on
		expect(await deliverDue(db, send, mail.from, () => later(5))).toMatchObject({
			sent: 1,
			retried: 0,
			givenUp: 0
		});
		const message = await next();
		expect(message.to).toEqual(['reviewer@demo.example']);
		expect(message.subject).toBe('سُحبت الموافقة: Call, don’t fall، الإصدار 1');
		expect(message.text).toContain('مرحبًا Dr Rhys Reviewer،');
		expect(message.text).toContain(
			'سحب Leila Lead موافقتك على الإصدار 1 من «Call, don’t fall» وأعاده إلى المسودة.'
		);
		expect(message.text).toContain(`سببه:\n${reason}`);
		expect(message.text).toContain(`${origin}/studio/briefings/${briefingId}/v/1`);
		expect(message.text).toContain('تصلك هذه الرسالة لأنك وافقت على هذا الإصدار في');
		expect(message.html).toContain('<html lang="ar" dir="rtl">');
		expect(message.html).toContain('We are adding the new call bell.');

		await setLanguage(reviewer, 'en');
		expect(await takeStep(db, lead, versionId, 'submit', {}, later(10))).toEqual({ ok: true });
		expect(await takeStep(db, reviewer, versionId, 'approve', {}, later(11))).toEqual({
			ok: true
		});
		expect(
			await takeStep(db, lead, versionId, 'withdraw', { comment: 'Again.', mail }, later(12))
		).toEqual({ ok: true });
		await deliverDue(db, send, mail.from, () => later(12));
		const english = await next();
		expect(english.subject).toBe('Approval withdrawn: Call, don’t fall, version 1');
		expect(english.text).toContain(
			'Leila Lead has withdrawn the approval you gave version 1 of “Call, don’t fall” and returned it to draft.'
		);
		expect(english.text).toContain('Their reason:\nAgain.');
		expect(english.text).toContain(
			'You get this email because you approved this version at Northfield'
		);
	});

	it('tells the latest approver only, never a disabled one, one who turned it off, or the one who withdrew it', async () => {
		const second = await createStaffAccount(db, {
			organisationId: lead.organisationId,
			email: 'second.reviewer@demo.example',
			displayName: 'Sam Second',
			role: 'clinicalReviewer'
		});
		const secondReviewer = { ...reviewer, id: second.id, displayName: 'Sam Second' };
		// Approved by the demo reviewer, withdrawn, then approved by the second: only they hear.
		const { versionId } = await approved(reviewer, now);
		await takeStep(db, lead, versionId, 'withdraw', { comment: 'Date.' }, later(1));
		await takeStep(db, lead, versionId, 'submit', {}, later(2));
		await takeStep(db, secondReviewer, versionId, 'approve', {}, later(3));
		await takeStep(db, lead, versionId, 'withdraw', { comment: 'Date again.', mail }, later(4));
		await deliverDue(db, send, mail.from, () => later(4));
		expect((await next()).to).toEqual(['second.reviewer@demo.example']);

		// The approver disabled, or with these emails turned off: nothing is queued.
		const quiet = async (change: { disabled: number } | { mail_steps: number }) => {
			await db.updateTable('staff_account').set(change).where('id', '=', reviewer.id).execute();
			const { versionId } = await approved(reviewer, later(5));
			const before = (await db.selectFrom('mail_outbox').select('id').execute()).length;
			expect(
				await takeStep(db, lead, versionId, 'withdraw', { comment: 'Date.', mail }, later(6))
			).toEqual({ ok: true });
			expect(await db.selectFrom('mail_outbox').select('id').execute()).toHaveLength(before);
			await db
				.updateTable('staff_account')
				.set({ disabled: 0, mail_steps: 1 })
				.where('id', '=', reviewer.id)
				.execute();
		};
		// A disabled account can still be the version's approver on record; `approved` takes its
		// step through the repository, which does not ask whether the account is enabled.
		await quiet({ mail_steps: 0 });
		await quiet({ disabled: 1 });

		// An admin may both approve and withdraw: they are not told of their own withdrawal.
		const admin = await demoAdmin();
		const { versionId: own } = await approved(admin, later(7));
		expect(
			await takeStep(db, admin, own, 'withdraw', { comment: 'Mine.', mail }, later(8))
		).toEqual({ ok: true });
		expect(
			await db.selectFrom('mail_outbox').select('id').where('version_id', '=', own).execute()
		).toEqual([]);
	});

	it('queues nothing when the withdrawal is rolled back', async () => {
		const { versionId } = await approved();
		await expect(
			inTransaction(db, async (trx) => {
				expect(
					await takeStep(trx, lead, versionId, 'withdraw', { comment: reason, mail }, now)
				).toEqual({ ok: true });
				expect(await trx.selectFrom('mail_outbox').select('id').execute()).toHaveLength(1);
				throw new Error('rolled back after the step');
			})
		).rejects.toThrow('rolled back');
		expect(await db.selectFrom('mail_outbox').select('id').execute()).toEqual([]);
	});
});
