/**
 * What `npm start` builds before it starts (prestart): the web UI into web/dist and the server
 * into dist/, each only when its sources changed, so a start with both current costs a few file stats.
 */
import { ensureWebBuilt } from '../web/ensure-built.js';
import { ensureServerBuilt } from './server-build.js';

const seconds = (since: number) => ((Date.now() - since) / 1000).toFixed(1);
let started = Date.now();
if (ensureWebBuilt()) console.log(`web UI built into web/dist in ${seconds(started)} s`);
started = Date.now();
if (await ensureServerBuilt()) console.log(`server compiled into dist in ${seconds(started)} s`);
