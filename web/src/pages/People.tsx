/** People: representatives at every level (federal, provincial, municipal), filtered in the URL, with pages and CSV. */
import { FilterForm, SelectField, TextField } from '../components/Filters';
import { Heading } from '../components/Heading';
import { ListSummary } from '../components/ListSummary';
import { Pagination } from '../components/Pagination';
import { ScrollTable } from '../components/ScrollTable';
import { Pending } from '../components/Status';
import { useLang, useT } from '../lib/i18n';
import type { MessageKey } from '../lib/messages';
import { personPath } from '../lib/links';
import { useJurisdictionGroups } from '../lib/reference';
import { Link, useQuery } from '../lib/router';
import { useApi } from '../lib/use-api';
import { filtersFrom, type FilterName } from '../lib/filters';
import { partyLine, roleLine } from '../lib/standing';

const FILTERS: FilterName<'/api/v1/people'>[] = ['name', 'jurisdiction', 'org_classification', 'party', 'district', 'current'];
const LEVEL: Record<string, MessageKey> = { federal: 'level.federal', provincial: 'level.provincial', municipal: 'level.municipal' };
const ORGS = ['lower', 'upper', 'legislature', 'council', 'committee'] as const;

export default function People() {
  const t = useT();
  const lang = useLang();
  const query = useQuery();
  const filters = filtersFrom(query, [...FILTERS, 'page']);
  const people = useApi('/api/v1/people', { query: { ...filters, per_page: 25 } });
  const jurisdictions = useJurisdictionGroups(lang, (level) => t(LEVEL[level] ?? 'level.other'));

  return (
    <>
      <Heading title={t('people.title')} />
      <FilterForm names={FILTERS} label={t('people.filters')}>
        <TextField name="name" type="search" label={t('people.name')} />
        <SelectField name="jurisdiction" label={t('people.jurisdiction')} any={t('filters.any')} groups={jurisdictions} />
        <SelectField name="org_classification" label={t('people.body')} any={t('filters.any')} options={ORGS.map((o) => ({ value: o, label: t(`org.${o}`) }))} />
        <TextField name="party" label={t('people.party')} placeholder={t('people.partyPlaceholder')} />
        <TextField name="district" label={t('people.district')} />
        <SelectField name="current" label={t('people.current')} any={t('people.currentOnly')} options={[{ value: 'false', label: t('people.everyone') }]} />
      </FilterForm>
      <Pending {...people} retry={people.reload} />
      {people.data && (
        <>
          <ListSummary pagination={people.data.pagination} apiPath="/api/v1/people" query={filters} />
          <ScrollTable label={t('people.title')}>
            <thead>
              <tr>
                <th scope="col">{t('people.name')}</th>
                <th scope="col">{t('people.role')}</th>
                <th scope="col">{t('people.party')}</th>
              </tr>
            </thead>
            <tbody>
              {people.data.results.map((p) => (
                <tr key={p.id}>
                  <td><Link to={personPath(p.id)}>{p.name}</Link></td>
                  <td>{roleLine(p, t, lang) ?? '—'}</td>
                  <td>{partyLine(p, lang) ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
          <Pagination pagination={people.data.pagination} />
        </>
      )}
    </>
  );
}
