import type { FeedbackInput } from '$lib/domain/feedback';

/*
 * Feedback given with no signal waits on the phone (localStorage: the patient pages set no
 * cookies and need no database) and is sent when the phone is online again. Answers only:
 * the same fields the form sends, never anything else.
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

export function queueFeedback(draft: FeedbackDraft): void {
	localStorage.setItem(KEY, JSON.stringify([...read(), draft]));
}

/** Sends what waits; keeps what could not be sent. True when something was sent. */
export async function sendQueuedFeedback(): Promise<boolean> {
	const waiting = read();
	if (waiting.length === 0 || !navigator.onLine) return false;
	const kept: FeedbackDraft[] = [];
	for (const draft of waiting) {
		try {
			const response = await fetch('/api/feedback', {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(draft)
			});
			// Busy or down: try again later. A refusal (bad data, closed) will not improve: drop it.
			if (response.status >= 500 || response.status === 429) kept.push(draft);
		} catch {
			kept.push(draft);
		}
	}
	localStorage.setItem(KEY, JSON.stringify(kept));
	return kept.length < waiting.length;
}
