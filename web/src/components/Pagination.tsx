/** Previous / next pages of a list, as links that keep the filters (so every page is linkable). */
import { formatNumber } from '../lib/format';
import { useLang, useT } from '../lib/i18n';
import { Link, useLocation } from '../lib/router';
import type { Pagination as Page } from '../lib/shapes';

export function Pagination({ pagination, param = 'page' }: { pagination: Page; param?: string }) {
  const t = useT();
  const lang = useLang();
  const { pathname, search } = useLocation();
  if (pagination.max_page <= 1) return null;
  const to = (page: number) => {
    const params = new URLSearchParams(search);
    if (page === 1) params.delete(param);
    else params.set(param, String(page));
    const query = params.toString();
    return query ? `${pathname}?${query}` : pathname;
  };
  const { page, max_page: last } = pagination;
  return (
    <nav className="pagination" aria-label={t('pagination.label')}>
      {page > 1 ? <Link to={to(page - 1)} rel="prev">{t('pagination.previous')}</Link> : <span aria-hidden="true" />}
      <span>{t('pagination.status', { page: formatNumber(page, lang), last: formatNumber(last, lang) })}</span>
      {page < last ? <Link to={to(page + 1)} rel="next">{t('pagination.next')}</Link> : <span aria-hidden="true" />}
    </nav>
  );
}
