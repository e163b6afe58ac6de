/**
 * The slabs the response cache keeps its bodies in (src/api/slabs.ts): pieces
 * copied whole, a slab freed when its last piece is released (the open one
 * too), large pieces in slabs of their own, a slab a socket may still write
 * from left for the GC, and freed slabs' pages given back to the system at once
 * (the process's resident memory falls), which glibc's heap did not do.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Slabs, type SlabPiece } from '../../src/api/slabs.js';
import { SHARED_DATA } from '../support/db.js';

const MB = 1024 * 1024;
/** Real bytes to keep: a Hansard sitting's XML (944 KB), sliced to the sizes the cache keeps. */
const xml = readFileSync(join(SHARED_DATA, 'hansard/41-1-260-en.xml'));
const residentMb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))![1]) / 1024;

describe('slabs', () => {
  it('keep copies of the bytes, side by side in one slab', () => {
    const slabs = new Slabs(MB);
    const sizes = [1500, 20_000, 1, 0, 64_000];
    const pieces = sizes.map((size, i) => slabs.copy(xml.subarray(i, i + size)));
    pieces.forEach((piece, i) => expect(piece.bytes.equals(xml.subarray(i, i + sizes[i]!))).toBe(true));
    expect(new Set(pieces.map((p) => p.slab)).size).toBe(1);
    expect(pieces[0]!.bytes.buffer).toBe(pieces[0]!.slab.memory);
    expect(slabs.held).toBe(MB);
  });

  it('free a slab when its last piece is released, the open one too, and never before', () => {
    const slabs = new Slabs(64 * 1024);
    // 15 KB pieces: four to a slab.
    const pieces = Array.from({ length: 6 }, (_, i) => slabs.copy(xml.subarray(i * 15_000, (i + 1) * 15_000)));
    const first = pieces[0]!.slab;
    const open = pieces[4]!.slab;
    expect(pieces.map((p) => p.slab)).toEqual([first, first, first, first, open, open]);
    expect(slabs.held).toBe(2 * 64 * 1024);
    for (const piece of pieces.slice(0, 3)) slabs.release(piece.slab);
    expect(first.memory.byteLength).toBe(64 * 1024);
    expect(pieces[3]!.bytes.equals(xml.subarray(45_000, 60_000))).toBe(true);
    slabs.release(first);
    expect(first.memory.byteLength).toBe(0);
    expect(slabs.held).toBe(64 * 1024);
    // The open slab, emptied, is freed as well; the next piece opens another.
    slabs.release(open);
    slabs.release(open);
    expect([open.memory.byteLength, slabs.held]).toEqual([0, 0]);
    const next = slabs.copy(xml.subarray(0, 100));
    expect(next.slab).not.toBe(open);
    expect(next.bytes.equals(xml.subarray(0, 100))).toBe(true);
  });

  it('give a piece over a quarter of a slab a slab of its own, freed with it', () => {
    const slabs = new Slabs(64 * 1024);
    const small = slabs.copy(xml.subarray(0, 1000));
    const large = slabs.copy(xml.subarray(0, 20_000));
    expect(large.slab).not.toBe(small.slab);
    expect(large.slab.memory.byteLength).toBe(20_480);
    slabs.release(large.slab);
    expect(large.slab.memory.byteLength).toBe(0);
    expect(small.bytes.equals(xml.subarray(0, 1000))).toBe(true);
  });

  it('leave a lent slab whole when it is freed: the write still reading it keeps it until the GC', () => {
    const slabs = new Slabs(64 * 1024);
    const piece = slabs.copy(xml.subarray(0, 5000));
    piece.slab.lent = true;
    slabs.release(piece.slab);
    expect(slabs.held).toBe(0);
    expect(piece.bytes.equals(xml.subarray(0, 5000))).toBe(true);
  });

  it('give freed slabs back to the system: the resident memory falls by what they held', () => {
    const slabs = new Slabs();
    const before = residentMb();
    // 48 MB of bodies of mixed sizes, as the cache's distinct URLs fill it.
    const pieces: SlabPiece[] = [];
    for (let bytes = 0, i = 0; bytes < 48 * MB; i++) {
      const size = [1_500, 12_000, 40_000, 90_000, 300_000][i % 5]!;
      pieces.push(slabs.copy(xml.subarray(i % 1000, (i % 1000) + size)));
      bytes += size;
    }
    const filled = residentMb();
    expect(filled - before).toBeGreaterThan(40);
    // Released in the order they came (LRU eviction), but one in ten kept a while longer.
    for (const [i, piece] of pieces.entries()) if (i % 10) slabs.release(piece.slab);
    for (const [i, piece] of pieces.entries()) if (!(i % 10)) slabs.release(piece.slab);
    expect(slabs.held).toBe(0);
    expect(filled - residentMb()).toBeGreaterThan(40);
  });
});
