/*
 * What a person typed or chose in a form before the page's script started, kept when it starts.
 *
 * Pages are usable before their script has run (a ward tablet on weak Wi-Fi may take seconds to
 * fetch it), and a person does use them: picks a ward, types the week's admissions. When the
 * script starts, Svelte hydrates the page and sets each control it renders to what the page
 * says: a `<select value={…}>` goes back to its first option, a `bind:value` to its initial
 * state. The person's choice is gone, and a form sent afterwards says "Choose a ward" for a
 * ward they chose. So: on start (hooks.client.ts) note every control whose state differs from
 * the page's own (its `value` attribute, `checked`, `selected`), and any changed while the
 * script loads; once the page is mounted (the root layout), give back each that hydration
 * changed, announcing it with `input` and `change` events so bound state follows.
 */

/** The form controls a person can change by typing or choosing. */
export type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

type Choice = { value: string } | { checked: boolean } | { selected: boolean[] };

/** Input types with nothing a person types or chooses (or, for files, nothing a script may set). */
const NOT_CHOSEN = new Set(['hidden', 'submit', 'button', 'reset', 'image', 'file']);

const isSelect = (control: Control): control is HTMLSelectElement => control.tagName === 'SELECT';
const isToggle = (control: Control): control is HTMLInputElement =>
	control.tagName === 'INPUT' && (control.type === 'checkbox' || control.type === 'radio');

/** A control this module looks after; anything else (a button, a file) it leaves alone. */
export function isChoosable(target: EventTarget | null): target is Control {
	const tag = (target as Element | null)?.tagName;
	if (tag === 'SELECT' || tag === 'TEXTAREA') return true;
	return tag === 'INPUT' && !NOT_CHOSEN.has((target as HTMLInputElement).type);
}

/** The control's state now. */
export function choiceOf(control: Control): Choice {
	if (isSelect(control)) return { selected: [...control.options].map((o) => o.selected) };
	if (isToggle(control)) return { checked: control.checked };
	return { value: control.value };
}

/**
 * The state the page itself gave the control: its `value` attribute, `checked`, the options
 * marked `selected`; a single choice with none marked shows its first option that is enabled.
 */
export function pageChoiceOf(control: Control): Choice {
	if (isSelect(control)) {
		const options = [...control.options];
		const marked = options.map((o) => o.defaultSelected);
		if (control.multiple) return { selected: marked };
		const last = marked.lastIndexOf(true);
		const shown = last >= 0 ? last : options.findIndex((o) => !o.disabled);
		return { selected: options.map((_, i) => i === shown) };
	}
	if (isToggle(control)) return { checked: control.defaultChecked };
	return { value: control.defaultValue };
}

export function sameChoice(a: Choice, b: Choice): boolean {
	if ('value' in a) return 'value' in b && a.value === b.value;
	if ('checked' in a) return 'checked' in b && a.checked === b.checked;
	return (
		'selected' in b &&
		a.selected.length === b.selected.length &&
		a.selected.every((s, i) => s === b.selected[i])
	);
}

function applyChoice(control: Control, choice: Choice): void {
	if ('selected' in choice && isSelect(control))
		[...control.options].forEach((o, i) => (o.selected = choice.selected[i] ?? false));
	else if ('checked' in choice && isToggle(control)) control.checked = choice.checked;
	else if ('value' in choice) control.value = choice.value;
}

/** Each control the person changed, with what they made it. */
const noted = new Map<Control, Choice>();

function noteChange(event: Event) {
	if (isChoosable(event.target)) noted.set(event.target, choiceOf(event.target));
}

/**
 * On start, before hydration: note what the person has changed so far, and keep noting until
 * the page is mounted.
 */
export function noteChoicesBeforeStart(root: Document): void {
	for (const control of root.querySelectorAll('input, select, textarea')) {
		if (!isChoosable(control)) continue;
		const now = choiceOf(control);
		if (!sameChoice(now, pageChoiceOf(control))) noted.set(control, now);
	}
	root.addEventListener('input', noteChange, true);
	root.addEventListener('change', noteChange, true);
}

/**
 * Once the page is mounted: give back each choice hydration changed, and say so with the events
 * a person's own change would fire. Returns how many were given back.
 */
export function keepChoicesMadeBeforeStart(root: Document): number {
	root.removeEventListener('input', noteChange, true);
	root.removeEventListener('change', noteChange, true);
	let kept = 0;
	for (const [control, choice] of noted) {
		if (!control.isConnected || sameChoice(choiceOf(control), choice)) continue;
		applyChoice(control, choice);
		control.dispatchEvent(new Event('input', { bubbles: true }));
		control.dispatchEvent(new Event('change', { bubbles: true }));
		kept += 1;
	}
	noted.clear();
	return kept;
}
