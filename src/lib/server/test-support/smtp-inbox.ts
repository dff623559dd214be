import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/*
 * A real SMTP server on a free local port, for tests (unit and journeys): it accepts every
 * message (or refuses the next few, as a relay that is down would, with a 451) and keeps each
 * one parsed. `next()` answers a message already here and not yet taken, or the next to
 * arrive: no polling, no sleeps.
 */
export interface ReceivedMail {
	to: string[];
	from: string;
	subject: string;
	text: string;
	html: string;
	parsed: ParsedMail;
}

export class SmtpInbox {
	readonly received: ReceivedMail[] = [];
	#server: SMTPServer;
	#taken = new Set<ReceivedMail>();
	#waiting: Array<{
		matches: (mail: ReceivedMail) => boolean;
		resolve: (mail: ReceivedMail) => void;
	}> = [];
	#refuse = 0;

	private constructor() {
		this.#server = new SMTPServer({
			authOptional: true,
			disabledCommands: ['STARTTLS', 'AUTH'],
			logger: false,
			onData: (stream, session, callback) => {
				const to = session.envelope.rcptTo.map((r) => r.address);
				if (this.#refuse > 0) {
					this.#refuse--;
					stream.resume();
					stream.on('end', () =>
						callback(
							Object.assign(new Error('Service unavailable, try again later'), {
								responseCode: 451
							})
						)
					);
					return;
				}
				simpleParser(stream).then(
					(parsed) => {
						callback();
						this.#arrived({
							to,
							from: parsed.from?.text ?? '',
							subject: parsed.subject ?? '',
							text: parsed.text ?? '',
							html: typeof parsed.html === 'string' ? parsed.html : '',
							parsed
						});
					},
					(error: Error) => callback(error)
				);
			}
		});
	}

	/** Starts a server on a free port of 127.0.0.1. */
	static async start(): Promise<SmtpInbox> {
		const inbox = new SmtpInbox();
		await new Promise<void>((resolve) => inbox.#server.listen(0, '127.0.0.1', () => resolve()));
		return inbox;
	}

	get port(): number {
		return (this.#server.server.address() as AddressInfo).port;
	}

	/** The SMTP_URL that reaches this server. */
	get url(): string {
		return `smtp://127.0.0.1:${this.port}`;
	}

	/** The next `count` messages are refused with 451 (a relay that is down for now). */
	refuseNext(count: number): void {
		this.#refuse = count;
	}

	/**
	 * The first message not yet taken that `matches` (any, without it): one already here, or
	 * the next to arrive. Messages that do not match stay for a later call.
	 */
	next(matches: (mail: ReceivedMail) => boolean = () => true): Promise<ReceivedMail> {
		const here = this.received.find((m) => !this.#taken.has(m) && matches(m));
		if (here) {
			this.#taken.add(here);
			return Promise.resolve(here);
		}
		return new Promise((resolve) => this.#waiting.push({ matches, resolve }));
	}

	#arrived(mail: ReceivedMail): void {
		this.received.push(mail);
		const waiter = this.#waiting.find((w) => w.matches(mail));
		if (waiter) {
			this.#waiting.splice(this.#waiting.indexOf(waiter), 1);
			this.#taken.add(mail);
			waiter.resolve(mail);
		}
	}

	close(): Promise<void> {
		return new Promise((resolve) => this.#server.close(() => resolve()));
	}
}
