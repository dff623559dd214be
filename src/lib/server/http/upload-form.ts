import Busboy from '@fastify/busboy';
import { error } from '@sveltejs/kit';
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { readFormWithin } from './body-limit';

/*
 * A form with files, read as a stream: each file goes straight to a temporary file on disk
 * (hashed and its first bytes kept on the way), never whole into memory, so a 200 MB video
 * costs the server a few chunks of memory rather than three copies of itself. A file over the
 * limit stops being written at the limit and is marked, and the rest of it is read and dropped.
 */

/** A file as it arrived: on disk, with what the checks need (its size, first bytes, SHA-256). */
export interface StagedFile {
	path: string;
	size: number;
	head: Uint8Array;
	sha256: string;
	tooBig: boolean;
}

export interface UploadForm {
	/** The text fields, as a browser's form would give them. */
	fields: FormData;
	/**
	 * The first non-empty file sent under a name; else a chosen file that is empty (size 0, so
	 * that it can be refused as empty); null when no file was chosen.
	 */
	file(name: string): StagedFile | null;
	/** Removes every staged file not moved into place. */
	discard(): Promise<void>;
}

/** Enough for every type sniffed from uploads (Opus names itself at bytes 28–35). */
const HEAD_BYTES = 64;

/**
 * Reads a multipart (or urlencoded) form within `limit` bytes, files to `dir`; 'tooLarge' over
 * it, a 400 for a body that is not a form, as `readFormWithin`.
 */
export async function readUploadForm(
	request: Request,
	{ limit, maxFileBytes, dir }: { limit: number; maxFileBytes: number; dir: string }
): Promise<UploadForm | 'tooLarge'> {
	const type = request.headers.get('content-type') ?? '';
	if (!/^\s*multipart\/form-data\s*;/i.test(type) || !request.body) {
		const form = await readFormWithin(request, limit);
		if (form === 'tooLarge') return form;
		return { fields: form, file: () => null, discard: async () => {} };
	}
	if (Number(request.headers.get('content-length') ?? 0) > limit) return 'tooLarge';

	await mkdir(dir, { recursive: true });
	const fields = new FormData();
	const files = new Map<string, StagedFile>();
	const staged: string[] = [];
	const writes: Promise<void>[] = [];
	const discard = async () => {
		await Promise.all(staged.map((path) => rm(path, { force: true })));
	};

	let parser: ReturnType<typeof Busboy>;
	try {
		parser = Busboy({
			headers: { 'content-type': type },
			limits: { fileSize: maxFileBytes, fieldSize: 1024 * 1024, fields: 5000, files: 200 }
		});
	} catch {
		unreadable();
	}
	parser.on('field', (name, value) => fields.append(name, value));
	parser.on('file', (name, stream, filename?: string) => {
		const path = join(dir, `${randomUUID()}.partial`);
		staged.push(path);
		const hash = createHash('sha256');
		const file: StagedFile = { path, size: 0, head: new Uint8Array(), sha256: '', tooBig: false };
		stream.on('limit', () => (file.tooBig = true));
		stream.on('data', (chunk: Buffer) => {
			if (file.head.length < HEAD_BYTES)
				file.head = Uint8Array.from([
					...file.head,
					...chunk.subarray(0, HEAD_BYTES - file.head.length)
				]);
			file.size += chunk.length;
			hash.update(chunk);
		});
		writes.push(
			pipeline(stream, createWriteStream(path)).then(() => {
				file.sha256 = hash.digest('hex');
				// A browser sends a field with no file chosen as a part with no name and no bytes.
				const chosen = file.size > 0 || Boolean(filename);
				const held = files.get(name);
				if (chosen && (!held || (held.size === 0 && file.size > 0))) files.set(name, file);
			})
		);
	});

	try {
		await pipeline(Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>), parser);
		await Promise.all(writes);
	} catch (e) {
		await Promise.allSettled(writes);
		await discard();
		if (isTooLarge(e)) return 'tooLarge';
		unreadable();
	}
	return { fields, file: (name) => files.get(name) ?? null, discard };
}

function isTooLarge(e: unknown): boolean {
	for (let depth = 0; depth < 3 && typeof e === 'object' && e !== null; depth++) {
		if ((e as { status?: unknown }).status === 413) return true;
		e = (e as { cause?: unknown }).cause;
	}
	return false;
}

function unreadable(): never {
	error(400, {
		message: 'unreadableForm',
		issues: [{ field: 'body', message: 'not a readable multipart form' }]
	});
}
