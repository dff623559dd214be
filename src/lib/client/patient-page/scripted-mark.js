// The patient page's one inline script: it marks the page as scripted before the first paint,
// and sets the text size the reader chose on an earlier page (text-size.ts), so a briefing opens
// at that size at once rather than growing under the reader's eyes when the page's script runs.
// Plain JavaScript, because svelte.config.js imports it too, to allow its hash in the CSP.

/** The briefing's text sizes, as multiples of nhsuk-frontend's own (base.scss applies them). */
export const TEXT_SCALES = [1, 1.25, 1.5, 2];
/** Where the phone keeps the reader's choice. */
export const TEXT_SIZE_KEY = 'textSize';
export const TEXT_SCALE_PROPERTY = '--app-text-scale';

// localStorage can throw (storage blocked): the page then opens at the usual size.
export const SCRIPTED_MARK =
	"var h=document.documentElement;h.classList.add('js');" +
	`try{var s=+localStorage.${TEXT_SIZE_KEY};` +
	`${JSON.stringify(TEXT_SCALES)}.indexOf(s)>0&&h.style.setProperty('${TEXT_SCALE_PROPERTY}',s)}catch(e){}`;
