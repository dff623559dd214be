import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { Readable, Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw } from 'node:zlib';

/*
 * A zip file read from disk without holding it: the central directory (at the end, small) says
 * where each entry is, how it is packed and how large it claims to be; each entry is then
 * streamed from its own byte range through zlib's raw inflate. Driven by the directory, not by
 * scanning for signatures, so an entry with a data descriptor (Finder, Windows, `zip -`) whose
 * bytes happen to hold one is still read whole. Inflated bytes are counted as they come, so an
 * entry that lies about its size (a zip bomb) is stopped at the cap, not at its end.
 */

export interface ZipEntry {
	name: string;
	method: number;
	compressedSize: number;
	/** What the directory claims; the bytes actually inflated are counted on the way. */
	size: number;
	localOffset: number;
}

export class ZipProblem extends Error {
	constructor(
		readonly reason: 'notZip' | 'tooLarge',
		readonly detail?: string
	) {
		super(reason);
	}
}

const EOCD = 0x06054b50;
const EOCD64 = 0x06064b50;
const EOCD64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_DIRECTORY_BYTES = 8 * 1024 * 1024;

async function readAt(file: FileHandle, position: number, length: number): Promise<Buffer> {
	const buffer = Buffer.alloc(length);
	const { bytesRead } = await file.read(buffer, 0, length, position);
	if (bytesRead !== length) throw new ZipProblem('notZip');
	return buffer;
}

/** The entries a zip's central directory lists, in the order they sit in the file. */
export async function readZipDirectory(path: string, maxEntries: number): Promise<ZipEntry[]> {
	const file = await open(path, 'r');
	try {
		const { size: fileSize } = await file.stat();
		if (fileSize < 22) throw new ZipProblem('notZip');
		const tailLength = Math.min(fileSize, 22 + 0xffff);
		const tail = await readAt(file, fileSize - tailLength, tailLength);
		let at = -1;
		for (let i = tail.length - 22; i >= 0; i--)
			if (tail.readUInt32LE(i) === EOCD && i + 22 + tail.readUInt16LE(i + 20) <= tail.length) {
				at = i;
				break;
			}
		if (at < 0) throw new ZipProblem('notZip');
		let count = tail.readUInt16LE(at + 10);
		let directorySize = tail.readUInt32LE(at + 12);
		let directoryOffset = tail.readUInt32LE(at + 16);
		if (count === 0xffff || directoryOffset === 0xffffffff || directorySize === 0xffffffff) {
			// Zip64: the real figures are in a record the locator points to.
			if (at < 20 || tail.readUInt32LE(at - 20) !== EOCD64_LOCATOR) throw new ZipProblem('notZip');
			const record = await readAt(file, Number(tail.readBigUInt64LE(at - 20 + 8)), 56);
			if (record.readUInt32LE(0) !== EOCD64) throw new ZipProblem('notZip');
			count = Number(record.readBigUInt64LE(32));
			directorySize = Number(record.readBigUInt64LE(40));
			directoryOffset = Number(record.readBigUInt64LE(48));
		}
		if (count > maxEntries) throw new ZipProblem('tooLarge');
		if (directorySize > MAX_DIRECTORY_BYTES) throw new ZipProblem('tooLarge');
		if (directoryOffset + directorySize > fileSize) throw new ZipProblem('notZip');
		const directory = await readAt(file, directoryOffset, directorySize);

		const entries: ZipEntry[] = [];
		let p = 0;
		for (let n = 0; n < count; n++) {
			if (p + 46 > directory.length || directory.readUInt32LE(p) !== CENTRAL)
				throw new ZipProblem('notZip');
			const flags = directory.readUInt16LE(p + 8);
			const nameLength = directory.readUInt16LE(p + 28);
			const extraLength = directory.readUInt16LE(p + 30);
			const commentLength = directory.readUInt16LE(p + 32);
			const nameBytes = directory.subarray(p + 46, p + 46 + nameLength);
			const entry: ZipEntry = {
				name: nameBytes.toString(flags & 0x800 ? 'utf8' : 'latin1'),
				method: directory.readUInt16LE(p + 10),
				compressedSize: directory.readUInt32LE(p + 20),
				size: directory.readUInt32LE(p + 24),
				localOffset: directory.readUInt32LE(p + 42)
			};
			readZip64Extra(
				directory.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength),
				entry
			);
			if (flags & 1) throw new ZipProblem('notZip'); // encrypted
			if (entry.method !== 0 && entry.method !== 8) throw new ZipProblem('notZip');
			entries.push(entry);
			p += 46 + nameLength + extraLength + commentLength;
		}
		entries.sort((a, b) => a.localOffset - b.localOffset);
		for (const entry of entries) {
			const local = await readAt(file, entry.localOffset, 30);
			if (local.readUInt32LE(0) !== LOCAL) throw new ZipProblem('notZip');
			entry.localOffset += 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
			if (entry.localOffset + entry.compressedSize > directoryOffset)
				throw new ZipProblem('notZip');
		}
		return entries;
	} finally {
		await file.close();
	}
}

/** Sizes and offset too large for 32 bits sit in the Zip64 extra field, in this order. */
function readZip64Extra(extra: Buffer, entry: ZipEntry) {
	for (let p = 0; p + 4 <= extra.length;) {
		const id = extra.readUInt16LE(p);
		const length = extra.readUInt16LE(p + 2);
		if (id === 0x0001) {
			let q = p + 4;
			const next = () => {
				if (q + 8 > p + 4 + length) throw new ZipProblem('notZip');
				const value = Number(extra.readBigUInt64LE(q));
				q += 8;
				return value;
			};
			if (entry.size === 0xffffffff) entry.size = next();
			if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
			if (entry.localOffset === 0xffffffff) entry.localOffset = next();
		}
		p += 4 + length;
	}
}

/**
 * Streams one entry's inflated bytes into `sink`, calling `onChunk` with each before it is
 * written (which may throw a ZipProblem to stop, e.g. past a cap). Resolves with the number of
 * bytes inflated; a damaged entry, or one whose size is not what the directory says, is notZip.
 */
export async function streamEntry(
	path: string,
	entry: ZipEntry,
	sink: Writable,
	onChunk: (chunk: Buffer) => void
): Promise<number> {
	let inflated = 0;
	const counter = new Transform({
		transform(chunk: Buffer, _encoding, done) {
			inflated += chunk.length;
			try {
				onChunk(chunk);
			} catch (error) {
				done(error as Error);
				return;
			}
			done(null, chunk);
		}
	});
	const source =
		entry.compressedSize === 0
			? Readable.from([])
			: createReadStream(path, {
					start: entry.localOffset,
					end: entry.localOffset + entry.compressedSize - 1,
					highWaterMark: 64 * 1024
				});
	try {
		if (entry.method === 8 && entry.compressedSize > 0)
			await pipeline(source, createInflateRaw(), counter, sink);
		else await pipeline(source, counter, sink);
	} catch (error) {
		if (error instanceof ZipProblem) throw error;
		// zlib's codes start Z_ (bad or cut-short data); a disk's errors are the disk's.
		const code = (error as { code?: unknown }).code;
		if (typeof code === 'string' && code.startsWith('Z_'))
			throw new ZipProblem('notZip', entry.name);
		throw error;
	}
	if (inflated !== entry.size) throw new ZipProblem('notZip', entry.name);
	return inflated;
}
