import type { Generated } from 'kysely';

/*
 * Kysely's view of the tables. Types stay portable to PostgreSQL: text ids (UUIDs), text
 * timestamps in ISO 8601 UTC, integers 0/1 for booleans, JSON as text.
 */

export interface OrganisationTable {
	id: string;
	name: string;
	contact: string;
	created_at: string;
	/** IANA name (migration 011): decides the organisation's days, weeks and months. */
	time_zone: Generated<string>;
	/** NHS ODS organisation code (e.g. RXX), when known: the FHIR export's sender identifier. */
	ods_code: string | null;
	/** Its public address, /o/<slug>/… (015); unique. */
	slug: string;
	/** 'trust', or 'platform': the service operator's own, holding platform admins and no content. */
	kind: Generated<'trust' | 'platform'>;
	suspended_at: string | null;
	/** JSON array of language codes offered first (015). */
	default_languages: Generated<string>;
	/** How long its records, feedback and audit entries are kept, in years (033, retention.ts). */
	retain_records_years: Generated<number>;
	retain_feedback_years: Generated<number>;
	retain_audit_years: Generated<number>;
	/** The first local day whose records are kept; day counts before it are frozen (033). */
	records_retained_from: string | null;
}

export interface WardTable {
	id: string;
	organisation_id: string;
	name: string;
	specialty: string;
	/** The code the hospital's PAS uses for the ward (015), unique in the organisation. */
	code: string | null;
	site: Generated<string>;
	/** Retired wards take no new records; records keep their ward. */
	retired_at: string | null;
}

export interface StaffAccountTable {
	id: string;
	organisation_id: string;
	email: string;
	display_name: string;
	role: string;
	ward_id: string | null;
	/** Null until a set-password link is used, or for a single-sign-on-only account (015). */
	password_hash: string | null;
	disabled: Generated<number>;
	created_at: string;
	last_sign_in_at: string | null;
	/** "<issuer> <sub>" of the person's OpenID Connect identity, once they have used it. */
	sso_subject: string | null;
	/** 1: the role follows the provider's group claim at each sign-in; 0: the admin's (018). */
	role_from_sso: Generated<number>;
	/** A regional lead's region (036); null for every other role. */
	region_id: Generated<string | null>;
	/** The staff interface language they chose (042); null: not chosen, the browser's decides. */
	interface_language: Generated<string | null>;
	/** 1: review messages (submitted, returned, approved, published) by email; 0: off (042). */
	mail_steps: Generated<number>;
	/** 1: the weekly digest of reviews due by email; 0: off (042). */
	mail_digest: Generated<number>;
}

export interface SessionTable {
	/** SHA-256 of the cookie's token: a stolen database does not yield live sessions. */
	id: string;
	staff_account_id: string;
	created_at: string;
	expires_at: string;
	/** When the session was last used (015): the idle timeout counts from here. */
	last_seen_at: string | null;
}

/** A one-time link to set (invite) or reset a password (015). */
export interface SetPasswordLinkTable {
	/** SHA-256 (hex) of the link's token: the token itself is never stored. */
	token_hash: string;
	staff_account_id: string;
	purpose: 'invite' | 'reset';
	/** Null when made from the shell (`npm run admin`). */
	created_by: string | null;
	created_at: string;
	expires_at: string;
	used_at: string | null;
}

/** An organisation's OpenID Connect provider (015). */
export interface OrganisationSsoTable {
	organisation_id: string;
	issuer: string;
	client_id: string;
	/** Sealed (sso/secret-box) since 018; '' with private_key_jwt; plaintext if saved before. */
	client_secret: string;
	/** Only emails at this domain may sign in, e.g. "nhs.net". */
	allowed_domain: string;
	role_claim: string | null;
	/** JSON object: group value → role. */
	role_map: Generated<string>;
	enabled: Generated<number>;
	updated_at: string;
	/** 'clientSecret' or 'privateKeyJwt' (018). */
	client_auth: Generated<string>;
	/** The toolkit's private key for private_key_jwt, sealed (sso/secret-box); or null (018). */
	private_key: string | null;
}

/** A sign-in on its way through an OpenID provider: state, nonce and PKCE verifier (015). */
export interface OidcLoginTable {
	state: string;
	organisation_id: string;
	code_verifier: string;
	nonce: string;
	return_to: string;
	created_at: string;
	expires_at: string;
}

