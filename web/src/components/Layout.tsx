/** The frame of every page: skip link, header with navigation, language and account, and the footer. */
import type { ReactNode } from 'react';
import { useLang, useT } from '../lib/i18n';
import { Link, useLocation } from '../lib/router';
import { session } from '../lib/session';
import { useStore } from '../lib/store';
import type { MessageKey } from '../lib/messages';

const SECTIONS: [string, MessageKey][] = [
  ['/bills', 'nav.bills'],
  ['/votes', 'nav.votes'],
  ['/people', 'nav.people'],
  ['/debates', 'nav.debates'],
  ['/committees', 'nav.committees'],
  ['/search', 'nav.search'],
];

export function Layout({ children }: { children: ReactNode }) {
  const t = useT();
  const lang = useLang();
  const { pathname, search, hash } = useLocation();
  const other = lang === 'en' ? 'fr' : 'en';
  const { user, tokens } = useStore(session);
  const staff = user?.role === 'admin' || user?.role === 'editor';
  return (
    <>
      <a className="skip" href="#main">{t('nav.skip')}</a>
      <header className="site-header">
        <div className="bar">
          <Link to="/" className="brand">OpenPolicy</Link>
          <div className="header-tools">
            {/* The same page in the other language: its own address, so it can be shared and indexed. */}
            <Link to={`${pathname}${search}${hash}`} language={other} lang={other} hrefLang={other}>{t('nav.otherLanguage')}</Link>
            {staff && <Link to="/admin">{t('nav.admin')}</Link>}
            {tokens ? <Link to="/account">{t('nav.account')}</Link> : <Link to="/login">{t('nav.login')}</Link>}
          </div>
        </div>
        <nav aria-label={t('nav.main')}>
          <ul>
            {SECTIONS.map(([path, key]) => (
              <li key={path}>
                <Link to={path} aria-current={pathname === path || pathname.startsWith(`${path}/`) ? 'page' : undefined}>{t(key)}</Link>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>{children}</main>
      <footer className="site-footer">
        <p>
          {t('footer.data')} <a href="/docs">{t('footer.api')}</a> · <a href="/api/v1/openapi.json">OpenAPI</a>
        </p>
      </footer>
    </>
  );
}
