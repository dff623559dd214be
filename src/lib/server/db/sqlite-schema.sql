CREATE INDEX "admission_count_org_week" on "admission_count" ("organisation_id", "week_start");
CREATE INDEX "audit_event_org_at" on "audit_event" ("organisation_id", "at");
CREATE INDEX "audit_event_subject" on "audit_event" ("subject_type", "subject_id");
CREATE UNIQUE INDEX delivery_record_id_org on delivery_record (id, organisation_id);
CREATE INDEX delivery_record_language_needed on delivery_record (
		organisation_id, language_needed
	) where language_needed is not null;
CREATE INDEX delivery_record_measures on delivery_record (
		organisation_id, recorded_day, patient_group_id, format, outcome,
		talked_through, teach_back, voided_at, ward_id, language, recorded_at
	);
CREATE INDEX delivery_record_org_recorded on delivery_record (organisation_id, recorded_at);
CREATE INDEX delivery_record_org_ward_recorded on delivery_record (organisation_id, ward_id, recorded_at);
CREATE INDEX delivery_record_revision_delivery on delivery_record_revision (delivery_id);
CREATE INDEX delivery_record_revision_org on delivery_record_revision (organisation_id, id);
CREATE INDEX delivery_record_ward_measures on delivery_record (
		organisation_id, ward_id, recorded_day, patient_group_id, format, outcome,
		talked_through, teach_back, voided_at, language, id
	);
CREATE INDEX "feedback_delivery" on "feedback" ("delivery_id");
CREATE INDEX feedback_measures on feedback (
		organisation_id, received_day, overall, knows_how_to_get_help, language,
		delivery_id, received_at
	);
CREATE INDEX "feedback_org_received" on "feedback" ("organisation_id", "received_at");
CREATE UNIQUE INDEX "feedback_submission" on "feedback" ("organisation_id", "submission_id") where "submission_id" is not null;
CREATE INDEX "feedback_token_hash" on "feedback" ("token_hash", "received_at") where "token_hash" is not null;
CREATE INDEX "held_delivery_record_org_day" on "held_delivery_record" ("organisation_id", "recorded_day");
CREATE INDEX "library_adoption_briefing" on "library_adoption" ("organisation_id", "briefing_id");
CREATE INDEX "library_lesson_item" on "library_lesson" ("library_item_id");
CREATE INDEX "mail_outbox_organisation" on "mail_outbox" ("organisation_id", "created_at");
CREATE INDEX "mail_outbox_waiting" on "mail_outbox" ("sent_at", "failed_at", "next_attempt_at");
CREATE INDEX "measure_annotation_org_date" on "measure_annotation" ("organisation_id", "on_date");
CREATE UNIQUE INDEX organisation_ods_code_unique on organisation (ods_code)
		where ods_code is not null;
CREATE UNIQUE INDEX organisation_slug_unique on organisation (slug);
CREATE INDEX "patient_code_expires" on "patient_code" ("expires_at");
CREATE INDEX patient_group_briefing_briefing on patient_group_briefing (briefing_id);
CREATE UNIQUE INDEX patient_group_id_org on patient_group (id, organisation_id);
CREATE INDEX patient_link_delivery on patient_link (delivery_id);
CREATE INDEX "pending_pack_import_expires" on "pending_pack_import" ("expires_at");
CREATE INDEX "rate_limit_window_expires" on "rate_limit_window" ("expires_at");
CREATE INDEX "region_member_region" on "region_member" ("region_id");
CREATE INDEX "retention_run_org_ran_at" on "retention_run" ("organisation_id", "ran_at");
CREATE INDEX "session_account" on "session" ("staff_account_id");
CREATE INDEX "session_expires" on "session" ("expires_at");
CREATE INDEX "set_password_link_account" on "set_password_link" ("staff_account_id");
CREATE INDEX "sign_in_attempt_address_at" on "sign_in_attempt" ("address", "at");
CREATE INDEX "sign_in_attempt_email_at" on "sign_in_attempt" ("email", "at");
CREATE INDEX "sign_in_failure_organisation_email_at" on "sign_in_failure" ("organisation_id", "email", "at");
CREATE INDEX staff_account_email on staff_account (email);
CREATE UNIQUE INDEX staff_account_org_email on staff_account (organisation_id, email);
CREATE UNIQUE INDEX staff_account_org_sso_subject on staff_account (organisation_id, sso_subject)
		where sso_subject is not null;
