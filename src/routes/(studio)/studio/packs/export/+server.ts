import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { RequestHandler } from './$types';
import { PackLicence } from '$lib/domain/content-pack';
import { Id } from '$lib/domain/ids';
import { mayEditContent } from '$lib/domain/staff';
import { forbidden, requireApiRole } from '$lib/server/auth/guard';
import { actorOf, securityEvent } from '$lib/server/operations/log';
import { exportPack } from '$lib/server/content-packs/export-pack';

const ExportQuery = z.strictObject({
	briefingId: Id,
	licence: PackLicence,
	attribution: z.string().trim().min(1).max(600)
});

/** Downloads a briefing's published version as one content pack (a GET form on /studio/packs). */
export const GET: RequestHandler = async ({ locals, url }) => {
	const user = requireApiRole(locals.user, 'studio');
	if (!mayEditContent(user.role)) forbidden();
	const parsed = ExportQuery.safeParse(Object.fromEntries(url.searchParams));
	if (!parsed.success) {
		const field = String(parsed.error.issues[0]?.path[0] ?? 'briefingId');
		redirect(303, `/studio/packs?exportError=${encodeURIComponent(field)}`);
	}
	const { briefingId, licence, attribution } = parsed.data;
	const result = await exportPack(
		locals.app.db,
		locals.app.media,
		user.organisationId,
		briefingId,
		{
			id: licence,
			attribution
		}
	);
	if (!result.ok) redirect(303, `/studio/packs?exportError=${result.reason}`);
	securityEvent('export.downloaded', { kind: 'content-pack', briefingId, ...actorOf(user) });
	return new Response(result.bytes as Uint8Array<ArrayBuffer>, {
		headers: {
			'content-type': 'application/zip',
			'content-disposition': `attachment; filename="${result.fileName}"`,
			'content-length': String(result.bytes.length)
		}
	});
};
