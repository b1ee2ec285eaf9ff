import type { MessageDto } from '@shared/api/messaging';

/** One page of a conversation's messages after `afterSeq`, in ascending seq. */
export type FetchAfter = (afterSeq: number) => Promise<{ items: MessageDto[]; hasMore: boolean }>;

/**
 * How a client keeps its copy of one conversation equal to the database's across reconnects: live
 * messages are taken when they follow the last one held; on a gap, and after every (re)connection, the
 * missing ones are fetched with `afterSeq`, so the database, not the socket, decides what is shown.
 * Framework-free: the conversation page's hook drives it, and so do the reliability tests.
 */
export class MessageSync {
  private maxSeq = 0;
  private catchingUp: Promise<void> | null = null;
  /** A gap or a reconnection was seen while a catch-up was in flight: its answer may predate it. */
  private again = false;

  constructor(
    private readonly fetchAfter: FetchAfter,
    /** Receives every message taken (new or changed), in the order taken. */
    private readonly take: (items: MessageDto[]) => void,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  /** The highest seq held. */
  get lastSeq(): number {
    return this.maxSeq;
  }

  /** Forgets what is held (another conversation). */
  reset(): void {
    this.maxSeq = 0;
  }

  /** Takes messages fetched or received (a first page, an older page, a change). */
  merge(items: MessageDto[]): void {
    if (items.length === 0) return;
    for (const m of items) this.maxSeq = Math.max(this.maxSeq, m.seq);
    this.take(items);
  }

  /** A `message:created` of this conversation: taken if it follows what is held, else a catch-up. */
  created(message: MessageDto): void {
    if (message.seq <= this.maxSeq + 1) this.merge([message]);
    else void this.catchUp();
  }

  /** The socket (re)connected (`hello`): whatever was sent meanwhile is fetched. */
  connected(): void {
    void this.catchUp();
  }

  /**
   * Fetches everything after the last seq held, page by page; one catch-up at a time. Asked while one is
   * in flight, it runs once more after it: the server may have read that request before the message
   * that showed the gap was committed, or before the socket that reconnected had joined its rooms.
   */
  catchUp(): Promise<void> {
    if (this.catchingUp) this.again = true;
    this.catchingUp ??= this.fetchAll()
      .catch((error: unknown) => this.onError(error))
      .finally(() => {
        this.catchingUp = null;
      });
    return this.catchingUp;
  }

  /** Resolves once no catch-up is in flight. */
  async settled(): Promise<void> {
    while (this.catchingUp) await this.catchingUp;
  }

  private async fetchAll(): Promise<void> {
    do {
      this.again = false;
      for (;;) {
        const page = await this.fetchAfter(this.maxSeq);
        this.merge(page.items);
        if (!page.hasMore || page.items.length === 0) break;
      }
    } while (this.again);
  }
}
