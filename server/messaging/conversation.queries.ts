import { and, desc, eq, gte, inArray, lt, ne, or, sql } from 'drizzle-orm';
import type { Executor } from '@server/db/pool';
import { conversationMembers, conversations } from '@server/db/schema';

/** A conversation row. */
export type ConversationRow = typeof conversations.$inferSelect;

/** A membership row. */
export type MembershipRow = typeof conversationMembers.$inferSelect;

/** A membership state. */
export type MembershipState = MembershipRow['state'];

/** States in which a member belongs to a conversation (may read it and be in its room). */
export const PRESENT_STATES: readonly MembershipState[] = ['active', 'requested'];

/** The key that makes a direct conversation unique per pair, whoever started it. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}:${b}` : `${b}:${a}`;
}

/** The direct conversation of a pair, if there is one. */
export async function findDirectConversation(
  db: Executor,
  key: string,
): Promise<ConversationRow | undefined> {
  const [row] = await db.select().from(conversations).where(eq(conversations.pairKey, key)).limit(1);
  return row;
}

/** A conversation with one member's membership row (whatever its state). */
export async function findConversationFor(
  db: Executor,
  conversationId: string,
  memberId: string,
): Promise<{ conversation: ConversationRow; membership: MembershipRow } | undefined> {
  const [row] = await db
    .select({ conversation: conversations, membership: conversationMembers })
    .from(conversations)
    .innerJoin(
      conversationMembers,
      and(
        eq(conversationMembers.conversationId, conversations.id),
        eq(conversationMembers.memberId, memberId),
      ),
    )
    .where(eq(conversations.id, conversationId))
    .limit(1);
  return row;
}

