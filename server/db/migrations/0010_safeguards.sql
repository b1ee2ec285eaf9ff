ALTER TABLE "members" ADD COLUMN "application_note" text;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "application_declined_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_application_note_length" CHECK (char_length("members"."application_note") <= 1000);