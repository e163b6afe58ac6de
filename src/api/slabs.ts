/**
 * Bytes kept outside glibc's heap: copied one after another into blocks of
 * pages (slabs) that go back to the system whole, as soon as the last bytes
 * kept in one are released.
 *
 * For the response cache's bodies (src/api/response-cache.ts), of every size
 * from 1 KB to hundreds: kept in glibc's main arena and evicted in LRU order,
 * they left holes that bodies of other sizes could not reuse and glibc never
 * returned (39 MB free beside 53 MB in use after the bench, note 12m-r11).
 * Blocks glibc maps on their own would be returned, but its mmap threshold
 * rises to the size of any mapped block freed (up to 32 MB), so the next block
 * of that size comes from the arena again. A resizable ArrayBuffer is V8's own
 * mapping, reserved at its maximum; shrinking it to nothing hands its pages
 * back at once (mprotect and madvise), without waiting for a GC.
 */
/// <reference lib="es2024.arraybuffer" />

/** Small enough that a slab is freed soon after the bodies in it (LRU evicts them about in the order they came), large enough to be a few mappings for the cache's 64 MB. */
const SLAB_BYTES = 1024 * 1024;
const PAGE_BYTES = 4096;

/** A block of pages, filled from its start. */
export class Slab {
  /** Bytes handed out so far: the next piece starts here. */
  used = 0;
  /** Pieces handed out and not yet released. */
  live = 0;
  /**
   * A socket may still be writing from it (a write the kernel did not take at once keeps a pointer to the
   * bytes): then it is not shrunk when freed but dropped, and the GC unmaps it once the write lets go.
   */
  lent = false;

  constructor(readonly memory: ArrayBuffer) {}
}

/** Bytes kept in a slab, and the slab to release them to. */
export interface SlabPiece {
  bytes: Buffer;
  slab: Slab;
}

export class Slabs {
  /** The slab new pieces go into. */
  private open: Slab | undefined;
  /** Bytes of slabs not freed yet (page-rounded): the most they add to the RSS. */
  held = 0;

  constructor(private readonly slabBytes = SLAB_BYTES) {}

  /** A copy of `bytes`, in a slab; release it once, when it is no longer used. */
  copy(bytes: Uint8Array): SlabPiece {
    const size = bytes.byteLength;
    // A large piece gets a slab of its own, freed with it, rather than pinning a shared one.
    const slab = size > this.slabBytes / 4 ? this.newSlab(size) : this.room(size);
    const piece = Buffer.from(slab.memory, slab.used, size);
    piece.set(bytes);
    slab.used += size;
    slab.live++;
    return { bytes: piece, slab };
  }

  release(slab: Slab): void {
    if (--slab.live > 0) return;
    // The open slab too: a server gone quiet keeps nothing.
    if (slab === this.open) this.open = undefined;
    this.held -= slab.memory.maxByteLength;
    if (!slab.lent) slab.memory.resize(0);
  }

  /** The open slab, if `size` bytes still fit in it, else a new one. */
  private room(size: number): Slab {
    if (!this.open || this.open.used + size > this.slabBytes) this.open = this.newSlab(this.slabBytes);
    return this.open;
  }

  private newSlab(size: number): Slab {
    const bytes = Math.max(PAGE_BYTES, Math.ceil(size / PAGE_BYTES) * PAGE_BYTES);
    // Committed at once, resident only as pieces are written: fresh pages cost nothing until touched.
    this.held += bytes;
    return new Slab(new ArrayBuffer(bytes, { maxByteLength: bytes }));
  }
}
