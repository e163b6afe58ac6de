/**
 * How a user hears of what they follow, under /api/v1/me: their mail choice and
 * private feed (/me/alerts), saved searches (/me/searches), webhooks with their
 * delivery log and a test event (/me/webhooks); and the one-click unsubscribe
 * (/unsubscribe/{token}) that needs no sign-in, only the mailed secret.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { and, eq } from 'drizzle-orm';
import type { SelectResultFields } from 'drizzle-orm/query-builders/select.types';
import { Type } from 'typebox';
import {
  alertSettingsOf, createSavedSearch, createWebhook, deleteSavedSearch, deleteWebhook, listSavedSearches, listWebhooks,
  queueTestEvent, setEmailMode, unsubscribe, webhookOf, type AlertSettingsRow, type SavedSearchRow, type WebhookRow,
} from '../../alerts/account.js';
import { checkWebhookUrl, WebhookRefused, type WebhookPolicy } from '../../alerts/webhooks.js';
import { currentActor, privateResponses } from '../../auth/http.js';
import { jobs } from '../../db/schema.js';
import { by, keysetList, respondList, sortBy, type Orders } from '../lists.js';
import { listQuery, listResponse, sortParameter } from '../schemas/lists.js';
import { HttpProblem, notFound } from '../../errors/problem.js';
import { isoTime } from '../resources.js';
import { NoContent, Nullable } from '../schemas/shared.js';

// ── schema ────────────────────────────────────────────────────────────────
const EmailMode = Type.Union([Type.Literal('off'), Type.Literal('immediate'), Type.Literal('daily')], {
  description: '`immediate`: a mail per event; `daily`: one digest a day (after midnight UTC); `off`: no mail.',
});

const AlertSettings = Type.Object({
  email: EmailMode,
  feed_url: Type.String({ description: 'My private Atom feed of everything I follow: a secret URL, keep it so.' }),
});

const SavedSearch = Type.Object({
  id: Type.String({ format: 'uuid' }),
  q: Type.String(),
  types: Type.Array(Type.Union([Type.Literal('bill'), Type.Literal('speech')])),
  session: Nullable(Type.String()),
  feed_url: Type.String({ description: 'The Atom feed of new matches (its id is its only key).' }),
  created_at: Type.String(),
});

const NewSavedSearch = Type.Object({
  q: Type.String({ minLength: 1, maxLength: 200, description: 'Words as the search box takes them ("quoted phrase", -excluded, or).' }),
  types: Type.Optional(Type.Array(Type.Union([Type.Literal('bill'), Type.Literal('speech')]), { minItems: 1, uniqueItems: true, description: 'What it matches; both by default.' })),
  session: Type.Optional(Type.String({ pattern: '^\\d{1,2}-\\d$', description: 'Only bills of this session (e.g. 45-1).' })),
}, { additionalProperties: false });

const Webhook = Type.Object({
  id: Type.String({ format: 'uuid' }),
  url: Type.String(),
  consecutive_failures: Type.Integer(),
  disabled_at: Nullable(Type.String()),
  disabled_reason: Nullable(Type.String()),
  created_at: Type.String(),
});

const NewWebhook = Type.Object({
  url: Type.String({ maxLength: 2000, description: 'An https:// URL on the public internet.' }),
}, { additionalProperties: false });

const CreatedWebhook = Type.Object({
  ...Webhook.properties,
  secret: Type.String({ description: 'The HMAC-SHA256 key of the `OpenPolicy-Signature` header, shown this once.' }),
});

const Delivery = Type.Object({
  id: Type.Integer(),
  event_id: Nullable(Type.String()),
  test: Type.Boolean(),
  status: Type.Union([Type.Literal('queued'), Type.Literal('running'), Type.Literal('done'), Type.Literal('failed')]),
  attempts: Type.Integer(),
  last_status: Nullable(Type.Integer({ description: 'The HTTP status of the last attempt.' })),
  last_latency_ms: Nullable(Type.Integer()),
  last_error: Nullable(Type.String()),
  next_attempt_at: Nullable(Type.String()),
  created_at: Type.String(),
  finished_at: Nullable(Type.String()),
});

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const TokenParams = Type.Object({ token: Type.String({ pattern: '^[0-9a-f]{64}$', description: 'The secret from the mail\'s unsubscribe link.' }) });

// ── presenting ────────────────────────────────────────────────────────────
const presentSettings = (row: AlertSettingsRow, publicUrl: string) => ({ email: row.email, feed_url: `${publicUrl}/api/v1/feeds/private/${row.feedToken}` });

const presentSearch = (row: SavedSearchRow, publicUrl: string) => ({
  id: row.id, q: row.q, types: row.types as ('bill' | 'speech')[], session: row.session,
  feed_url: `${publicUrl}/api/v1/feeds/searches/${row.id}`, created_at: isoTime(row.createdAt)!,
});

const presentWebhook = (row: WebhookRow) => ({
  id: row.id, url: row.url, consecutive_failures: row.consecutiveFailures,
  disabled_at: isoTime(row.disabledAt), disabled_reason: row.disabledReason, created_at: isoTime(row.createdAt)!,
});

const deliveryFields = {
  id: jobs.id, payload: jobs.payload, status: jobs.status, attempts: jobs.attempts, lastStatus: jobs.lastStatus, lastLatencyMs: jobs.lastLatencyMs,
  lastError: jobs.lastError, runAt: jobs.runAt, createdAt: jobs.createdAt, finishedAt: jobs.finishedAt,
};
type DeliveryRow = SelectResultFields<typeof deliveryFields>;
const deliveryOrders: Orders<'id'> = { id: [by(jobs.id, 'bigint')] };

const presentDelivery = (row: DeliveryRow) => ({
  id: row.id,
  event_id: typeof row.payload.event_id === 'string' ? row.payload.event_id : null,
  test: row.payload.test === true,
  status: row.status,
  attempts: row.attempts,
  last_status: row.lastStatus,
  last_latency_ms: row.lastLatencyMs,
  last_error: row.lastError,
  next_attempt_at: row.status === 'queued' ? isoTime(row.runAt) : null,
  created_at: isoTime(row.createdAt)!,
  finished_at: isoTime(row.finishedAt),
});

export interface AlertRouteOptions {
  publicUrl: string;
  webhookPolicy: WebhookPolicy;
}

// ── routes ────────────────────────────────────────────────────────────────
export const alertRoutes: FastifyPluginAsyncTypebox<AlertRouteOptions> = async (app, { publicUrl, webhookPolicy }) => {
  const { db } = app.database;
  privateResponses(app);
  const manage = { permission: 'saved:manage' as const };

  app.get('/me/alerts', {
    config: manage,
    schema: { tags: ['alerts'], summary: 'My alert settings: how I am mailed, and my private feed', response: { 200: AlertSettings } },
  }, async (request) => presentSettings(await alertSettingsOf(db, currentActor(request).userId), publicUrl));

  app.put('/me/alerts', {
    config: manage,
    schema: { tags: ['alerts'], summary: 'Choose how I am mailed about what I follow', body: Type.Object({ email: EmailMode }, { additionalProperties: false }), response: { 200: AlertSettings } },
  }, async (request) => presentSettings(await setEmailMode(db, currentActor(request).userId, request.body.email), publicUrl));

  app.get('/me/searches', {
    config: manage,
    schema: { tags: ['alerts'], summary: 'My saved searches, newest first', response: { 200: Type.Object({ results: Type.Array(SavedSearch) }) } },
  }, async (request) => ({ results: (await listSavedSearches(db, currentActor(request))).map((r) => presentSearch(r, publicUrl)) }));

  app.post('/me/searches', {
    config: manage,
    schema: { tags: ['alerts'], summary: 'Save a search: new bills and speeches that match it reach me like what I follow', body: NewSavedSearch, response: { 201: SavedSearch } },
  }, async (request, reply) => {
    const { q, types, session } = request.body;
    const row = await createSavedSearch(db, currentActor(request), { q: q.trim(), types: types ?? ['bill', 'speech'], session: session ?? null });
    return reply.code(201).send(presentSearch(row, publicUrl));
  });

  app.delete('/me/searches/:id', {
    config: manage,
    schema: { tags: ['alerts'], summary: 'Delete one of my saved searches', params: IdParams, response: { 204: NoContent } },
  }, async (request, reply) => {
    if (!(await deleteSavedSearch(db, currentActor(request), request.params.id))) throw notFound('saved search', request.params.id);
    return reply.code(204).send();
  });

  app.get('/me/webhooks', {
    config: manage,
    schema: { tags: ['alerts'], summary: 'My webhooks (never their secrets)', response: { 200: Type.Object({ results: Type.Array(Webhook) }) } },
  }, async (request) => ({ results: (await listWebhooks(db, currentActor(request))).map(presentWebhook) }));

  app.post('/me/webhooks', {
    config: manage,
    schema: {
      tags: ['alerts'],
      summary: 'Register a webhook: events I follow are POSTed to it as signed JSON; the secret is shown this once',
      body: NewWebhook,
      response: { 201: CreatedWebhook },
    },
  }, async (request, reply) => {
    try {
      await checkWebhookUrl(request.body.url, webhookPolicy);
    } catch (e) {
      if (e instanceof WebhookRefused) throw new HttpProblem(400, 'webhook-refused', e.message, { parameter: 'url' });
      throw e;
    }
    const row = await createWebhook(db, currentActor(request), request.body.url);
    return reply.code(201).send({ ...presentWebhook(row), secret: row.secret });
  });

  app.delete('/me/webhooks/:id', {
    config: manage,
    schema: { tags: ['alerts'], summary: 'Delete one of my webhooks (its queued deliveries are dropped)', params: IdParams, response: { 204: NoContent } },
  }, async (request, reply) => {
    if (!(await deleteWebhook(db, currentActor(request), request.params.id))) throw notFound('webhook', request.params.id);
    return reply.code(204).send();
  });

  app.get('/me/webhooks/:id/deliveries', {
    config: manage,
    schema: {
      tags: ['alerts'], summary: 'The delivery log of one of my webhooks, newest first unless sorted: status, attempts, HTTP status and latency',
      params: IdParams, querystring: listQuery({ sort: sortParameter(['id'], { default: 'id_desc' }) }), response: { 200: listResponse(Delivery) },
    },
  }, async (request, reply) => {
    const hook = await webhookOf(db, currentActor(request), request.params.id);
    if (!hook) throw notFound('webhook', request.params.id);
    const source = keysetList(db, {
      from: jobs,
      fields: deliveryFields,
      where: [and(eq(jobs.webhookId, hook.id), eq(jobs.kind, 'webhook'))],
      sort: sortBy(request.query.sort ?? 'id_desc', deliveryOrders),
      live: true,
    });
    return respondList(request, reply, request.query, source, presentDelivery, {
      filename: 'webhook-deliveries',
      columns: [
        { header: 'id', value: (d) => d.id }, { header: 'event_id', value: (d) => d.event_id }, { header: 'status', value: (d) => d.status },
        { header: 'attempts', value: (d) => d.attempts }, { header: 'last_status', value: (d) => d.last_status },
        { header: 'last_latency_ms', value: (d) => d.last_latency_ms }, { header: 'last_error', value: (d) => d.last_error },
        { header: 'created_at', value: (d) => d.created_at }, { header: 'finished_at', value: (d) => d.finished_at },
      ],
    });
  });

  app.post('/me/webhooks/:id/test', {
    config: manage,
    schema: {
      tags: ['alerts'], summary: 'Send a test event to one of my webhooks; it appears in the delivery log',
      params: IdParams, response: { 202: Type.Object({ delivery: Type.String({ description: 'The delivery\'s id, also sent as `OpenPolicy-Delivery`.' }) }) },
    },
  }, async (request, reply) => {
    const key = await queueTestEvent(db, currentActor(request), request.params.id);
    if (!key) throw notFound('webhook', request.params.id);
    return reply.code(202).send({ delivery: key });
  });

  // RFC 8058: a mail client POSTs `List-Unsubscribe=One-Click` as a form.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 1024 }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
  app.post('/unsubscribe/:token', {
    config: { permission: 'public:read' },
    schema: {
      tags: ['alerts'],
      summary: 'Stop alert mail, without signing in: the one-click target of the mails\' List-Unsubscribe header and unsubscribe page',
      params: TokenParams,
      body: Type.Optional(Type.Object({ 'List-Unsubscribe': Type.Optional(Type.Literal('One-Click')) })),
      response: { 200: Type.Object({ email: Type.Literal('off') }) },
    },
  }, async (request) => {
    if (!(await unsubscribe(db, request.params.token))) throw notFound('unsubscribe link', request.params.token);
    return { email: 'off' as const };
  });
};
