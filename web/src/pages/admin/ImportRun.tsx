/** One import run, followed live: status, elapsed time and counts climbing while it runs; rejected records with where they were found. */
import { Heading } from '../../components/Heading';
import { RequireRole } from '../../components/RequireRole';
import { ScrollTable } from '../../components/ScrollTable';
import { Pending } from '../../components/Status';
import { formatDateTime } from '../../lib/format';
import { useLang, useT } from '../../lib/i18n';
import { Link, type Params } from '../../lib/router';
import { useApi } from '../../lib/use-api';
import { usePolling } from './import-parts';
import { RunProgress } from './run-progress';

export default function ImportRun({ params }: { params: Params }) {
  const t = useT();
  const lang = useLang();
  const run = useApi('/api/v1/admin/imports/{id}', { path: { id: params.id } });
  const r = run.data;
  usePolling(r?.status === 'running', run.reload, 1000);
  return (
    <RequireRole roles={['admin', 'editor']}>
      <p className="eyebrow"><Link to="/admin/imports">{t('admin.imports')}</Link></p>
      <Heading title={t('imports.run', { id: params.id ?? '' })} />
      <Pending {...run} retry={run.reload} />
      {r && (
        <>
          <RunProgress run={r} />
          <dl className="facts">
            <div><dt>{t('imports.started')}</dt><dd>{formatDateTime(r.started_at, lang)}</dd></div>
            <div><dt>{t('imports.finished')}</dt><dd>{r.finished_at ? formatDateTime(r.finished_at, lang) : '…'}</dd></div>
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