export interface SignInAttemptTable {
	id: Generated<number>;
	email: string;
	address: string;
	succeeded: number;
	at: string;
}

/** A failed sign-in against an organisation's account (017); unlocking deletes these only. */
export interface SignInFailureTable {
	attempt_id: number;
	organisation_id: string;
	email: string;
	at: string;
}

export interface PatientGroupTable {
	id: string;
	organisation_id: string;
	name: string;
	description: string;
	communication_needs: string;
	preferred_formats: string;
	usual_languages: string;
	archived: number;
	position: number;
	/** JSON array of AgeBand: the ages the group covers, for the ward's quick questions. */
	age_bands: Generated<string>;
	/** Moves on with every change; an edit names the revision it started from. */
	revision: Generated<number>;
}

export interface BriefingTable {
	id: string;
	organisation_id: string;
	slug: string;
	topic: string;
	owner_id: string;
	created_at: string;
}

export interface BriefingVersionTable {
	id: string;
	/** Its organisation (016): equal to its parent's, which a composite foreign key checks. */
	organisation_id: string;
	briefing_id: string;
	number: number;
	status: string;
	review_by: string;
	evidence_links: string;
	user_testing_note: string;
	approved_by_name: string | null;
	approved_at: string | null;
	published_at: string | null;
	retired_at: string | null;
	is_example: number;
	created_at: string;
	/** Bumped on every save of a draft: optimistic concurrency for two editors. */
	revision: number;
	submitted_at: Generated<string | null>;
	/** The clinical reviewer's comments when the version was returned to draft. */
	review_comment: Generated<string | null>;
	returned_at: Generated<string | null>;
}

/** A translation saved part-done (039): the editor's draft, as JSON. */
export interface BriefingVariantPartialTable {
	version_id: string;
	organisation_id: string;
	format: string;
	language: string;
	draft: string;
	updated_at: string;
}

/** The source text a translated field was made from (039), and a lead's reason, if any. */
export interface TranslationSourceTable {
	version_id: string;
	organisation_id: string;
	format: string;
	language: string;
	path: string;
	source_text: string;
	reason: string | null;
	reason_by: string | null;
	reason_at: string | null;
}

export interface BriefingVariantTable {
	version_id: string;
	/** Its organisation (016): equal to its parent's, which a composite foreign key checks. */
	organisation_id: string;
	format: string;
	language: string;
	content: string;
}

export interface PatientGroupBriefingTable {
	patient_group_id: string;
	briefing_id: string;
	/** Its organisation (016): equal to its parent's, which a composite foreign key checks. */
	organisation_id: string;
	position: number;
}

export interface DeliveryRecordTable {
	id: string;
	organisation_id: string;
	ward_id: string;
	patient_group_id: string;
	briefing_id: string;
	version_id: string;
	format: string;
	language: string;
	outcome: string;
	/** The answers: null is "not recorded", a question the nurse left unanswered (010). */
	talked_through: number | null;
	interpreter_used: number | null;
	carer_present: number | null;
	teach_back: string | null;
	/** The language the patient needed when it differs from the one given, or null (010). */
	language_needed: Generated<string | null>;
	recorded_at: string;
	/** The local date of recorded_at in the organisation's zone, fixed on receipt (011). */
	recorded_day: string;
	received_at: string;
	recorded_by: string;
	/** Set by an undo: the record stays, for the audit trail, but no measure counts it. */
	voided_at: string | null;
	voided_by: string | null;
}

/** A record held for the lead to check (046): a delivery record's fields, and why it is held. */
export interface HeldDeliveryRecordTable {
	id: string;
	organisation_id: string;
	ward_id: string;
	patient_group_id: string;
	briefing_id: string;
	version_id: string;
	format: string;
	language: string;
	outcome: string;
	talked_through: number | null;
	interpreter_used: number | null;
	carer_present: number | null;
	teach_back: string | null;
	language_needed: string | null;
	recorded_at: string;
	recorded_day: string;
	received_at: string;
	recorded_by: string;
	/** The account whose session sent it (on a shared tablet, perhaps not who made it). */
	sent_by: string;
	/** SHA-256 of the patient's QR token, as patient_link keeps it; null once set aside. */
	patient_token_hash: string | null;
	/** The refusal it would have been: a HoldReason. */
	reason: string;
	set_aside_at: string | null;
	set_aside_by: string | null;
	/** A SetAsideReason, or a sentence about the content (never about the patient). */
	set_aside_reason: string | null;
}

