ALTER TABLE "saved_items" ADD COLUMN "email" text;--> statement-breakpoint
ALTER TABLE "saved_items" ADD COLUMN "webhook" boolean;--> statement-breakpoint
ALTER TABLE "saved_items" ADD CONSTRAINT "saved_items_email_check" CHECK ("saved_items"."email" IN ('off', 'immediate', 'daily'));