import type { BriefingVariant } from '$lib/domain/briefing';
import type { Db } from '../db/database';
import { createBriefing, createVersion } from '../repositories/briefings';
import { createOrganisation, createWard } from '../repositories/organisations';
import { createStaffAccount } from '../repositories/staff-accounts';
import type { DemoAccount } from './demo';

/*
 * A second demo trust, so that sharing between organisations (the library, issue 19) can be
 * tried and tested: one ward, a lead and a reviewer, and one published briefing of its own.
 * Example content, to be reviewed locally before use with patients.
 */

export const southmoorAccounts: DemoAccount[] = [
	{
		email: 'lead@southmoor.example',
		password: 'demo-southmoor-lead-pass',
		role: 'engagementLead',
		displayName: 'Sian Southmoor Lead'
	},
	{
		email: 'reviewer@southmoor.example',
		password: 'demo-southmoor-reviewer-pass',
		role: 'clinicalReviewer',
		displayName: 'Dr Sam Southmoor Reviewer'
	}
];

const speakingUpEn: BriefingVariant[] = [
	{
		format: 'leaflet',
		language: 'en',
		translationChecked: true,
		title: 'Speaking up about your care',
		sections: [
			{
				heading: 'You can always ask',
				blocks: [
					{
						kind: 'paragraph',
						text: 'If something does not seem right, tell the nurse looking after you. You will not be treated differently for asking.'
					}
				]
			}
		],
		contact: 'Southmoor Patient Advice and Liaison Service: 0300 000 0001'
	}
];

export async function seedSouthmoor(trx: Db, now: Date, reviewBy: string): Promise<string> {
	const org = await createOrganisation(trx, {
		name: 'Southmoor Health NHS Foundation Trust (demo)',
		contact: 'Patient Advice and Liaison Service (PALS): 0300 000 0001, pals@southmoor.example'
	});
	await createWard(trx, { organisationId: org.id, name: 'Oak Ward', specialty: 'General surgery' });
	const ids: string[] = [];
	for (const a of southmoorAccounts)
		ids.push(
			(
				await createStaffAccount(trx, {
					organisationId: org.id,
					email: a.email,
					displayName: a.displayName,
					role: a.role,
					wardId: null,
					password: a.password
				})
			).id
		);
	const { id } = await createBriefing(trx, {
		organisationId: org.id,
		slug: 'speaking-up-about-your-care',
		topic: 'Speaking up about your care',
		ownerId: ids[0] ?? ''
	});
	await createVersion(
		trx,
		{
			briefingId: id,
			status: 'published',
			reviewBy,
			evidenceLinks: [],
			userTestingNote: 'Example content: test with patients and carers locally before use.',
			approvedBy: { name: 'Dr Sam Southmoor Reviewer', at: now.toISOString() },
			isExample: true,
			variants: speakingUpEn
		},
		now
	);
	return org.id;
}
