/**
 * GET /people/ocd-person/{uuid}/photo: the person's photo, from their source's
 * image address, served from the platform's own origin (src/fetch/photos.ts),
 * or a 404 problem saying why there is none: the record gives no address, the
 * platform does not fetch photos (PHOTOS=off), or the address gave no image.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { eq } from 'drizzle-orm';
import { Type } from 'typebox';
import { people } from '../../db/schema.js';
import { HttpProblem, notFound } from '../../errors/problem.js';
import type { PhotoStore } from '../../fetch/photos.js';

export interface PhotoRouteOptions {
  /** Null when the platform does not fetch photos. */
  photos: PhotoStore | null;
}

// Bytes, typed as such for the handler; documented as OpenAPI's binary string.
const IMAGE = { schema: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }) };
const PhotoResponse = {
  description: "The photo, as its source published it (JPEG, PNG, GIF or WebP); the person's `image` is where it came from.",
  content: { 'image/jpeg': IMAGE, 'image/png': IMAGE, 'image/gif': IMAGE, 'image/webp': IMAGE },
};

const noPhoto = (detail: string) => new HttpProblem(404, 'photo-unavailable', detail);

export const photoRoutes: FastifyPluginAsyncTypebox<PhotoRouteOptions> = async (app, { photos }) => {
  const db = app.database.db;
  app.get('/people/ocd-person/:uuid/photo', {
    schema: {
      tags: ['people'],
      summary: "A person's photo, served by the platform",
      params: Type.Object({ uuid: Type.String({ format: 'uuid', description: 'The uuid part of the OCD id.' }) }),
      response: { 200: PhotoResponse },
    },
  }, async (request, reply) => {
    const id = `ocd-person/${request.params.uuid}`;
    const [person] = await db.select({ image: people.image }).from(people).where(eq(people.id, id)).limit(1);
    if (!person) throw notFound('person', id);
    if (!person.image) throw noPhoto(`The sources of ${id} give no photo.`);
    if (!photos) throw noPhoto('This platform does not fetch photos (PHOTOS=off).');
    const photo = await photos.get(person.image);
    if (!photo) throw noPhoto(`The photo at ${person.image} could not be fetched; it is tried again within the hour.`);
    // A person's photo rarely changes: browsers keep it a day.
    return reply.type(photo.contentType).header('cache-control', 'public, max-age=86400').send(photo.body);
  });
};
