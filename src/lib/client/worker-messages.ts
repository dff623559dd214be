/*
 * Messages between a page and its service worker, named once for both sides, in a module of
 * their own: the worker's bundle takes nothing else from the pages' code through them.
 */

/**
 * A ward page's message to an active worker that took over before the page was there to be
 * taken: keep it in the pages cache, and take control of it (worker-registration.ts).
 */
export const KEEP_OPEN_WARD_PAGES = 'KEEP_OPEN_WARD_PAGES';
