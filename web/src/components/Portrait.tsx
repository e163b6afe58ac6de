/**
 * A person's photo, served by the platform from its source's address (so the
 * CSP's `img-src 'self'` holds), with the site it came from; the person's
 * initials when the platform serves none (`photo` is null: no source gives
 * one, or PHOTOS=off, so nothing is asked for) or the source's address failed.
 */
import { useState } from 'react';
import { useT } from '../lib/i18n';

interface Pictured {
  id: string;
  name: string;
  /** The source's address, for the caption. */
  image: string | null;
  /** Where the platform serves it, when it does. */
  photo: string | null;
}

function initials(name: string): string {
  const words = name.split(/\s+/).filter(Boolean);
  return [words[0], words.length > 1 ? words[words.length - 1] : undefined].map((w) => w?.[0] ?? '').join('').toUpperCase();
}

function sourceHost(image: string): string {
  try {
    return new URL(image).host.replace(/^www\./, '');
  } catch {
    return image;
  }
}

/** `large` on a person's page (with the photo's source), `small` on cards. Decorative beside the name it shows: empty alt. */
export function Portrait({ person, size }: { person: Pictured; size: 'large' | 'small' }) {
  const t = useT();
  const [failed, setFailed] = useState(false);
  const [width, height] = size === 'large' ? [120, 160] : [48, 64];
  const face = !person.photo || !person.image || failed ? <span className={`portrait ${size} initials`} aria-hidden="true">{initials(person.name)}</span> : (
    <img
      className={`portrait ${size}`}
      src={person.photo}
      alt=""
      width={width}
      height={height}
      loading={size === 'small' ? 'lazy' : undefined}
      onError={() => setFailed(true)}
    />
  );
  if (size === 'small') return face;
  // A photo whose source fails turns into initials after the page has been painted: the figure keeps its
  // size (a fixed width, and the caption's room, left blank), or the text beside it would reflow and push the
  // whole page below up (the person page's layout shift, 0.12 on a phone).
  return (
    <figure className="portrait-figure">
      {face}
      {person.photo && person.image && <figcaption className={failed ? 'meta vacant' : 'meta'}>{t('person.photoSource', { source: sourceHost(person.image) })}</figcaption>}
    </figure>
  );
}
