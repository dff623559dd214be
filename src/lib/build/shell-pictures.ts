import { z } from 'zod';

/*
 * The shell's pictures in one file (written at build time by offline-shell.ts, read by the
 * worker at install by service-worker/install-shell.ts): no Node here, the worker imports it.
 */

/** The file's address in the precache list (under the client build), named by its content. */
export const PICTURES_FILE = /^_app\/immutable\/shell\/pictures\.[0-9a-f]{12}\.json$/;

/** Each picture's address from the site's root, its revision in the precache, and its text. */
export const ShellPictures = z.object({
	pictures: z.array(z.object({ url: z.string(), revision: z.string(), body: z.string() }))
});
export type ShellPictures = z.infer<typeof ShellPictures>;
