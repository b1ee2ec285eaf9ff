/**
 * The after-commit event pipeline (server/events): events recorded in a transaction reach the
 * in-transaction listeners before the commit and the after-commit listeners after it, in a defined
 * order; a transaction that rolls back tells nobody; a failing listener never undoes the write.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { sql } from 'drizzle-orm';
import { createEventPipeline, recordEvent, type EventListeners } from '@server/events';
import { createLogger } from '@server/logger';
import { createBroadcaster } from '@server/realtime/broadcast';
import type { Database, Executor } from '@server/db/pool';
import { getTestApp } from '../helpers/app';

const TABLE = sql.raw('event_pipeline_probe');

/** A logger that keeps what was logged at error level. */
function recordingLogger() {
  const errors: unknown[] = [];
  const logger = createLogger('silent');
  logger.error = (obj: unknown) => {
    errors.push(obj);
  };
  return { logger, errors };
}

describe('the event pipeline', () => {
  let raw: Database;

  const write = (db: Executor, id: string) => db.execute(sql`insert into ${TABLE} (id) values (${id})`);
  const exists = async (db: Executor, id: string) =>
    (await db.execute(sql`select 1 from ${TABLE} where id = ${id}`)).rows.length === 1;

  before(async () => {
    raw = (await getTestApp()).db;
    await raw.execute(sql`create table if not exists ${TABLE} (id text primary key)`);
  });

  after(async () => {
    await raw.execute(sql`drop table if exists ${TABLE}`);
  });

  it('hands a committed event to in-transaction listeners before the commit and to after-commit listeners after it, in order', async () => {
    const { logger } = recordingLogger();
    const pipeline = createEventPipeline(logger);
    const db = pipeline.bind(raw);
    const seen: string[] = [];
    const id = randomUUID();
    const listeners = (name: string): EventListeners => ({
      inTransaction: {
        'thread.updated': async (event, tx) => {
          // Inside the transaction: the service's write is visible, and this one commits with it.
          expect(await exists(tx, event.threadId)).to.equal(true);
          await write(tx, `${event.threadId}:${name}`);
          seen.push(`${name} in`);
        },
      },
      afterCommit: {
        'thread.updated': async (event) => {
          // After the commit: another connection sees both writes.
          expect(await exists(raw, event.threadId)).to.equal(true);
          expect(await exists(raw, `${event.threadId}:${name}`)).to.equal(true);
          seen.push(`${name} after ${event.threadId === id ? 'first' : 'second'}`);
        },
      },
    });
    pipeline.listen('a', listeners('a'));
    pipeline.listen('b', listeners('b'));
    const second = randomUUID();
    const result = await db.transaction(async (tx) => {
      await write(tx, id);
      await write(tx, second);
      recordEvent(tx, { type: 'thread.updated', threadId: id });
      recordEvent(tx, { type: 'thread.updated', threadId: second });
      expect(seen, 'nobody hears of an event before the work is done').to.deep.equal([]);
      return 'done';
    });
    expect(result).to.equal('done');
    expect(seen).to.deep.equal([
      'a in',
      'b in',
      'a in',
      'b in',
      'a after first',
      'b after first',
      'a after second',
      'b after second',
    ]);
  });

  it('tells nobody of an event whose transaction rolled back, and rolls back what in-transaction listeners wrote', async () => {
    const pipeline = createEventPipeline(createLogger('silent'));
    const db = pipeline.bind(raw);
    const id = randomUUID();
    let after = 0;
    pipeline.listen('probe', {
      inTransaction: {
        'thread.updated': (event, tx) => write(tx, `${event.threadId}:listener`).then(() => undefined),
      },
      afterCommit: { 'thread.updated': () => void (after += 1) },
    });
    const failed = await db
      .transaction(async (tx) => {
        await write(tx, id);
        recordEvent(tx, { type: 'thread.updated', threadId: id });
        throw new Error('the write is refused');
      })
      .then(
        () => null,
        (error: Error) => error.message,
      );
    expect(failed).to.equal('the write is refused');
    expect(after).to.equal(0);
    expect(await exists(raw, id)).to.equal(false);
    expect(await exists(raw, `${id}:listener`)).to.equal(false);
  });

  it('rolls the write back when an in-transaction listener fails', async () => {
    const pipeline = createEventPipeline(createLogger('silent'));
    const db = pipeline.bind(raw);
    const id = randomUUID();
    pipeline.listen('probe', {
      inTransaction: {
        'thread.updated': () => Promise.reject(new Error('notifications could not be written')),
      },
    });
    const failed = await db
      .transaction(async (tx) => {
        await write(tx, id);
        recordEvent(tx, { type: 'thread.updated', threadId: id });
      })
      .then(
        () => null,
        (error: Error) => error.message,
      );
    expect(failed).to.equal('notifications could not be written');
    expect(await exists(raw, id)).to.equal(false);
  });

  it('logs a failing after-commit listener, still runs the others, and keeps the committed write', async () => {
    const { logger, errors } = recordingLogger();
    const pipeline = createEventPipeline(logger);
    const db = pipeline.bind(raw);
    const id = randomUUID();
    const heard: string[] = [];
    pipeline.listen('broken', {
      afterCommit: {
        'thread.updated': () => {
          throw new Error('socket layer down');
        },
      },
    });
    pipeline.listen('working', {
      afterCommit: { 'thread.updated': (event) => void heard.push(event.threadId) },
    });
    await db.transaction(async (tx) => {
      await write(tx, id);
      recordEvent(tx, { type: 'thread.updated', threadId: id });
    });
    expect(await exists(raw, id)).to.equal(true);
    expect(heard).to.deep.equal([id]);
    expect(errors).to.have.length(1);
    expect(errors[0]).to.include({ event: 'thread.updated', feature: 'broken' });
  });

  it('handles events that in-transaction listeners record, and counts the same event once per transaction', async () => {
    const pipeline = createEventPipeline(createLogger('silent'));
    const db = pipeline.bind(raw);
    const delivered: string[] = [];
    pipeline.listen('notifications', {
      inTransaction: {
        'thread.updated': (event, tx) => {
          recordEvent(tx, { type: 'notifications.written', sourceId: event.threadId });
          return Promise.resolve();
        },
      },
      afterCommit: {
        'notifications.written': (event) => void delivered.push(`written ${event.sourceId}`),
        'thread.updated': (event) => void delivered.push(`updated ${event.threadId}`),
      },
    });
    const id = randomUUID();
    await db.transaction((tx) => {
      recordEvent(tx, { type: 'thread.updated', threadId: id });
      recordEvent(tx, { type: 'thread.updated', threadId: id });
      return Promise.resolve();
    });
    expect(delivered).to.deep.equal([`updated ${id}`, `written ${id}`]);
  });

  it('refuses an event recorded in a transaction the pipeline did not open', async () => {
    const failed = await raw
      .transaction((tx) => {
        recordEvent(tx, { type: 'thread.updated', threadId: randomUUID() });
        return Promise.resolve();
      })
      .then(
        () => null,
        (error: Error) => error.message,
      );
    expect(failed).to.match(/outside a transaction of the event pipeline/);
  });

  it('checks what the server sends against the socket contract outside production', () => {
    const checking = createBroadcaster(undefined, { checkPayloads: true });
    expect(() => checking.toRoom('staff', 'moderation:queue', { itemId: randomUUID() })).not.to.throw();
    const drifted = { itemId: 42 } as unknown as { itemId: string };
    expect(() => checking.toRoom('staff', 'moderation:queue', drifted)).to.throw(
      /server event "moderation:queue" sent outside its contract/,
    );
    expect(() =>
      checking.toRoomExcept('conversation:x', [], 'conversation:read', { conversationId: 'x' } as never),
    ).to.throw(/conversation:read/);
    const lenient = createBroadcaster(undefined, { checkPayloads: false });
    expect(() => lenient.toRoom('staff', 'moderation:queue', drifted)).not.to.throw();
  });
});
