/*
 * The patient page's only script, built as its own small file (see vite.config.ts) and loaded by
 * the patient layout: the page is server-rendered HTML that never hydrates, and this adds what
 * needs JavaScript, each part finding its elements by data attributes and doing nothing when
 * they are absent. It imports no framework, so the page stays within its byte budget.
 */
import { enhanceCharacterCount } from './character-count';
import { enhanceFeedback } from './feedback';
import { keepFirstView } from './first-view';
import { reportFinished } from './finished';
import { enhanceKeepVideo } from './keep-video';
import { keepLinkToken } from './link-token';
import { enhanceReadAloud } from './read-aloud';
import { enhanceTextSize } from './text-size';

// First: the QR link's token leaves the address before anything keeps or reads it.
keepLinkToken(document);

// Offline after the first view: the worker keeps this page, its pictures and captions.
if ('serviceWorker' in navigator) {
	void registerWorker();
	keepFirstView(document).catch(() => undefined);
}

/*
 * A phone that has only seen patient pages gets the patient's worker (it keeps only what
 * patient pages use); a ward tablet that opens a patient link keeps its own, full one.
 */
async function registerWorker() {
	try {
		const existing = await navigator.serviceWorker.getRegistration('/');
		if (!existing)
			await navigator.serviceWorker.register('/service-worker.js?profile=patient', { scope: '/' });
	} catch {
		// No worker (private browsing, old phone): the page works, only not offline.
	}
}

const article = document.querySelector<HTMLElement>('[data-briefing]');
// The NHS error summary takes focus when a form comes back with errors.
document.querySelector<HTMLElement>('.nhsuk-error-summary')?.focus();
enhanceFeedback(document);
enhanceCharacterCount(document, document.documentElement.lang);
if (article) {
	enhanceTextSize(document);
	enhanceReadAloud(document, article);
	enhanceKeepVideo(document);
	reportFinished(article);
}
