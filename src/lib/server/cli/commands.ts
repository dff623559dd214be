import { parseArgs } from 'node:util';
import { z } from 'zod';
import { OrganisationSettings } from '$lib/domain/platform';
import type { Db } from '../db/database';
import { applyRetention } from '../operations/retention';
import {
	commandLineActor,
	ensurePlatformOrganisation,
	findAccount,
	inviteAccount,
	resetLink,
	unlockEmail
} from '../platform/accounts';
import {
	createOrganisationWithAdmin,
	createTrustOrganisation,
	findTrustOrganisation,
	listTrustOrganisations,
	takenFields
} from '../repositories/platform-organisations';

/*
 * `npm run admin -- <command> [--option value]…`: what the person installing the toolkit does
 * from a shell, against the same database as the server. Each command parses its options
 * (node:util parseArgs, strict), checks them with zod, runs, and answers an exit code:
 * 0 done, 1 refused (an organisation that does not exist, a taken ODS code), 2 bad usage.
 * Every change is audited under the "Command line" system account (platform/accounts.ts).
 */

export interface CommandContext {
	db: Db;
	/** Where links point: ORIGIN, or --origin. */
	origin: string | null;
	out: (line: string) => void;
	err: (line: string) => void;
}

type Options = Record<string, { type: 'string'; short?: string }>;

class UsageError extends Error {}
class Refused extends Error {}

const Email = z
	.email()
	.max(254)
	.transform((e) => e.toLowerCase());
const Name = z.string().trim().min(1).max(80);
const Slug = z.string().trim().min(1);
const Origin = z.url({ protocol: /^https?$/ }).transform((u) => new URL(u).origin);

const usage = `Usage: npm run admin -- <command> [options]

  create-organisation --name <name> [--ods <code>] [--slug <slug>] [--time-zone <zone>]
                      [--contact <text>] [--admin-email <email> --admin-name <name>]
  create-admin        --organisation <slug> --email <email> --name <name>
  create-platform-admin --email <email> --name <name>
  reset-link          --organisation <slug> --email <email>
  unlock              --email <email> [--organisation <slug>]
  list-organisations
  apply-retention     runs the retention job now (the server runs it daily), printing
                      what it deleted for each organisation
  backup              a backup into BACKUP_DIR (also npm run backup; docs/operations.md)
  restore <backup folder> [--force]
                      restores a backup into an empty data folder (also npm run restore)

Links are printed with ORIGIN (or --origin https://…) in front. DATA_DIR or DATABASE_FILE choose
the database, as for the server.`;

function read<S extends z.ZodObject>(
	args: string[],
	options: Options,
	schema: S
): z.infer<S> & { origin?: string } {
	let values: Record<string, unknown>;
	try {
		({ values } = parseArgs({
			args,
			options: { ...options, origin: { type: 'string' } },
			strict: true,
			allowPositionals: false
		}));
	} catch (error) {
		throw new UsageError((error as Error).message);
	}
	const parsed = schema.extend({ origin: z.string().optional() }).safeParse(values);
	if (!parsed.success)
		throw new UsageError(
			parsed.error.issues.map((i) => `--${String(i.path[0] ?? '')}: ${i.message}`).join('\n')
		);
	return parsed.data as z.infer<S> & { origin?: string };
}

/** An i18n key from the domain's schemas, said for a shell. */
function plain(message: string): string {
	const said: Record<string, string> = {
		'platform.errors.name': 'enter the organisation’s name',
		'platform.errors.nameLong': 'at most 120 characters',
		'platform.errors.odsCode':
			'an ODS code is 3 letters or digits (RXX), 5 for a site (RXX01) or a letter and 5 digits (A81001)',
		'platform.errors.slug': 'lower-case letters, digits and single hyphens, at most 60',
		'platform.errors.timeZone': 'a time zone from the IANA list, for example Europe/London',
		'platform.errors.contact': 'at most 300 characters',
		'platform.errors.defaultLanguages': 'choose at least one language'
	};
	return said[message] ?? message;
}

