import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals }) => {
	if (!locals.user) error(401, { message: 'signInRequired' });
	const { id, displayName, role, wardId, organisationId } = locals.user;
	return json({ id, displayName, role, wardId, organisationId });
};
