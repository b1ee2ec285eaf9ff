import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { Socket } from 'node:net';
import path from 'node:path';
import { expect } from 'chai';
import type { MessageDto } from '@shared/api/messaging';
import { isDatabaseUnavailable } from '@server/db/errors';
import type { TestApp } from '../helpers/app';
import { buildMember, type BuiltMember } from '../helpers/factories';
import { ApiClient } from '../helpers/http';
import { acceptedConversation, type SignedIn } from '../helpers/messaging';
import { appBehindRelay, type Relay } from '../helpers/relay';
import { sessionCookieFrom } from '../helpers/sockets';

const portuguese = JSON.parse(readFileSync(path.join('locales', 'pt', 'errors.json'), 'utf8')) as Record<
  string,
  string
>;

describe('the API while the database is away', function () {
  this.timeout(60_000);
  let app: TestApp | undefined;
  let link: Relay;
  let dispose: (() => Promise<void>) | undefined;

  before(async function () {
    // The embedded database has no connection to cut from outside the process.
    if (!process.env.DATABASE_URL) this.skip();
    ({ app, link, dispose } = await appBehindRelay(process.env.DATABASE_URL, 'api_outage'));
  });
  after(async () => {
    await dispose?.();
  });

  const signIn = async (member: BuiltMember): Promise<SignedIn> => {
    const client = new ApiClient(app!.url, undefined, 'pt');
    const res = await client.signIn(member.email, member.password);
    expect(res.status).to.equal(200);
    return { ...member, client, cookie: sessionCookieFrom(res) };
  };

  it('answers a write 503 in the reader’s language with Retry-After, /readyz says so, and the retry is stored once it is back', async () => {
    const a = await signIn(await buildMember({ locale: 'pt' }, app));
    const b = await signIn(await buildMember({ locale: 'pt' }, app));
    const conversation = await acceptedConversation(a, b);
    const send = { body: 'Alguém aí?', clientId: randomUUID() };
    const path = `/api/v1/conversations/${conversation.id}/messages`;

    await link.cut();
    const away = await a.client.send('post', path, send);
    expect(away.status, JSON.stringify(away.body)).to.equal(503);
    expect(away.headers['retry-after']).to.equal('5');
    const { error } = away.body as { error: { code: string; message: string } };
    expect(error.code).to.equal('service_unavailable');
    expect(error.message).to.equal(portuguese.service_unavailable);
    const ready = await a.client.get('/readyz');
    expect(ready.status).to.equal(503);
    expect(ready.body).to.deep.equal({ status: 'unavailable' });

    await link.listen();
    // The same message again (same clientId), as a client does after a 503: stored, once.
    const back = await a.client.send('post', path, send);
    expect(back.status, JSON.stringify(back.body)).to.equal(201);
    const again = await a.client.send('post', path, send);
    expect(again.status).to.equal(200);
    expect((again.body as { message: MessageDto }).message.id).to.equal(
      (back.body as { message: MessageDto }).message.id,
    );
    await a.client.get('/readyz').expect(200);
  });

  it('keeps the connection open when the session cannot be touched after the answer', async () => {
    // A signed-in request in flight when the database goes away: the answer is sent, then the session
    // store fails to touch the session. Here the store's UPDATE is made to fail as a server shutting
    // down does, with the database otherwise up, so that the moment is not left to chance.
    const member = await signIn(await buildMember({ locale: 'pt' }, app));
    const pool = app!.pool;
    await pool.query(`create or replace function session_touch_fails() returns trigger language plpgsql as $$
      begin raise exception 'terminating connection due to administrator command' using errcode = '57P01'; end $$`);
    await pool.query(
      'create trigger session_touch_fails before update on session for each row execute function session_touch_fails()',
    );
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const get = () =>
        new Promise<{ status: number; socket: Socket }>((resolve, reject) => {
          const req = http.get(
            `${app!.url}/api/v1/session`,
            { agent, headers: { Cookie: member.cookie, 'X-Forwarded-For': member.client.ip } },
            (res) => {
              const socket = res.socket;
              res.resume();
              res.on('end', () => resolve({ status: res.statusCode ?? 0, socket }));
            },
          );
          req.on('error', reject);
        });
      const first = await get();
      expect(first.status).to.equal(200);
      // The failed touch is reported a moment after the answer; the connection must outlive it.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(first.socket.destroyed, 'the connection was destroyed after the answer').to.equal(false);
      const second = await get();
      expect(second.status).to.equal(200);
      expect(second.socket).to.equal(first.socket);
    } finally {
      agent.destroy();
      await pool.query('drop trigger session_touch_fails on session');
    }
  });

  it('does not count against the sender’s limit a message the database failed to store', async () => {
    const a = await signIn(await buildMember({ locale: 'pt' }, app));
    const b = await signIn(await buildMember({ locale: 'pt' }, app));
    const conversation = await acceptedConversation(a, b);
    const pool = app!.pool;
    // The insert fails as a database shutting down fails a transaction under way, every time until
    // the trigger is dropped; everything before it (membership, the limit) goes through.
    await pool.query(`create or replace function message_insert_fails() returns trigger language plpgsql as $$
      begin raise exception 'terminating connection due to administrator command' using errcode = '57P01'; end $$`);
    await pool.query(
      'create trigger message_insert_fails before insert on messages for each row execute function message_insert_fails()',
    );
    const path = `/api/v1/conversations/${conversation.id}/messages`;
    const send = { body: '¿Llegó?', clientId: randomUUID() };
    try {
      // A new account may send five messages in 30 s, the conversation's first one among them.
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const res = await a.client.send('post', path, send);
        expect(res.status, JSON.stringify(res.body)).to.equal(503);
      }
    } finally {
      await pool.query('drop trigger message_insert_fails on messages');
    }
    const stored = await a.client.send('post', path, send);
    expect(stored.status, JSON.stringify(stored.body)).to.equal(201);
  });

  it('outlives a connection that dies under a transaction, and the pool connects again', async () => {
    const pool = app!.pool;
    const client = await pool.connect();
    try {
      await client.query('begin');
      // The connection dies while the client is checked out: its 'error' event has no pool listener
      // then, and must not end the process.
      await link.cut();
      await new Promise((resolve) => setTimeout(resolve, 200));
      const failed: unknown = await client.query('select 1').then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failed, 'a query on a dead connection').to.be.instanceOf(Error);
      // What the error middleware answers 503 for.
      expect(isDatabaseUnavailable(failed), String(failed)).to.equal(true);
    } finally {
      client.release();
    }
    await link.listen();
    const { rows } = await pool.query<{ one: number }>('select 1 as one');
    expect(rows[0]?.one).to.equal(1);
  });
});
