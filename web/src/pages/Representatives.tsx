/** Find my representative: the box, and who represents the place asked for (`?place=`). */
import { FindRepresentative } from '../components/FindRepresentative';
import { Heading } from '../components/Heading';
import { Representatives } from '../components/Representatives';
import { useT } from '../lib/i18n';
import { useContentVisible } from '../lib/perf';
import { useQuery } from '../lib/router';

export default function RepresentativesPage() {
  const t = useT();
  const place = useQuery().get('place')?.trim() ?? '';
  useContentVisible(true);
  return (
    <>
      <Heading title={t('rep.title')} />
      <FindRepresentative key={place} initial={place} />
      {place && <Representatives place={place} />}
    </>
  );
}
