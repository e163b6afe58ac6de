/**
 * Alert fan-out benchmark: 10,000 users follow one bill (every one mailed at
 * once, one in ten with a webhook too); one new stage of that bill arrives by
 * import → the time until the local SMTP server has accepted every mail and the
 * local HTTP receiver every webhook, with the delivery worker `serve` runs
 * (default settings). The bill is C-12 of 45-1 as LEGISinfo publishes it: the
 * first import is the baseline; its last stage is then removed and the file
 * imported again, which is one stage change.
 *
 *   npm run bench:alerts                     (PGlite in memory; DATABASE_URL for PostgreSQL)
 *   BENCH_SUBSCRIBERS=2000 npm run bench:alerts   (fewer followers, to compare two versions on a loaded machine)
 */
import { loadavg } from 'node:os';
import { sql } from 'drizzle-orm';
import { startWorker } from '../src/alerts/worker.js';
import { smtpMailer } from '../src/auth/mailer.js';
import { openDatabase } from '../src/db/client.js';
import { legisinfoBills } from '../src/ingest/legisinfo-bills.js';
import { runImport } from '../src/ingest/runner.js';
import { legisinfoBillFiles } from '../test/support/legisinfo.js';
import { eventually, smtpReceiver, webhookReceiver } from '../test/alerts/receivers.js';

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 10_000);
const WEBHOOK_EVERY = 10;
if (!Number.isInteger(SUBSCRIBERS / WEBHOOK_EVERY) || SUBSCRIBERS < WEBHOOK_EVERY) throw new Error(`BENCH_SUBSCRIBERS: a multiple of ${WEBHOOK_EVERY}, not ${process.env.BENCH_SUBSCRIBERS}`);

const database = await openDatabase(process.env.DATABASE_URL ? { url: process.env.DATABASE_URL } : {});
await database.migrate();
const file = legisinfoBillFiles(['45-1']).find((f) => f.endsWith('/C-12/metadata.xml'))!;
await runImport(database, legisinfoBills, [file]);
const [bill] = await database.rows<{ id: string }>(sql`SELECT id FROM bills WHERE identifier = 'C-12'`);
if (!bill) throw new Error('C-12 of 45-1 did not import');

const smtp = await smtpReceiver();
const receiver = await webhookReceiver(() => '');
await database.db.execute(sql`
  WITH u AS (
    INSERT INTO users (email, password_hash) SELECT 'bench-' || n || '@example.org', 'x' FROM generate_series(1, ${SUBSCRIBERS}) n RETURNING id, email)
  INSERT INTO saved_items (user_id, item_type, item_id) SELECT id, 'bill', ${bill.id} FROM u`);
await database.db.execute(sql`
  INSERT INTO webhooks (user_id, url, secret)
  SELECT id, ${receiver.url}, 'whsec_bench' FROM users WHERE email LIKE 'bench-%' AND split_part(split_part(email, '@', 1), '-', 2)::int % ${WEBHOOK_EVERY} = 0`);
await database.db.execute(sql`DELETE FROM bill_actions WHERE id = (SELECT id FROM bill_actions WHERE bill_id = ${bill.id} ORDER BY "order" DESC LIMIT 1)`);

const worker = startWorker({
  database, mailer: smtpMailer(smtp.url, 'OpenPolicy <alerts@openpolicy.test>', true), publicUrl: 'https://openpolicy.test',
  webhookPolicy: { allowPrivate: true, ownNetworks: [] }, log: { info() {}, warn() {}, error() {} },
});
const hooks = SUBSCRIBERS / WEBHOOK_EVERY;
const started = performance.now();
const report = await runImport(database, legisinfoBills, [file]);
const imported = performance.now();
let mailsDone = 0;
let hooksDone = 0;
await eventually(() => {
  if (!mailsDone && smtp.mails.length >= SUBSCRIBERS) mailsDone = performance.now();
  if (!hooksDone && receiver.requests.filter((r) => r.answered === 200).length >= hooks) hooksDone = performance.now();
  return mailsDone > 0 && hooksDone > 0;
}, 'every delivery', 3_600_000);
const [events] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM events`);
const seconds = (t: number) => ((t - started) / 1000).toFixed(1);
console.log(JSON.stringify({
  database: database.kind, subscribers: SUBSCRIBERS, webhooks: hooks, events: events!.n, import_status: report.status,
  import_s: seconds(imported), all_mail_accepted_s: seconds(mailsDone), all_webhooks_delivered_s: seconds(hooksDone),
  mails: smtp.mails.length, webhook_requests: receiver.requests.length, loadavg: loadavg().map((l) => l.toFixed(1)).join(' '),
}));
await worker.stop();
await smtp.close();
await receiver.close();
await database.close();
