/** The public read API under /api/v1: one plugin per resource, public caching and ETags. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FetchConfig } from '../config.js';
import { installConventions } from './conventions.js';
import { installEtags } from './etag.js';
import { ListTotals } from './list-totals.js';
import { adminFetchRoutes } from './routes/admin-fetch.js';
import { adminImportRoutes } from './routes/admin-imports.js';
import { alertRoutes, type AlertRouteOptions } from './routes/alerts.js';
import { feedRoutes } from './routes/feeds.js';
import { adminKeyRoutes } from './routes/admin-keys.js';
import { adminRoutes } from './routes/admin.js';
import { authRoutes } from './routes/auth.js';
import { billRoutes } from './routes/bills.js';
import { committeeRoutes } from './routes/committees.js';
import { debateRoutes } from './routes/debates.js';
import { divisionRoutes } from './routes/divisions.js';
import { jurisdictionRoutes } from './routes/jurisdictions.js';
import { keyRoutes } from './routes/keys.js';
import { peopleRoutes } from './routes/people.js';
import { photoRoutes, type PhotoRouteOptions } from './routes/photos.js';
import { representativeRoutes } from './routes/representatives.js';
import { savedRoutes } from './routes/saved.js';
import { searchRoutes } from './routes/search.js';
import { sessionRoutes } from './routes/sessions.js';
import { sourceRoutes } from './routes/sources.js';
import { voteRoutes } from './routes/votes.js';

export const v1Routes: FastifyPluginAsyncTypebox<{ alerts: AlertRouteOptions; fetch: FetchConfig } & PhotoRouteOptions> = async (app, { alerts, photos, fetch }) => {
  installEtags(app);
  installConventions(app);
  app.addHook('onSend', (request, reply, payload, done) => {
    if (request.method === 'GET' && reply.statusCode < 400 && !reply.hasHeader('cache-control')) {
      reply.header('cache-control', 'public, max-age=60');
    }
    done(null, payload);
  });
  app.responseCache.fillOnMiss(app);
  app.decorate('listTotals', new ListTotals());
  app.listTotals.clearOnDataChange(app);
  await app.register(billRoutes);
  await app.register(voteRoutes);
  await app.register(committeeRoutes);
  await app.register(debateRoutes);
  await app.register(searchRoutes);
  const photoServing = { servesPhotos: photos !== null };
  await app.register(peopleRoutes, photoServing);
  await app.register(photoRoutes, { photos });
  await app.register(representativeRoutes, photoServing);
  await app.register(divisionRoutes, photoServing);
  await app.register(jurisdictionRoutes);
  await app.register(sessionRoutes);
  await app.register(sourceRoutes);
  await app.register(authRoutes, { prefix: '/auth' });
  await app.register(keyRoutes, { prefix: '/keys' });
  await app.register(savedRoutes, { prefix: '/me/saved' });
  await app.register(alertRoutes, alerts);
  await app.register(feedRoutes, { publicUrl: alerts.publicUrl });
  await app.register(adminRoutes, { prefix: '/admin' });
  await app.register(adminImportRoutes, { prefix: '/admin/imports' });
  await app.register(adminFetchRoutes, { prefix: '/admin/fetch', settings: fetch });
  await app.register(adminKeyRoutes, { prefix: '/admin/keys' });
};
