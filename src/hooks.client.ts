import type { ClientInit } from '@sveltejs/kit';
import { noteChoicesBeforeStart } from '$lib/client/choices-before-start';

/** Before the page hydrates: what a person has typed or chosen so far is noted, to be kept. */
export const init: ClientInit = () => {
	noteChoicesBeforeStart(document);
};