CREATE UNIQUE INDEX ward_org_code on ward (organisation_id, code)
		where code is not null;
CREATE TABLE "admission_count" ("organisation_id" text not null references "organisation" ("id"), "ward_id" text not null references "ward" ("id"), "week_start" text not null, "admissions" integer not null, "updated_at" text not null, "updated_by" text not null references "staff_account" ("id"), constraint "admission_count_pk" primary key ("ward_id", "week_start"));
CREATE TABLE "aim" ("id" text primary key, "organisation_id" text not null references "organisation" ("id"), "title" text not null, "measure" text not null, "target" real not null, "ward_ids" text default '[]' not null, "patient_group_ids" text default '[]' not null, "due_by" text not null, "created_by" text not null references "staff_account" ("id"), "created_at" text not null, "closed_outcome" text, "closed_on" text);
CREATE TABLE "audit_event" ("id" text primary key, "organisation_id" text not null references "organisation" ("id"), "actor_id" text not null references "staff_account" ("id"), "action" text not null, "subject_type" text not null, "subject_id" text not null, "detail" text default '{}' not null, "at" text not null);
CREATE TABLE "briefing" (id text primary key,
		organisation_id text not null references organisation (id),
		slug text not null,
		topic text not null,
		owner_id text not null references staff_account (id),
		created_at text not null,
		constraint briefing_org_slug_unique unique (organisation_id, slug),
		constraint briefing_id_org unique (id, organisation_id));
CREATE TABLE "briefing_variant" (version_id text not null references briefing_version (id) on delete cascade,
		organisation_id text not null references organisation (id),
		format text not null,
		language text not null,
		content text not null,
		constraint briefing_variant_pk primary key (version_id, format, language),
		foreign key (version_id, organisation_id) references briefing_version (id, organisation_id)
			on delete cascade);
CREATE TABLE "briefing_variant_partial" ("version_id" text not null, "organisation_id" text not null, "format" text not null, "language" text not null, "draft" text not null, "updated_at" text not null, constraint "briefing_variant_partial_pk" primary key ("version_id", "format", "language"), constraint "briefing_variant_partial_version" foreign key ("version_id", "organisation_id") references "briefing_version" ("id", "organisation_id"));
CREATE TABLE "briefing_version" (id text primary key,
		organisation_id text not null references organisation (id),
		briefing_id text not null references briefing (id),
		number integer not null,
		status text not null,
		review_by text not null,
		evidence_links text not null,
		user_testing_note text not null,
		approved_by_name text,
		approved_at text,
		published_at text,
		is_example integer default 0 not null,
		created_at text not null,
		revision integer default 1 not null,
		retired_at text,
		submitted_at text,
		review_comment text,
		returned_at text,
		constraint briefing_version_number_unique unique (briefing_id, number),
		constraint briefing_version_id_org unique (id, organisation_id),
		foreign key (briefing_id, organisation_id) references briefing (id, organisation_id));
CREATE TABLE "delivery_record" (
		id text primary key,
		organisation_id text not null references organisation (id),
		ward_id text not null references ward (id),
		patient_group_id text not null references patient_group (id),
		briefing_id text not null references briefing (id),
		version_id text not null references briefing_version (id),
		format text not null,
		language text not null,
		outcome text not null,
		talked_through integer, interpreter_used integer, carer_present integer,
	teach_back text,
		recorded_at text not null,
		received_at text not null,
		recorded_by text not null references staff_account (id),
		voided_at text,
		voided_by text references staff_account (id),
		language_needed text
	, "recorded_day" text);
CREATE TABLE "delivery_record_revision" (id integer primary key autoincrement,
		delivery_id text not null references delivery_record (id),
		organisation_id text not null references organisation (id),
		changed_at text not null,
		changed_by text not null references staff_account (id),
		change text not null,
		before text not null,
		foreign key (delivery_id, organisation_id) references delivery_record (id, organisation_id));
