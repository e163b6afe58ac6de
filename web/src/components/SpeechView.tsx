/** One speech as a block: speaker (linked when known), time, subject, bill, and the text in paragraphs. */
import { Bi } from './Bi';
import { formatDateTime } from '../lib/format';
import { pick, useLang, useT } from '../lib/i18n';
import { billPathById, personPath, speechPath } from '../lib/links';
import { Link } from '../lib/router';
import type { Speech } from '../lib/shapes';

export function SpeechView({ speech, linkTitle = false }: { speech: Speech; linkTitle?: boolean }) {
  const t = useT();
  const lang = useLang();
  const text = pick(speech.text, lang);
  const speaker = speech.speaker.person_id ? <Link to={personPath(speech.speaker.person_id)}>{speech.speaker.name}</Link> : speech.speaker.name;
  return (
    <article className="speech" id={`speech-${speech.id}`} tabIndex={-1}>
      <header>
        <h3>{linkTitle ? <Link to={speechPath(speech.id)}><Bi value={speech.subject} fallback={t('speech.untitled')} /></Link> : <Bi value={speech.subject} fallback={t('speech.untitled')} />}</h3>
        <p className="meta">
          {speaker}
          {speech.speaker.affiliation && <> ({speech.speaker.affiliation})</>}
          {speech.time && <> · {formatDateTime(speech.time, lang)}</>}
          {speech.bill && <> · <Link to={billPathById(speech.bill.id)}>{speech.bill.identifier}</Link></>}
        </p>
      </header>
      <div className="prose" lang={text && text.lang !== lang ? text.lang : undefined}>
        {(text?.text ?? '').split(/\n+/).filter(Boolean).map((paragraph, i) => <p key={i}>{paragraph}</p>)}
      </div>
    </article>
  );
}
