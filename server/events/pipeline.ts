import type { Database, Tx } from '@server/db/pool';
import type { Logger } from '@server/logger';
import type { DomainEvent, DomainEventOf, DomainEventType } from '@shared/domain-events';

/** A listener that writes with the event, inside its transaction (notification rows, outbox e-mails). */
type InTransaction<K extends DomainEventType> = (event: DomainEventOf<K>, tx: Tx) => Promise<void>;
/** A listener that delivers once the write committed (sockets, live badges). */
type AfterCommit<K extends DomainEventType> = (event: DomainEventOf<K>) => void | Promise<void>;

/** What one feature does when events happen, by event name. */
export interface EventListeners {
  /**
   * Runs inside the transaction that recorded the event, after the service's own work, so what it
   * writes commits or rolls back with the write. Events it records are handled too.
   */
  inTransaction?: { [K in DomainEventType]?: InTransaction<K> };
  /** Runs after the commit. A failure is logged and never undoes the committed write. */
  afterCommit?: { [K in DomainEventType]?: AfterCommit<K> };
}

/** The events recorded so far in each open transaction of a pipeline's database. */
const openTransactions = new WeakMap<object, DomainEvent[]>();

/**
 * Records a domain event inside the transaction of the write it describes. Listeners hear of it only
 * once the transaction committed (or, for `inTransaction` listeners, just before). The same event
 * recorded twice in one transaction is one event.
 */
export function recordEvent(tx: Tx, event: DomainEvent): void {
  const recorded = openTransactions.get(tx);
  if (!recorded) {
    throw new Error(`event ${event.type} recorded outside a transaction of the event pipeline's database`);
  }
  const key = JSON.stringify(event);
  if (!recorded.some((other) => JSON.stringify(other) === key)) recorded.push(event);
}

/**
 * The one after-commit event pipeline. `bind(db)` returns the database every service uses: its
 * transactions carry the events recorded in them; just before the commit the `inTransaction`
 * listeners run, and after it the `afterCommit` listeners, event by event in the order recorded and,
 * for each event, feature by feature in the order they were added (the composition root's order).
 */
export function createEventPipeline(logger: Logger) {
  const features: { name: string; listeners: EventListeners }[] = [];

  const runInTransaction = async (recorded: DomainEvent[], tx: Tx) => {
    // By index: a listener may record further events (notifications written), handled in turn.
    for (let i = 0; i < recorded.length; i += 1) {
      const event = recorded[i]!;
      for (const { listeners } of features) {
        const listener = listeners.inTransaction?.[event.type] as
          InTransaction<typeof event.type> | undefined;
        if (listener) await listener(event, tx);
      }
    }
  };

  const dispatch = async (events: readonly DomainEvent[]) => {
    for (const event of events) {
      for (const { name, listeners } of features) {
        const listener = listeners.afterCommit?.[event.type] as AfterCommit<typeof event.type> | undefined;
        if (!listener) continue;
        try {
          await listener(event);
        } catch (error) {
          logger.error({ err: error, event: event.type, feature: name }, 'event listener failed');
        }
      }
    }
  };

  return {
    /** Adds a feature's listeners (called by the composition root, in its order). */
    listen(name: string, listeners: EventListeners): void {
      features.push({ name, listeners });
    },

    /** The database whose transactions carry events; every service is given this one. */
    bind(db: Database): Database {
      const bound = Object.create(db) as Database;
      bound.transaction = async (work, config) => {
        const recorded: DomainEvent[] = [];
        const result = await db.transaction(async (tx) => {
          openTransactions.set(tx, recorded);
          try {
            const value = await work(tx);
            await runInTransaction(recorded, tx);
            return value;
          } finally {
            openTransactions.delete(tx);
          }
        }, config);
        await dispatch(recorded);
        return result;
      };
      return bound;
    },

    /**
     * Hands an event with no transaction of its own (a session ended in the session store) to the
     * `afterCommit` listeners.
     */
    publish: (event: DomainEvent): Promise<void> => dispatch([event]),
  };
}

/** The event pipeline. */
export type EventPipeline = ReturnType<typeof createEventPipeline>;

/** Publishes events that no transaction carries; what features are given instead of the pipeline. */
export type PublishEvent = EventPipeline['publish'];
