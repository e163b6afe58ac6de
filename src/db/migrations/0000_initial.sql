CREATE TABLE "api_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"key_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"scopes" text[] DEFAULT '{public:read}'::text[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"action" text NOT NULL,
	"outcome" text NOT NULL,
	"user_id" uuid,
	"actor" text,
	"target_type" text,
	"target_id" text,
	"ip" text,
	"user_agent" text,
	"request_id" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bill_actions" (
	"id" text PRIMARY KEY NOT NULL,
	"bill_id" text NOT NULL,
	"order" integer NOT NULL,
	"date" date,
	"time" text,
	"chamber" text,
	"stage_en" text,
	"stage_fr" text,
	"description_en" text NOT NULL,
	"description_fr" text,
	"classification" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"committee_id" text,
	"sources" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bill_texts" (
	"id" text PRIMARY KEY NOT NULL,
	"bill_id" text NOT NULL,
	"version" text NOT NULL,
	"language" text NOT NULL,
	"text" text NOT NULL,
	"url" text,
	"sources" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search_en" "tsvector" GENERATED ALWAYS AS (CASE WHEN language = 'en' THEN to_tsvector('english'::regconfig, left(text, 500000)) END) STORED,
	"search_fr" "tsvector" GENERATED ALWAYS AS (CASE WHEN language = 'fr' THEN to_tsvector('french'::regconfig, left(text, 500000)) END) STORED
);
--> statement-breakpoint
CREATE TABLE "bills" (
	"id" text PRIMARY KEY NOT NULL,
	"jurisdiction_id" text NOT NULL,
	"session_id" text NOT NULL,
	"identifier" text NOT NULL,
	"title_en" text NOT NULL,
	"title_fr" text,
	"short_title_en" text,
	"short_title_fr" text,
	"bill_type" text,
	"is_government" boolean,
	"originating_chamber" text,
	"sponsor_person_id" text,
	"sponsor_name" text,
	"sponsor_title" text,
	"status_en" text,
	"status_fr" text,
	"latest_stage_en" text,
	"latest_stage_fr" text,
	"introduced_date" date,
	"latest_action_date" date,
	"royal_assent_date" date,
	"statute_year" integer,
	"statute_chapter" text,
	"summary_en" text,
	"summary_fr" text,
	"other_identifiers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"sources" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search_en" "tsvector" GENERATED ALWAYS AS (to_tsvector('english'::regconfig, coalesce(identifier,'') || ' ' || coalesce(short_title_en,'') || ' ' || coalesce(title_en,'') || ' ' || coalesce(summary_en,''))) STORED,
	"search_fr" "tsvector" GENERATED ALWAYS AS (to_tsvector('french'::regconfig, coalesce(identifier,'') || ' ' || coalesce(short_title_fr,'') || ' ' || coalesce(title_fr,'') || ' ' || coalesce(summary_fr,''))) STORED
);
--> statement-breakpoint
CREATE TABLE "committee_meeting_bills" (
	"meeting_id" text NOT NULL,
	"bill_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "committee_meeting_bills_meeting_id_bill_id_pk" PRIMARY KEY("meeting_id","bill_id")
);
--> statement-breakpoint
CREATE TABLE "committee_meetings" (
	"id" text PRIMARY KEY NOT NULL,
	"committee_id" text NOT NULL,
	"session_id" text,
	"number" integer,
	"date" date,
	"title" text,
	"url" text,
	"sources" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "debates" (
	"id" text PRIMARY KEY NOT NULL,
	"jurisdiction_id" text NOT NULL,
	"session_id" text,
	"organization_id" text,
	"date" date NOT NULL,
	"number" integer,
	"title" text,
	"other_identifiers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"sources" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "divisions" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"name_fr" text,
	"classification" text,
	"parent_id" text,
	"sgc" text,
	"valid_from" date,
	"valid_through" date,
	"sources" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "email_outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"recipient" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fetched_documents" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"url" text NOT NULL,
	"fetched_at" timestamp with time zone DEFAULT now() NOT NULL,
	"run_id" integer,
	"name" text,
	"content_type" text,
	"etag" text,
	"last_modified" text,
	"sha256" text NOT NULL,
	"body" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_errors" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"run_id" integer NOT NULL,
	"location" text NOT NULL,
	"message" text NOT NULL,
	"record" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_runs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"paths" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"inserted" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"unchanged" integer DEFAULT 0 NOT NULL,
	"rejected" integer DEFAULT 0 NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "jurisdictions" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"name_fr" text,
	"classification" text NOT NULL,
	"level" text NOT NULL,
	"division_id" text,
	"url" text,
	"sources" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "legislative_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"jurisdiction_id" text NOT NULL,
	"identifier" text NOT NULL,
	"name" text NOT NULL,
	"classification" text DEFAULT 'primary' NOT NULL,
	"start_date" date,
	"end_date" date,
	"sources" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"id" text PRIMARY KEY NOT NULL,
	"person_id" text NOT NULL,
	"organization_id" text NOT NULL,
	"on_behalf_of_id" text,
	"role" text NOT NULL,
	"label" text,
	"district" text,
	"division_id" text,
	"start_date" date,
	"end_date" date,
	"sources" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"id" text PRIMARY KEY NOT NULL,
	"jurisdiction_id" text,
	"parent_id" text,
	"name" text NOT NULL,
	"name_fr" text,
	"classification" text NOT NULL,
	"abbreviation" text,
	"other_identifiers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"sources" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "password_resets" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "people" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"given_name" text,
	"family_name" text,
	"sort_name" text,
	"other_names" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"gender" text,
	"image" text,
	"email" text,
	"contact_details" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"links" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"other_identifiers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"search_name" text NOT NULL,
	"sources" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "person_candidates" (
	"person_id" text NOT NULL,
	"other_person_id" text NOT NULL,
	"name" text NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "person_candidates_person_id_other_person_id_pk" PRIMARY KEY("person_id","other_person_id")
);
--> statement-breakpoint
CREATE TABLE "person_records" (
	"source" text NOT NULL,
	"source_key" text NOT NULL,
	"person_id" text,
	"name" text NOT NULL,
	"given_name" text,
	"family_name" text,
	"sort_name" text,
	"other_names" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"gender" text,
	"image" text,
	"email" text,
	"contact_details" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"links" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"other_identifiers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"seats" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"sources" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "person_records_source_source_key_pk" PRIMARY KEY("source","source_key")
);
--> statement-breakpoint
CREATE TABLE "refresh_tokens" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"session_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "saved_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"item_type" text NOT NULL,
	"item_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "saved_items_type_check" CHECK ("saved_items"."item_type" IN ('bill', 'person'))
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_reason" text,
	"user_agent" text,
	"ip" text,
	"secret_hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "speeches" (
	"id" text PRIMARY KEY NOT NULL,
	"debate_id" text NOT NULL,
	"sequence" integer NOT NULL,
	"person_id" text,
	"speaker_name" text NOT NULL,
	"speaker_affiliation" text,
	"speaker_role" text,
	"time" timestamp with time zone,
	"subject_en" text,
	"subject_fr" text,
	"text_en" text,
	"text_fr" text,
	"bill_id" text,
	"other_identifiers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"sources" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search_en" "tsvector" GENERATED ALWAYS AS (to_tsvector('english'::regconfig, coalesce(subject_en,'') || ' ' || coalesce(text_en,''))) STORED,
	"search_fr" "tsvector" GENERATED ALWAYS AS (to_tsvector('french'::regconfig, coalesce(subject_fr,'') || ' ' || coalesce(text_fr,''))) STORED
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"username" text,
	"name" text,
	"password_hash" text NOT NULL,
	"role" text DEFAULT 'user' NOT NULL,
	"tier" text DEFAULT 'default' NOT NULL,
	"disabled_at" timestamp with time zone,
	"last_login_at" timestamp with time zone,
	"password_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vote_events" (
	"id" text PRIMARY KEY NOT NULL,
	"jurisdiction_id" text NOT NULL,
	"session_id" text NOT NULL,
	"organization_id" text,
	"identifier" text NOT NULL,
	"number" integer,
	"start_date" date NOT NULL,
	"motion_text_en" text NOT NULL,
	"motion_text_fr" text,
	"result" text NOT NULL,
	"yes_count" integer NOT NULL,
	"no_count" integer NOT NULL,
	"paired_count" integer DEFAULT 0 NOT NULL,
	"absent_count" integer,
	"bill_id" text,
	"bill_identifier" text,
	"sources" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search_en" "tsvector" GENERATED ALWAYS AS (to_tsvector('english'::regconfig, coalesce(motion_text_en,''))) STORED,
	"search_fr" "tsvector" GENERATED ALWAYS AS (to_tsvector('french'::regconfig, coalesce(motion_text_fr,''))) STORED
);
--> statement-breakpoint
CREATE TABLE "votes" (
	"vote_event_id" text NOT NULL,
	"voter_name" text NOT NULL,
	"voter_id" text,
	"option" text NOT NULL,
	"party" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "votes_vote_event_id_voter_name_pk" PRIMARY KEY("vote_event_id","voter_name")
);
--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bill_actions" ADD CONSTRAINT "bill_actions_bill_id_bills_id_fk" FOREIGN KEY ("bill_id") REFERENCES "public"."bills"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bill_actions" ADD CONSTRAINT "bill_actions_committee_id_organizations_id_fk" FOREIGN KEY ("committee_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bill_texts" ADD CONSTRAINT "bill_texts_bill_id_bills_id_fk" FOREIGN KEY ("bill_id") REFERENCES "public"."bills"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bills" ADD CONSTRAINT "bills_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bills" ADD CONSTRAINT "bills_session_id_legislative_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."legislative_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bills" ADD CONSTRAINT "bills_sponsor_person_id_people_id_fk" FOREIGN KEY ("sponsor_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_meeting_bills" ADD CONSTRAINT "committee_meeting_bills_meeting_id_committee_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."committee_meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_meeting_bills" ADD CONSTRAINT "committee_meeting_bills_bill_id_bills_id_fk" FOREIGN KEY ("bill_id") REFERENCES "public"."bills"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_meetings" ADD CONSTRAINT "committee_meetings_committee_id_organizations_id_fk" FOREIGN KEY ("committee_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_meetings" ADD CONSTRAINT "committee_meetings_session_id_legislative_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."legislative_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "debates" ADD CONSTRAINT "debates_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "debates" ADD CONSTRAINT "debates_session_id_legislative_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."legislative_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "debates" ADD CONSTRAINT "debates_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fetched_documents" ADD CONSTRAINT "fetched_documents_run_id_import_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."import_runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_errors" ADD CONSTRAINT "import_errors_run_id_import_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."import_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legislative_sessions" ADD CONSTRAINT "legislative_sessions_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_on_behalf_of_id_organizations_id_fk" FOREIGN KEY ("on_behalf_of_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "password_resets" ADD CONSTRAINT "password_resets_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refresh_tokens" ADD CONSTRAINT "refresh_tokens_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refresh_tokens" ADD CONSTRAINT "refresh_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saved_items" ADD CONSTRAINT "saved_items_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "speeches" ADD CONSTRAINT "speeches_debate_id_debates_id_fk" FOREIGN KEY ("debate_id") REFERENCES "public"."debates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_events" ADD CONSTRAINT "vote_events_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_events" ADD CONSTRAINT "vote_events_session_id_legislative_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."legislative_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_events" ADD CONSTRAINT "vote_events_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_vote_event_id_vote_events_id_fk" FOREIGN KEY ("vote_event_id") REFERENCES "public"."vote_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_hash_idx" ON "api_keys" USING btree ("key_hash");--> statement-breakpoint
CREATE INDEX "api_keys_user_idx" ON "api_keys" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_log_action_idx" ON "audit_log" USING btree ("action","at");--> statement-breakpoint
CREATE INDEX "audit_log_user_idx" ON "audit_log" USING btree ("user_id","at");--> statement-breakpoint
CREATE INDEX "bill_actions_bill_idx" ON "bill_actions" USING btree ("bill_id","order");--> statement-breakpoint
CREATE INDEX "bill_actions_date_idx" ON "bill_actions" USING btree ("date");--> statement-breakpoint
CREATE INDEX "bill_texts_bill_idx" ON "bill_texts" USING btree ("bill_id");--> statement-breakpoint
CREATE INDEX "bill_texts_search_en_idx" ON "bill_texts" USING gin ("search_en");--> statement-breakpoint
CREATE INDEX "bill_texts_search_fr_idx" ON "bill_texts" USING gin ("search_fr");--> statement-breakpoint
CREATE INDEX "bills_session_identifier_idx" ON "bills" USING btree ("session_id","identifier");--> statement-breakpoint
CREATE INDEX "bills_jurisdiction_idx" ON "bills" USING btree ("jurisdiction_id");--> statement-breakpoint
CREATE INDEX "bills_identifier_idx" ON "bills" USING btree ("identifier");--> statement-breakpoint
CREATE INDEX "bills_identifier_upper_idx" ON "bills" USING btree (upper("identifier"));--> statement-breakpoint
CREATE INDEX "bills_status_idx" ON "bills" USING btree ("status_en");--> statement-breakpoint
CREATE INDEX "bills_sponsor_idx" ON "bills" USING btree ("sponsor_person_id");--> statement-breakpoint
CREATE INDEX "bills_introduced_idx" ON "bills" USING btree ("introduced_date");--> statement-breakpoint
CREATE INDEX "bills_latest_action_idx" ON "bills" USING btree ("latest_action_date");--> statement-breakpoint
CREATE INDEX "bills_updated_idx" ON "bills" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "bills_session_updated_idx" ON "bills" USING btree ("session_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "bills_search_en_idx" ON "bills" USING gin ("search_en");--> statement-breakpoint
CREATE INDEX "bills_search_fr_idx" ON "bills" USING gin ("search_fr");--> statement-breakpoint
CREATE INDEX "committee_meeting_bills_bill_idx" ON "committee_meeting_bills" USING btree ("bill_id");--> statement-breakpoint
CREATE INDEX "committee_meetings_committee_idx" ON "committee_meetings" USING btree ("committee_id","date");--> statement-breakpoint
CREATE INDEX "debates_date_idx" ON "debates" USING btree ("jurisdiction_id","date");--> statement-breakpoint
CREATE INDEX "debates_date_id_idx" ON "debates" USING btree ("date","id");--> statement-breakpoint
CREATE INDEX "divisions_parent_idx" ON "divisions" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "divisions_classification_idx" ON "divisions" USING btree ("classification");--> statement-breakpoint
CREATE INDEX "divisions_name_idx" ON "divisions" USING btree (lower("name"));--> statement-breakpoint
CREATE INDEX "email_outbox_created_idx" ON "email_outbox" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "fetched_documents_url_idx" ON "fetched_documents" USING btree ("url","fetched_at");--> statement-breakpoint
CREATE INDEX "fetched_documents_run_idx" ON "fetched_documents" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "import_errors_run_idx" ON "import_errors" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "import_runs_source_idx" ON "import_runs" USING btree ("source","started_at");--> statement-breakpoint
CREATE INDEX "jurisdictions_level_idx" ON "jurisdictions" USING btree ("level");--> statement-breakpoint
CREATE INDEX "sessions_jurisdiction_idx" ON "legislative_sessions" USING btree ("jurisdiction_id","identifier");--> statement-breakpoint
CREATE INDEX "memberships_person_idx" ON "memberships" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "memberships_organization_idx" ON "memberships" USING btree ("organization_id","end_date");--> statement-breakpoint
CREATE INDEX "memberships_division_idx" ON "memberships" USING btree ("division_id","start_date");--> statement-breakpoint
CREATE INDEX "organizations_jurisdiction_idx" ON "organizations" USING btree ("jurisdiction_id","classification");--> statement-breakpoint
CREATE INDEX "organizations_parent_idx" ON "organizations" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "password_resets_user_idx" ON "password_resets" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "people_search_name_idx" ON "people" USING btree ("search_name");--> statement-breakpoint
CREATE INDEX "people_sort_idx" ON "people" USING btree (lower(coalesce("sort_name", "name")),"id");--> statement-breakpoint
CREATE INDEX "people_other_identifiers_idx" ON "people" USING gin ("other_identifiers");--> statement-breakpoint
CREATE INDEX "person_records_person_idx" ON "person_records" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "refresh_tokens_session_idx" ON "refresh_tokens" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "refresh_tokens_user_idx" ON "refresh_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "saved_items_user_item_idx" ON "saved_items" USING btree ("user_id","item_type","item_id");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sessions_secret_idx" ON "sessions" USING btree ("secret_hash");--> statement-breakpoint
CREATE INDEX "speeches_debate_idx" ON "speeches" USING btree ("debate_id","sequence");--> statement-breakpoint
CREATE INDEX "speeches_person_idx" ON "speeches" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "speeches_bill_idx" ON "speeches" USING btree ("bill_id");--> statement-breakpoint
CREATE INDEX "speeches_search_en_idx" ON "speeches" USING gin ("search_en");--> statement-breakpoint
CREATE INDEX "speeches_search_fr_idx" ON "speeches" USING gin ("search_fr");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_idx" ON "users" USING btree ("email");--> statement-breakpoint
CREATE UNIQUE INDEX "users_username_idx" ON "users" USING btree (lower("username"));--> statement-breakpoint
CREATE INDEX "users_role_idx" ON "users" USING btree ("role");--> statement-breakpoint
CREATE INDEX "vote_events_session_number_idx" ON "vote_events" USING btree ("session_id","number");--> statement-breakpoint
CREATE INDEX "vote_events_jurisdiction_date_idx" ON "vote_events" USING btree ("jurisdiction_id","start_date");--> statement-breakpoint
CREATE INDEX "vote_events_date_idx" ON "vote_events" USING btree ("start_date",coalesce("number", 0),"id");--> statement-breakpoint
CREATE INDEX "vote_events_session_date_idx" ON "vote_events" USING btree ("session_id","start_date",coalesce("number", 0),"id");--> statement-breakpoint
CREATE INDEX "vote_events_bill_idx" ON "vote_events" USING btree ("bill_id");--> statement-breakpoint
CREATE INDEX "vote_events_updated_idx" ON "vote_events" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "vote_events_search_en_idx" ON "vote_events" USING gin ("search_en");--> statement-breakpoint
CREATE INDEX "vote_events_search_fr_idx" ON "vote_events" USING gin ("search_fr");--> statement-breakpoint
CREATE INDEX "vote_events_bill_identifier_upper_idx" ON "vote_events" USING btree (upper("bill_identifier"));--> statement-breakpoint
CREATE INDEX "votes_voter_idx" ON "votes" USING btree ("voter_id");