/** A path the site does not have. */
import { Heading } from '../components/Heading';
import { useT } from '../lib/i18n';
import { Link } from '../lib/router';

export default function NotFound() {
  const t = useT();
  return (
    <>
      <Heading title={t('notFound.title')} />
      <p>{t('notFound.text')}</p>
      <p><Link to="/">{t('notFound.home')}</Link> · <Link to="/search">{t('nav.search')}</Link></p>
    </>
  );
}
