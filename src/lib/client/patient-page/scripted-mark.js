// The patient page's one inline script: it marks the page as scripted before the first paint.
// Plain JavaScript, because svelte.config.js imports it too, to allow its hash in the CSP.
export const SCRIPTED_MARK = "document.documentElement.classList.add('js')";
