/**
 * A body's UTF-8 bytes written from its pieces, so that no string of the whole body is ever made. A body built by
 * `+=` (fast-json-stringify's way) is a rope that V8 flattens when it is first read; a flat string past 128 KB (64 K
 * characters of a two-byte body: division 332's 69 K) is a large object on fresh pages, and making it cost
 * 130-240 µs where a string just under it costs ~43 (note 12b-r10). Pieces are gathered into strings of a few
 * thousand characters, each flattened young and written into one scratch, and the bytes copied out at their length.
 */

// Up to 256 KB in the scratch, written synchronously, so one serves every body; a longer body moves to a buffer of its own.
const scratch = Buffer.allocUnsafeSlow(256 * 1024);
// Pieces are written in strings of up to this many characters: under V8's largest regular object even two bytes a
// character (64 K), and long enough that a write's own cost is spread over many pieces (8 K chunks cost more).
const CHUNK = 32 * 1024;
// A piece this long (a list's item) is written alone: a gathered chunk with one character past U+00FF (a French
// summary's ’, an em dash) is flattened whole to two bytes a character and encoded on V8's slow path, the items
// around it too.
const ALONE = 1024;

export class Utf8Writer {
  private buffer = scratch;
  private length = 0;
  private pending = '';

  /** Appends `piece` (whole JSON tokens: a chunk never splits a surrogate pair). */
  add(piece: string): void {
    if (piece.length >= ALONE) {
      this.flush();
      this.write(piece);
      return;
    }
    if (this.pending.length + piece.length > CHUNK) this.flush();
    this.pending += piece;
  }

  /** Appends bytes already UTF-8 (whole JSON tokens). */
  addBytes(bytes: Uint8Array): void {
    this.flush();
    this.reserve(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
  }

  /** The bytes written, in a Buffer of their own; the writer is done. */
  bytes(): Buffer {
    this.flush();
    const bytes = Buffer.allocUnsafe(this.length);
    this.buffer.copy(bytes, 0, 0, this.length);
    return bytes;
  }

  private flush(): void {
    const text = this.pending;
    this.pending = '';
    if (text.length !== 0) this.write(text);
  }

  private write(text: string): void {
    // Each character is at most 3 bytes of UTF-8 (a surrogate pair, 2 characters, is 4).
    this.reserve(text.length * 3);
    this.length += this.buffer.write(text, this.length);
  }

  /** Room for `size` more bytes. */
  private reserve(size: number): void {
    if (this.length + size > this.buffer.length) {
      const larger = Buffer.allocUnsafeSlow(Math.max(this.buffer.length * 2, this.length + size));
      this.buffer.copy(larger, 0, 0, this.length);
      this.buffer = larger;
    }
  }
}

/** The UTF-8 bytes of a body, in a Buffer of their own. */
export function utf8Bytes(text: string): Buffer {
  // Past the scratch, `Buffer.from` (which measures, then writes) copies less than growing a buffer would.
  if (text.length * 3 > scratch.length) return Buffer.from(text);
  const writer = new Utf8Writer();
  writer.add(text);
  return writer.bytes();
}