/** Links the QR code shown to a patient to one delivery. */
export interface PatientLinkTable {
	/** SHA-256 (hex) of the patient's token: the token itself is never stored. */
	token_hash: string;
	delivery_id: string;
	/** Its organisation (016): equal to its parent's, which a composite foreign key checks. */
	organisation_id: string;
	created_at: string;
}

/**
 * A typed patient code (037): what the patient's page needs, and the SHA-256 of the QR code's
 * token, from before the delivery record arrives. Never the token, nothing about the patient.
 */
export interface PatientCodeTable {
	/** 8 characters of domain/patient-code.ts's alphabet, capitals, no hyphen. */
	code: string;
	organisation_id: string;
	briefing_id: string;
	language: string;
	format: string;
	token_hash: string;
	/** The code's own token in the link it opens: read as the QR code's (patient-codes.ts). */
	link_token: string;
	created_at: string;
	expires_at: string;
}

/**
 * A briefing's standing poster code (040): typed at /c, it opens the briefing's public page, for
 * as long as the briefing has a published version. No token, nothing about any patient.
 */
export interface PosterCodeTable {
	/** 8 characters of domain/patient-code.ts's alphabet, capitals, no hyphen. */
	code: string;
	organisation_id: string;
	briefing_id: string;
	created_at: string;
}

/**
 * What a version said when a reviewer returned it (041): its variants' content JSON (an array)
 * and its details (review date, evidence links, user testing note), for "changes since you
 * returned it".
 */
export interface VersionReturnTable {
	version_id: string;
	organisation_id: string;
	returned_at: string;
	returned_by: string | null;
	comment: string;
	variants: string;
	details: string;
}

/** The audit trail of a delivery record: one row per undo or correction. */
export interface DeliveryRecordRevisionTable {
	id: Generated<number>;
	delivery_id: string;
	/** Its organisation (016): equal to its parent's, which a composite foreign key checks. */
	organisation_id: string;
	changed_at: string;
	changed_by: string;
	change: 'undo' | 'correction';
	/** JSON of the record's fields before the change. */
	before: string;
}

export interface FeedbackTable {
	id: string;
	organisation_id: string;
	briefing_id: string;
	version_id: string | null;
	delivery_id: string | null;
	language: string;
	overall: string | null;
	knows_how_to_get_help: string | null;
	able_to_ask_hand_hygiene: string | null;
	free_text: string | null;
	received_at: string;
	/** The local date of received_at in the organisation's zone (011). */
	received_day: string;
	/** SHA-256 of the QR token, when the patient came from one; one row per response (010). */
	token_hash: string | null;
	updated_at: string | null;
	/** The phone's name for the submission: a repeat of it is not stored again (045). */
	submission_id: string | null;
}

export interface PatientViewEventTable {
	token_hash: string;
	/** Its organisation (016): equal to its parent's, which a composite foreign key checks. */
	organisation_id: string;
	event: 'opened' | 'finished';
	at: string;
}

/** Hits counted per key and fixed window (023): see rate-limit.ts. */
export interface RateLimitWindowTable {
	key: string;
	/** The window's start, ISO: a whole multiple of the window's length since the epoch. */
	window_start: string;
	count: number;
	/** The end of the next window, which still weighs this one: then the row may go. */
	expires_at: string;
}

/** A content pack checked and waiting for its lead to confirm (024); its file is in media storage. */
export interface PendingPackImportTable {
	/** The token the preview carries; also names the file. */
	id: string;
	organisation_id: string;
	created_at: string;
	expires_at: string;
}

/** One row per change to content or settings; never updated; deleted only by retention (033). */
export interface AuditEventTable {
	id: string;
	organisation_id: string;
	actor_id: string;
	/** What was done, e.g. 'created', 'edited', 'submitted', 'approved', 'published'. */
	action: string;
	/** What it was done to, e.g. 'briefing_version', 'patient_group', 'aim'. */
	subject_type: string;
	subject_id: string;
	/** JSON object with a few facts worth keeping (never about a patient). */
	detail: string;
	at: string;
}

