/**
 * Channels per followed item, over the user's own settings, on real parts: the
 * House members are imported, users follow Gary Anandasangaree, each choosing
 * this person's mail and webhooks apart from their defaults; then the Hansard
 * sitting of 2023-05-18 is imported, with its divisions 332 and 333 and every
 * member's ballot. The worker mails through a real SMTP server, saying how the
 * followed person voted, as the stored ballots say; webhooks go only where the
 * item wants them. (A first sitting, of 2015, is imported before: the first
 * run of a source is its baseline, which records no events.)
 */
import { join } from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { startWorker, type Worker } from '../../src/alerts/worker.js';
import { smtpMailer } from '../../src/auth/mailer.js';
import { events, jobs, people, voteEvents, votes } from '../../src/db/schema.js';
import { personId } from '../../src/domain/ids.js';
import { hansard } from '../../src/ingest/hansard.js';
import { ourcommonsMembers } from '../../src/ingest/ourcommons-members.js';
import { SHARED_DATA, testDatabase, type TestDatabase } from '../support/db.js';
import { importSteps } from '../support/imports.js';
import { bearer, login, makeUser, type TestApp } from '../security/support.js';
import { closeAfterAll, deliveryParts, PUBLIC_URL, requestsTo } from './delivery-parts.js';
import { eventually, type MailReceiver, type WebhookReceiver } from './receivers.js';

const PERSON = personId('parl-person-id', '89449');
const VOTED: Record<string, string> = { yes: 'Yea', no: 'Nay', paired: 'Paired' };
let database: TestDatabase;
let t: TestApp;
let smtp: MailReceiver;
let receiver: WebhookReceiver;
let worker: Worker | undefined;
let secret = '';
let name = '';
const users: Record<string, { headers: Record<string, string>; email: string }> = {};

beforeAll(async () => {
  database = await testDatabase();
  // A first Hansard sitting is the source's baseline: events come from the runs after it.
  await importSteps(database, [[ourcommonsMembers, [join(SHARED_DATA, 'ourcommons-44')]], [hansard, [join(SHARED_DATA, 'hansard', '42-1-2-en.xml')]]]);
  ({ smtp, receiver, t } = await deliveryParts(database, () => secret));
  name = (await database.db.select({ name: people.name }).from(people).where(eq(people.id, PERSON)))[0]!.name;
}, 600_000);

closeAfterAll(() => ({ worker, t, smtp, receiver, database }));

const api = requestsTo(() => t);
const item = `/api/v1/me/saved/person/${PERSON.replace('ocd-person/', '')}`;
const mailsTo = (who: string) => smtp.mails.filter((m) => m.to.includes(users[who]!.email));
/** A mail's text with the line ends it was written with (SMTP carries CRLF). */
const textOf = (mail: { text: string }) => mail.text.replace(/\r\n/g, '\n');

