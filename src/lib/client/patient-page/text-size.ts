import { TEXT_SCALE_PROPERTY, TEXT_SCALES, TEXT_SIZE_KEY } from './scripted-mark.js';

/*
 * Bigger or smaller text for the briefing itself, on top of the phone's own settings. The scale
 * is a custom property on <html> that base.scss multiplies each of the briefing's text sizes by
 * (the header and the page's other parts keep theirs); the inline script sets it before the
 * first paint from the phone's kept choice, and this keeps it in step with the buttons.
 */
export function enhanceTextSize(root: Document): void {
	const group = root.querySelector<HTMLElement>('.app-text-size');
	if (!group) return;
	const buttons = [...group.querySelectorAll<HTMLButtonElement>('[data-text-size]')];
	// Kept on the phone, so the next format or briefing opens at the size the patient chose.
	let index = Math.max(0, TEXT_SCALES.indexOf(Number(readKept() ?? 1)));

	const show = () => {
		const scale = TEXT_SCALES[index] ?? 1;
		const style = root.documentElement.style;
		if (scale === 1) style.removeProperty(TEXT_SCALE_PROPERTY);
		else style.setProperty(TEXT_SCALE_PROPERTY, String(scale));
		for (const button of buttons) {
			const step = Number(button.dataset.textSize);
			const atEnd = step < 0 ? index === 0 : index === TEXT_SCALES.length - 1;
			button.setAttribute('aria-disabled', String(atEnd));
		}
	};
	for (const button of buttons)
		button.addEventListener('click', () => {
			index = Math.min(
				TEXT_SCALES.length - 1,
				Math.max(0, index + Number(button.dataset.textSize))
			);
			keep(String(TEXT_SCALES[index]));
			show();
		});
	show();
}

// Storage can be blocked (some private modes throw): the buttons still work for this page.
function readKept(): string | null {
	try {
		return localStorage.getItem(TEXT_SIZE_KEY);
	} catch {
		return null;
	}
}

function keep(value: string) {
	try {
		localStorage.setItem(TEXT_SIZE_KEY, value);
	} catch {
		// Not kept: the next page opens at the usual size.
	}
}