/** What one run of the retention job deleted for one organisation (033). */
export interface RetentionRunTable {
	id: string;
	organisation_id: string;
	ran_at: string;
	/** Delivery records of local days before this one were deleted. */
	records_before_day: string;
	feedback_before_day: string;
	/** Audit entries at or after this instant are kept (ISO). */
	audit_before: string;
	records_deleted: number;
	feedback_deleted: number;
	audit_deleted: number;
}

/** Admissions per ward per ISO week (week_start is its Monday): the denominator of coverage. */
export interface AdmissionCountTable {
	organisation_id: string;
	ward_id: string;
	week_start: string;
	admissions: number;
	updated_at: string;
	updated_by: string;
}

export interface AimTable {
	id: string;
	organisation_id: string;
	title: string;
	measure: string;
	/** Percentage (0–100) or count the measure should reach. */
	target: number;
	/** JSON arrays; empty means every ward / every group. */
	ward_ids: string;
	patient_group_ids: string;
	due_by: string;
	created_by: string;
	created_at: string;
	/** 'achieved' or 'stopped' once closed, with the organisation's day it closed (044). */
	closed_outcome: string | null;
	closed_on: string | null;
}

/** A change tried (PDSA cycle), drawn on the charts at its date. */
export interface MeasureAnnotationTable {
	id: string;
	organisation_id: string;
	on_date: string;
	text: string;
	ward_id: string | null;
	created_by: string;
	created_at: string;
}

export interface MeasureSettingTable {
	organisation_id: string;
	measure: string;
	chart: string;
	baseline_points: number | null;
	/** JSON array of period keys where a new segment starts. */
	rebase_at: string;
	updated_at: string;
}

/** Records counted per day, group and format: the organisation's measures without a scan. */
export interface MeasureDayCountTable {
	organisation_id: string;
	day: string;
	patient_group_id: string;
	format: string;
	total: number;
	given: number;
	talked_through: number;
	teach_back: number;
	/** Given records whose talked-through / teach-back question was answered (010). */
	talked_through_answered: Generated<number>;
	teach_back_answered: Generated<number>;
}

/** A briefing shared with every organisation's leads (034); service-wide, named by its source. */
export interface LibraryItemTable {
	id: string;
	/** The organisation that shares it: only its lead changes it (not `organisation_id`: read by all). */
	source_organisation_id: string;
	source_briefing_id: string;
	topic: string;
	licence: string;
	attribution: string;
	evidence_note: string;
	user_testing_note: string;
	/** JSON array of CommunicationNeed: the patient groups' needs it suits. */
	needs: string;
	created_at: string;
	updated_at: string;
	withdrawn_at: string | null;
	/** 'author', or 'fingerprint' when a stored version no longer matched its fingerprint. */
	withdrawn_reason: string | null;
}

/** What was shared, frozen, with the SHA-256 of its canonical JSON (034). */
export interface LibraryItemVersionTable {
	id: string;
	library_item_id: string;
	number: number;
	source_version_number: number;
	/** JSON of LibraryContent. */
	content: string;
	fingerprint: string;
	formats: string;
	languages: string;
	/** The English text's reading age, when there is an estimate. */
	reading_age: number | null;
	review_by: string;
	shared_by: string;
	shared_at: string;
}

/** An organisation's adoption of a library item: the draft it made there (034). */
export interface LibraryAdoptionTable {
	id: string;
	organisation_id: string;
	library_item_id: string;
	version_number: number;
	/** The newest library version whose changes its lead has been shown. */
	seen_version: number;
	briefing_id: string;
	adopted_by: string;
	adopted_at: string;
}

/** "What we tried and what happened", with figures before and after, shared with an item (035). */
export interface LibraryLessonTable {
	id: string;
	organisation_id: string;
	library_item_id: string;
	annotation_id: string;
	on_date: string;
	tried: string;
	happened: string;
	measure: string;
	weeks: number;
	before_numerator: number;
	before_denominator: number | null;
	after_numerator: number;
	after_denominator: number | null;
	shared_by: string;
	shared_at: string;
}

/** A region (an integrated care board) holding organisations (036). */
export interface RegionTable {
	id: string;
	name: string;
	created_at: string;
}

