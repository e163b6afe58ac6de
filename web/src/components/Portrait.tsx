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
  if (!person.photo || !person.image || failed) return <span className={`portrait ${size} initials`} aria-hidden="true">{initials(person.name)}</span>;
  const img = (
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
  if (size === 'small') return img;
  return (
    <figure className="portrait-figure">
      {img}
      <figcaption className="meta">{t('person.photoSource', { source: sourceHost(person.image) })}</figcaption>
    </figure>
  );
}
