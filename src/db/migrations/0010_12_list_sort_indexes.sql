-- Indexes holding the lists' orders whose keys are expressions (coalesced dates, the bill number's parts) or had no
-- index: bills?sort=introduced, latest_action and number, and divisions?sort=updated read and sorted every row
-- (1,127 and 565 buffers for a first page on the full data) instead of reading a page in order. A session's bills
-- (session=) get the same orders after session_id. bills_latest_action_idx served no filter, only this order,
-- which its plain column could not.
DROP INDEX "bills_latest_action_idx";--> statement-breakpoint
CREATE INDEX "bills_introduced_sort_idx" ON "bills" USING btree (coalesce("introduced_date", '0001-01-01'::date),"id");--> statement-breakpoint
CREATE INDEX "bills_latest_action_sort_idx" ON "bills" USING btree (coalesce("latest_action_date", '0001-01-01'::date),"id");--> statement-breakpoint
CREATE INDEX "bills_number_sort_idx" ON "bills" USING btree (substr("session_id", length("jurisdiction_id") + 2),split_part("identifier", '-', 1),(coalesce(nullif(regexp_replace("identifier", '\D', '', 'g'), ''), '0')::int),"id");--> statement-breakpoint
CREATE INDEX "bills_session_introduced_sort_idx" ON "bills" USING btree ("session_id",coalesce("introduced_date", '0001-01-01'::date),"id");--> statement-breakpoint
CREATE INDEX "bills_session_latest_action_sort_idx" ON "bills" USING btree ("session_id",coalesce("latest_action_date", '0001-01-01'::date),"id");--> statement-breakpoint
CREATE INDEX "bills_session_number_sort_idx" ON "bills" USING btree ("session_id",substr("session_id", length("jurisdiction_id") + 2),split_part("identifier", '-', 1),(coalesce(nullif(regexp_replace("identifier", '\D', '', 'g'), ''), '0')::int),"id");--> statement-breakpoint
CREATE INDEX "divisions_updated_idx" ON "divisions" USING btree ("updated_at","id");