/** An organisation's place in a region: at most one region each (036). */
export interface RegionMemberTable {
	organisation_id: string;
	region_id: string;
	added_at: string;
}

/** A measure an organisation shares with its region; no row: not shared (036). */
export interface RegionShareTable {
	organisation_id: string;
	measure: string;
	shared_by: string;
	shared_at: string;
}

/** This install's Ed25519 key for signing aggregates sent to a region elsewhere (043). */
export interface InstallKeyTable {
	id: string;
	/** SPKI, DER, base64. */
	public_key: string;
	/** PKCS #8, DER, base64. */
	private_key: string;
	created_at: string;
}

/** An organisation on its own install whose signed aggregates a region receives (043). */
export interface RegionRemoteTable {
	id: string;
	region_id: string;
	name: string;
	/** Its organisation's id on its own install, as its files name it. */
	source_id: string;
	/** SPKI, DER, base64. */
	public_key: string;
	fingerprint: string;
	added_by: string;
	added_at: string;
}

/** One month's aggregates received from a region_remote (043); JSON per measure. */
export interface RegionAggregateTable {
	remote_id: string;
	/** YYYY-MM: the latest complete month the file covers. */
	period: string;
	measures: string;
	issued_at: string;
	received_at: string;
	received_by: string;
}

/** A message waiting to be sent, sent, or given up (042, mail/outbox.ts). */
export interface MailOutboxTable {
	id: string;
	organisation_id: string;
	recipient_id: string;
	/** 'submit' | 'return' | 'approve' | 'publish' | 'digest'. */
	event: string;
	/** The version the message is about; null for a digest. */
	version_id: string | null;
	language: string;
	subject: string;
	text_body: string;
	html_body: string;
	created_at: string;
	attempts: Generated<number>;
	next_attempt_at: string;
	/** A sender's lease: until then no other server takes it. */
	claimed_until: string | null;
	sent_at: string | null;
	/** Given up after the last retry; shown to the organisation's admin. */
	failed_at: string | null;
	last_error: string | null;
}

/** A week whose digest was queued for an organisation (042): once a week, whoever tries. */
export interface MailDigestWeekTable {
	organisation_id: string;
	/** The Monday (local day, YYYY-MM-DD) that starts the week. */
	week_start: string;
	queued_at: string;
}

export interface Database {
	set_password_link: SetPasswordLinkTable;
	organisation_sso: OrganisationSsoTable;
	oidc_login: OidcLoginTable;
	organisation: OrganisationTable;
	ward: WardTable;
	staff_account: StaffAccountTable;
	session: SessionTable;
	sign_in_attempt: SignInAttemptTable;
	sign_in_failure: SignInFailureTable;
	patient_group: PatientGroupTable;
	briefing: BriefingTable;
	briefing_version: BriefingVersionTable;
	briefing_variant: BriefingVariantTable;
	briefing_variant_partial: BriefingVariantPartialTable;
	translation_source: TranslationSourceTable;
	version_return: VersionReturnTable;
	patient_group_briefing: PatientGroupBriefingTable;
	delivery_record: DeliveryRecordTable;
	held_delivery_record: HeldDeliveryRecordTable;
	patient_link: PatientLinkTable;
	patient_code: PatientCodeTable;
	poster_code: PosterCodeTable;
	delivery_record_revision: DeliveryRecordRevisionTable;
	feedback: FeedbackTable;
	patient_view_event: PatientViewEventTable;
	rate_limit_window: RateLimitWindowTable;
	pending_pack_import: PendingPackImportTable;
	audit_event: AuditEventTable;
	admission_count: AdmissionCountTable;
	aim: AimTable;
	measure_annotation: MeasureAnnotationTable;
	measure_setting: MeasureSettingTable;
	measure_day_count: MeasureDayCountTable;
	retention_run: RetentionRunTable;
	library_item: LibraryItemTable;
	library_item_version: LibraryItemVersionTable;
	library_adoption: LibraryAdoptionTable;
	library_lesson: LibraryLessonTable;
	region: RegionTable;
	region_member: RegionMemberTable;
	region_share: RegionShareTable;
	mail_outbox: MailOutboxTable;
	mail_digest_week: MailDigestWeekTable;
	install_key: InstallKeyTable;
	region_remote: RegionRemoteTable;
	region_aggregate: RegionAggregateTable;
}
