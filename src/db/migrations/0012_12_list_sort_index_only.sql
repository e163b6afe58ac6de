-- The bills orders' expression indexes (0010, 0011) also hold, after the id, the columns their expressions read: PostgreSQL 15
-- scans an index only when the columns a query reads are columns of it, so a deep page's skipped rows (found by their
-- keys alone) read the whole table's heap in these orders (sort=introduced_desc page 150: 3,155 buffers, 1.5 ms).
DROP INDEX "bills_introduced_sort_idx";--> statement-breakpoint
DROP INDEX "bills_latest_action_sort_idx";--> statement-breakpoint
DROP INDEX "bills_number_sort_idx";--> statement-breakpoint
DROP INDEX "bills_session_introduced_sort_idx";--> statement-breakpoint
DROP INDEX "bills_session_latest_action_sort_idx";--> statement-breakpoint
DROP INDEX "bills_session_number_sort_idx";--> statement-breakpoint
DROP INDEX "bills_jurisdiction_introduced_sort_idx";--> statement-breakpoint
DROP INDEX "bills_jurisdiction_latest_action_sort_idx";--> statement-breakpoint
DROP INDEX "bills_jurisdiction_number_sort_idx";--> statement-breakpoint
CREATE INDEX "bills_introduced_sort_idx" ON "bills" USING btree (coalesce("introduced_date", '0001-01-01'::date),"id","introduced_date");--> statement-breakpoint
CREATE INDEX "bills_latest_action_sort_idx" ON "bills" USING btree (coalesce("latest_action_date", '0001-01-01'::date),"id","latest_action_date");--> statement-breakpoint
CREATE INDEX "bills_number_sort_idx" ON "bills" USING btree (substr("session_id", length("jurisdiction_id") + 2),split_part("identifier", '-', 1),(coalesce(nullif(regexp_replace("identifier", '\D', '', 'g'), ''), '0')::int),"id","session_id","jurisdiction_id","identifier");--> statement-breakpoint
CREATE INDEX "bills_session_introduced_sort_idx" ON "bills" USING btree ("session_id",coalesce("introduced_date", '0001-01-01'::date),"id","introduced_date");--> statement-breakpoint
CREATE INDEX "bills_session_latest_action_sort_idx" ON "bills" USING btree ("session_id",coalesce("latest_action_date", '0001-01-01'::date),"id","latest_action_date");--> statement-breakpoint
CREATE INDEX "bills_session_number_sort_idx" ON "bills" USING btree ("session_id",substr("session_id", length("jurisdiction_id") + 2),split_part("identifier", '-', 1),(coalesce(nullif(regexp_replace("identifier", '\D', '', 'g'), ''), '0')::int),"id","jurisdiction_id","identifier");--> statement-breakpoint
CREATE INDEX "bills_jurisdiction_introduced_sort_idx" ON "bills" USING btree ("jurisdiction_id",coalesce("introduced_date", '0001-01-01'::date),"id","introduced_date");--> statement-breakpoint
CREATE INDEX "bills_jurisdiction_latest_action_sort_idx" ON "bills" USING btree ("jurisdiction_id",coalesce("latest_action_date", '0001-01-01'::date),"id","latest_action_date");--> statement-breakpoint
CREATE INDEX "bills_jurisdiction_number_sort_idx" ON "bills" USING btree ("jurisdiction_id",substr("session_id", length("jurisdiction_id") + 2),split_part("identifier", '-', 1),(coalesce(nullif(regexp_replace("identifier", '\D', '', 'g'), ''), '0')::int),"id","session_id","identifier");