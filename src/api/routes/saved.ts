/**
 * What I follow, under /api/v1/me/saved: list, follow (PUT, idempotent),
 * choose each item's alert channels (PATCH) and unfollow (DELETE) bills and people. Another user's follows are invisible: they
 * are missing from my list, and unfollowing one answers 404 like one that does not exist.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { BODY_LIMIT, currentActor, privateResponses } from '../../auth/http.js';
import { itemExists, listSavedItems, ocdPrefix, saveItem, setItemChannels, unsaveItem, type SavedListRow, type SavedRow, type SavedType } from '../../auth/saved-items.js';
import { notFound } from '../../errors/problem.js';
import { isoTime } from '../resources.js';
import { NoContent, Nullable } from '../schemas/shared.js';
import { billUrl } from './bills.js';

// ── schema ────────────────────────────────────────────────────────────────
const ItemEmail = Type.Union([Type.Literal('immediate'), Type.Literal('daily'), Type.Literal('off')], {
  description: 'This item\'s mail: at once, in the daily digest, or none; null: as my alert settings say (PUT /me/alerts).',
});
const ChannelsBody = Type.Object({
  email: Type.Optional(Nullable(ItemEmail)),
  webhook: Type.Optional(Nullable(Type.Boolean({ description: 'false: my webhooks do not get this item\'s events; null: they do, as by default.' }))),
}, { additionalProperties: false, minProperties: 1 });

const SavedItem = Type.Object({
  id: Type.String({ format: 'uuid' }),
  type: Type.Union([Type.Literal('bill'), Type.Literal('person')]),
  item_id: Type.String({ description: 'The OCD id of the bill or person.' }),
  title: Nullable(Type.String({ description: 'The bill\'s number and short title, or the person\'s name; null if no longer in the data.' })),
  url: Type.String({ description: 'The API URL of the bill or person.' }),
  email: Nullable(ItemEmail),
  webhook: Nullable(Type.Boolean({ description: 'Whether my webhooks get this item\'s events; null: yes, as for everything I follow.' })),
  created_at: Type.String(),
  updated_at: Type.String(),
});

const ItemParams = Type.Object({
  type: Type.Union([Type.Literal('bill'), Type.Literal('person')], { description: '`bill` or `person`.' }),
  uuid: Type.String({ format: 'uuid', description: 'The uuid part of the OCD id (ocd-bill/<uuid>, ocd-person/<uuid>).' }),
});

function present(row: SavedRow, title: string | null, url?: string) {
  return {
    id: row.id,
    type: row.itemType,
    item_id: row.itemId,
    title,
    url: url ?? `/api/v1/${row.itemType === 'bill' ? 'bills' : 'people'}/${row.itemId}`,
    email: row.email ?? null,
    webhook: row.webhook ?? null,
    created_at: isoTime(row.createdAt)!,
    updated_at: isoTime(row.updatedAt)!,
  };
}

function presentListed(row: SavedListRow) {
  if (row.itemType === 'bill' && row.bill) {
    const b = row.bill;
    return present(row, `${b.identifier} — ${b.shortTitleEn || b.titleEn}`, billUrl(b.jurisdictionId, b.session, b.identifier));
  }
  return present(row, row.itemType === 'person' ? row.personName : null);
}

const itemId = (params: { type: SavedType; uuid: string }) => `${ocdPrefix(params.type)}/${params.uuid.toLowerCase()}`;

// ── routes ────────────────────────────────────────────────────────────────
export const savedRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.database;
  privateResponses(app);

  app.get('', {
    config: { permission: 'saved:manage' },
    schema: { tags: ['saved'], summary: 'The bills and people I follow, newest first', response: { 200: Type.Object({ results: Type.Array(SavedItem) }) } },
  }, async (request) => ({ results: (await listSavedItems(db, currentActor(request))).map(presentListed) }));

  app.put('/:type/:uuid', {
    config: { permission: 'saved:manage' },
    schema: {
      tags: ['saved'],
      summary: 'Follow a bill or person (idempotent: 201 when new, 200 when already followed)',
      params: ItemParams,
      response: { 200: SavedItem, 201: SavedItem },
    },
  }, async (request, reply) => {
    const actor = currentActor(request);
    const id = itemId(request.params);
    if (!(await itemExists(db, request.params.type, id))) throw notFound(request.params.type, id);
    const { row, created } = await saveItem(db, actor, request.params.type, id);
    const [listed] = (await listSavedItems(db, actor)).filter((r) => r.id === row.id);
    return reply.code(created ? 201 : 200).send(listed ? presentListed(listed) : present(row, null));
  });

  app.patch('/:type/:uuid', {
    config: { permission: 'saved:manage' },
    bodyLimit: BODY_LIMIT,
    schema: {
      tags: ['saved'],
      summary: 'Choose how I hear of one item I follow: its mail and its webhooks, over my own settings (404 if I do not follow it)',
      params: ItemParams,
      body: ChannelsBody,
      response: { 200: SavedItem },
    },
  }, async (request) => {
    const actor = currentActor(request);
    const id = itemId(request.params);
    const row = await setItemChannels(db, actor, request.params.type, id, request.body);
    if (!row) throw notFound(`followed ${request.params.type}`, id);
    const [listed] = (await listSavedItems(db, actor)).filter((r) => r.id === row.id);
    return listed ? presentListed(listed) : present(row, null);
  });

  app.delete('/:type/:uuid', {
    config: { permission: 'saved:manage' },
    schema: { tags: ['saved'], summary: 'Unfollow a bill or person (404 if I do not follow it)', params: ItemParams, response: { 204: NoContent } },
  }, async (request, reply) => {
    const id = itemId(request.params);
    const row = await unsaveItem(db, currentActor(request), request.params.type, id);
    if (!row) throw notFound(`followed ${request.params.type}`, id);
    return reply.code(204).send();
  });
};
