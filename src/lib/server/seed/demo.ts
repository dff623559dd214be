import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BriefingVariant } from '$lib/domain/briefing';
import { parseWebVtt, transcriptOf } from '$lib/domain/webvtt';
import type { Role } from '$lib/domain/staff';
import type { Db } from '../db/database';
import { assignBriefingToGroup, createBriefing, createVersion } from '../repositories/briefings';
import { createOrganisation, createWard } from '../repositories/organisations';
import { createPatientGroup } from '../repositories/patient-groups';
import { createStaffAccount } from '../repositories/staff-accounts';
import { yourSafetyAr } from './content/your-safety-on-our-ward.ar';
import { yourSafetyCy } from './content/your-safety-on-our-ward.cy';
import { yourSafetyEn } from './content/your-safety-on-our-ward.en';
import { bloodClotsEn, callDontFallEn, sepsisEn } from './other-briefings.en';
import { seedDemoHistory } from './demo-history';
import { seedPatientGroups } from './patient-groups';
import { shareBriefing } from '../library/share';
import { seedSouthmoor, southmoorAccounts } from './southmoor';
import { regionalAccount, seedRegion } from './region';

export interface DemoAccount {
	email: string;
	password: string;
	role: Role;
	displayName: string;
	ward?: string;
}

/** Demo sign-in details: printed at first start and in the README. Demo data only. */
export const demoAccounts: DemoAccount[] = [
	{
		email: 'admin@demo.example',
		password: 'demo-admin-pass',
		role: 'admin',
		displayName: 'Alex Admin'
	},
	{
		email: 'lead@demo.example',
		password: 'demo-lead-pass',
		role: 'engagementLead',
		displayName: 'Leila Lead'
	},
	{
		email: 'reviewer@demo.example',
		password: 'demo-reviewer-pass',
		role: 'clinicalReviewer',
		displayName: 'Dr Rhys Reviewer'
	},
	{
		email: 'ward7@demo.example',
		password: 'demo-ward-pass',
		role: 'wardStaff',
		displayName: 'Wyn Ward Nurse',
		ward: 'Ward 7'
	},
	{
		// The service operator: a member of the platform organisation, not of the trust.
		email: 'platform@demo.example',
		password: 'demo-platform-pass',
		role: 'platformAdmin',
		displayName: 'Pat Platform'
	}
];

const wards = [
	{ name: 'Ward 7', specialty: 'Acute medicine' },
	{ name: 'Ward 12', specialty: 'Trauma and orthopaedics' },
	{ name: 'Rainbow Ward', specialty: 'Children and young people' },
	{ name: 'Elm Ward', specialty: 'Care of older people' }
];

/** Reads a bundled static file: from `static/` in a checkout, `build/client/` once built. */
function readStatic(path: string): string | null {
	for (const root of ['static', 'build/client']) {
		const file = resolve(root, `.${path}`);
		if (existsSync(file)) return readFileSync(file, 'utf8');
	}
	return null;
}

/** Fills each video's transcript from its own-language captions. */
function withTranscripts(variants: BriefingVariant[]): BriefingVariant[] {
	return variants.map((v) => {
		if (v.format !== 'video' || v.transcript) return v;
		const captions = v.captions.find((c) => c.language === v.language);
		const vtt = captions ? readStatic(captions.path) : null;
		const parsed = vtt ? parseWebVtt(vtt) : null;
		return parsed?.ok ? { ...v, transcript: transcriptOf(parsed.cues) } : v;
	});
}

function yearsFrom(now: Date, years: number, days = 0): string {
	const d = new Date(now);
	d.setUTCFullYear(d.getUTCFullYear() + years);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}

/**
 * Seeds the demo organisation: wards, the seed patient groups, staff accounts and the seed
 * briefings (and, with `history`, six months of measurement data), all in one transaction so a
 * failed seed leaves an empty database to retry.
 */
