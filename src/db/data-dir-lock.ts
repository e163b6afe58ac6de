/**
 * One process owns an embedded (PGlite) data folder. PGlite has no lock of its
 * own: a second process opening the same folder loses writes and can leave it
 * unopenable. So the owner writes `DATA_DIR/owner.lock` (pid, what it runs,
 * since when) before opening, and removes it on close; anyone else stops with a
 * DataDirLocked naming the owner. A lock whose process is gone (crash, kill -9)
 * is stale and taken over, as PostgreSQL treats its own postmaster.pid.
 */
import { linkSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface DataDirOwner {
  pid: number;
  /** What the owner runs, e.g. `openpolicy serve on http://127.0.0.1:8080`. */
  purpose: string;
  since: string;
  /** The process's start time in clock ticks after boot (Linux): tells a live owner from a new process that reused its pid. */
  start_ticks: string | null;
}

export class DataDirLocked extends Error {
  constructor(readonly dataDir: string, readonly owner: DataDirOwner) {
    super(`DATA_DIR ${dataDir} is in use by process ${owner.pid} (${owner.purpose}, since ${owner.since}). ` +
      'Only one process may open an embedded database: stop that process first ' +
      `(kill ${owner.pid}, or Ctrl-C where it runs) and run this again, or use PostgreSQL (DATABASE_URL) to run several.`);
  }
}

export const LOCK_FILE = 'owner.lock';

function startTicks(pid: number): string | null {
  try {
    // Field 22 of /proc/<pid>/stat, counted after the parenthesised command name (which may hold spaces).
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function alive(owner: DataDirOwner): boolean {
  try {
    process.kill(owner.pid, 0);
  } catch (e) {
    // EPERM: the process exists but belongs to another user.
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const ticks = startTicks(owner.pid);
  return owner.start_ticks === null || ticks === null || ticks === owner.start_ticks;
}

function readOwner(file: string): DataDirOwner | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as DataDirOwner;
  } catch {
    // Gone meanwhile, or not ours to read (a stray file): treated as no live owner.
    return null;
  }
}

/** Takes the folder for this process or throws DataDirLocked; the function returned releases it. */
export function lockDataDir(dataDir: string, purpose: string): () => void {
  const file = join(dataDir, LOCK_FILE);
  const me: DataDirOwner = { pid: process.pid, purpose, since: new Date().toISOString(), start_ticks: startTicks(process.pid) };
  // Written whole first, then linked into place: link() fails if the lock exists, and nobody ever reads it half-written.
  const draft = `${file}.${process.pid}`;
  writeFileSync(draft, JSON.stringify(me), { mode: 0o600 });
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        linkSync(draft, file);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        const owner = readOwner(file);
        if (owner && alive(owner)) throw new DataDirLocked(dataDir, owner);
        takeOverStale(file, owner);
        continue;
      }
      return releaser(file);
    }
  } finally {
    rmSync(draft, { force: true });
  }
  throw new Error(`could not take ${file}: other processes keep taking it; is something restarting on ${dataDir}?`);
}

/** Moves a dead owner's lock aside (atomic), and puts it back if it turns out another process took it over meanwhile. */
function takeOverStale(file: string, stale: DataDirOwner | null): void {
  const aside = `${file}.stale-${process.pid}`;
  try {
    renameSync(file, aside);
  } catch {
    return; // another process moved it first: look again
  }
  const moved = readOwner(aside);
  if (moved && (moved.pid !== stale?.pid || moved.since !== stale.since) && alive(moved)) {
    try {
      linkSync(aside, file);
    } catch {
      // Someone else holds it now; they own the folder, and our next look says so.
    }
  }
  rmSync(aside, { force: true });
}

function releaser(file: string): () => void {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    if (readOwner(file)?.pid === process.pid) rmSync(file, { force: true });
  };
  // A process that exits without closing the database (process.exit on a CLI path) still frees the folder.
  process.on('exit', release);
  return release;
}
