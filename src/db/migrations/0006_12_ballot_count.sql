ALTER TABLE "vote_events" ADD COLUMN "ballot_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE "vote_events" e SET "ballot_count" = c.n
  FROM (SELECT "vote_event_id" AS id, count(*)::int AS n FROM "votes" GROUP BY 1) c
  WHERE e."id" = c.id;--> statement-breakpoint
-- Every write of ballots (each importer, a re-import, a delete, a cascade) recounts the divisions it touched, once per statement.
CREATE FUNCTION "openpolicy_count_ballots"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  touched text[];
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    UPDATE vote_events SET ballot_count = 0 WHERE ballot_count <> 0;
    RETURN NULL;
  ELSIF TG_OP = 'INSERT' THEN
    touched := ARRAY(SELECT DISTINCT vote_event_id FROM new_ballots);
  ELSIF TG_OP = 'DELETE' THEN
    touched := ARRAY(SELECT DISTINCT vote_event_id FROM old_ballots);
  ELSE
    touched := ARRAY(SELECT vote_event_id FROM new_ballots UNION SELECT vote_event_id FROM old_ballots);
  END IF;
  UPDATE vote_events e SET ballot_count = c.n
    FROM (SELECT t.id, (SELECT count(*)::int FROM votes v WHERE v.vote_event_id = t.id) AS n FROM unnest(touched) AS t(id)) c
    WHERE e.id = c.id AND e.ballot_count <> c.n;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "votes_count_inserted" AFTER INSERT ON "votes" REFERENCING NEW TABLE AS new_ballots
  FOR EACH STATEMENT EXECUTE FUNCTION "openpolicy_count_ballots"();--> statement-breakpoint
CREATE TRIGGER "votes_count_updated" AFTER UPDATE ON "votes" REFERENCING OLD TABLE AS old_ballots NEW TABLE AS new_ballots
  FOR EACH STATEMENT EXECUTE FUNCTION "openpolicy_count_ballots"();--> statement-breakpoint
CREATE TRIGGER "votes_count_deleted" AFTER DELETE ON "votes" REFERENCING OLD TABLE AS old_ballots
  FOR EACH STATEMENT EXECUTE FUNCTION "openpolicy_count_ballots"();--> statement-breakpoint
CREATE TRIGGER "votes_count_truncated" AFTER TRUNCATE ON "votes"
  FOR EACH STATEMENT EXECUTE FUNCTION "openpolicy_count_ballots"();
