/** "1,234 results" and the CSV download of the same filtered list, from the API. */
import { download, isPublicRead } from '../lib/api';
import { formatNumber } from '../lib/format';
import { useLang, useT } from '../lib/i18n';
import { csvUrl } from '../lib/links';
import { useContentVisible } from '../lib/perf';
import type { Pagination } from '../lib/shapes';

export function ListSummary({ pagination, apiPath, query }: { pagination: Pagination; apiPath: string; query: Record<string, string> }) {
  const t = useT();
  const lang = useLang();
  useContentVisible(true);
  return (
    <div className="list-summary">
      <p role="status">{pagination.total_items === 1 ? t('list.countOne') : t('list.count', { n: formatNumber(pagination.total_items, lang) })}</p>
      {pagination.total_items > 0 && (isPublicRead(apiPath) ? (
        <a href={csvUrl(apiPath, query)} download>
          {t('list.csv')}
        </a>
      ) : (
        <button type="button" className="link-button" onClick={() => void download(csvUrl(apiPath, query), `${apiPath.split('/').pop()}.csv`)}>
          {t('list.csv')}
        </button>
      ))}
    </div>
  );
}
