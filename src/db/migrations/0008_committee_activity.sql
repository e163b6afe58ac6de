-- A committee's first and last bill stage (committees' first_active, last_active) read from its own index rows:
-- without it every committee page read all 27,325 bill actions.
CREATE INDEX "bill_actions_committee_idx" ON "bill_actions" USING btree ("committee_id","date") WHERE "bill_actions"."committee_id" is not null;