import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseWebVtt, transcriptOf, type Cue, type VttResult } from './webvtt';

function cuesOf(result: VttResult): Cue[] {
	if (!result.ok) throw new Error(`expected cues, got ${result.error} at line ${result.line}`);
	return result.cues;
}

function demoCaptions(language: string): string {
	return readFileSync(
		join(process.cwd(), 'static/media/demo', `your-safety-on-our-ward.${language}.vtt`),
		'utf8'
	);
}

describe('parseWebVtt on the bundled demo captions', () => {
	const parsed = Object.fromEntries(
		['en', 'cy', 'ar'].map((language) => [language, cuesOf(parseWebVtt(demoCaptions(language)))])
	);
	const timings = (cues: Cue[] | undefined) => (cues ?? []).map((c) => [c.start, c.end]);

	it.each(['en', 'cy', 'ar'])('reads 11 cues from the %s file', (language) => {
		const cues = parsed[language] ?? [];
		expect(cues).toHaveLength(11);
		for (const cue of cues) {
			expect(cue.end).toBeGreaterThan(cue.start);
			expect(cue.text.trim()).not.toBe('');
		}
	});

	it('has the same timings in every language', () => {
		expect(timings(parsed.cy)).toEqual(timings(parsed.en));
		expect(timings(parsed.ar)).toEqual(timings(parsed.en));
	});

	it('reads the times and text of a cue exactly', () => {
		expect(parsed.en?.[0]).toEqual({ start: 0.5, end: 2.021, text: 'Your safety on our ward.' });
		expect(parsed.ar?.[0]?.text).toBe('سلامتك في جناحنا.');
	});

	it('leaves the NOTE out of the cues', () => {
		expect(parsed.en?.some((c) => c.text.includes('Example content'))).toBe(false);
	});
});

