import { createHash } from 'node:crypto';
import type { ContentPackManifest } from '$lib/domain/content-pack';

/*
 * A content pack's fingerprint (format 2): the SHA-256 of everything in it that reaches a
 * patient or decides what does: the briefing's slug and topic, the version (review date,
 * evidence, every variant's every word, the translation ticks) and each file's name, size,
 * type, paths and SHA-256 (the file's bytes are checked against that). Not the export time, the
 * licence or the source's name, which describe the pack rather than its content.
 *
 * It is taken over canonical JSON (object keys sorted, no spaces), so re-saving the manifest
 * with other spacing or key order does not change it, and any change to a word does. It shows
 * that nothing was changed by accident or by someone who did not recompute it; the preview
 * shows it, so that a lead can compare it with the one the source organisation gives.
 */

/** JSON with every object's keys in sorted order, at every depth. */
export function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (value !== null && typeof value === 'object')
		return `{${Object.keys(value)
			.sort()
			.filter((k) => (value as Record<string, unknown>)[k] !== undefined)
			.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
			.join(',')}}`;
	return JSON.stringify(value);
}

export function packFingerprint(
	manifest: Pick<ContentPackManifest, 'briefing' | 'version' | 'files'>
): string {
	const content = { briefing: manifest.briefing, version: manifest.version, files: manifest.files };
	return createHash('sha256').update(canonicalJson(content)).digest('hex');
}