export async function seedDemo(
	db: Db,
	now = new Date(),
	options: { history?: boolean } = {}
): Promise<DemoAccount[]> {
	await db.transaction().execute(async (trx) => {
		const org = await createOrganisation(trx, {
			name: 'Northfield Hospitals NHS Trust (demo)',
			contact: 'Patient Advice and Liaison Service (PALS): 0300 000 0000, pals@northfield.example'
		});
		const wardIds = new Map<string, string>();
		for (const ward of wards)
			wardIds.set(ward.name, (await createWard(trx, { organisationId: org.id, ...ward })).id);

		const platform = await createOrganisation(trx, {
			name: 'Safety briefing service (demo operator)',
			slug: 'platform',
			kind: 'platform'
		});
		const accounts = new Map<Role, string>();
		for (const a of demoAccounts) {
			const account = await createStaffAccount(trx, {
				organisationId: a.role === 'platformAdmin' ? platform.id : org.id,
				email: a.email,
				displayName: a.displayName,
				role: a.role,
				wardId: a.ward ? wardIds.get(a.ward) : null,
				password: a.password
			});
			accounts.set(a.role, account.id);
		}
		const ownerId = accounts.get('engagementLead') ?? '';

		const groups = [];
		for (const group of seedPatientGroups)
			groups.push(await createPatientGroup(trx, org.id, group));

		const approvedBy = { name: 'Dr Rhys Reviewer', at: now.toISOString() };
		const governance = {
			evidenceLinks: [
				'https://www.england.nhs.uk/patient-safety/',
				'https://www.nice.org.uk/guidance/ng89'
			],
			userTestingNote: 'Example content: test with patients and carers locally before use.',
			isExample: true
		};
		const briefings = [
			{
				slug: 'your-safety-on-our-ward',
				topic: 'Your safety on our ward',
				variants: withTranscripts([...yourSafetyEn, ...yourSafetyCy, ...yourSafetyAr]),
				status: 'published' as const,
				reviewBy: yearsFrom(now, 1)
			},
			{
				slug: 'call-dont-fall',
				topic: "Call, don't fall",
				variants: callDontFallEn,
				status: 'published' as const,
				// Due for review soon: shows the review flag in the studio and on the ward.
				reviewBy: yearsFrom(now, 0, 30)
			},
			{
				slug: 'preventing-blood-clots',
				topic: 'Preventing blood clots',
				variants: bloodClotsEn,
				status: 'published' as const,
				reviewBy: yearsFrom(now, 2)
			},
			{
				slug: 'sepsis-when-to-get-help',
				topic: 'Sepsis: when to get help',
				variants: sepsisEn,
				status: 'inReview' as const,
				reviewBy: yearsFrom(now, 2)
			}
		];
		const briefingIds = new Map<string, string>();
		for (const b of briefings) {
			const { id } = await createBriefing(trx, {
				organisationId: org.id,
				slug: b.slug,
				topic: b.topic,
				ownerId
			});
			briefingIds.set(b.slug, id);
			await createVersion(
				trx,
				{
					briefingId: id,
					status: b.status,
					reviewBy: b.reviewBy,
					approvedBy: b.status === 'published' ? approvedBy : null,
					variants: b.variants,
					...governance
				},
				now
			);
		}

		const everyone = briefingIds.get('your-safety-on-our-ward') ?? '';
		for (const group of groups) {
			await assignBriefingToGroup(trx, group.id, everyone, 1);
			if (/falls|frail|dementia|Blind/.test(group.name))
				await assignBriefingToGroup(trx, group.id, briefingIds.get('call-dont-fall') ?? '', 2);
			if (/surgery/.test(group.name))
				await assignBriefingToGroup(
					trx,
					group.id,
					briefingIds.get('preventing-blood-clots') ?? '',
					2
				);
			if (/Going home/.test(group.name))
				await assignBriefingToGroup(
					trx,
					group.id,
					briefingIds.get('sepsis-when-to-get-help') ?? '',
					2
				);
		}
		if (options.history) await seedDemoHistory(trx, org.id, now);

		// A second trust, and one briefing Northfield shares, so the library is not empty.
		const southmoorId = await seedSouthmoor(trx, now, yearsFrom(now, 1));
		// The demo region over both trusts, and its regional lead.
		await seedRegion(
			trx,
			now,
			{ northfield: org.id, southmoor: southmoorId, platform: platform.id },
			options.history ?? false
		);
		await shareBriefing(
			trx,
			{ id: ownerId, organisationId: org.id },
			{
				briefingId: briefingIds.get('call-dont-fall') ?? '',
				licence: 'OGL-UK-3.0',
				attribution: '© Northfield Hospitals NHS Trust (demo)',
				evidenceNote: 'NICE guideline NG249, falls in hospital (example content).',
				userTestingNote: 'Example content: test with patients and carers locally before use.',
				needs: ['largePrint', 'carerOrAdvocate']
			},
			now
		);
	});
	return [...demoAccounts, ...southmoorAccounts, regionalAccount];
}
