/**
 * Representatives' photos served by the platform (src/api/routes/photos.ts,
 * src/fetch/photos.ts), for the councillors of Cambridge as their city's file
 * gives them: the photo address of the record is fetched once, through a
 * local mirror standing in for the city's server (tests never reach the
 * network), kept on disk and served from the platform's own origin; a record
 * without an address, a platform that does not fetch photos, and an address
 * that answers with no image each get a 404 problem saying which.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.js';
import { loadConfig } from '../../src/config.js';
import { PoliteHttp } from '../../src/fetch/http.js';
import { imageType, PhotoStore } from '../../src/fetch/photos.js';
import { municipal } from '../../src/ingest/municipal.js';
import { checkContract, type Contract } from '../support/contract.js';
import { SHARED_DATA, testDatabase, type TestDatabase } from '../support/db.js';
import { importSteps } from '../support/imports.js';
import { portraitPng } from '../support/png.js';

const PHOTO = portraitPng();
// The mirror answers `/<host><path>` of each source address: the city's photo of Donna Reid, and HTML in place of Mike Devine's.
const REID = '/www.cambridge.ca/en/your-city/resources/Donna-Reid.jpg';
const DEVINE = '/www.cambridge.ca/en/your-city/resources/Mike-Devine.jpg';

let database: TestDatabase;
let app: FastifyInstance;
let without: FastifyInstance;
let contract: Contract;
let mirror: Server;
let dir: string;
const asked: string[] = [];

interface PersonRow { id: string; name: string; image: string | null }
let people: PersonRow[];
const uuid = (p: PersonRow) => p.id.split('/')[1]!;
const photoOf = (a: FastifyInstance, p: PersonRow) => a.inject({ method: 'GET', url: `/api/v1/people/ocd-person/${uuid(p)}/photo` });
const named = (name: string) => people.find((p) => p.name === name)!;

function store(mirrorUrl: string): PhotoStore {
  return new PhotoStore({
    dir,
    http: new PoliteHttp({ contact: 'tests@openpolicy.test', hostIntervalMs: 0, retries: 0, backoffMs: 0, timeoutMs: 5_000 }),
    mirror: mirrorUrl,
  });
}

beforeAll(async () => {
  mirror = createServer((request, response) => {
    asked.push(request.url!);
    if (request.url === REID) response.writeHead(200, { 'content-type': 'image/jpeg' }).end(PHOTO);
    else if (request.url === DEVINE) response.writeHead(200, { 'content-type': 'image/jpeg' }).end('<!doctype html><title>Page moved</title>');
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => mirror.listen(0, '127.0.0.1', resolve));
  const mirrorUrl = `http://127.0.0.1:${(mirror.address() as AddressInfo).port}`;
  dir = mkdtempSync(join(tmpdir(), 'op-photos-'));
  database = await testDatabase();
  await importSteps(database, [[municipal, [join(SHARED_DATA, 'municipal/cambridge.csv')]]]);
  app = await buildApp({ database, photos: store(mirrorUrl) });
  without = await buildApp({ database });
  contract = checkContract(app);
  const list = await app.inject({ method: 'GET', url: '/api/v1/people?per_page=100' });
  people = list.json<{ results: PersonRow[] }>().results;
});

afterAll(async () => {
  expect(contract?.violations ?? [], 'responses that violate the OpenAPI document').toEqual([]);
  await app?.close();
  await without?.close();
  await database?.drop();
  mirror?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a person whose source gives a photo address', () => {
  it('gets the photo from the platform, fetched once from the source and kept', async () => {
    const reid = named('Donna Reid');
    expect(reid.image).toBe('https://www.cambridge.ca/en/your-city/resources/Donna-Reid.jpg');
    const first = await photoOf(app, reid);
    expect(first.statusCode).toBe(200);
    // Typed by its bytes: the city names it .jpg and sends image/jpeg, the file is a PNG.
    expect(first.headers['content-type']).toBe('image/png');
    expect(first.rawPayload.equals(PHOTO)).toBe(true);
    expect(first.headers['cache-control']).toBe('public, max-age=86400');

    const again = await photoOf(app, reid);
    expect(again.rawPayload.equals(PHOTO)).toBe(true);
    expect(asked.filter((url) => url === REID)).toHaveLength(1);
    expect(readdirSync(dir)).toHaveLength(1);

    // Another instance (or this one after a restart) reads the kept file: the city is not asked again.
    const restarted = await buildApp({ database, photos: store('http://127.0.0.1:9') });
    try {
      const kept = await photoOf(restarted, reid);
      expect(kept.statusCode).toBe(200);
      expect(kept.rawPayload.equals(PHOTO)).toBe(true);
    } finally {
      await restarted.close();
    }
    expect(asked.filter((url) => url === REID)).toHaveLength(1);
  });

  it('gets a 404 saying so when the address answers with something that is not an image, asked once', async () => {
    const devine = named('Mike Devine');
    for (let i = 0; i < 2; i++) {
      const res = await photoOf(app, devine);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ type: expect.stringMatching(/photo-unavailable$/), detail: expect.stringContaining(devine.image!) });
    }
    expect(asked.filter((url) => url === DEVINE)).toHaveLength(1);
    expect(readdirSync(dir)).toHaveLength(1);
  });

  it('gets a 404 saying photos are off on a platform that does not fetch them', async () => {
    const res = await photoOf(without, named('Donna Reid'));
    expect(res.statusCode).toBe(404);
    expect(res.json().detail).toMatch(/PHOTOS=off/);
  });
});

describe('the person resources', () => {
  it('name the photo the platform serves (list, detail, representatives), and none with PHOTOS off or no source address', async () => {
    type Pictured = { id: string; name: string; image: string | null; photo: string | null };
    const reid = named('Donna Reid');
    const bare = people.find((p) => p.image === null)!;
    const served = `/api/v1/people/${reid.id}/photo`;
    const read = async (a: FastifyInstance) => {
      const list = (await a.inject({ method: 'GET', url: '/api/v1/people?per_page=100' })).json<{ results: Pictured[] }>().results;
      const detail = (await a.inject({ method: 'GET', url: `/api/v1/people/ocd-person/${uuid(reid)}` })).json<Pictured>();
      const council = (await a.inject({ method: 'GET', url: '/api/v1/representatives?place=Cambridge' })).json<{ levels: { representatives: Pictured[] }[] }>();
      const councillors = council.levels.flatMap((l) => l.representatives);
      return { list, detail, councillors };
    };
    const on = await read(app);
    expect(on.list.find((p) => p.id === reid.id)!.photo).toBe(served);
    expect(on.list.find((p) => p.id === bare.id)!.photo).toBeNull();
    expect(on.detail.photo).toBe(served);
    expect(on.councillors.find((p) => p.id === reid.id)!.photo).toBe(served);
    // Every photo named is one the platform answers 200 or (a source address that failed) the photo-unavailable 404, never "photos are off".
    expect(on.list.every((p) => (p.photo === null) === (p.image === null))).toBe(true);

    const off = await read(without);
    expect([...off.list, off.detail, ...off.councillors].map((p) => p.photo).filter(Boolean)).toEqual([]);
    expect(off.detail.image).toBe(reid.image);
  });
});

describe('a person whose source gives no photo address, and no person', () => {
  it('get a 404 problem each, naming what is missing', async () => {
    // Four of Cambridge's nine rows leave the photo column empty.
    const bare = people.find((p) => p.image === null)!;
    const res = await photoOf(app, bare);
    expect(res.statusCode).toBe(404);
    expect(res.json().detail).toContain('give no photo');
    const nobody = await app.inject({ method: 'GET', url: '/api/v1/people/ocd-person/00000000-0000-4000-8000-000000000000/photo' });
    expect(nobody.statusCode).toBe(404);
    expect(nobody.json().type).toMatch(/not-found$/);
  });
});

describe('imageType', () => {
  it('knows JPEG, PNG, GIF and WebP by their bytes, and nothing else', () => {
    expect(imageType(PHOTO)).toBe('image/png');
    expect(imageType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe('image/jpeg');
    expect(imageType(Buffer.from('GIF89a\x01\x00', 'latin1'))).toBe('image/gif');
    expect(imageType(Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 ', 'latin1'))).toBe('image/webp');
    expect(imageType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toBeNull();
    expect(imageType(Buffer.from('<!doctype html>'))).toBeNull();
  });
});

describe('the PHOTOS setting', () => {
  it('is off unless asked for, needs a contact for the User-Agent, and takes a mirror', () => {
    expect(loadConfig({}).fetch.photos).toBe(false);
    expect(() => loadConfig({ PHOTOS: 'on' })).toThrow(/^FETCH_CONTACT: required with PHOTOS=on/);
    expect(() => loadConfig({ PHOTOS: 'yes' })).toThrow('PHOTOS: "yes" is not on or off');
    expect(loadConfig({ PHOTOS: 'on', FETCH_CONTACT: 'ops@example.org', PHOTO_MIRROR: 'http://mirror.test/photos/' }).fetch)
      .toMatchObject({ photos: true, photoMirror: 'http://mirror.test/photos' });
  });
});
