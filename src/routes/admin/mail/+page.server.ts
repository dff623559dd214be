import type { PageServerLoad } from './$types';
import { requirePageRole } from '$lib/server/auth/guard';
import { outboxCounts, outboxProblems } from '$lib/server/mail/outbox';

/** Whether email is on, and the organisation's messages that could not be sent (042). */
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requirePageRole(locals.user, 'admin', url);
	const mail = locals.app.config.mail;
	return {
		titleKey: 'admin:mail.title',
		mail: mail ? { from: mail.from, origin: mail.origin } : null,
		counts: await outboxCounts(locals.app.db, user.organisationId),
		problems: await outboxProblems(locals.app.db, user.organisationId)
	};
};
