/*
 * Which translated strings a qualified translator has checked. Each language but English has
 * locales/<lang>/_translation.json (JSON has no comments, so the marks live beside the strings):
 *
 *   {
 *     "language": "pl",
 *     "drafted": { "by": "…", "on": "2026-12-04" },
 *     "unchecked": ["common:*", "patient:*", "briefing:*"],
 *     "checked": [
 *       { "by": "A. Nowak, MCIL, Example Translations Ltd", "on": "2027-01-10",
 *         "keys": { "patient:feedback.send": "Wyślij" } }
 *     ]
 *   }
 *
 * A key is checked only while its text is still the text the translator signed off (the test
 * compares them), so an edit puts it back among the unchecked. Every other key must be covered
 * by an `unchecked` pattern: `ns:*`, `ns:prefix.*`, `*`, or one exact `ns:key`. Machine- or
 * LLM-written text is always unchecked. docs/translations.md says how a trust signs text off.
 */
export interface TranslationStatus {
	language: string;
	drafted: { by: string; on: string };
	unchecked: string[];
	checked: Array<{ by: string; on: string; keys: Record<string, string> }>;
}

/** Whether an `unchecked` pattern covers `ns:key`. */
export function patternCovers(pattern: string, id: string): boolean {
	return pattern.endsWith('*') ? id.startsWith(pattern.slice(0, -1)) : pattern === id;
}

/**
 * Each key's state: 'checked' (signed off, text unchanged), 'changed' (signed off, text since
 * edited: needs checking again), 'unchecked' (covered by a pattern) or 'unmarked' (neither: the
 * test fails on it).
 */
export function statusOf(
	status: TranslationStatus,
	id: string,
	text: string
): 'checked' | 'changed' | 'unchecked' | 'unmarked' {
	const signedOff = status.checked.find((entry) => id in entry.keys);
	if (signedOff) return signedOff.keys[id] === text ? 'checked' : 'changed';
	return status.unchecked.some((p) => patternCovers(p, id)) ? 'unchecked' : 'unmarked';
}
