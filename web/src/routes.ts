/** Every page of the site and the module it lives in: each is its own chunk, loaded on first visit. */
import { lazy, type ComponentType } from 'react';
import { match, route, type Params } from './lib/router';

type Page = ComponentType<{ params: Params }>;
type Loader = () => Promise<{ default: Page }>;

const loaders = new Map<unknown, Loader>();
const page = (load: Loader) => {
  const component = lazy(load);
  loaders.set(component, load);
  return component;
};

export const routes = [
  route('/', page(() => import('./pages/Home'))),
  route('/bills', page(() => import('./pages/Bills'))),
  route('/bills/ocd-bill/:uuid', page(() => import('./pages/Bill'))),
  route('/bills/:jurisdiction/:session/:number', page(() => import('./pages/Bill'))),
  route('/votes', page(() => import('./pages/Votes'))),
  route('/votes/:jurisdiction/:session/:number', page(() => import('./pages/Vote'))),
  route('/people', page(() => import('./pages/People'))),
  route('/people/:uuid', page(() => import('./pages/Person'))),
  route('/debates', page(() => import('./pages/Debates'))),
  route('/debates/:id', page(() => import('./pages/Debate'))),
  route('/speeches/:id', page(() => import('./pages/Speech'))),
  route('/committees', page(() => import('./pages/Committees'))),
  route('/committees/:uuid', page(() => import('./pages/Committee'))),
  route('/search', page(() => import('./pages/Search'))),
  route('/representatives', page(() => import('./pages/Representatives'))),
  route('/login', page(() => import('./pages/account/Login'))),
  route('/register', page(() => import('./pages/account/Register'))),
  route('/reset-password', page(() => import('./pages/account/ResetPassword'))),
  route('/account', page(() => import('./pages/account/Account'))),
  route('/unsubscribe/:token', page(() => import('./pages/Unsubscribe'))),
  route('/admin', page(() => import('./pages/admin/AdminHome'))),
  route('/admin/users', page(() => import('./pages/admin/Users'))),
  route('/admin/keys', page(() => import('./pages/admin/Keys'))),
  route('/admin/imports', page(() => import('./pages/admin/Imports'))),
  route('/admin/imports/:id', page(() => import('./pages/admin/ImportRun'))),
  route('/admin/fetch', page(() => import('./pages/admin/Fetch'))),
  route('/admin/audit', page(() => import('./pages/admin/Audit'))),
  route('/admin/outbox', page(() => import('./pages/admin/Outbox'))),
  route('/admin/performance', page(() => import('./pages/admin/Performance'))),
];

export const NotFound = page(() => import('./pages/NotFound'));

/** Starts fetching the chunk of the page at `pathname` now, alongside the app's own scripts, rather than when it renders. */
export function preloadPage(pathname: string): void {
  const found = match(routes, pathname);
  void loaders.get(found ? found.route.component : NotFound)?.();
}
