-- The vectors are rebuilt over normalized text in the configurations of 0002 (src/db/full-text.ts):
-- one ALTER per table, so each table is rewritten once; dropping a column dropped its index.
ALTER TABLE "bill_texts"
  DROP COLUMN "search_en",
  DROP COLUMN "search_fr",
  ADD COLUMN "search_en" "tsvector" GENERATED ALWAYS AS (CASE WHEN language = 'en' THEN to_tsvector('public.openpolicy_english'::regconfig, translate(left(text, 500000), U&'\2010\2011\2012\2013\2212\FE63\FF0D\00A0\2000\2001\2002\2003\2004\2005\2006\2007\2008\2009\200A\202F\205F\3000\00AD\200B\200C\200D\2060\FEFF', U&'-------               ')) END) STORED,
  ADD COLUMN "search_fr" "tsvector" GENERATED ALWAYS AS (CASE WHEN language = 'fr' THEN to_tsvector('public.openpolicy_french'::regconfig, translate(left(text, 500000), U&'\2010\2011\2012\2013\2212\FE63\FF0D\00A0\2000\2001\2002\2003\2004\2005\2006\2007\2008\2009\200A\202F\205F\3000\00AD\200B\200C\200D\2060\FEFF', U&'-------               ')) END) STORED;
--> statement-breakpoint
ALTER TABLE "bills"
  DROP COLUMN "search_en",
  DROP COLUMN "search_fr",
  ADD COLUMN "search_en" "tsvector" GENERATED ALWAYS AS (to_tsvector('public.openpolicy_english'::regconfig, translate(coalesce(identifier,'') || ' ' || coalesce(short_title_en,'') || ' ' || coalesce(title_en,'') || ' ' || coalesce(summary_en,''), U&'\2010\2011\2012\2013\2212\FE63\FF0D\00A0\2000\2001\2002\2003\2004\2005\2006\2007\2008\2009\200A\202F\205F\3000\00AD\200B\200C\200D\2060\FEFF', U&'-------               '))) STORED,
  ADD COLUMN "search_fr" "tsvector" GENERATED ALWAYS AS (to_tsvector('public.openpolicy_french'::regconfig, translate(coalesce(identifier,'') || ' ' || coalesce(short_title_fr,'') || ' ' || coalesce(title_fr,'') || ' ' || coalesce(summary_fr,''), U&'\2010\2011\2012\2013\2212\FE63\FF0D\00A0\2000\2001\2002\2003\2004\2005\2006\2007\2008\2009\200A\202F\205F\3000\00AD\200B\200C\200D\2060\FEFF', U&'-------               '))) STORED;
--> statement-breakpoint
ALTER TABLE "speeches"
  DROP COLUMN "search_en",
  DROP COLUMN "search_fr",
  ADD COLUMN "search_en" "tsvector" GENERATED ALWAYS AS (to_tsvector('public.openpolicy_english'::regconfig, translate(coalesce(subject_en,'') || ' ' || coalesce(text_en,''), U&'\2010\2011\2012\2013\2212\FE63\FF0D\00A0\2000\2001\2002\2003\2004\2005\2006\2007\2008\2009\200A\202F\205F\3000\00AD\200B\200C\200D\2060\FEFF', U&'-------               '))) STORED,
  ADD COLUMN "search_fr" "tsvector" GENERATED ALWAYS AS (to_tsvector('public.openpolicy_french'::regconfig, translate(coalesce(subject_fr,'') || ' ' || coalesce(text_fr,''), U&'\2010\2011\2012\2013\2212\FE63\FF0D\00A0\2000\2001\2002\2003\2004\2005\2006\2007\2008\2009\200A\202F\205F\3000\00AD\200B\200C\200D\2060\FEFF', U&'-------               '))) STORED;
--> statement-breakpoint
ALTER TABLE "vote_events"
  DROP COLUMN "search_en",
  DROP COLUMN "search_fr",
  ADD COLUMN "search_en" "tsvector" GENERATED ALWAYS AS (to_tsvector('public.openpolicy_english'::regconfig, translate(coalesce(motion_text_en,''), U&'\2010\2011\2012\2013\2212\FE63\FF0D\00A0\2000\2001\2002\2003\2004\2005\2006\2007\2008\2009\200A\202F\205F\3000\00AD\200B\200C\200D\2060\FEFF', U&'-------               '))) STORED,
  ADD COLUMN "search_fr" "tsvector" GENERATED ALWAYS AS (to_tsvector('public.openpolicy_french'::regconfig, translate(coalesce(motion_text_fr,''), U&'\2010\2011\2012\2013\2212\FE63\FF0D\00A0\2000\2001\2002\2003\2004\2005\2006\2007\2008\2009\200A\202F\205F\3000\00AD\200B\200C\200D\2060\FEFF', U&'-------               '))) STORED;
--> statement-breakpoint
CREATE INDEX "bill_texts_search_en_idx" ON "bill_texts" USING gin ("search_en");
--> statement-breakpoint
CREATE INDEX "bill_texts_search_fr_idx" ON "bill_texts" USING gin ("search_fr");
--> statement-breakpoint
CREATE INDEX "bills_search_en_idx" ON "bills" USING gin ("search_en");
--> statement-breakpoint
CREATE INDEX "bills_search_fr_idx" ON "bills" USING gin ("search_fr");
--> statement-breakpoint
CREATE INDEX "speeches_search_en_idx" ON "speeches" USING gin ("search_en");
--> statement-breakpoint
CREATE INDEX "speeches_search_fr_idx" ON "speeches" USING gin ("search_fr");
--> statement-breakpoint
CREATE INDEX "vote_events_search_en_idx" ON "vote_events" USING gin ("search_en");
--> statement-breakpoint
CREATE INDEX "vote_events_search_fr_idx" ON "vote_events" USING gin ("search_fr");