CREATE TABLE "feedback" ("id" text primary key, "organisation_id" text not null references "organisation" ("id"), "briefing_id" text not null references "briefing" ("id"), "version_id" text references "briefing_version" ("id"), "delivery_id" text references "delivery_record" ("id"), "language" text not null, "overall" text, "knows_how_to_get_help" text, "able_to_ask_hand_hygiene" text, "free_text" text, "received_at" text not null, "token_hash" text, "updated_at" text, "received_day" text, "submission_id" text);
CREATE TABLE "held_delivery_record" ("id" text primary key, "organisation_id" text not null references "organisation" ("id"), "ward_id" text not null references "ward" ("id"), "patient_group_id" text not null, "briefing_id" text not null, "version_id" text not null, "format" text not null, "language" text not null, "outcome" text not null, "talked_through" integer, "interpreter_used" integer, "carer_present" integer, "teach_back" text, "language_needed" text, "recorded_at" text not null, "recorded_day" text not null, "received_at" text not null, "recorded_by" text not null references "staff_account" ("id"), "sent_by" text not null references "staff_account" ("id"), "patient_token_hash" text, "reason" text not null, "set_aside_at" text, "set_aside_by" text references "staff_account" ("id"), "set_aside_reason" text, constraint "held_delivery_record_group" foreign key ("patient_group_id", "organisation_id") references "patient_group" ("id", "organisation_id"), constraint "held_delivery_record_briefing" foreign key ("briefing_id", "organisation_id") references "briefing" ("id", "organisation_id"), constraint "held_delivery_record_version" foreign key ("version_id", "organisation_id") references "briefing_version" ("id", "organisation_id"));
CREATE TABLE "install_key" ("id" text primary key, "public_key" text not null, "private_key" text not null, "created_at" text not null);
CREATE TABLE "library_adoption" ("id" text primary key, "organisation_id" text not null references "organisation" ("id"), "library_item_id" text not null references "library_item" ("id"), "version_number" integer not null, "seen_version" integer not null, "briefing_id" text not null references "briefing" ("id"), "adopted_by" text not null references "staff_account" ("id"), "adopted_at" text not null, constraint "library_adoption_once" unique ("organisation_id", "library_item_id"));
CREATE TABLE "library_item" ("id" text primary key, "source_organisation_id" text not null references "organisation" ("id"), "source_briefing_id" text not null references "briefing" ("id"), "topic" text not null, "licence" text not null, "attribution" text not null, "evidence_note" text not null, "user_testing_note" text not null, "needs" text not null, "created_at" text not null, "updated_at" text not null, "withdrawn_at" text, "withdrawn_reason" text, constraint "library_item_source_unique" unique ("source_organisation_id", "source_briefing_id"));
CREATE TABLE "library_item_version" ("id" text primary key, "library_item_id" text not null references "library_item" ("id"), "number" integer not null, "source_version_number" integer not null, "content" text not null, "fingerprint" text not null, "formats" text not null, "languages" text not null, "reading_age" integer, "review_by" text not null, "shared_by" text not null references "staff_account" ("id"), "shared_at" text not null, constraint "library_item_version_number_unique" unique ("library_item_id", "number"));
CREATE TABLE "library_lesson" ("id" text primary key, "organisation_id" text not null references "organisation" ("id"), "library_item_id" text not null references "library_item" ("id"), "annotation_id" text not null references "measure_annotation" ("id"), "on_date" text not null, "tried" text not null, "happened" text not null, "measure" text not null, "weeks" integer not null, "before_numerator" integer not null, "before_denominator" integer, "after_numerator" integer not null, "after_denominator" integer, "shared_by" text not null references "staff_account" ("id"), "shared_at" text not null, constraint "library_lesson_once" unique ("library_item_id", "annotation_id"));
CREATE TABLE "mail_digest_week" ("organisation_id" text not null references "organisation" ("id"), "week_start" text not null, "queued_at" text not null, constraint "mail_digest_week_pk" primary key ("organisation_id", "week_start"));
CREATE TABLE "mail_outbox" ("id" text primary key, "organisation_id" text not null references "organisation" ("id"), "recipient_id" text not null references "staff_account" ("id"), "event" text not null, "version_id" text, "language" text not null, "subject" text not null, "text_body" text not null, "html_body" text not null, "created_at" text not null, "attempts" integer default 0 not null, "next_attempt_at" text not null, "claimed_until" text, "sent_at" text, "failed_at" text, "last_error" text);
CREATE TABLE "measure_annotation" ("id" text primary key, "organisation_id" text not null references "organisation" ("id"), "on_date" text not null, "text" text not null, "ward_id" text references "ward" ("id"), "created_by" text not null references "staff_account" ("id"), "created_at" text not null);
CREATE TABLE "measure_day_count" ("organisation_id" text not null references "organisation" ("id"), "day" text not null, "patient_group_id" text not null, "format" text not null, "total" integer not null, "given" integer not null, "talked_through" integer not null, "teach_back" integer not null, "talked_through_answered" integer default 0 not null, "teach_back_answered" integer default 0 not null, constraint "measure_day_count_pk" primary key ("organisation_id", "day", "patient_group_id", "format"));
CREATE TABLE "measure_setting" ("organisation_id" text not null references "organisation" ("id"), "measure" text not null, "chart" text not null, "baseline_points" integer, "rebase_at" text default '[]' not null, "updated_at" text not null, constraint "measure_setting_pk" primary key ("organisation_id", "measure"));
CREATE TABLE "oidc_login" ("state" text primary key, "organisation_id" text not null references "organisation" ("id") on delete cascade, "code_verifier" text not null, "nonce" text not null, "return_to" text not null, "created_at" text not null, "expires_at" text not null);
CREATE TABLE "organisation" ("id" text primary key, "name" text not null, "contact" text default '' not null, "created_at" text not null, "time_zone" text default 'Europe/London' not null, "ods_code" text, "slug" text, "kind" text default 'trust' not null, "suspended_at" text, "default_languages" text default '["en"]' not null, "retain_records_years" integer default 5 not null, "retain_feedback_years" integer default 5 not null, "retain_audit_years" integer default 6 not null, "records_retained_from" text);
CREATE TABLE "organisation_sso" ("organisation_id" text primary key references "organisation" ("id") on delete cascade, "issuer" text not null, "client_id" text not null, "client_secret" text not null, "allowed_domain" text not null, "role_claim" text, "role_map" text default '{}' not null, "enabled" integer default 0 not null, "updated_at" text not null, "client_auth" text default 'clientSecret' not null, "private_key" text);
CREATE TABLE "patient_code" ("code" text primary key, "organisation_id" text not null references "organisation" ("id"), "briefing_id" text not null references "briefing" ("id"), "language" text not null, "format" text not null, "token_hash" text not null unique, "link_token" text not null unique, "created_at" text not null, "expires_at" text not null);
CREATE TABLE "patient_group" ("id" text primary key, "organisation_id" text not null references "organisation" ("id"), "name" text not null, "description" text not null, "communication_needs" text not null, "preferred_formats" text not null, "usual_languages" text not null, "archived" integer default 0 not null, "position" integer not null, "age_bands" text default '[]' not null, "revision" integer default 1 not null);
CREATE TABLE "patient_group_briefing" (patient_group_id text not null references patient_group (id),
		briefing_id text not null references briefing (id),
		organisation_id text not null references organisation (id),
		position integer not null,
		constraint patient_group_briefing_pk primary key (patient_group_id, briefing_id),
		foreign key (patient_group_id, organisation_id) references patient_group (id, organisation_id),
		foreign key (briefing_id, organisation_id) references briefing (id, organisation_id));
