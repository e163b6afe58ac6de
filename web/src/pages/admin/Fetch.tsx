/** The live fetchers: each source's schedule, last run and freshness, and a button to fetch it now (the run then opens). */
import { FormError, useSubmit } from '../../components/Form';
import { Heading } from '../../components/Heading';
import { RequireRole } from '../../components/RequireRole';
import { ScrollTable } from '../../components/ScrollTable';
import { Pending } from '../../components/Status';
import { api } from '../../lib/api';
import { formatDateTime, formatNumber } from '../../lib/format';
import { useLang, useT } from '../../lib/i18n';
import { Link, navigate } from '../../lib/router';
import type { FetchSource } from '../../lib/shapes';
import { clearApiCache, useApi } from '../../lib/use-api';
import { RunStatus, usePolling } from './import-parts';

function every(minutes: number, t: ReturnType<typeof useT>): string {
  if (minutes % 1440 === 0) return t('fetch.everyDays', { n: minutes / 1440 });
  if (minutes % 60 === 0) return t('fetch.everyHours', { n: minutes / 60 });
  return t('fetch.everyMinutes', { n: minutes });
}

function FetchNow({ source, allowed }: { source: string; allowed: boolean }) {
  const t = useT();
  const start = useSubmit(
    () => api('/api/v1/admin/fetch/{source}', { method: 'post', path: { source } }),
    (run) => {
      clearApiCache();
      navigate(`/admin/imports/${run.id}`);
    },
  );
  return (
    <form onSubmit={start.onSubmit}>
      <button type="submit" disabled={!allowed || start.busy} aria-label={t('fetch.nowSource', { source })}>{t('fetch.now')}</button>
      <FormError error={start.error} />
    </form>
  );
}

function SourceRow({ s, allowed }: { s: FetchSource; allowed: boolean }) {
  const t = useT();
  const lang = useLang();
  return (
    <tr>
      <th scope="row">{s.source}</th>
      <td>{every(s.every_minutes, t)}</td>
      <td>{s.last_run ? <><Link to={`/admin/imports/${s.last_run.id}`}>{s.last_run.id}</Link> <RunStatus status={s.last_run.status} /> <span className="nowrap">{formatDateTime(s.last_run.started_at, lang)}</span></> : t('fetch.never')}</td>
      <td className="nowrap">{s.last_success_at ? formatDateTime(s.last_success_at, lang) : t('fetch.never')}</td>
      <td>
        <span className={`badge ${s.stale ? 'run-failed' : 'run-succeeded'}`}>{s.stale ? t('fetch.stale') : t('fetch.fresh')}</span>
        {s.age_hours !== null && <span className="meta"> {t('fetch.age', { hours: formatNumber(s.age_hours, lang) })}</span>}
      </td>
      <td><FetchNow source={s.source} allowed={allowed} /></td>
    </tr>
  );
}

export default function Fetch() {
  const t = useT();
  const overview = useApi('/api/v1/admin/fetch', {});
  const o = overview.data;
  usePolling(!!o?.sources.some((s) => s.last_run?.status === 'running'), overview.reload, 2000);
  return (
    <RequireRole roles={['admin', 'editor']}>
      <Heading title={t('admin.fetch')} />
      <Pending {...overview} retry={overview.reload} />
      {o && (
        <>
          <p className="meta">{o.scheduled ? t('fetch.scheduled') : t('fetch.notScheduled')} {t('fetch.staleAfter', { hours: o.stale_after_hours })}</p>
          {!o.can_fetch && <p className="notice" role="status">{t('fetch.noContact')}</p>}
          <ScrollTable label={t('admin.fetch')}>
            <thead>
              <tr>
                <th scope="col">{t('imports.source')}</th><th scope="col">{t('fetch.schedule')}</th><th scope="col">{t('fetch.lastRun')}</th>
                <th scope="col">{t('fetch.lastSuccess')}</th><th scope="col">{t('fetch.freshness')}</th><th scope="col"><span className="visually-hidden">{t('fetch.now')}</span></th>
              </tr>
            </thead>
            <tbody>{o.sources.map((s) => <SourceRow key={s.source} s={s} allowed={o.can_fetch} />)}</tbody>
          </ScrollTable>
        </>
      )}
    </RequireRole>
  );
}
