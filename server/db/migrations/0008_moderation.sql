CREATE TABLE "appeals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"notice_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"body" text NOT NULL,
	"item_id" uuid,
	"outcome" text,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "appeals_body_length" CHECK (char_length("appeals"."body") between 1 and 2000),
	CONSTRAINT "appeals_outcome_valid" CHECK ("appeals"."outcome" in ('upheld', 'overturned')),
	CONSTRAINT "appeals_decided_consistent" CHECK (("appeals"."outcome" is null) = ("appeals"."decided_at" is null))
);
--> statement-breakpoint
CREATE TABLE "flags" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"reporter_id" uuid NOT NULL,
	"target_type" text NOT NULL,
	"target_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "flags_target_valid" CHECK ("flags"."target_type" in ('post', 'thread', 'message', 'profile')),
	CONSTRAINT "flags_reason_valid" CHECK ("flags"."reason" in ('spam', 'harassment', 'off_topic', 'misinformation', 'confidential', 'other')),
	CONSTRAINT "flags_note_length" CHECK (char_length("flags"."note") <= 500)
);
--> statement-breakpoint
CREATE TABLE "moderation_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"target_type" text NOT NULL,
	"target_id" uuid NOT NULL,
	"subject_id" uuid,
	"category_id" uuid,
	"status" text DEFAULT 'open' NOT NULL,
	"assignee_id" uuid,
	"snapshot" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"flag_count" integer DEFAULT 0 NOT NULL,
	"resolution" text,
	"resolved_by_id" uuid,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "moderation_items_kind_valid" CHECK ("moderation_items"."kind" in ('flag', 'new_member_post', 'watched_word', 'appeal')),
	CONSTRAINT "moderation_items_target_valid" CHECK ("moderation_items"."target_type" in ('post', 'thread', 'message', 'profile', 'member')),
	CONSTRAINT "moderation_items_status_valid" CHECK ("moderation_items"."status" in ('open', 'in_progress', 'resolved', 'dismissed')),
	CONSTRAINT "moderation_items_closed_consistent" CHECK (("moderation_items"."status" in ('resolved', 'dismissed')) = ("moderation_items"."resolved_at" is not null)),
	CONSTRAINT "moderation_items_flag_count" CHECK ("moderation_items"."flag_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "moderation_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"author_id" uuid,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "moderation_notes_body_length" CHECK (char_length("moderation_notes"."body") between 1 and 2000)
);
--> statement-breakpoint
CREATE TABLE "moderation_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"reason" text NOT NULL,
	"target_type" text NOT NULL,
	"target_id" uuid NOT NULL,
	"item_id" uuid,
	"ends_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "moderation_notices_kind_valid" CHECK ("moderation_notices"."kind" in ('warning', 'suspension', 'removal')),
	CONSTRAINT "moderation_notices_target_valid" CHECK ("moderation_notices"."target_type" in ('post', 'thread', 'message', 'profile', 'member')),
	CONSTRAINT "moderation_notices_reason_length" CHECK (char_length("moderation_notices"."reason") between 1 and 500)
);
--> statement-breakpoint
CREATE TABLE "moderator_scopes" (
	"member_id" uuid NOT NULL,
	"category_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "moderator_scopes_member_id_category_id_pk" PRIMARY KEY("member_id","category_id")
);
--> statement-breakpoint
CREATE TABLE "watched_words" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"lang" text NOT NULL,
	"word" text NOT NULL,
	"action" text NOT NULL,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "watched_words_lang_valid" CHECK ("watched_words"."lang" in ('es', 'pt', 'en', 'fr')),
	CONSTRAINT "watched_words_action_valid" CHECK ("watched_words"."action" in ('block', 'require_approval', 'flag')),
	CONSTRAINT "watched_words_word_format" CHECK ("watched_words"."word" = lower("watched_words"."word") and char_length("watched_words"."word") between 1 and 60)
);
--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "suspended_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "suspension_reason" text;--> statement-breakpoint
ALTER TABLE "posts" ADD COLUMN "hidden_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "posts" ADD COLUMN "hidden_reason" text;--> statement-breakpoint
ALTER TABLE "threads" ADD COLUMN "pin_scope" text;--> statement-breakpoint
ALTER TABLE "threads" ADD COLUMN "featured_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "threads" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "threads" ADD COLUMN "slow_mode_minutes" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "threads" ADD COLUMN "merged_into_id" uuid;--> statement-breakpoint
ALTER TABLE "threads" ADD COLUMN "hidden_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "threads" ADD COLUMN "hidden_reason" text;--> statement-breakpoint
ALTER TABLE "threads" ADD COLUMN "deleted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_notice_id_moderation_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."moderation_notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_item_id_moderation_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."moderation_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flags" ADD CONSTRAINT "flags_item_id_moderation_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."moderation_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flags" ADD CONSTRAINT "flags_reporter_id_members_id_fk" FOREIGN KEY ("reporter_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_items" ADD CONSTRAINT "moderation_items_subject_id_members_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_items" ADD CONSTRAINT "moderation_items_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_items" ADD CONSTRAINT "moderation_items_assignee_id_members_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_items" ADD CONSTRAINT "moderation_items_resolved_by_id_members_id_fk" FOREIGN KEY ("resolved_by_id") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_notes" ADD CONSTRAINT "moderation_notes_item_id_moderation_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."moderation_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_notes" ADD CONSTRAINT "moderation_notes_author_id_members_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_notices" ADD CONSTRAINT "moderation_notices_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_notices" ADD CONSTRAINT "moderation_notices_item_id_moderation_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."moderation_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderator_scopes" ADD CONSTRAINT "moderator_scopes_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderator_scopes" ADD CONSTRAINT "moderator_scopes_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "watched_words" ADD CONSTRAINT "watched_words_created_by_id_members_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "appeals_notice_key" ON "appeals" USING btree ("notice_id");--> statement-breakpoint
CREATE UNIQUE INDEX "flags_open_reporter_target_key" ON "flags" USING btree ("reporter_id","target_type","target_id") WHERE "flags"."closed_at" is null;--> statement-breakpoint
CREATE INDEX "flags_item_idx" ON "flags" USING btree ("item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "moderation_items_open_target_key" ON "moderation_items" USING btree ("kind","target_type","target_id") WHERE "moderation_items"."status" in ('open', 'in_progress');--> statement-breakpoint
CREATE INDEX "moderation_items_status_idx" ON "moderation_items" USING btree ("status","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "moderation_items_subject_idx" ON "moderation_items" USING btree ("subject_id");--> statement-breakpoint
CREATE INDEX "moderation_notes_item_idx" ON "moderation_notes" USING btree ("item_id","created_at");--> statement-breakpoint
CREATE INDEX "moderation_notices_member_idx" ON "moderation_notices" USING btree ("member_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "moderator_scopes_category_idx" ON "moderator_scopes" USING btree ("category_id");--> statement-breakpoint
CREATE UNIQUE INDEX "watched_words_lang_word_key" ON "watched_words" USING btree ("lang","word");--> statement-breakpoint
ALTER TABLE "threads" ADD CONSTRAINT "threads_merged_into_id_threads_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."threads"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "threads_featured_idx" ON "threads" USING btree ("featured_at" DESC NULLS LAST) WHERE "threads"."featured_at" is not null;--> statement-breakpoint
CREATE INDEX "threads_pinned_idx" ON "threads" USING btree ("pin_scope","category_id","pinned_at" DESC NULLS LAST) WHERE "threads"."pinned_at" is not null;--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_suspension_consistent" CHECK ("members"."status" = 'suspended' or ("members"."suspended_until" is null and "members"."suspension_reason" is null));--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_suspension_reason_length" CHECK (char_length("members"."suspension_reason") <= 500);--> statement-breakpoint
ALTER TABLE "posts" ADD CONSTRAINT "posts_hidden_consistent" CHECK (("posts"."hidden_at" is null) = ("posts"."hidden_reason" is null) and "posts"."hidden_reason" in ('flags', 'moderator', 'pending_review'));--> statement-breakpoint
-- Threads pinned before pins had a scope were pinned in their category.
UPDATE "threads" SET "pin_scope" = 'category' WHERE "pinned_at" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "threads" ADD CONSTRAINT "threads_pin_scope_valid" CHECK (("threads"."pinned_at" is null) = ("threads"."pin_scope" is null) and "threads"."pin_scope" in ('category', 'global'));--> statement-breakpoint
ALTER TABLE "threads" ADD CONSTRAINT "threads_hidden_consistent" CHECK (("threads"."hidden_at" is null) = ("threads"."hidden_reason" is null) and "threads"."hidden_reason" in ('flags', 'moderator', 'pending_review'));--> statement-breakpoint
ALTER TABLE "threads" ADD CONSTRAINT "threads_slow_mode_range" CHECK ("threads"."slow_mode_minutes" between 0 and 1440);