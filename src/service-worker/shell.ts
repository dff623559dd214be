import type { PrecacheEntry } from 'workbox-precaching';

/**
 * Who the worker serves, from the query it was registered with: a patient's phone
 * (`?profile=patient`, registered by the patient page) or a staff device (no query).
 */
export type ShellProfile = 'patient' | 'staff';

export function profileOf(workerUrl: string): ShellProfile {
	return new URL(workerUrl).searchParams.get('profile') === 'patient' ? 'patient' : 'staff';
}

/*
 * A patient's phone needs the pages it has seen and what they use, not the ward's and studio's
 * app: no framework JavaScript, no staff stylesheet, no install icons, no symbols the briefing
 * does not show (those are kept as the page uses them). About 20 KB instead of the whole shell
 * (`npm run bench patient-page` prints both).
 */
const PATIENT_SHELL =
	/^(?:_app\/immutable\/workers\/[^/]+\.js|_app\/immutable\/assets\/(?!staff\.)[^/]+\.css|offline\/[a-z]{2,3}(?:-[A-Za-z]+)?|manifest\.webmanifest|icons\/favicon\.svg)$/;

/** A precache entry's address, as the manifest gives it. */
export const entryUrl = (entry: PrecacheEntry | string) =>
	typeof entry === 'string' ? entry : entry.url;

export function shellFor(
	manifest: Array<PrecacheEntry | string>,
	profile: ShellProfile
): Array<PrecacheEntry | string> {
	if (profile === 'staff') return manifest;
	return manifest.filter((entry) => PATIENT_SHELL.test(entryUrl(entry)));
}
