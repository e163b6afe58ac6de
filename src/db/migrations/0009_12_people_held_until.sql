-- "Current" people (people?current=true, the default) were those with a membership that has not ended: a lookup of
-- the memberships of every person the list's order passed over (538 buffers for the first page on the full data).
-- Each person keeps the end of their last membership instead; current is held_until >= current_date, on their own row.
ALTER TABLE "people" ADD COLUMN "held_until" date;--> statement-breakpoint
DROP INDEX "people_sort_idx";--> statement-breakpoint
CREATE INDEX "people_sort_idx" ON "people" USING btree (lower(coalesce("sort_name", "name")),"id","held_until");--> statement-breakpoint
UPDATE "people" p SET "held_until" = m.u
  FROM (SELECT "person_id", max(coalesce("end_date", 'infinity'::date)) AS u FROM "memberships" GROUP BY 1) m
  WHERE p."id" = m."person_id";--> statement-breakpoint
-- Every write of memberships (each importer, a merge moving them to the surviving person, a delete) sets it again
-- for the people it touched, once per statement.
CREATE FUNCTION "openpolicy_people_held_until"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  touched text[];
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    UPDATE people SET held_until = NULL WHERE held_until IS NOT NULL;
    RETURN NULL;
  ELSIF TG_OP = 'INSERT' THEN
    touched := ARRAY(SELECT DISTINCT person_id FROM new_memberships);
  ELSIF TG_OP = 'DELETE' THEN
    touched := ARRAY(SELECT DISTINCT person_id FROM old_memberships);
  ELSE
    touched := ARRAY(SELECT person_id FROM new_memberships UNION SELECT person_id FROM old_memberships);
  END IF;
  UPDATE people p SET held_until = h.u
    FROM (SELECT t.id, (SELECT max(coalesce(m.end_date, 'infinity'::date)) FROM memberships m WHERE m.person_id = t.id) AS u
          FROM unnest(touched) AS t(id)) h
    WHERE p.id = h.id AND p.held_until IS DISTINCT FROM h.u;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "memberships_held_until_inserted" AFTER INSERT ON "memberships" REFERENCING NEW TABLE AS new_memberships
  FOR EACH STATEMENT EXECUTE FUNCTION "openpolicy_people_held_until"();--> statement-breakpoint
CREATE TRIGGER "memberships_held_until_updated" AFTER UPDATE ON "memberships" REFERENCING OLD TABLE AS old_memberships NEW TABLE AS new_memberships
  FOR EACH STATEMENT EXECUTE FUNCTION "openpolicy_people_held_until"();--> statement-breakpoint
CREATE TRIGGER "memberships_held_until_deleted" AFTER DELETE ON "memberships" REFERENCING OLD TABLE AS old_memberships
  FOR EACH STATEMENT EXECUTE FUNCTION "openpolicy_people_held_until"();--> statement-breakpoint
CREATE TRIGGER "memberships_held_until_truncated" AFTER TRUNCATE ON "memberships"
  FOR EACH STATEMENT EXECUTE FUNCTION "openpolicy_people_held_until"();