/** Inserts a conversation; call inside a transaction. */
export async function insertConversation(
  tx: Executor,
  input: { kind: 'direct' | 'group'; title: string | null; pairKey: string | null; createdBy: string },
): Promise<ConversationRow> {
  const [row] = await tx.insert(conversations).values(input).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

/**
 * Adds members (or brings former ones back) with the given states, joining after message `joinedSeq`
 * (0: from the start): they see later messages only, and earlier ones do not count as unread. Call
 * inside a transaction.
 */
export async function upsertMemberships(
  tx: Executor,
  conversationId: string,
  entries: { memberId: string; state: MembershipState }[],
  joinedSeq = 0,
): Promise<void> {
  if (entries.length === 0) return;
  await tx
    .insert(conversationMembers)
    .values(
      entries.map((e) => ({
        conversationId,
        memberId: e.memberId,
        state: e.state,
        lastReadSeq: joinedSeq,
        joinedSeq,
      })),
    )
    .onConflictDoUpdate({
      target: [conversationMembers.conversationId, conversationMembers.memberId],
      set: {
        state: sql`excluded.state`,
        joinedAt: sql`now()`,
        joinedSeq: sql`excluded.joined_seq`,
        lastReadSeq: sql`greatest(${conversationMembers.lastReadSeq}, excluded.last_read_seq)`,
      },
    });
}

/**
 * Locks a conversation's row for the rest of the transaction and reads its last `seq`: messages are
 * appended under the same lock, so none falls between this read and the caller's writes.
 */
export async function lockLastSeq(tx: Executor, conversationId: string): Promise<number> {
  const result = await tx.execute<{ last_seq: number }>(
    sql`select last_seq from ${conversations} where id = ${conversationId} for update`,
  );
  const row = result.rows[0];
  if (!row) throw new Error('conversation vanished');
  return row.last_seq;
}

/** Every membership row of some conversations. */
export async function listMemberships(
  db: Executor,
  conversationIds: readonly string[],
): Promise<MembershipRow[]> {
  if (conversationIds.length === 0) return [];
  return db
    .select()
    .from(conversationMembers)
    .where(inArray(conversationMembers.conversationId, [...conversationIds]));
}

/** Changes one member's state. */
export async function setMembershipState(
  db: Executor,
  conversationId: string,
  memberId: string,
  state: MembershipState,
): Promise<void> {
  await db
    .update(conversationMembers)
    .set({ state })
    .where(
      and(eq(conversationMembers.conversationId, conversationId), eq(conversationMembers.memberId, memberId)),
    );
}

/** Moves a member's read mark forward (never back, never past the last message); returns the new mark. */
export async function advanceLastRead(
  db: Executor,
  conversationId: string,
  memberId: string,
  seq: number,
): Promise<{ before: number; after: number } | undefined> {
  const result = await db.execute<{ before: number; after: number }>(sql`
    with old as (
      select last_read_seq from ${conversationMembers}
      where conversation_id = ${conversationId} and member_id = ${memberId}
    )
    update ${conversationMembers} cm
    set last_read_seq = greatest(cm.last_read_seq, least(${seq}::int, c.last_seq))
    from ${conversations} c, old
    where c.id = cm.conversation_id and cm.conversation_id = ${conversationId} and cm.member_id = ${memberId}
    returning old.last_read_seq as before, cm.last_read_seq as after`);
  return result.rows[0];
}

/** Mutes or unmutes a conversation for one member. */
export async function setMuted(db: Executor, conversationId: string, memberId: string, muted: boolean) {
  await db
    .update(conversationMembers)
    .set({ muted })
    .where(
      and(eq(conversationMembers.conversationId, conversationId), eq(conversationMembers.memberId, memberId)),
    );
}

/** Where a page of the conversation list starts: after this activity time and id. */
export interface ListCursor {
  activityAt: Date;
  id: string;
}

/** A page of a member's conversations in one state, latest activity first. */
export async function listConversationsOf(
  db: Executor,
  memberId: string,
  state: MembershipState,
  cursor: ListCursor | undefined,
  limit: number,
): Promise<{ conversation: ConversationRow; membership: MembershipRow }[]> {
  const after = cursor
    ? or(
        lt(conversations.activityAt, cursor.activityAt),
        and(eq(conversations.activityAt, cursor.activityAt), lt(conversations.id, cursor.id)),
      )
    : undefined;
  return db
    .select({ conversation: conversations, membership: conversationMembers })
    .from(conversationMembers)
    .innerJoin(conversations, eq(conversations.id, conversationMembers.conversationId))
    .where(and(eq(conversationMembers.memberId, memberId), eq(conversationMembers.state, state), after))
    .orderBy(desc(conversations.activityAt), desc(conversations.id))
    .limit(limit);
}

/** Ids of the conversations a member belongs to: the rooms their sockets join. */
export async function conversationIdsOf(db: Executor, memberId: string): Promise<string[]> {
  const rows = await db
    .select({ id: conversationMembers.conversationId })
    .from(conversationMembers)
    .where(
      and(
        eq(conversationMembers.memberId, memberId),
        inArray(conversationMembers.state, [...PRESENT_STATES]),
      ),
    );
  return rows.map((r) => r.id);
}

/** Unread messages in a member's active, unmuted conversations, and their pending requests. */
export async function unreadTotals(
  db: Executor,
  memberId: string,
): Promise<{ total: number; requests: number }> {
  const result = await db.execute<{ total: number; requests: number }>(sql`
    select
      coalesce(sum(c.last_seq - cm.last_read_seq) filter (where cm.state = 'active' and not cm.muted), 0)::int as total,
      (count(*) filter (where cm.state = 'requested'))::int as requests
    from ${conversationMembers} cm join ${conversations} c on c.id = cm.conversation_id
    where cm.member_id = ${memberId}`);
  return result.rows[0] ?? { total: 0, requests: 0 };
}

/** A conversation's title (null for direct conversations and for a conversation that does not exist). */
export async function conversationTitle(db: Executor, conversationId: string): Promise<string | null> {
  const [conversation] = await db
    .select({ title: conversations.title })
    .from(conversations)
    .where(eq(conversations.id, conversationId));
  return conversation?.title ?? null;
}

/**
 * Who hears about a new message: present members (active or requested) other than the author who did
 * not mute the conversation.
 */
export async function recipientsOf(
  db: Executor,
  conversationId: string,
  authorId: string,
): Promise<{ memberId: string; requested: boolean }[]> {
  const rows = await db
    .select({ memberId: conversationMembers.memberId, state: conversationMembers.state })
    .from(conversationMembers)
    .where(
      and(
        eq(conversationMembers.conversationId, conversationId),
        ne(conversationMembers.memberId, authorId),
        inArray(conversationMembers.state, ['active', 'requested']),
        eq(conversationMembers.muted, false),
      ),
    );
  return rows.map((row) => ({ memberId: row.memberId, requested: row.state === 'requested' }));
}

/** Whether the member has read the conversation up to `seq` (or is no longer in it). */
export async function hasReadUpTo(
  db: Executor,
  memberId: string,
  conversationId: string,
  seq: number,
): Promise<boolean> {
  const [present] = await db
    .select({ lastReadSeq: conversationMembers.lastReadSeq })
    .from(conversationMembers)
    .where(
      and(
        eq(conversationMembers.conversationId, conversationId),
        eq(conversationMembers.memberId, memberId),
        inArray(conversationMembers.state, ['active', 'requested']),
      ),
    );
  if (!present) return true;
  const [read] = await db
    .select({ memberId: conversationMembers.memberId })
    .from(conversationMembers)
    .where(
      and(
        eq(conversationMembers.conversationId, conversationId),
        eq(conversationMembers.memberId, memberId),
        gte(conversationMembers.lastReadSeq, seq),
      ),
    );
  return read !== undefined;
}