describe('channels chosen per followed item', () => {
  it('each follower sets this person\'s mail and webhooks over their own settings', async () => {
    for (const who of ['overrides', 'digest', 'defaults']) {
      const user = await makeUser(t);
      users[who] = { headers: bearer(await login(t, user)), email: user.email };
      expect((await api('PUT', item, users[who]!.headers)).json()).toMatchObject({ title: name, email: null, webhook: null });
    }
    // Mail off and a webhook for everything, except this person: mailed at once, no webhook.
    expect((await api('PUT', '/api/v1/me/alerts', users.overrides!.headers, { email: 'off' })).statusCode).toBe(200);
    expect((await api('PATCH', item, users.overrides!.headers, { email: 'immediate', webhook: false })).json()).toMatchObject({ email: 'immediate', webhook: false });
    // Mailed at once for everything, except this person: in the digest.
    expect((await api('PATCH', item, users.digest!.headers, { email: 'daily' })).json()).toMatchObject({ email: 'daily', webhook: null });
    for (const who of ['overrides', 'defaults']) {
      const created = await api('POST', '/api/v1/me/webhooks', users[who]!.headers, { url: receiver.url });
      secret = created.json().secret;
    }
    expect((await api('PATCH', item, users.digest!.headers, { email: 'weekly' })).statusCode).toBe(400);
    expect((await api('PATCH', item, users.digest!.headers, {})).statusCode).toBe(400);
    expect((await api('PATCH', '/api/v1/me/saved/person/00000000-0000-4000-8000-000000000000', users.digest!.headers, { email: 'off' })).statusCode).toBe(404);
  });

  it('the sitting\'s divisions reach each follower by the channels they chose, the mail saying how the person voted', async () => {
    await importSteps(database, [[hansard, [join(SHARED_DATA, 'hansard', '44-1-200-en.xml')]]]);
    const ballots = await database.db.select({ number: voteEvents.identifier, option: votes.option, event: events.id }).from(votes)
      .innerJoin(voteEvents, eq(voteEvents.id, votes.voteEventId))
      .innerJoin(events, and(eq(events.kind, 'division'), sql`${events.data}->>'vote_id' = ${voteEvents.id}`))
      .where(eq(votes.voterId, PERSON));
    // Divisions 332 and 333 (on C-21, whose bill is not imported here), each with this member's ballot.
    expect(ballots.map((b) => b.number).sort()).toEqual(['332', '333']);
    const told = await database.rows<{ n: number }>(sql`SELECT count(DISTINCT event_id)::int AS n FROM event_subjects WHERE subject_type = 'person' AND subject_id = ${PERSON}`);
    const personEvents = told[0]!.n;

    worker = startWorker({
      database, mailer: smtpMailer(smtp.url, 'OpenPolicy <alerts@openpolicy.test>', true), publicUrl: PUBLIC_URL,
      webhookPolicy: { allowPrivate: true, ownNetworks: [] }, log: { info() {}, warn() {}, error() {} }, pollMs: 100, leaseSeconds: 60,
    });
    await eventually(() => mailsTo('overrides').length === personEvents && mailsTo('defaults').length === personEvents, 'the immediate mails');
    await eventually(() => receiver.requests.filter((r) => r.answered === 200).length === personEvents, 'the webhooks of the follower by default');
    for (const b of ballots) {
      for (const who of ['overrides', 'defaults']) {
        const mail = mailsTo(who).find((m) => m.header('X-OpenPolicy-Event') === b.event)!;
        expect(mail.subject).toMatch(new RegExp(`^${name} voted ${VOTED[b.option]}: Division ${b.number}: `));
        expect(textOf(mail).startsWith(`${name} voted ${VOTED[b.option]}.\n`)).toBe(true);
      }
    }
    // The follower whose item said no webhook got none; the one by default got one per event.
    expect(new Set(receiver.requests.map((r) => JSON.parse(r.body).id)).size).toBe(personEvents);
    expect(receiver.requests.filter((r) => r.answered === 200)).toHaveLength(personEvents);
    expect(mailsTo('digest')).toEqual([]);
  });

  it('the item that chose the digest has its events there, with the ballots, once the day is over', async () => {
    await database.db.update(jobs).set({ runAt: new Date() }).where(eq(jobs.kind, 'digest'));
    await eventually(() => mailsTo('digest').length > 0, 'the digest');
    const [digest, ...more] = mailsTo('digest');
    expect(more).toEqual([]);
    expect(digest!.subject).toMatch(/^OpenPolicy digest for \d{4}-\d{2}-\d{2}: \d+ updates$/);
    expect(textOf(digest!)).toMatch(new RegExp(`\\* Division 332: [^\\n]*\\n  ${name} voted (Yea|Nay|Paired)\\.\\n`));
    expect(textOf(digest!)).toMatch(new RegExp(`\\* Division 333: [^\\n]*\\n  ${name} voted (Yea|Nay|Paired)\\.\\n`));
  });

  it('one-click unsubscribe stops the mail an item chose too', async () => {
    const link = mailsTo('overrides')[0]!.header('List-Unsubscribe')!.slice(1, -1).replace(PUBLIC_URL, '');
    const res = await t.app.inject({ method: 'POST', url: link, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
    expect(res.statusCode).toBe(200);
    const saved = (await api('GET', '/api/v1/me/saved', users.overrides!.headers)).json().results;
    expect(saved).toEqual([expect.objectContaining({ item_id: PERSON, email: null, webhook: false })]);
  });
});
