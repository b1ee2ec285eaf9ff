CREATE TABLE "digest_deliveries" (
	"member_id" uuid NOT NULL,
	"period" date NOT NULL,
	"frequency" text NOT NULL,
	"since" timestamp with time zone NOT NULL,
	"until" timestamp with time zone NOT NULL,
	"item_count" integer NOT NULL,
	"outbox_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "digest_deliveries_member_id_period_pk" PRIMARY KEY("member_id","period"),
	CONSTRAINT "digest_deliveries_frequency_valid" CHECK ("digest_deliveries"."frequency" in ('daily', 'weekly')),
	CONSTRAINT "digest_deliveries_window" CHECK ("digest_deliveries"."since" <= "digest_deliveries"."until")
);
--> statement-breakpoint
ALTER TABLE "digest_deliveries" ADD CONSTRAINT "digest_deliveries_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digest_deliveries" ADD CONSTRAINT "digest_deliveries_outbox_id_mail_outbox_id_fk" FOREIGN KEY ("outbox_id") REFERENCES "public"."mail_outbox"("id") ON DELETE set null ON UPDATE no action;