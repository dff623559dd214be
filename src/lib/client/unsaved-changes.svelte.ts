import { beforeNavigate } from '$app/navigation';
import type { BeforeNavigate } from '@sveltejs/kit';

/**
 * Asks before a lead leaves a form holding changes not yet saved, so typed work is never lost
 * without a word. Create it in the form's component (it registers with SvelteKit there):
 *
 * - a navigation within the app (a link, the back button) asks in the lead's language, through
 *   `window.confirm`, and stays when they say no;
 * - closing or reloading the tab, or a link to another site, is the browser's own question
 *   (`beforeunload`: a page cannot set its words), listened for only while there is something to
 *   lose, so a clean page stays eligible for the back/forward cache;
 * - the form's own submit is saving, not leaving: `submitting()` from its submit event lets the
 *   redirect its answer makes (SvelteKit's `goto`) through unasked.
 */
export class UnsavedChanges {
	#submitting = false;

	/** `changed`: whether what is in the form differs from what was loaded or last saved. */
	constructor(changed: () => boolean, question: () => string) {
		beforeNavigate((navigation) => {
			const ask = askBeforeLeaving(navigation, {
				changed: changed(),
				submitting: this.#submitting
			});
			if (ask === 'browser') return;
			if (ask === 'saving') this.#submitting = false;
			else if (ask === 'confirm' && !window.confirm(question())) navigation.cancel();
		});
		$effect(() => {
			if (!changed()) return;
			const ask = (event: BeforeUnloadEvent) => {
				event.preventDefault();
				// Older browsers ask only when a value is returned; its words are never shown.
				event.returnValue = '';
			};
			window.addEventListener('beforeunload', ask);
			return () => window.removeEventListener('beforeunload', ask);
		});
	}

	/** The form is being sent: the navigation its answer makes is not the lead leaving it. */
	submitting = (): void => {
		this.#submitting = true;
	};

	/** The form's answer came without a navigation (refused, cancelled, failed): ask again. */
	settled = (): void => {
		this.#submitting = false;
	};
}

/**
 * What a navigation needs: nothing ('go'), the browser's own question as the document unloads
 * ('browser'), the lead's answer ('confirm'), or nothing because it is the form's own answer
 * after saving ('saving': a `goto` made while the form is being sent).
 */
export function askBeforeLeaving(
	navigation: Pick<BeforeNavigate, 'type' | 'willUnload'> & {
		from: { url: URL } | null;
		to: { url: URL } | null;
	},
	{ changed, submitting }: { changed: boolean; submitting: boolean }
): 'go' | 'browser' | 'confirm' | 'saving' {
	if (submitting && navigation.type === 'goto') return 'saving';
	if (!changed) return 'go';
	if (navigation.willUnload) return 'browser';
	// The same page again (another of its forms answered, a query changed): the form stays.
	const { from, to } = navigation;
	if (from && to && from.url.pathname === to.url.pathname) return 'go';
	return 'confirm';
}

/**
 * Whether two form values are the same: plain data (strings, numbers, booleans, arrays and
 * objects of them) compared by content, so text typed and then undone counts as no change.
 */
export function sameValues(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (Array.isArray(a) || Array.isArray(b)) {
		if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
		return a.every((item, i) => sameValues(item, b[i]));
	}
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	const keys = [...Object.keys(a), ...Object.keys(b)];
	return keys.every((key) =>
		sameValues((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])
	);
}

/** Whether any file input of the form holds a chosen file (a file chosen is work to lose too). */
export function holdsChosenFile(form: HTMLFormElement): boolean {
	return [...form.querySelectorAll<HTMLInputElement>('input[type="file"]')].some(
		(input) => (input.files?.length ?? 0) > 0
	);
}
