/** Bigger or smaller text for the briefing itself, on top of the phone's own settings. */
const STEPS = [1, 1.25, 1.5, 2];
const KEY = 'textSize';

export function enhanceTextSize(root: ParentNode, article: HTMLElement): void {
	const group = root.querySelector<HTMLElement>('.app-text-size');
	if (!group) return;
	const buttons = [...group.querySelectorAll<HTMLButtonElement>('[data-text-size]')];
	// Kept on the phone, so the next format or briefing opens at the size the patient chose.
	let index = Math.max(0, STEPS.indexOf(Number(localStorage.getItem(KEY) ?? 1)));

	const show = () => {
		const scale = STEPS[index] ?? 1;
		article.style.fontSize = scale === 1 ? '' : `${scale}em`;
		for (const button of buttons) {
			const step = Number(button.dataset.textSize);
			const atEnd = step < 0 ? index === 0 : index === STEPS.length - 1;
			button.setAttribute('aria-disabled', String(atEnd));
		}
	};
	for (const button of buttons)
		button.addEventListener('click', () => {
			index = Math.min(STEPS.length - 1, Math.max(0, index + Number(button.dataset.textSize)));
			localStorage.setItem(KEY, String(STEPS[index]));
			show();
		});
	show();
}
