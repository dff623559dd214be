import { error } from '@sveltejs/kit';

/*
 * adapter-node refuses a request body larger than BODY_SIZE_LIMIT while the body is read, with
 * a 413 the page never sees: the person gets the generic error page and loses the form. The
 * toolkit reads the same variable the same way, so a form that takes files can answer an
 * over-limit post itself, with the form and the NHS error summary, before reading the body.
 */

/** Adapter-node's default, when BODY_SIZE_LIMIT is not set. */
const ADAPTER_DEFAULT = '512K';

/**
 * BODY_SIZE_LIMIT in bytes, read as adapter-node reads it: bytes, or a number with K, M or G
 * (1024-based); `Infinity` for no limit. NaN for anything else (the adapter refuses to start).
 */
export function parseBodySizeLimit(value: string | undefined): number {
	const text = value ?? ADAPTER_DEFAULT;
	const unit = { K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[text.at(-1)?.toUpperCase() ?? ''];
	return unit ? Number(text.slice(0, -1)) * unit : Number(text);
}

/** Whether a thrown error (or its cause) is the adapter refusing a body over its limit. */
function isTooLarge(error: unknown): boolean {
	let e = error;
	for (let depth = 0; depth < 3 && typeof e === 'object' && e !== null; depth++) {
		if ((e as { status?: unknown }).status === 413) return true;
		e = (e as { cause?: unknown }).cause;
	}
	return false;
}

/** The two kinds of body a browser's form sends; anything else is not a form. */
const FORM_TYPES = /^\s*(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i;

/**
 * The posted form, or 'tooLarge' when the body is over `limit`: by its declared length before
 * a byte is read, or (a body sent in chunks, with no length) when the adapter stops reading it.
 * A body that is not a form (text/plain, JSON, broken multipart) is a 400 `unreadableForm`,
 * never a thrown stack trace: every action reads its form through here.
 */
export async function readFormWithin(
	request: Request,
	limit: number
): Promise<FormData | 'tooLarge'> {
	if (Number(request.headers.get('content-length') ?? 0) > limit) return 'tooLarge';
	if (!FORM_TYPES.test(request.headers.get('content-type') ?? '')) unreadable();
	try {
		return await request.formData();
	} catch (e) {
		if (isTooLarge(e)) return 'tooLarge';
		unreadable();
	}
}

function unreadable(): never {
	error(400, {
		message: 'unreadableForm',
		issues: [{ field: 'body', message: 'not a form (urlencoded or multipart)' }]
	});
}

/** The posted form, for actions that take no files: 413 over `limit`, 400 if unreadable. */
export async function readForm(request: Request, limit = Infinity): Promise<FormData> {
	const form = await readFormWithin(request, limit);
	if (form === 'tooLarge') error(413, { message: 'tooLarge' });
	return form;
}

/** A limit as people read it: megabytes (1024 × 1024 bytes), rounded down to a tenth. */
export const megabytes = (bytes: number) => Math.floor((bytes / 1024 ** 2) * 10) / 10;
