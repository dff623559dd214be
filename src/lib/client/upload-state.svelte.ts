import { applyAction } from '$app/forms';
import { invalidateAll } from '$app/navigation';
import type { SubmitFunction } from '@sveltejs/kit';
import { holdsFile, postWithProgress, type Progress } from './upload';

/**
 * A form's upload as it goes: its progress while a file is sent, and how it ended when it
 * did not reach the server (cancelled by the person, or the connection failed). Nothing is
 * stored in either case, and what was typed stays in the form.
 */
export class Upload {
	progress = $state<Progress | null>(null);
	ended = $state<'cancelled' | 'failed' | null>(null);
	#controller: AbortController | null = null;

	/**
	 * For `use:enhance`: a form holding a chosen file is sent with progress; any other the usual
	 * way, keeping what was typed (`reset: false`).
	 */
	submit: SubmitFunction = ({ formData, action, cancel }) => {
		this.ended = null;
		if (!holdsFile(formData)) return async ({ update }) => update({ reset: false });
		cancel();
		void this.#send(action, formData);
	};

	/** Every byte is across: the server is at work on it (checking, storing) until it answers. */
	get sent(): boolean {
		const p = this.progress;
		return p !== null && p.total > 0 && p.loaded >= p.total;
	}

	cancel(): void {
		this.#controller?.abort();
	}

	async #send(action: URL, data: FormData): Promise<void> {
		const controller = (this.#controller = new AbortController());
		const startedAt = Date.now();
		this.progress = { loaded: 0, total: 0, startedAt, at: startedAt };
		const outcome = await postWithProgress(
			action,
			data,
			(progress) => (this.progress = progress),
			controller.signal
		);
		this.progress = null;
		this.#controller = null;
		if (outcome.kind !== 'answered') {
			this.ended = outcome.kind;
			return;
		}
		if (outcome.result.type === 'success') await invalidateAll();
		await applyAction(outcome.result);
	}
}
