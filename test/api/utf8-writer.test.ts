/** A body's bytes written from its pieces (src/api/utf8-writer.ts) are its UTF-8, however long the pieces and whatever their characters. */
import { describe, expect, it } from 'vitest';
import { utf8Bytes, Utf8Writer } from '../../src/api/utf8-writer.js';

describe('Utf8Writer', () => {
  it('writes short pieces gathered and long ones alone as the UTF-8 of the whole', () => {
    // A list's items as a page of bills has them: most one byte a character, one with a French summary's ’ and —.
    const plain = (i: number) => `{"id":"ocd-bill/${i}","summary":"${'An Act to amend the Criminal Code. '.repeat(40)}"}`;
    const french = `{"summary":"${'Le texte modifie l’article — et la Loi. '.repeat(40)}","emoji":"😀"}`;
    const pieces = ['{', '"results":', '[', plain(1), ',', french, ',', plain(2), ',', 'é', ',', plain(3), ']', ',', '"next":null', '}'];
    const writer = new Utf8Writer();
    for (const p of pieces) writer.add(p);
    const whole = pieces.join('');
    expect(writer.bytes().equals(Buffer.from(whole))).toBe(true);
    expect(utf8Bytes(whole).equals(Buffer.from(whole))).toBe(true);
  });

  it('writes bytes given as bytes between the pieces', () => {
    const writer = new Utf8Writer();
    writer.add('{"a":');
    writer.addBytes(Buffer.from('["œ"]'));
    writer.add(`,"b":"${'x'.repeat(2000)}"}`);
    expect(writer.bytes().toString()).toBe(`{"a":["œ"],"b":"${'x'.repeat(2000)}"}`);
  });
});
