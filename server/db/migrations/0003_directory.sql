CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"actor_id" uuid,
	"action" text NOT NULL,
	"target_type" text NOT NULL,
	"target_id" text,
	"reason" text,
	"before" jsonb,
	"after" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audit_log_action_format" CHECK ("audit_log"."action" ~ '^[a-z_]+(\.[a-z_]+)+$'),
	CONSTRAINT "audit_log_reason_length" CHECK (char_length("audit_log"."reason") <= 500)
);
--> statement-breakpoint
ALTER TABLE "profiles" ADD COLUMN "government_level" text;--> statement-breakpoint
ALTER TABLE "profiles" ADD COLUMN "city" text;--> statement-breakpoint
ALTER TABLE "profiles" ADD COLUMN "themes" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "profiles" ADD COLUMN "tags" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "profiles" ADD COLUMN "languages" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "profiles" ADD COLUMN "bio_source" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "profiles" ADD COLUMN "bio_html" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "profiles" ADD COLUMN "links" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "profiles" ADD COLUMN "open_to_exchange" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "profiles" ADD COLUMN "avatar_key" text;--> statement-breakpoint
ALTER TABLE "profiles" ADD COLUMN "verified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "profiles" ADD COLUMN "verified_role" text;--> statement-breakpoint
ALTER TABLE "profiles" ADD COLUMN "visibility" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "profiles" ADD COLUMN "hidden_from_directory" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_members_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_target_idx" ON "audit_log" USING btree ("target_type","target_id");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_id");--> statement-breakpoint
CREATE INDEX "profiles_themes_idx" ON "profiles" USING gin ("themes");--> statement-breakpoint
CREATE INDEX "profiles_languages_idx" ON "profiles" USING gin ("languages");--> statement-breakpoint
ALTER TABLE "profiles" ADD CONSTRAINT "profiles_government_level_valid" CHECK ("profiles"."government_level" is null or ("profiles"."government_level" in ('national', 'subnational', 'local') and "profiles"."sector" = 'government'));--> statement-breakpoint
ALTER TABLE "profiles" ADD CONSTRAINT "profiles_themes_valid" CHECK ("profiles"."themes" <@ array['good-governance', 'open-government', 'public-sector-innovation', 'digital-government-open-data', 'citizen-participation']::text[]);--> statement-breakpoint
ALTER TABLE "profiles" ADD CONSTRAINT "profiles_tags_count" CHECK (cardinality("profiles"."tags") <= 10);--> statement-breakpoint
ALTER TABLE "profiles" ADD CONSTRAINT "profiles_languages_valid" CHECK (cardinality("profiles"."languages") <= 10 and array_to_string("profiles"."languages", ',') ~ '^([a-z]{2}(,|$))*$');--> statement-breakpoint
ALTER TABLE "profiles" ADD CONSTRAINT "profiles_links_array" CHECK (jsonb_typeof("profiles"."links") = 'array' and jsonb_array_length("profiles"."links") <= 5);--> statement-breakpoint
ALTER TABLE "profiles" ADD CONSTRAINT "profiles_visibility_object" CHECK (jsonb_typeof("profiles"."visibility") = 'object');--> statement-breakpoint
ALTER TABLE "profiles" ADD CONSTRAINT "profiles_verified_consistent" CHECK (("profiles"."verified_at" is null) = ("profiles"."verified_role" is null));--> statement-breakpoint
ALTER TABLE "profiles" ADD CONSTRAINT "profiles_avatar_key_format" CHECK ("profiles"."avatar_key" ~ '^[a-f0-9]{32}$');--> statement-breakpoint
ALTER TABLE "profiles" ADD CONSTRAINT "profiles_headline_length" CHECK (char_length("profiles"."headline") <= 120);--> statement-breakpoint
ALTER TABLE "profiles" ADD CONSTRAINT "profiles_organization_length" CHECK (char_length("profiles"."organization") <= 120);--> statement-breakpoint
ALTER TABLE "profiles" ADD CONSTRAINT "profiles_city_length" CHECK (char_length("profiles"."city") <= 80);--> statement-breakpoint
-- Added by hand (drizzle-kit cannot express these). Directory search: accent-insensitive and
-- typo-tolerant matching. Both are trusted extensions (PostgreSQL 13+), so the database owner may create
-- them; the embedded database loads them from PGlite's contrib.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent;--> statement-breakpoint
-- The audit trail is append-only. The one permitted change is erasure of a deleted member's identifiers:
-- actor, target and before/after may be cleared, nothing else may change.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.id <> OLD.id OR NEW.action <> OLD.action OR NEW.target_type <> OLD.target_type
     OR NEW.created_at <> OLD.created_at OR NEW.reason IS DISTINCT FROM OLD.reason
     OR (NEW.actor_id IS NOT NULL AND NEW.actor_id IS DISTINCT FROM OLD.actor_id)
     OR (NEW.target_id IS NOT NULL AND NEW.target_id IS DISTINCT FROM OLD.target_id)
     OR (NEW.before IS NOT NULL AND NEW.before IS DISTINCT FROM OLD.before)
     OR (NEW.after IS NOT NULL AND NEW.after IS DISTINCT FROM OLD.after) THEN
    RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
