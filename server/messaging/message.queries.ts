import { and, asc, desc, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import type { Executor } from '@server/db/pool';
import { conversationMembers, conversations, messageReports, messages } from '@server/db/schema';

/** A message row. */
export type MessageRow = typeof messages.$inferSelect;

/** What sending writes. */
export interface NewMessage {
  conversationId: string;
  authorId: string;
  clientId: string;
  bodySource: string;
  bodyHtml: string;
}

/**
 * Appends a message inside the caller's transaction. The conversation row is locked first, so concurrent
 * senders queue here: each takes the next `seq` from the counter, and a retry with the same `clientId`
 * finds the stored message (`created: false`) instead of taking a second seq. The author's read mark
 * moves to their own message.
 */
export async function appendMessage(
  tx: Executor,
  input: NewMessage,
): Promise<{ row: MessageRow; created: boolean }> {
  await tx.execute(sql`select 1 from ${conversations} where id = ${input.conversationId} for update`);
  const existing = await findMessageByClientId(tx, input.conversationId, input.authorId, input.clientId);
  if (existing) return { row: existing, created: false };
  const [counter] = await tx
    .update(conversations)
    .set({ lastSeq: sql`${conversations.lastSeq} + 1`, activityAt: sql`now()` })
    .where(eq(conversations.id, input.conversationId))
    .returning({ seq: conversations.lastSeq });
  if (!counter) throw new Error('conversation vanished while locked');
  const [row] = await tx
    .insert(messages)
    .values({ ...input, seq: counter.seq })
    .returning();
  if (!row) throw new Error('insert returned no row');
  await tx
    .update(conversationMembers)
    .set({ lastReadSeq: sql`greatest(${conversationMembers.lastReadSeq}, ${counter.seq})` })
    .where(
      and(
        eq(conversationMembers.conversationId, input.conversationId),
        eq(conversationMembers.memberId, input.authorId),
      ),
    );
  return { row, created: true };
}

/** The message an author stored under a `clientId` in a conversation, if any. */
export async function findMessageByClientId(
  db: Executor,
  conversationId: string,
  authorId: string,
  clientId: string,
): Promise<MessageRow | undefined> {
  const [row] = await db
    .select()
    .from(messages)
    .where(
      and(
        eq(messages.conversationId, conversationId),
        eq(messages.authorId, authorId),
        eq(messages.clientId, clientId),
      ),
    )
    .limit(1);
  return row;
}

/** Which messages a page holds. */
export interface PageSpec {
  /** The reader's join point: only messages after it are theirs to read. */
  joinedSeq: number;
  afterSeq?: number;
  beforeSeq?: number;
  limit: number;
}

/**
 * A page of a conversation's messages in ascending seq, after the reader's join point: those after
 * `afterSeq` (catching up), those before `beforeSeq` (older history), or the latest. One extra row is
 * read to tell whether more exist.
 */
export async function listMessages(
  db: Executor,
  conversationId: string,
  page: PageSpec,
): Promise<{ rows: MessageRow[]; hasMore: boolean }> {
  const inConversation = and(eq(messages.conversationId, conversationId), gt(messages.seq, page.joinedSeq));
  if (page.afterSeq !== undefined) {
    const rows = await db
      .select()
      .from(messages)
      .where(and(inConversation, gt(messages.seq, page.afterSeq)))
      .orderBy(asc(messages.seq))
      .limit(page.limit + 1);
    return { rows: rows.slice(0, page.limit), hasMore: rows.length > page.limit };
  }
  const rows = await db
    .select()
    .from(messages)
    .where(and(inConversation, page.beforeSeq !== undefined ? lt(messages.seq, page.beforeSeq) : undefined))
    .orderBy(desc(messages.seq))
    .limit(page.limit + 1);
  return { rows: rows.slice(0, page.limit).reverse(), hasMore: rows.length > page.limit };
}

/** The last message of each of some conversations. */
export async function lastMessages(db: Executor, conversationIds: readonly string[]): Promise<MessageRow[]> {
  if (conversationIds.length === 0) return [];
  return db
    .select({ message: messages })
    .from(messages)
    .innerJoin(
      conversations,
      and(eq(conversations.id, messages.conversationId), eq(conversations.lastSeq, messages.seq)),
    )
    .where(inArray(messages.conversationId, [...conversationIds]))
    .then((rows) => rows.map((r) => r.message));
}

/** One message of a conversation. */
export async function findMessage(
  db: Executor,
  conversationId: string,
  messageId: string,
): Promise<MessageRow | undefined> {
  const [row] = await db
    .select()
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), eq(messages.id, messageId)))
    .limit(1);
  return row;
}

/** Replaces a message's body (an edit). */
export async function updateMessageBody(
  db: Executor,
  messageId: string,
  body: { bodySource: string; bodyHtml: string },
): Promise<MessageRow | undefined> {
  const [row] = await db
    .update(messages)
    .set({ ...body, editedAt: sql`now()` })
    .where(eq(messages.id, messageId))
    .returning();
  return row;
}

/** Marks a message deleted and drops its body; its seq stays, so nobody's history has a hole. */
export async function markMessageDeleted(db: Executor, messageId: string): Promise<MessageRow | undefined> {
  const [row] = await db
    .update(messages)
    .set({ bodySource: '', bodyHtml: '', deletedAt: sql`now()` })
    .where(eq(messages.id, messageId))
    .returning();
  return row;
}

/** Copies one message into the moderation queue; `undefined` when this member already reported it. */
export async function insertMessageReport(
  db: Executor,
  input: typeof messageReports.$inferInsert,
): Promise<string | undefined> {
  const [row] = await db
    .insert(messageReports)
    .values(input)
    .onConflictDoNothing({ target: [messageReports.messageId, messageReports.reporterId] })
    .returning({ id: messageReports.id });
  return row?.id;
}
