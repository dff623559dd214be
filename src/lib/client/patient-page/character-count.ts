/*
 * The comment box's character count, as the NHS character count component does it: the hint
 * under the box says how many characters are left as the patient types, and a screen reader
 * hears it once they pause. The words, in each plural form of the page's language, come from
 * the page's templates (`data-count-template="one"`, …, with `#` for the number); without
 * JavaScript the hint says the limit and the box stops there.
 */
/** The words for `remaining` characters left, from the words for each plural form. */
export function remainingText(
	words: Record<string, string>,
	remaining: number,
	plural: Intl.PluralRules
): string {
	return (words[plural.select(remaining)] ?? words.other ?? '').replace('#', String(remaining));
}

export function enhanceCharacterCount(root: ParentNode, lang: string): void {
	const box = root.querySelector<HTMLTextAreaElement>('textarea[data-count-max]');
	const shown = root.querySelector<HTMLElement>('[data-count-shown]');
	const announced = root.querySelector<HTMLElement>('[data-count-announced]');
	if (!box || !shown || !announced) return;
	const max = Number(box.dataset.countMax);
	const plural = new Intl.PluralRules(lang);
	const words = Object.fromEntries(
		[...root.querySelectorAll<HTMLTemplateElement>('template[data-count-template]')].map((t) => [
			t.dataset.countTemplate,
			t.content.textContent ?? ''
		])
	);
	let pause: ReturnType<typeof setTimeout> | undefined;
	const update = () => {
		const text = remainingText(words, Math.max(0, max - box.value.length), plural);
		shown.textContent = text;
		clearTimeout(pause);
		pause = setTimeout(() => (announced.textContent = text), 1000);
	};
	box.addEventListener('input', update);
	// Emptied once sent (feedback.ts): the count says so, and the thanks is what is heard. The
	// reset event comes before the box is emptied.
	box.form?.addEventListener('reset', () =>
		queueMicrotask(() => {
			clearTimeout(pause);
			shown.textContent = remainingText(words, max, plural);
		})
	);
	shown.textContent = remainingText(words, Math.max(0, max - box.value.length), plural);
}