describe('parseWebVtt', () => {
	const cue = '00:00:01.000 --> 00:00:02.500\nHello';

	it('refuses a file without the WEBVTT signature', () => {
		expect(parseWebVtt(`\n\n${cue}`)).toEqual({ ok: false, error: 'signature', line: 1 });
		expect(parseWebVtt(`WEBVTTX\n\n${cue}`)).toEqual({ ok: false, error: 'signature', line: 1 });
		expect(parseWebVtt(`webvtt\n\n${cue}`)).toEqual({ ok: false, error: 'signature', line: 1 });
		expect(parseWebVtt('')).toEqual({ ok: false, error: 'signature', line: 1 });
	});

	it('accepts text after the signature when a space or tab separates it', () => {
		expect(cuesOf(parseWebVtt(`WEBVTT - Your safety\n\n${cue}`))).toHaveLength(1);
		expect(cuesOf(parseWebVtt(`WEBVTT\tKind: captions\n\n${cue}`))).toHaveLength(1);
	});

	it('refuses a bad timing line, giving its line number', () => {
		expect(parseWebVtt('WEBVTT\n\n00:00:01.000 --> 00:00:02\nHello')).toEqual({
			ok: false,
			error: 'timing',
			line: 3
		});
		expect(parseWebVtt('WEBVTT\n\n00:00:01,000 --> 00:00:02,000\nHello')).toMatchObject({
			ok: false,
			error: 'timing',
			line: 3
		});
		expect(parseWebVtt('WEBVTT\n\n00:61.000 --> 00:62.000\nHello')).toMatchObject({
			error: 'timing'
		});
		expect(parseWebVtt('WEBVTT\n\n1\n00:00:01.000 -> 00:00:02.000\nHello')).toEqual({
			ok: false,
			error: 'timing',
			line: 4
		});
	});

	it('refuses a cue that ends before, or when, it starts', () => {
		expect(parseWebVtt('WEBVTT\n\n00:00:03.000 --> 00:00:02.000\nHello')).toEqual({
			ok: false,
			error: 'endBeforeStart',
			line: 3
		});
		expect(parseWebVtt('WEBVTT\n\n00:02.000 --> 00:02.000\nHello')).toMatchObject({
			error: 'endBeforeStart'
		});
	});

	it('refuses a file with no cues', () => {
		expect(parseWebVtt('WEBVTT\n')).toMatchObject({ ok: false, error: 'noCues' });
		expect(parseWebVtt('WEBVTT\n\nNOTE nothing here yet\n')).toMatchObject({
			ok: false,
			error: 'noCues'
		});
	});

	it('skips cue identifiers', () => {
		expect(
			cuesOf(parseWebVtt(`WEBVTT\n\nintro\n${cue}\n\n2\n00:00:03.000 --> 00:00:04.000\nBye`))
		).toEqual([
			{ start: 1, end: 2.5, text: 'Hello' },
			{ start: 3, end: 4, text: 'Bye' }
		]);
	});

	it('skips NOTE, STYLE and REGION blocks, however many lines they have', () => {
		const source = [
			'WEBVTT',
			'',
			'STYLE',
			'::cue { color: yellow }',
			'',
			'NOTE',
			'A comment over',
			'two lines',
			'',
			cue,
			'',
			'NOTE a one-line comment',
			'',
			'00:00:03.000 --> 00:00:04.000',
			'Bye'
		].join('\n');
		expect(cuesOf(parseWebVtt(source)).map((c) => c.text)).toEqual(['Hello', 'Bye']);
	});

	it('takes a cue whose identifier starts with NOTE as a cue, as browsers do', () => {
		// The W3C parser only treats a block as a comment when it has no "-->" line, and a cue
		// identifier may be any text without "-->": this cue must not vanish from the transcript.
		const source = `WEBVTT\n\nNOTE-1\n${cue}\n\n2\n00:00:03.000 --> 00:00:04.000\nBye`;
		expect(cuesOf(parseWebVtt(source))).toEqual([
			{ start: 1, end: 2.5, text: 'Hello' },
			{ start: 3, end: 4, text: 'Bye' }
		]);
	});

	it('ignores a byte-order mark', () => {
		expect(cuesOf(parseWebVtt(`\uFEFFWEBVTT\n\n${cue}`))).toEqual([
			{ start: 1, end: 2.5, text: 'Hello' }
		]);
	});

	it('reads CRLF and CR line endings', () => {
		const lines = ['WEBVTT', '', '1', '00:00:01.000 --> 00:00:02.500', 'Hello', 'there', ''];
		const expected = [{ start: 1, end: 2.5, text: 'Hello\nthere' }];
		expect(cuesOf(parseWebVtt(lines.join('\r\n')))).toEqual(expected);
		expect(cuesOf(parseWebVtt(lines.join('\r')))).toEqual(expected);
	});

	it('reads short mm:ss.ttt timings and long hour counts', () => {
		expect(cuesOf(parseWebVtt('WEBVTT\n\n01:02.250 --> 59:59.999\nHello'))).toEqual([
			{ start: 62.25, end: 3599.999, text: 'Hello' }
		]);
		expect(cuesOf(parseWebVtt('WEBVTT\n\n01:00:00.000 --> 100:00:00.000\nLong'))[0]).toEqual({
			start: 3600,
			end: 360_000,
			text: 'Long'
		});
	});

	it('allows cue settings after the timings', () => {
		expect(
			cuesOf(parseWebVtt('WEBVTT\n\n00:01.000 --> 00:02.000 align:start line:0\nHello'))
		).toEqual([{ start: 1, end: 2, text: 'Hello' }]);
	});

	it('keeps a cue with no text', () => {
		expect(cuesOf(parseWebVtt('WEBVTT\n\n00:01.000 --> 00:02.000\n\n'))).toEqual([
			{ start: 1, end: 2, text: '' }
		]);
	});
});

describe('transcriptOf', () => {
	const cue = (text: string): Cue => ({ start: 0, end: 1, text });

	it('strips voice, class, style and timestamp tags', () => {
		expect(
			transcriptOf([
				cue('<v Nurse Jo>Press the <b>call bell</b>.</v>'),
				cue('<c.yellow>Keep</c> your <00:00:01.500><i>wristband</i> on.')
			])
		).toBe('Press the call bell.\nKeep your wristband on.');
	});

	it('joins the lines of a cue and drops cues with no words', () => {
		expect(transcriptOf([cue('Call,\ndon’t  fall.'), cue('<i></i>'), cue('  ')])).toBe(
			'Call, don’t fall.'
		);
	});

	it('decodes the character references captions use', () => {
		expect(transcriptOf([cue('Fish &amp; chips &lt;3 &gt; 2')])).toBe('Fish & chips <3 > 2');
		expect(transcriptOf([cue('&lt;b&gt; is written as it is')])).toBe('<b> is written as it is');
	});

	it('decodes an escaped ampersand only once', () => {
		// "&amp;lt;" is the text "&lt;", not "<".
		expect(transcriptOf([cue('Write &amp;lt; for a less-than sign')])).toBe(
			'Write &lt; for a less-than sign'
		);
	});

	it('reads the demo captions as a transcript, one cue a line', () => {
		const transcript = transcriptOf(cuesOf(parseWebVtt(demoCaptions('en'))));
		const lines = transcript.split('\n');
		expect(lines).toHaveLength(11);
		expect(lines[0]).toBe('Your safety on our ward.');
		expect(transcript).not.toMatch(/[<>]/);
	});
});
