/** A page's Atom feed: announced in <head> as rel="alternate" for feed readers, and linked visibly. */
import { useEffect } from 'react';
import { useT } from '../lib/i18n';

export function FeedLink({ href, title }: { href: string; title: string }) {
  const t = useT();
  useEffect(() => {
    const link = document.createElement('link');
    link.rel = 'alternate';
    link.type = 'application/atom+xml';
    link.title = title;
    link.href = href;
    document.head.appendChild(link);
    return () => link.remove();
  }, [href, title]);
  return <a className="feed-link" href={href} type="application/atom+xml">{t('feeds.atom')}</a>;
}
