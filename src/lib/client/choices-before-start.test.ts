import { describe, expect, it } from 'vitest';
import {
	choiceOf,
	isChoosable,
	keepChoicesMadeBeforeStart,
	noteChoicesBeforeStart,
	pageChoiceOf,
	sameChoice
} from './choices-before-start';

/*
 * The tests run without a browser DOM: controls are plain objects with the properties the module
 * reads and sets (as a browser's have them), and a document that lists them and holds listeners.
 * The journey "admissions typed before the page's script has started" runs it in Chromium.
 */
type Fake = Record<string, unknown> & { events: string[] };

function input(type: string, value: string, defaultValue = ''): Fake {
	const events: string[] = [];
	return {
		tagName: 'INPUT',
		type,
		value,
		defaultValue,
		checked: false,
		defaultChecked: false,
		isConnected: true,
		events,
		dispatchEvent: (e: Event) => events.push(e.type)
	};
}

function toggle(type: 'checkbox' | 'radio', checked: boolean, defaultChecked = false): Fake {
	return { ...input(type, 'on', 'on'), checked, defaultChecked };
}

function select(
	options: Array<{ selected?: boolean; defaultSelected?: boolean; disabled?: boolean }>,
	multiple = false
): Fake {
	const events: string[] = [];
	return {
		tagName: 'SELECT',
		multiple,
		options: options.map((o) => ({
			selected: o.selected ?? false,
			defaultSelected: o.defaultSelected ?? false,
			disabled: o.disabled ?? false
		})),
		isConnected: true,
		events,
		dispatchEvent: (e: Event) => events.push(e.type)
	};
}

function page(controls: Fake[]) {
	const listeners = new Map<string, (e: Event) => void>();
	return {
		listeners,
		document: {
			querySelectorAll: () => controls,
			addEventListener: (type: string, listener: (e: Event) => void) =>
				listeners.set(type, listener),
			removeEventListener: (type: string) => listeners.delete(type)
		} as unknown as Document
	};
}

const as = <T>(fake: object) => fake as unknown as T;

describe('what a control shows, and what its page gave it', () => {
	it('looks after what a person types or chooses, not buttons, hidden fields or files', () => {
		expect(isChoosable(as(input('text', '')))).toBe(true);
		expect(isChoosable(as(input('date', '')))).toBe(true);
		expect(isChoosable(as(select([{}])))).toBe(true);
		expect(isChoosable(as({ tagName: 'TEXTAREA' }))).toBe(true);
		for (const type of ['hidden', 'submit', 'button', 'file'])
			expect(isChoosable(as(input(type, ''))), type).toBe(false);
		expect(isChoosable(as({ tagName: 'BUTTON' }))).toBe(false);
		expect(isChoosable(null)).toBe(false);
	});

	it('a single choice with no option marked shows its first enabled one', () => {
		const ward = as<HTMLSelectElement>(select([{ disabled: true }, { selected: true }, {}]));
		expect(sameChoice(choiceOf(ward), pageChoiceOf(ward))).toBe(true);
		const marked = as<HTMLSelectElement>(
			select([{}, { defaultSelected: true }, { selected: true }])
		);
		expect(pageChoiceOf(marked)).toEqual({ selected: [false, true, false] });
		expect(sameChoice(choiceOf(marked), pageChoiceOf(marked))).toBe(false);
	});

	it('a multiple choice is the options marked, none if none are', () => {
		const many = as<HTMLSelectElement>(select([{}, {}], true));
		expect(pageChoiceOf(many)).toEqual({ selected: [false, false] });
	});

	it('compares like with like', () => {
		expect(sameChoice({ value: '4' }, { value: '4' })).toBe(true);
		expect(sameChoice({ value: '4' }, { value: '' })).toBe(false);
		expect(sameChoice({ checked: true }, { value: 'true' })).toBe(false);
		expect(sameChoice({ selected: [true] }, { selected: [true, false] })).toBe(false);
	});
});

describe('choices made before the script started survive hydration', () => {
	it('gives back what hydration changed, and fires the events a person would', () => {
		const ward = select([{ defaultSelected: true }, { selected: true }, {}]);
		const admissions = input('text', '17');
		const untouched = input('text', 'as the page had it', 'as the page had it');
		const { document } = page([ward, admissions, untouched]);
		noteChoicesBeforeStart(document);

		// Hydration: the select goes back to its first option, the number is cleared.
		(ward.options as Array<{ selected: boolean }>).forEach((o, i) => (o.selected = i === 0));
		admissions.value = '';
		untouched.value = 'what the script shows';

		expect(keepChoicesMadeBeforeStart(document)).toBe(2);
		expect((ward.options as Array<{ selected: boolean }>).map((o) => o.selected)).toEqual([
			false,
			true,
			false
		]);
		expect(ward.events).toEqual(['input', 'change']);
		expect(admissions.value).toBe('17');
		expect(admissions.events).toEqual(['input', 'change']);
		// Not the person's: the script's own value stands.
		expect(untouched.value).toBe('what the script shows');
		expect(untouched.events).toEqual([]);
	});

	it('a choice hydration left alone is not announced again', () => {
		const teachBack = toggle('checkbox', true);
		const { document } = page([teachBack]);
		noteChoicesBeforeStart(document);
		expect(keepChoicesMadeBeforeStart(document)).toBe(0);
		expect(teachBack.events).toEqual([]);
	});

	it('keeps what is typed while the script loads, until the page has started', () => {
		const radio = toggle('radio', false);
		const { document, listeners } = page([radio]);
		noteChoicesBeforeStart(document);
		radio.checked = true;
		listeners.get('change')!({ target: radio } as unknown as Event);
		radio.checked = false; // hydration
		expect(keepChoicesMadeBeforeStart(document)).toBe(1);
		expect(radio.checked).toBe(true);
		expect(listeners.size).toBe(0);
	});

	it('a control hydration replaced is left alone, and nothing is kept for a later page', () => {
		const gone = input('text', 'typed');
		const { document } = page([gone]);
		noteChoicesBeforeStart(document);
		gone.isConnected = false;
		gone.value = '';
		expect(keepChoicesMadeBeforeStart(document)).toBe(0);
		gone.isConnected = true;
		expect(keepChoicesMadeBeforeStart(document)).toBe(0);
	});
});
