import { error } from '@sveltejs/kit';
import { z } from 'zod';
import type { PageServerLoad } from './$types';
import { diffVersions } from '$lib/domain/version-diff';
import { requirePageRole } from '$lib/server/auth/guard';
import { getBriefingDetail, getVersion } from '$lib/server/repositories/briefing-versions';

// Other parameters (the language switcher's `lang`) are ignored.
const Query = z.object({
	from: z.coerce.number().int().positive(),
	to: z.coerce.number().int().positive()
});

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const user = requirePageRole(locals.user, 'studio', url);
	const id = z.uuid().safeParse(params.id);
	const query = Query.safeParse(Object.fromEntries(url.searchParams));
	const briefing = id.success
		? await getBriefingDetail(locals.app.db, user.organisationId, id.data)
		: null;
	if (!briefing || !query.success) error(404, { message: 'notFound' });
	const [from, to] = await Promise.all(
		[query.data.from, query.data.to].map((n) =>
			getVersion(locals.app.db, user.organisationId, briefing.id, n)
		)
	);
	if (!from || !to) error(404, { message: 'notFound' });
	return {
		titleKey: 'editor:diff.heading',
		briefing: { id: briefing.id, topic: briefing.topic },
		from: from.number,
		to: to.number,
		changes: diffVersions(from.variants, to.variants)
	};
};
