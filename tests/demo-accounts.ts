/** The seeded demo accounts (src/lib/server/seed/demo.ts), as a person would type them. */
export const demo = {
	admin: { email: 'admin@demo.example', password: 'demo-admin-pass' },
	lead: { email: 'lead@demo.example', password: 'demo-lead-pass' },
	reviewer: { email: 'reviewer@demo.example', password: 'demo-reviewer-pass' },
	ward: { email: 'ward7@demo.example', password: 'demo-ward-pass' },
	platform: { email: 'platform@demo.example', password: 'demo-platform-pass' },
	// The demo region's lead (an integrated care board), over Northfield and Southmoor.
	regional: { email: 'regional@demo-icb.example', password: 'demo-regional-pass' },
	// The second demo trust, Southmoor (src/lib/server/seed/southmoor.ts).
	southmoorLead: { email: 'lead@southmoor.example', password: 'demo-southmoor-lead-pass' },
	southmoorReviewer: {
		email: 'reviewer@southmoor.example',
		password: 'demo-southmoor-reviewer-pass'
	}
} as const;

/** The demo trust's public address (/o/<slug>, made from its name by migration 015's rule). */
export const demoOrganisation = 'northfield-hospitals-nhs-trust-demo';

/** A demo briefing's patient page, /o/<organisation>/b/<slug>. */
export const briefingPath = (slug: string) => `/o/${demoOrganisation}/b/${slug}`;
