-- A jurisdiction's bills (bills?jurisdiction=, without session=) in each list order. A page's prepared statement
-- keeps its generic plan, which estimates jurisdiction_id = $1 at half the bills, so it walked the whole order's
-- index for BC's 33 (4,361-6,296 buffers for a first page on the full data; updated_asc already on main).
-- bills_jurisdiction_idx is the first column of each of these: dropped.
DROP INDEX "bills_jurisdiction_idx";--> statement-breakpoint
CREATE INDEX "bills_jurisdiction_updated_idx" ON "bills" USING btree ("jurisdiction_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "bills_jurisdiction_introduced_sort_idx" ON "bills" USING btree ("jurisdiction_id",coalesce("introduced_date", '0001-01-01'::date),"id");--> statement-breakpoint
CREATE INDEX "bills_jurisdiction_latest_action_sort_idx" ON "bills" USING btree ("jurisdiction_id",coalesce("latest_action_date", '0001-01-01'::date),"id");--> statement-breakpoint
CREATE INDEX "bills_jurisdiction_number_sort_idx" ON "bills" USING btree ("jurisdiction_id",substr("session_id", length("jurisdiction_id") + 2),split_part("identifier", '-', 1),(coalesce(nullif(regexp_replace("identifier", '\D', '', 'g'), ''), '0')::int),"id");