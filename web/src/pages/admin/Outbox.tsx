/**
 * Mail the platform kept instead of sending, because no SMTP server is set
 * (the embedded default): how an admin hands a password-reset token on.
 */
import { FilterForm, TextField } from '../../components/Filters';
import { Heading } from '../../components/Heading';
import { Pagination } from '../../components/Pagination';
import { RequireRole } from '../../components/RequireRole';
import { Pending } from '../../components/Status';
import { formatDateTime } from '../../lib/format';
import { useLang, useT } from '../../lib/i18n';
import { useQuery } from '../../lib/router';
import { useApi } from '../../lib/use-api';

export default function Outbox() {
  const t = useT();
  const lang = useLang();
  const query = useQuery();
  const mail = useApi('/api/v1/admin/outbox', { query: { to: query.get('to'), page: query.get('page'), per_page: 20 } });
  return (
    <RequireRole roles={['admin']}>
      <Heading title={t('admin.outbox')} />
      <p>{t('outbox.explain')}</p>
      <FilterForm names={['to']} label={t('outbox.filters')}>
        <TextField name="to" type="search" label={t('outbox.to')} />
      </FilterForm>
      <Pending {...mail} retry={mail.reload} />
      {mail.data && mail.data.results.length === 0 && <p>{t('outbox.empty')}</p>}
      {mail.data && (
        <>
          <ul className="cards">
            {mail.data.results.map((m) => (
              <li key={m.id} className="mail">
                <h2>{m.subject}</h2>
                <p className="meta">{t('outbox.toOn', { to: m.to, date: formatDateTime(m.created_at, lang) })}</p>
                <pre className="record">{m.body}</pre>
              </li>
            ))}
          </ul>
          <Pagination pagination={mail.data.pagination} />
        </>
      )}
    </RequireRole>
  );
}