/** The address links start with; checked before anything changes. */
function originOf(context: CommandContext, option: string | undefined): string {
	const base = option ?? context.origin;
	if (!base) throw new UsageError('Set ORIGIN or pass --origin to print the link');
	const parsed = Origin.safeParse(base);
	if (!parsed.success) throw new UsageError(`--origin: not an http(s) address: ${base}`);
	return parsed.data;
}

const linkOf = (origin: string, token: string) => `${origin}/set-password/${token}`;

async function organisationBySlug(db: Db, slug: string) {
	const organisation = await findTrustOrganisation(db, { slug });
	if (!organisation) throw new Refused(`No organisation with the address "${slug}"`);
	return organisation;
}

const commands: Record<string, (args: string[], context: CommandContext) => Promise<void>> = {
	async 'create-organisation'(args, context) {
		const o = read(
			args,
			{
				name: { type: 'string' },
				ods: { type: 'string' },
				slug: { type: 'string' },
				'time-zone': { type: 'string' },
				contact: { type: 'string' },
				'admin-email': { type: 'string' },
				'admin-name': { type: 'string' }
			},
			z.object({
				name: z.string(),
				ods: z.string().optional(),
				slug: z.string().optional(),
				'time-zone': z.string().optional(),
				contact: z.string().optional(),
				'admin-email': Email.optional(),
				'admin-name': Name.optional()
			})
		);
		if (!o['admin-email'] !== !o['admin-name'])
			throw new UsageError('--admin-email and --admin-name go together');
		const settings = OrganisationSettings.safeParse({
			name: o.name,
			odsCode: o.ods,
			slug: o.slug,
			timeZone: o['time-zone'],
			contact: o.contact,
			defaultLanguages: ['en']
		});
		if (!settings.success)
			throw new UsageError(
				settings.error.issues
					.map((i) => `--${cliName(String(i.path[0]))}: ${plain(i.message)}`)
					.join('\n')
			);
		const taken = await takenFields(context.db, settings.data);
		if (taken.length)
			throw new Refused(
				taken.map((f) => `--${cliName(f)} is taken by another organisation`).join('\n')
			);
		const actor = await commandLineActor(context.db);
		if (!o['admin-email'] || !o['admin-name']) {
			const organisation = await createTrustOrganisation(context.db, actor, settings.data);
			context.out(`Created ${organisation.name} (${organisation.slug}).`);
			context.out(`Next: npm run admin -- create-admin --organisation ${organisation.slug} …`);
			return;
		}
		const origin = originOf(context, o.origin);
		const created = await createOrganisationWithAdmin(context.db, actor, {
			...settings.data,
			adminEmail: o['admin-email'],
			adminName: o['admin-name']
		});
		context.out(`Created ${created.organisation.name} (${created.organisation.slug}).`);
		context.out(`Its admin ${created.admin.email} sets a password at (once, 72 hours):`);
		context.out(linkOf(origin, created.token));
	},

	async 'create-admin'(args, context) {
		const o = read(
			args,
			{
				organisation: { type: 'string' },
				email: { type: 'string' },
				name: { type: 'string' }
			},
			z.object({ organisation: Slug, email: Email, name: Name })
		);
		const origin = originOf(context, o.origin);
		const organisation = await organisationBySlug(context.db, o.organisation);
		if (await findAccount(context.db, organisation.id, o.email))
			throw new Refused(`${o.email} already has an account in ${organisation.slug}`);
		const actor = await commandLineActor(context.db);
		const invited = await inviteAccount(context.db, actor, {
			organisationId: organisation.id,
			email: o.email,
			displayName: o.name,
			role: 'admin'
		});
		context.out(`Created the admin ${o.email} in ${organisation.name}. Set-password link (once):`);
		context.out(linkOf(origin, invited.token));
	},

	async 'create-platform-admin'(args, context) {
		const o = read(
			args,
			{ email: { type: 'string' }, name: { type: 'string' } },
			z.object({ email: Email, name: Name })
		);
		const origin = originOf(context, o.origin);
		const platformId = await ensurePlatformOrganisation(context.db);
		if (await findAccount(context.db, platformId, o.email))
			throw new Refused(`${o.email} is already a platform admin`);
		const actor = await commandLineActor(context.db);
		const invited = await inviteAccount(context.db, actor, {
			organisationId: platformId,
			email: o.email,
			displayName: o.name,
			role: 'platformAdmin'
		});
		context.out(`Created the platform admin ${o.email}. Set-password link (once):`);
		context.out(linkOf(origin, invited.token));
	},

	async 'reset-link'(args, context) {
		const o = read(
			args,
			{ organisation: { type: 'string' }, email: { type: 'string' } },
			z.object({ organisation: Slug, email: Email })
		);
		const origin = originOf(context, o.origin);
		// A platform admin's link: --organisation is the platform organisation's own address.
		const platform = await context.db
			.selectFrom('organisation')
			.select('id')
			.where('kind', '=', 'platform')
			.where('slug', '=', o.organisation)
			.executeTakeFirst();
		const organisationId =
			platform?.id ?? (await organisationBySlug(context.db, o.organisation)).id;
		const account = await findAccount(context.db, organisationId, o.email);
		if (!account || account.disabled)
			throw new Refused(`No account for ${o.email} in ${o.organisation}`);
		const actor = await commandLineActor(context.db);
		const link = await resetLink(context.db, actor, { id: account.id, organisationId });
		context.out(`Set-password link for ${o.email} (once, 72 hours; earlier links stop working):`);
		context.out(linkOf(origin, link.token));
	},

	async unlock(args, context) {
		const o = read(
			args,
			{ email: { type: 'string' }, organisation: { type: 'string' } },
			z.object({ email: Email, organisation: Slug.optional() })
		);
		const organisationIds = o.organisation
			? [(await organisationBySlug(context.db, o.organisation)).id]
			: (
					await context.db
						.selectFrom('staff_account')
						.select('organisation_id')
						.where('email', '=', o.email)
						.execute()
				).map((r) => r.organisation_id);
		const holders = [];
		for (const id of organisationIds)
			if (await findAccount(context.db, id, o.email)) holders.push(id);
		if (!holders.length) throw new Refused(`No account for ${o.email}`);
		const actor = await commandLineActor(context.db);
		const cleared = await unlockEmail(context.db, actor, o.email, holders);
		context.out(`Unlocked ${o.email}: ${cleared} failed sign-in(s) cleared.`);
	},

	async 'list-organisations'(args, context) {
		read(args, {}, z.object({}));
		const organisations = await listTrustOrganisations(context.db);
		if (!organisations.length) context.out('No organisations yet.');
		for (const o of organisations)
			context.out(
				[
					o.slug,
					o.odsCode ?? '-',
					o.suspendedAt ? 'suspended' : 'active',
					`${o.staffCount} staff`,
					o.name
				].join('\t')
			);
	},
	async 'apply-retention'(args, context) {
		read(args, {}, z.object({}));
		const summaries = await applyRetention(context.db);
		if (!summaries.length) context.out('Nothing is past its retention period.');
		for (const s of summaries)
			context.out(
				[
					s.organisationId,
					`${s.recordsDeleted} delivery records (days before ${s.recordsBeforeDay})`,
					`${s.feedbackDeleted} feedback (days before ${s.feedbackBeforeDay})`,
					`${s.auditDeleted} audit entries (before ${s.auditBefore})`
				].join('\t')
			);
	}
};

const cliNames: Record<string, string> = { odsCode: 'ods', timeZone: 'time-zone' };
const cliName = (field: string) => cliNames[field] ?? field;

/** Runs one command; answers its exit code. */
export async function runCommand(argv: string[], context: CommandContext): Promise<number> {
	const [name, ...args] = argv;
	const command = name ? commands[name] : undefined;
	if (!command) {
		context.err(name && name !== 'help' ? `Unknown command: ${name}\n\n${usage}` : usage);
		return name && name !== 'help' ? 2 : 0;
	}
	try {
		await command(args, context);
		return 0;
	} catch (error) {
		if (error instanceof UsageError) {
			context.err(`${error.message}\n\n${usage}`);
			return 2;
		}
		if (error instanceof Refused) {
			context.err(error.message);
			return 1;
		}
		throw error;
	}
}
