/** One import run, followed live: status and elapsed time while it runs, then its counts; rejected records with where they were found. */
import { useEffect, useState } from 'react';
import { Heading } from '../../components/Heading';
import { RequireRole } from '../../components/RequireRole';
import { ScrollTable } from '../../components/ScrollTable';
import { Pending } from '../../components/Status';
import { formatDateTime, formatNumber } from '../../lib/format';
import { useLang, useT } from '../../lib/i18n';
import { Link, type Params } from '../../lib/router';
import type { ImportRunDetail } from '../../lib/types';
import { useApi } from '../../lib/use-api';
import { RunStatus, usePolling } from './import-parts';

function Elapsed({ from, to }: { from: string; to: string | null }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (to) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [to]);
  const seconds = Math.max(0, Math.round(((to ? Date.parse(to) : now) - Date.parse(from)) / 1000));
  return <>{seconds} s</>;
}

export default function ImportRun({ params }: { params: Params }) {
  const t = useT();
  const lang = useLang();
  const run = useApi<ImportRunDetail>(`/api/v1/admin/imports/${params.id}`);
  const r = run.data;
  usePolling(r?.status === 'running', run.reload, 1000);
  return (
    <RequireRole roles={['admin', 'editor']}>
      <p className="eyebrow"><Link to="/admin/imports">{t('admin.imports')}</Link></p>
      <Heading title={t('imports.run', { id: params.id ?? '' })} />
      <Pending {...run} retry={run.reload} />
      {r && (
        <>
          <div className="result-line" role="status" aria-live="polite">
            <RunStatus status={r.status} /> <span>{r.source}</span>
            <span className="meta">{t('imports.elapsed')} <Elapsed from={r.started_at} to={r.finished_at} /></span>
          </div>
          <dl className="facts">
            <div><dt>{t('imports.started')}</dt><dd>{formatDateTime(r.started_at, lang)}</dd></div>
            <div><dt>{t('imports.finished')}</dt><dd>{r.finished_at ? formatDateTime(r.finished_at, lang) : '…'}</dd></div>
          </dl>
          <dl className="stats">
            <div><dt>{t('imports.inserted')}</dt><dd>{formatNumber(r.inserted, lang)}</dd></div>
            <div><dt>{t('imports.updated')}</dt><dd>{formatNumber(r.updated, lang)}</dd></div>
            <div><dt>{t('imports.unchanged')}</dt><dd>{formatNumber(r.unchanged, lang)}</dd></div>
            <div><dt>{t('imports.rejected')}</dt><dd>{formatNumber(r.rejected, lang)}</dd></div>
          </dl>
          {r.error && <p className="notice error" role="alert">{r.error}</p>}
          <h2>{t('imports.rejections')}</h2>
          {r.rejections.length === 0 ? <p>{t('imports.noRejections')}</p> : (
            <ScrollTable label={t('imports.rejections')}>
              <thead><tr><th scope="col">{t('imports.location')}</th><th scope="col">{t('imports.message')}</th><th scope="col">{t('imports.record')}</th></tr></thead>
              <tbody>
                {r.rejections.map((x, i) => (
                  <tr key={i}>
                    <td><code className="break">{x.location}</code></td>
                    <td>{x.message}</td>
                    <td>{x.record ? <details><summary>{t('imports.show')}</summary><pre className="record">{x.record}</pre></details> : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </ScrollTable>
          )}
        </>
      )}
    </RequireRole>
  );
}
