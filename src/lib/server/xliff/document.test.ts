import { describe, expect, it } from 'vitest';
import { fillTargets } from '../test-support/xliff-agency';
import { buildXliff, readXliff, sourceHash, XLIFF_NS, type XliffDocument } from './document';

const doc: XliffDocument = {
	srcLang: 'en',
	trgLang: 'ar',
	files: [
		{
			id: 'leaflet',
			original: 'briefings/b1/versions/2/leaflet',
			note: 'Keep line breaks',
			units: [
				{
					id: 'title',
					name: 'Title',
					source: 'Falls & "trips" <at night>',
					target: null,
					sourceHash: null,
					markup: false
				},
				{
					id: 'sections.0.blocks.0.text',
					source: 'Call the nurse\nWear your glasses',
					target: 'اتصل بالممرضة\nارتد نظارتك',
					sourceHash: null,
					markup: false
				}
			]
		}
	]
};

describe('an XLIFF 2.0 document', () => {
	it('is written with the 2.0 namespace, languages, ids and hashes, and reads back the same', () => {
		const xml = buildXliff(doc);
		expect(xml).toContain(`<xliff xmlns="${XLIFF_NS}"`);
		expect(xml).toContain('version="2.0" srcLang="en" trgLang="ar"');
		expect(xml).toContain('<unit id="sections.0.blocks.0.text">');
		expect(xml).toContain('Falls &amp; &quot;trips&quot; &lt;at night&gt;');
		const read = readXliff(xml);
		expect(read.ok).toBe(true);
		if (!read.ok) return;
		expect(read.document.srcLang).toBe('en');
		expect(read.document.trgLang).toBe('ar');
		const [file] = read.document.files;
		expect(file?.original).toBe('briefings/b1/versions/2/leaflet');
		expect(file?.units).toEqual([
			{
				id: 'title',
				source: 'Falls & "trips" <at night>',
				target: null,
				sourceHash: sourceHash('Falls & "trips" <at night>'),
				markup: false
			},
			{
				id: 'sections.0.blocks.0.text',
				source: 'Call the nurse\nWear your glasses',
				target: 'اتصل بالممرضة\nارتد نظارتك',
				sourceHash: sourceHash('Call the nurse\nWear your glasses'),
				markup: false
			}
		]);
	});

	it('reads targets an agency tool wrote back, and character references', () => {
		const filled = fillTargets(buildXliff(doc), { title: 'السقوط &#1575;' });
		const read = readXliff(filled.replace('&amp;#1575;', '&#1575;'));
		expect(read.ok && read.document.files[0]?.units[0]?.target).toBe('السقوط ا');
	});

	it('marks a target holding inline codes as markup', () => {
		const xml = buildXliff(doc).replace(
			'<target>اتصل',
			'<target><pc id="1" type="fmt">bold</pc>اتصل'
		);
		const read = readXliff(xml);
		expect(read.ok && read.document.files[0]?.units[1]?.markup).toBe(true);
	});

	it('joins a unit split into several segments', () => {
		const xml = `<xliff xmlns="${XLIFF_NS}" version="2.0" srcLang="en" trgLang="ar"><file id="leaflet"><unit id="title"><segment><source>One.</source><target>واحد.</target></segment><ignorable><source> </source></ignorable><segment><source>Two.</source><target>اثنان.</target></segment></unit></file></xliff>`;
		const read = readXliff(xml);
		expect(read.ok && read.document.files[0]?.units[0]).toMatchObject({
			source: 'One. Two.',
			target: 'واحد. اثنان.'
		});
	});
});

describe('a file that is not XLIFF 2.0 is refused', () => {
	it('not XML, naming the line', () => {
		expect(readXliff('Title,Translation\nFalls,السقوط')).toEqual({
			ok: false,
			problem: 'notXml',
			line: 1
		});
		expect(readXliff('<xliff>\n<file>\n</xliff>')).toMatchObject({ problem: 'notXml', line: 3 });
	});

	it('XLIFF 1.2, naming its version', () => {
		const old = `<?xml version="1.0"?><xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file source-language="en" target-language="ar" datatype="plaintext" original="x"><body><trans-unit id="title"><source>Falls</source></trans-unit></body></file></xliff>`;
		expect(readXliff(old)).toEqual({ ok: false, problem: 'notXliff2', version: '1.2' });
	});

	it('XML of another kind, or without its languages', () => {
		expect(readXliff('<html><body/></html>')).toMatchObject({ problem: 'notXliff2' });
		expect(readXliff(`<xliff xmlns="${XLIFF_NS}" version="2.0"><file id="a"/></xliff>`)).toEqual({
			ok: false,
			problem: 'noLanguages'
		});
	});

	it('a DTD with an external entity (XXE): refused before parsing, nothing read', () => {
		const xxe = `<?xml version="1.0"?><!DOCTYPE xliff [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xliff xmlns="${XLIFF_NS}" version="2.0" srcLang="en" trgLang="ar"><file id="leaflet"><unit id="title"><segment><source>Falls</source><target>&xxe;</target></segment></unit></file></xliff>`;
		expect(readXliff(xxe)).toEqual({ ok: false, problem: 'doctype' });
	});

	it('entity expansion (billion laughs): refused before parsing', () => {
		const lol = Array.from(
			{ length: 9 },
			(_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`
		).join('');
		const bomb = `<?xml version="1.0"?><!DOCTYPE xliff [<!ENTITY lol0 "lol">${lol}]><xliff xmlns="${XLIFF_NS}" version="2.0" srcLang="en" trgLang="ar"><file id="leaflet"><unit id="title"><segment><source>&lol9;</source></segment></unit></file></xliff>`;
		// Refused on sight: expanded, &lol9; would be a billion "lol"s (3 GB).
		expect(readXliff(bomb)).toEqual({ ok: false, problem: 'doctype' });
	});

	it('any DTD at all, even one declaring nothing', () => {
		expect(
			readXliff(
				`<!DOCTYPE xliff SYSTEM "http://example.org/x.dtd"><xliff xmlns="${XLIFF_NS}" version="2.0" srcLang="en" trgLang="ar"/>`
			)
		).toEqual({ ok: false, problem: 'doctype' });
	});
});
