import type { FeedbackInput } from '$lib/domain/feedback';

/*
 * Feedback given with no signal waits on the phone (localStorage: the patient pages set no
 * cookies and need no database) and is sent when the phone is online again. Answers only:
 * the same fields the form sends, never anything else, and the submission's id made at Send:
 * when the first send did arrive but its reply was lost, the server stores the copy once.
 */
export type FeedbackDraft = FeedbackInput;

const KEY = 'pendingFeedback';

function read(): FeedbackDraft[] {
	try {
		const value: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
		return Array.isArray(value) ? (value as FeedbackDraft[]) : [];
	} catch {
		return [];
	}
}

/** True while answers wait on the phone to be sent. */
export function hasQueuedFeedback(): boolean {
	return read().length > 0;
}

export function queueFeedback(draft: FeedbackDraft): void {
	localStorage.setItem(KEY, JSON.stringify([...read(), draft]));
}

let sending: Promise<boolean> | null = null;

/**
 * Sends what waits, one run at a time (page start and the 'online' event may both ask), and
 * removes only what was sent or finally refused, re-reading the queue before writing it back,
 * so answers queued meanwhile are kept. True when something was sent.
 */
export function sendQueuedFeedback(): Promise<boolean> {
	sending ??= send().finally(() => (sending = null));
	return sending;
}

async function send(): Promise<boolean> {
	const waiting = read();
	if (waiting.length === 0 || !navigator.onLine) return false;
	const done = new Set<string>();
	for (const draft of waiting) {
		try {
			const response = await fetch('/api/feedback', {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(draft)
			});
			// Busy or down: try again later. A refusal (bad data, closed) will not improve: drop it.
			if (response.status < 500 && response.status !== 429) done.add(JSON.stringify(draft));
		} catch {
			// Still no network: keep it.
		}
	}
	const remaining = read().filter((d) => !done.has(JSON.stringify(d)));
	localStorage.setItem(KEY, JSON.stringify(remaining));
	return done.size > 0;
}
