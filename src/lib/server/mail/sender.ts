import nodemailer from 'nodemailer';
import type { MailConfig } from '../config';
import type { Db } from '../db/database';
import { queueWeeklyDigests } from './digest';
import { claimDue, markFailed, markSent, purgeSent } from './outbox';

/** Sends one message; throws when the relay refuses it or cannot be reached. */
export type Send = (message: {
	from: string;
	to: string;
	subject: string;
	text: string;
	html: string;
}) => Promise<void>;

/**
 * nodemailer over SMTP_URL, with timeouts well inside a claim's lease (outbox.ts). One pooled
 * connection, kept while there is mail to send: a new connection per message cost ~100 ms each
 * against a local relay (200 messages: 22 s pooled off, 2 s on). `close` ends it.
 */
export function smtpSend(smtpUrl: string): Send & { close(): void } {
	const transport = nodemailer.createTransport({
		url: smtpUrl,
		pool: true,
		maxConnections: 1,
		connectionTimeout: 30_000,
		greetingTimeout: 30_000,
		socketTimeout: 60_000
	});
	const send: Send = async (message) => {
		await transport.sendMail(message);
	};
	return Object.assign(send, { close: () => transport.close() });
}

export interface DeliveryResult {
	sent: number;
	retried: number;
	givenUp: number;
	/** Each failure's reason, for the server's log (addresses and subjects stay out of it). */
	errors: string[];
}

/** Claims the due messages and sends each once; call again until it finds none. */
export async function deliverDue(
	db: Db,
	send: Send,
	from: string,
	now: () => Date = () => new Date()
): Promise<DeliveryResult> {
	const result: DeliveryResult = { sent: 0, retried: 0, givenUp: 0, errors: [] };
	for (const message of await claimDue(db, now())) {
		if (message.recipientDisabled) {
			await markFailed(db, message, 'The account was disabled before it was sent', now(), {
				giveUp: true
			});
			result.givenUp++;
			continue;
		}
		try {
			await send({
				from,
				to: message.to,
				subject: message.subject,
				text: message.text,
				html: message.html
			});
		} catch (error) {
			const reason = (error as Error).message || String(error);
			result.errors.push(reason);
			if ((await markFailed(db, message, reason, now())) === 'givenUp') result.givenUp++;
			else result.retried++;
			continue;
		}
		await markSent(db, message.id, now());
		result.sent++;
	}
	return result;
}

const EVERY_MS = 60_000;

/** A relay's refusal may name the recipient ("550 <name@trust.nhs.uk> unknown"): not in logs. */
export const withoutAddresses = (reason: string) =>
	reason.replace(/[^\s<>@"']+@[^\s<>@"']+/g, '[address]');

export interface Mailer {
	/** Sends what is due soon (after a step commits) rather than at the next minute. */
	kick(): void;
	stop(): Promise<void>;
}

/**
 * The background sender: every minute, and when kicked, it queues the weekly digests that are
 * due and sends what is waiting. One round at a time per server (a kick during a round runs one
 * more after it); with several servers each claims its own messages (outbox.ts).
 */
export function startMailer(
	db: Db,
	mail: MailConfig,
	log: (line: string) => void,
	send: Send & { close?(): void } = smtpSend(mail.smtpUrl)
): Mailer {
	let running: Promise<void> | null = null;
	let again = false;
	let stopped = false;
	const round = async () => {
		try {
			for (const d of await queueWeeklyDigests(db, mail, new Date()))
				log(
					`Mail: weekly digest of ${d.weekStart} queued for ${d.messages} lead(s) of ${d.organisationId}`
				);
			for (;;) {
				const r = await deliverDue(db, send, mail.from);
				for (const e of r.errors) log(`Mail: a message was not sent (${withoutAddresses(e)})`);
				if (r.givenUp) log(`Mail: ${r.givenUp} message(s) given up, shown on /admin/mail`);
				if (r.sent + r.retried + r.givenUp === 0 || stopped) break;
			}
			await purgeSent(db, new Date());
		} catch (error) {
			log(`Mail: the sender failed, to be tried again in a minute: ${(error as Error).message}`);
		}
	};
	const kick = () => {
		if (stopped) return;
		if (running) {
			again = true;
			return;
		}
		running = round().finally(() => {
			running = null;
			if (again) {
				again = false;
				kick();
			}
		});
	};
	kick();
	const timer = setInterval(kick, EVERY_MS).unref();
	return {
		kick,
		async stop() {
			stopped = true;
			clearInterval(timer);
			await running;
			send.close?.();
		}
	};
}
