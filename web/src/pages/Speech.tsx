/** One speech, with the way back to its sitting. */
import { Heading } from '../components/Heading';
import { SpeechView } from '../components/SpeechView';
import { Pending } from '../components/Status';
import { formatDate } from '../lib/format';
import { pickText, useLang, useT } from '../lib/i18n';
import { debatePath } from '../lib/links';
import { Link, type Params } from '../lib/router';
import { useApi } from '../lib/use-api';
import { speechTitle } from '../../../src/api/page-titles';

export default function Speech({ params }: { params: Params }) {
  const t = useT();
  const lang = useLang();
  const speech = useApi('/api/v1/speeches/{id}', { path: { id: params.id } });
  const s = speech.data;
  return (
    <>
      <Heading title={s ? speechTitle(lang, s.speaker.name, pickText(s.subject, lang)) : t('speech.title')}>
        {s ? s.speaker.name : t('speech.title')}
      </Heading>
      <Pending {...speech} retry={speech.reload} />
      {s && (
        <>
          <p><Link to={debatePath(s.debate_id)}>{t('speech.sitting', { date: formatDate(s.date, lang) })}</Link></p>
          <SpeechView speech={s} />
        </>
      )}
    </>
  );
}
