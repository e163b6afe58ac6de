/** A body's bytes as src/api/etag.ts encodes them once for the ETag and the socket: what `Buffer.from` gives. */
import { describe, expect, it } from 'vitest';
import { weakEtag } from '../../src/api/etag.js';
import { utf8Bytes } from '../../src/api/utf8-writer.js';

describe('a body encoded once (utf8Bytes)', () => {
  const texts = {
    empty: '', ascii: '{"a":1}', latin1: 'Québec « 2e »', 'an em dash': 'C‑21 — Loi', 'a surrogate pair': 'vote 🗳️ ok',
    'lone surrogates': 'a\ud800b\udc00c', 'at the scratch\'s bound': '—'.repeat(87_381), 'past it': '—'.repeat(87_382) + 'é'.repeat(200_000),
    'a large two-byte body': `{"votes":[${'{"voter_name":"Ève — Poilievre"},'.repeat(4_000)}{}]}`,
  };
  for (const [name, text] of Object.entries(texts)) {
    it(`gives Buffer.from's bytes: ${name}`, () => {
      const bytes = utf8Bytes(text);
      expect(bytes.equals(Buffer.from(text))).toBe(true);
      expect(weakEtag(bytes)).toBe(weakEtag(Buffer.from(text)));
    });
  }

  it('gives each body a buffer of its own', () => {
    const first = utf8Bytes('first body');
    utf8Bytes('second body, longer');
    expect(first.toString()).toBe('first body');
    expect(first.buffer.byteLength).toBeLessThan(256 * 1024);
  });
});