CREATE TABLE "patient_link" (token_hash text primary key,
		delivery_id text not null references delivery_record (id),
		organisation_id text not null references organisation (id),
		created_at text not null,
		foreign key (delivery_id, organisation_id) references delivery_record (id, organisation_id));
CREATE TABLE "patient_view_event" (token_hash text not null references patient_link (token_hash),
		organisation_id text not null references organisation (id),
		event text not null,
		at text not null,
		constraint patient_view_event_pk primary key (token_hash, event));
CREATE TABLE "pending_pack_import" ("id" text primary key, "organisation_id" text not null references "organisation" ("id"), "created_at" text not null, "expires_at" text not null);
CREATE TABLE "poster_code" ("code" text primary key, "organisation_id" text not null references "organisation" ("id"), "briefing_id" text not null unique references "briefing" ("id"), "created_at" text not null);
CREATE TABLE "rate_limit_window" ("key" text not null, "window_start" text not null, "count" integer not null, "expires_at" text not null, constraint "rate_limit_window_pk" primary key ("key", "window_start"));
CREATE TABLE "region" ("id" text primary key, "name" text not null unique, "created_at" text not null);
CREATE TABLE "region_aggregate" ("remote_id" text not null references "region_remote" ("id"), "period" text not null, "measures" text not null, "issued_at" text not null, "received_at" text not null, "received_by" text not null references "staff_account" ("id"), constraint "region_aggregate_pk" primary key ("remote_id", "period"));
CREATE TABLE "region_member" ("organisation_id" text primary key references "organisation" ("id"), "region_id" text not null references "region" ("id"), "added_at" text not null);
CREATE TABLE "region_remote" ("id" text primary key, "region_id" text not null references "region" ("id"), "name" text not null, "source_id" text not null, "public_key" text not null, "fingerprint" text not null, "added_by" text not null references "staff_account" ("id"), "added_at" text not null, constraint "region_remote_once" unique ("region_id", "source_id"));
CREATE TABLE "region_share" ("organisation_id" text not null references "organisation" ("id"), "measure" text not null, "shared_by" text not null references "staff_account" ("id"), "shared_at" text not null, constraint "region_share_pk" primary key ("organisation_id", "measure"));
CREATE TABLE "retention_run" ("id" text primary key, "organisation_id" text not null references "organisation" ("id"), "ran_at" text not null, "records_before_day" text not null, "feedback_before_day" text not null, "audit_before" text not null, "records_deleted" integer not null, "feedback_deleted" integer not null, "audit_deleted" integer not null);
CREATE TABLE "session" ("id" text primary key, "staff_account_id" text not null references "staff_account" ("id") on delete cascade, "created_at" text not null, "expires_at" text not null, "last_seen_at" text);
CREATE TABLE "set_password_link" ("token_hash" text primary key, "staff_account_id" text not null references "staff_account" ("id") on delete cascade, "purpose" text not null, "created_by" text references "staff_account" ("id"), "created_at" text not null, "expires_at" text not null, "used_at" text);
CREATE TABLE "sign_in_attempt" ("id" integer primary key autoincrement, "email" text not null, "address" text not null, "succeeded" integer not null, "at" text not null);
CREATE TABLE "sign_in_failure" ("attempt_id" integer not null references "sign_in_attempt" ("id") on delete cascade, "organisation_id" text not null references "organisation" ("id"), "email" text not null, "at" text not null, constraint "sign_in_failure_pk" primary key ("attempt_id", "organisation_id"));
CREATE TABLE sqlite_sequence(name,seq);
CREATE TABLE "staff_account" (
		id text primary key,
		organisation_id text not null references organisation (id),
		email text not null,
		display_name text not null,
		role text not null,
		ward_id text references ward (id),
		password_hash text,
		disabled integer not null default 0,
		created_at text not null,
		last_sign_in_at text,
		sso_subject text
	, "role_from_sso" integer default 0 not null, "region_id" text references "region" ("id"), "interface_language" text, "mail_steps" integer default 1 not null, "mail_digest" integer default 1 not null);
CREATE TABLE "translation_source" ("version_id" text not null, "organisation_id" text not null, "format" text not null, "language" text not null, "path" text not null, "source_text" text not null, "reason" text, "reason_by" text references "staff_account" ("id"), "reason_at" text, constraint "translation_source_pk" primary key ("version_id", "format", "language", "path"), constraint "translation_source_version" foreign key ("version_id", "organisation_id") references "briefing_version" ("id", "organisation_id"));
CREATE TABLE "version_return" ("version_id" text not null, "organisation_id" text not null, "returned_at" text not null, "returned_by" text references "staff_account" ("id"), "comment" text not null, "variants" text not null, "details" text not null, constraint "version_return_pk" primary key ("version_id", "returned_at"), constraint "version_return_version" foreign key ("version_id", "organisation_id") references "briefing_version" ("id", "organisation_id"));
CREATE TABLE "ward" ("id" text primary key, "organisation_id" text not null references "organisation" ("id"), "name" text not null, "specialty" text default '' not null, "code" text, "site" text default '' not null, "retired_at" text, constraint "ward_name_unique" unique ("organisation_id", "name"));
