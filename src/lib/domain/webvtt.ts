/**
 * A small WebVTT reader: enough to validate caption files and turn them into a transcript.
 * It follows the W3C WebVTT syntax for the file signature, cue timings (hh:mm:ss.ttt or
 * mm:ss.ttt) and cue text; NOTE, STYLE and REGION blocks are skipped.
 */
export interface Cue {
	start: number;
	end: number;
	text: string;
}

export type VttResult = { ok: true; cues: Cue[] } | { ok: false; error: string; line: number };

const TIMING =
	/^((?:\d{2,}:)?[0-5]\d:[0-5]\d\.\d{3})\s+-->\s+((?:\d{2,}:)?[0-5]\d:[0-5]\d\.\d{3})(\s.*)?$/;

function seconds(stamp: string): number {
	const parts = stamp.split(':').map(Number);
	return parts.reduce((total, part) => total * 60 + part, 0);
}

export function parseWebVtt(source: string): VttResult {
	const lines = source.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
	if (!/^WEBVTT(?:[ \t].*)?$/.test(lines[0] ?? ''))
		return { ok: false, error: 'signature', line: 1 };
	const cues: Cue[] = [];
	let i = 1;
	while (i < lines.length) {
		const line = lines[i] ?? '';
		if (line.trim() === '') {
			i++;
			continue;
		}
		if (/^(NOTE|STYLE|REGION)(?:[ \t]|$)/.test(line)) {
			while (i < lines.length && (lines[i] ?? '').trim() !== '') i++;
			continue;
		}
		// An optional cue identifier comes before the timing line.
		let timing = TIMING.exec(line);
		if (!timing && !line.includes('-->')) {
			i++;
			timing = TIMING.exec(lines[i] ?? '');
		}
		if (!timing) return { ok: false, error: 'timing', line: i + 1 };
		const start = seconds(timing[1] ?? '');
		const end = seconds(timing[2] ?? '');
		if (end <= start) return { ok: false, error: 'endBeforeStart', line: i + 1 };
		i++;
		const text: string[] = [];
		while (i < lines.length && (lines[i] ?? '').trim() !== '') text.push(lines[i++] ?? '');
		cues.push({ start, end, text: text.join('\n') });
	}
	if (cues.length === 0) return { ok: false, error: 'noCues', line: lines.length };
	return { ok: true, cues };
}

/** Cue text without its markup (<v Speaker>, <i>, timestamps), as one readable transcript. */
export function transcriptOf(cues: readonly Cue[]): string {
	return cues
		.map((c) =>
			c.text
				.replace(/<[^>]*>/g, '')
				.replace(/&lt;/g, '<')
				.replace(/&gt;/g, '>')
				.replace(/&amp;/g, '&')
				.replace(/\s+/g, ' ')
				.trim()
		)
		.filter(Boolean)
		.join('\n');
}
