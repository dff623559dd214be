import { tokenInAddress, tokenStorageKey, withoutToken } from '$lib/domain/link-token';

/*
 * A QR link's token kept for the tab, not the address bar (see domain/link-token.ts). The token
 * the address brings is stored in sessionStorage under its briefing page's path, so the page's
 * other formats and languages (the same path) and the way back from a notice find it: this tab
 * only, forgotten when it closes. The address loses it (history.replaceState), and so do the
 * page's links, which then open pages the server keeps rendered for everyone. The feedback form
 * and the "finished" event get it back from the tab.
 *
 * Without sessionStorage (blocked by the phone's settings) nothing changes: the token stays in
 * the address and the links, as with JavaScript off, so feedback stays linked.
 */
export function keepLinkToken(root: Document): void {
	const here = location.href;
	const found = tokenInAddress(here);
	let token: string | null;
	try {
		if (found) sessionStorage.setItem(tokenStorageKey(found.page), found.token);
		token = sessionStorage.getItem(tokenStorageKey(location.pathname));
	} catch {
		return;
	}

	const shown = withoutToken(here);
	if (shown !== here) history.replaceState(history.state, '', shown);
	for (const link of root.querySelectorAll<HTMLAnchorElement>('a[href]')) strip(link, 'href');
	for (const form of root.querySelectorAll<HTMLFormElement>('form[action]')) strip(form, 'action');

	if (!token) return;
	const form = root.querySelector<HTMLFormElement>('[data-feedback-form]');
	if (form) {
		let input = form.querySelector<HTMLInputElement>('input[name="token"]');
		if (!input) {
			input = root.createElement('input');
			input.type = 'hidden';
			input.name = 'token';
			form.prepend(input);
		}
		input.value = token;
	}
	const article = root.querySelector<HTMLElement>('[data-briefing]');
	if (article) article.dataset.token = token;
}

/** Links to this site only: another site's `t` (a video's start time) is its own. */
function strip(element: Element, attribute: 'href' | 'action'): void {
	const value = element.getAttribute(attribute) ?? '';
	try {
		if (new URL(value, location.href).origin !== location.origin) return;
	} catch {
		return;
	}
	const stripped = withoutToken(value);
	if (stripped !== value) element.setAttribute(attribute, stripped);
}
