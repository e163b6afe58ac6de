/**
 * Atom feeds of events (src/alerts): per bill, per person, per saved search,
 * and one private feed per user at a secret URL with everything they follow.
 * The newest 50 events, newest first; a reader polls them like any feed.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { and, desc, eq } from 'drizzle-orm';
import { Type } from 'typebox';
import { feedOwner, savedSearchById } from '../../alerts/account.js';
import { atomFeed, type FeedEntry } from '../../alerts/atom.js';
import type { Db } from '../../db/client.js';
import { bills, events, eventSubjects, notifications, people } from '../../db/schema.js';
import { notFound } from '../../errors/problem.js';

const FEED_LENGTH = 50;
const ATOM = 'application/atom+xml';

const AtomResponse = {
  description: 'An Atom feed (RFC 4287); each entry\'s id is stable: the same event, the same id.',
  content: { [ATOM]: { schema: Type.String({ description: 'Atom XML' }) } },
};

const UuidParams = Type.Object({ uuid: Type.String({ format: 'uuid', description: 'The uuid part of the OCD id.' }) });

type EventRow = typeof events.$inferSelect;

const bySubject = (db: Db, type: 'bill' | 'person' | 'search', id: string) =>
  db.select({ event: events }).from(eventSubjects).innerJoin(events, eq(events.id, eventSubjects.eventId))
    .where(and(eq(eventSubjects.subjectType, type), eq(eventSubjects.subjectId, id)))
    .orderBy(desc(events.createdAt), desc(events.id)).limit(FEED_LENGTH);

export const feedRoutes: FastifyPluginAsyncTypebox<{ publicUrl: string }> = async (app, { publicUrl }) => {
  const { db } = app.database;

  const entry = (e: EventRow): FeedEntry => ({
    id: e.id, title: e.title, summary: e.summary, updated: e.createdAt,
    link: `${publicUrl}${typeof e.data.web === 'string' ? e.data.web : e.url}`,
  });
  const send = (reply: { type(t: string): unknown }, feed: { id: string; title: string; self: string; alternate: string; rows: { event: EventRow }[] }) => {
    reply.type(`${ATOM}; charset=utf-8`);
    return atomFeed({ id: `${publicUrl}${feed.id}`, title: feed.title, self: `${publicUrl}${feed.self}`, alternate: `${publicUrl}${feed.alternate}`, entries: feed.rows.map((r) => entry(r.event)) });
  };

  app.get('/feeds/bills/:uuid', {
    schema: { tags: ['feeds'], summary: 'Atom feed of a bill: its new stages, divisions and debate', params: UuidParams, response: { 200: AtomResponse } },
  }, async (request, reply) => {
    const id = `ocd-bill/${request.params.uuid.toLowerCase()}`;
    const [bill] = await db.select({ identifier: bills.identifier, title: bills.shortTitleEn, long: bills.titleEn }).from(bills).where(eq(bills.id, id));
    if (!bill) throw notFound('bill', id);
    const path = `/api/v1/feeds/bills/${request.params.uuid.toLowerCase()}`;
    return send(reply, { id: path, self: path, alternate: `/bills/${id}`, title: `${bill.identifier} — ${bill.title ?? bill.long}`, rows: await bySubject(db, 'bill', id) });
  });

  app.get('/feeds/people/:uuid', {
    schema: { tags: ['feeds'], summary: 'Atom feed of a person: the divisions they voted in, their speeches, the bills they sponsored', params: UuidParams, response: { 200: AtomResponse } },
  }, async (request, reply) => {
    const uuid = request.params.uuid.toLowerCase();
    const id = `ocd-person/${uuid}`;
    const [person] = await db.select({ name: people.name }).from(people).where(eq(people.id, id));
    if (!person) throw notFound('person', id);
    const path = `/api/v1/feeds/people/${uuid}`;
    return send(reply, { id: path, self: path, alternate: `/people/${uuid}`, title: person.name, rows: await bySubject(db, 'person', id) });
  });

  app.get('/feeds/searches/:id', {
    schema: {
      tags: ['feeds'], summary: 'Atom feed of a saved search: new bills and speeches that match it (its id is its key)',
      params: Type.Object({ id: Type.String({ format: 'uuid' }) }), response: { 200: AtomResponse },
    },
  }, async (request, reply) => {
    const search = await savedSearchById(db, request.params.id);
    if (!search) throw notFound('saved search', request.params.id);
    const path = `/api/v1/feeds/searches/${search.id}`;
    return send(reply, { id: path, self: path, alternate: `/search?q=${encodeURIComponent(search.q)}`, title: `Search: ${search.q}`, rows: await bySubject(db, 'search', search.id) });
  });

  app.get('/feeds/private/:token', {
    schema: {
      tags: ['feeds'], summary: 'My private Atom feed: every event about what I follow (the URL is the secret; see GET /me/alerts)',
      params: Type.Object({ token: Type.String({ pattern: '^[0-9a-f]{64}$' }) }), response: { 200: AtomResponse },
    },
  }, async (request, reply) => {
    const userId = await feedOwner(db, request.params.token);
    if (!userId) throw notFound('private feed', '(secret)');
    // Only its owner's reader should keep it: no shared cache.
    reply.header('cache-control', 'private, max-age=60');
    const rows = await db.select({ event: events }).from(notifications).innerJoin(events, eq(events.id, notifications.eventId))
      .where(eq(notifications.userId, userId)).orderBy(desc(notifications.createdAt), desc(events.id)).limit(FEED_LENGTH);
    // The feed's id names the user, never the secret, so a new secret keeps the feed.
    return send(reply, { id: `/api/v1/users/${userId}/feed`, self: request.url, alternate: '/account', title: 'OpenPolicy: what I follow', rows });
  });
};
