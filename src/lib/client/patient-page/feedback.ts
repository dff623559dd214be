import { v4 as uuidv4 } from 'uuid';
import type { FeedbackInput } from '$lib/domain/feedback';
import { hasQueuedFeedback, queueFeedback, sendQueuedFeedback } from './feedback-queue';

/**
 * Answers wait on the phone when a send failed. The browser's 'online' event is not enough: on a
 * weak signal a reply is lost while the phone never counts as offline. So while answers wait they
 * are tried again after 15 s, then twice as long each time, at most every 5 minutes, and whenever
 * the page is looked at again.
 */
export const FIRST_RETRY_MS = 15_000;
export const LONGEST_RETRY_MS = 5 * 60_000;

export function nextRetryDelay(previous: number | null): number {
	return previous === null ? FIRST_RETRY_MS : Math.min(previous * 2, LONGEST_RETRY_MS);
}

const QUESTIONS = ['overall', 'knowsHowToGetHelp', 'ableToAskHandHygiene', 'freeText'] as const;

/** The answers a form holds, as the API takes them; null when nothing was answered. */
export function feedbackFrom(data: FormData): FeedbackInput | null {
	const answers = QUESTIONS.flatMap((key) => {
		const value = String(data.get(key) ?? '').trim();
		return value ? [[key, value]] : [];
	});
	if (answers.length === 0) return null;
	const token = String(data.get('token') ?? '');
	return {
		briefingId: String(data.get('briefingId')),
		language: String(data.get('language')),
		...(token ? { token } : {}),
		...Object.fromEntries(answers)
	} as FeedbackInput;
}

/**
 * What the page says after a send, by the API's answer: stored, and whether something that
 * could identify a person was masked in the comment first (`removed`).
 */
export async function statusOf(response: Response): Promise<string> {
	if (response.ok) {
		const body = (await response.json().catch(() => null)) as { removed?: unknown[] } | null;
		return body?.removed?.length ? 'savedMasked' : 'saved';
	}
	if (response.status === 429) return 'tooMany';
	if (response.status === 409) return 'closed';
	return 'failed';
}

/**
 * Whether the answers are stored (or wait on the phone to be): the form is then emptied, so that
 * tapping Send again cannot store the same answers twice; a new answer is still stored. Refused
 * or failed, the answers stay in the form to send again.
 */
export function answersStored(status: string): boolean {
	return status === 'saved' || status === 'savedMasked';
}

/**
 * Feedback without a reload: the form posts as JSON to the API; with no signal the answers wait
 * on the phone and go when it is back online. The words come from the page's templates.
 */
export function enhanceFeedback(root: ParentNode): void {
	const form = root.querySelector<HTMLFormElement>('[data-feedback-form]');
	const region = root.querySelector<HTMLElement>('.app-feedback__status');
	if (!form || !region) return;
	let busy = false;

	const show = (status: string) => {
		const text = root.querySelector<HTMLTemplateElement>(
			`template[data-feedback-status="${status}"]`
		)?.content.textContent;
		const inset = document.createElement('div');
		inset.className = 'nhsuk-inset-text';
		const paragraph = document.createElement('p');
		paragraph.textContent = text ?? '';
		inset.append(paragraph);
		region.replaceChildren(inset);
	};
	let retry: ReturnType<typeof setTimeout> | undefined;
	let delay: number | null = null;
	const retryLater = () => {
		clearTimeout(retry);
		if (!hasQueuedFeedback()) {
			delay = null;
			return;
		}
		delay = nextRetryDelay(delay);
		retry = setTimeout(sendWaiting, delay);
	};
	const sendWaiting = () =>
		void sendQueuedFeedback().then((sent) => {
			if (sent) show('sentLater');
			retryLater();
		});

	form.addEventListener('submit', async (event) => {
		event.preventDefault();
		// One send at a time: a double tap must not send twice.
		if (busy) return;
		const answers = feedbackFrom(new FormData(form));
		if (!answers) return show('empty');
		// Named once, here: a copy queued because the reply was lost is stored once when resent.
		const draft: FeedbackInput = { ...answers, submissionId: uuidv4() };
		busy = true;
		try {
			const response = await fetch('/api/feedback', {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(draft)
			});
			const status = await statusOf(response);
			show(status);
			if (answersStored(status)) form.reset();
		} catch {
			queueFeedback(draft);
			show('queued');
			form.reset();
			retryLater();
		} finally {
			busy = false;
		}
	});
	sendWaiting();
	addEventListener('online', sendWaiting);
	document.addEventListener('visibilitychange', () => {
		if (document.visibilityState === 'visible') sendWaiting();
	});
}
