import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';

/**
 * The byte range a `Range` header asks for, within a file of `size` bytes: null for the whole
 * file (no header, or one we do not handle, such as several ranges), 'unsatisfiable' for a
 * range outside the file. `bytes=100-` is to the end; `bytes=-100` is the last 100 bytes.
 */
export function parseRange(
	header: string | null,
	size: number
): { start: number; end: number } | null | 'unsatisfiable' {
	const m = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
	if (!m || (m[1] === '' && m[2] === '')) return null;
	let start: number;
	let end: number;
	if (m[1] === '') {
		start = Math.max(0, size - Number(m[2]));
		end = size - 1;
	} else {
		start = Number(m[1]);
		end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
	}
	if (start >= size || start > end) return 'unsatisfiable';
	return { start, end };
}

/** A file answered whole (200) or in part (206), so a phone's video player can seek. */
export async function serveFile(
	path: string,
	contentType: string,
	rangeHeader: string | null
): Promise<Response | null> {
	const info = await stat(path).catch(() => null);
	if (!info?.isFile()) return null;
	const headers: Record<string, string> = {
		'Content-Type': contentType,
		'Accept-Ranges': 'bytes',
		// Named by the SHA-256 of its bytes: the same name always holds the same file.
		'Cache-Control': 'public, max-age=31536000, immutable'
	};
	const range = parseRange(rangeHeader, info.size);
	if (range === 'unsatisfiable')
		return new Response(null, {
			status: 416,
			headers: { ...headers, 'Content-Range': `bytes */${info.size}` }
		});
	const { start, end } = range ?? { start: 0, end: info.size - 1 };
	const body = Readable.toWeb(createReadStream(path, { start, end })) as ReadableStream;
	return new Response(body, {
		status: range ? 206 : 200,
		headers: {
			...headers,
			'Content-Length': String(end - start + 1),
			...(range ? { 'Content-Range': `bytes ${start}-${end}/${info.size}` } : {})
		}
	});
}
