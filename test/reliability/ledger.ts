import type pg from 'pg';

/**
 * What a client knows of one write: `acknowledged` (a 2xx answer), `refused` (a 4xx answer),
 * `unavailable` (503: the database was away, the write may or may not have committed), `failed` (any
 * other 5xx) or `unknown` (no answer: the connection failed or was cut). A message retried after no
 * answer or a 503 is one write, whose outcome is the last attempt's.
 */
export type WriteOutcome = 'acknowledged' | 'refused' | 'unavailable' | 'failed' | 'unknown';

/** One write as the client that made it recorded it. */
export interface LedgerEntry {
  kind: 'reply' | 'message';
  client: number;
  /** Unique in the run: the checker finds the row by it. */
  body: string;
  outcome: WriteOutcome;
  /** HTTP status of the last answer, when there was one. */
  status?: number;
  /** Attempts made (messages may be retried with the same clientId; replies never are). */
  attempts: number;
  /** Whether an earlier attempt of a message got no answer or a 503 (it may have been written). */
  uncertain: boolean;
  /** Every attempt was refused at connect (no server listening): the write cannot have happened. */
  neverReached: boolean;
  /** Some attempt was sent and then cut off without an answer (the server died under it). */
  cut: boolean;
  authorId: string;
  conversationId?: string;
  clientId?: string;
  /** How long the last attempt took, answered or not (ms). */
  ms?: number;
  /** When the last answer came (`Date.now()`). */
  answeredAt?: number;
  /** From the acknowledging answer. */
  id?: string;
  seq?: number;
}

/** The members, thread and conversations the run writes to, and the counters before it started. */
export interface LedgerSetup {
  threadId: string;
  /** Every member who follows the thread when the run starts (and therefore hears of each reply). */
  followerIds: string[];
  /** Followers who asked for each reply by e-mail: one outbox row per reply each. */
  emailFollowerIds: string[];
  conversations: { id: string; memberIds: [string, string] }[];
  /** A prefix every body written during the run starts with. */
  marker: string;
  /** Notification counts (`sum(count)`) per `member_id|group_key` before the run. */
  notificationBaseline: Map<string, number>;
}

/** What the checker found. */
export interface LedgerReport {
  writes: number;
  acknowledged: number;
  refused: number;
  /** Answered 503 (the database away) at the last attempt. */
  unavailable: number;
  failed: number;
  unknown: number;
  /** Of the unknown writes, those found committed in the database. */
  unknownCommitted: number;
  /** Of the unknown writes, those whose every attempt was refused at connect (no server listening). */
  unknownNeverReached: number;
  replies: { acknowledged: number; committed: number };
  messages: {
    acknowledged: number;
    committed: number;
    /** Sent again with the same clientId after an attempt got no answer. */
    retried: number;
    /** Of those, the ones whose retry was answered with the message already stored (200, not 201). */
    replayed: number;
  };
  /** Requests in flight when the server was killed (sent, then cut without an answer). */
  cut: { replies: number; messages: number };
  /** Answer times of acknowledged writes (ms): median and 95th percentile. */
  latency: { replies: [number, number]; messages: [number, number] };
  crashes: number;
  lost: number;
  duplicated: number;
  outOfOrder: number;
  /** Acknowledged or committed writes whose notification or e-mail is missing (or doubled). */
  missingSideEffects: number;
  /** Writes answered 4xx that are in the database anyway. */
  refusedButWritten: number;
  problems: string[];
}

const groupSum = async (pool: pg.Pool, memberId: string, groupKey: string): Promise<number> => {
  const { rows } = await pool.query<{ n: number }>(
    'select coalesce(sum(count), 0)::int as n from notifications where member_id = $1 and group_key = $2',
    [memberId, groupKey],
  );
  return rows[0]?.n ?? 0;
};

/** Notification counts of the groups the run writes to, taken before it starts. */
export async function notificationBaseline(
  pool: pg.Pool,
  setup: Omit<LedgerSetup, 'notificationBaseline'>,
): Promise<Map<string, number>> {
  const baseline = new Map<string, number>();
  for (const memberId of setup.followerIds) {
    const key = `reply:${setup.threadId}`;
    baseline.set(`${memberId}|${key}`, await groupSum(pool, memberId, key));
  }
  for (const c of setup.conversations) {
    for (const memberId of c.memberIds) {
      const key = `conversation:${c.id}`;
      baseline.set(`${memberId}|${key}`, await groupSum(pool, memberId, key));
    }
  }
  return baseline;
}

/**
 * Checks the ledger against the database: every acknowledged write is there exactly once, with the id
 * (and seq) it was acknowledged with; a sender's acknowledged messages keep their order in each
 * conversation; nothing refused was written; and every write that committed — acknowledged or not —
 * brought its notifications and e-mails with it (they are written in the same transaction).
 *
 * Notifications are grouped while unread (one row per member and thread or conversation, whose `count`
 * grows and whose `source_id` is the latest post or message), so they are checked by count: each
 * follower's rows for the thread grew by the number of replies others wrote; each member's rows for a
 * conversation by the number of messages the other one wrote. E-mails are one row per write.
 */
export async function checkLedger(
  pool: pg.Pool,
  setup: LedgerSetup,
  entries: LedgerEntry[],
  crashes: number,
): Promise<LedgerReport> {
  const problems: string[] = [];
  let lost = 0;
  let duplicated = 0;
  let outOfOrder = 0;
  let missingSideEffects = 0;
  let refusedButWritten = 0;
  const note = (text: string) => {
    if (problems.length < 50) problems.push(text);
  };

  const like = `${setup.marker}%`;
  const { rows: posts } = await pool.query<{
    id: string;
    author_id: string;
    body_source: string;
    hidden_reason: string | null;
  }>(
    'select id, author_id, body_source, hidden_reason from posts where thread_id = $1 and body_source like $2',
    [setup.threadId, like],
  );
  // A held or hidden reply tells nobody: the notification counts below would not add up.
  for (const row of posts.filter((p) => p.hidden_reason))
    note(`reply ${row.id} is hidden (${row.hidden_reason})`);
  const { rows: messages } = await pool.query<{
    id: string;
    conversation_id: string;
    author_id: string;
    seq: number;
    client_id: string;
    body_source: string;
  }>(
    'select id, conversation_id, author_id, seq, client_id, body_source from messages where body_source like $1',
    [like],
  );
  const postsByBody = new Map<string, typeof posts>();
  for (const row of posts)
    postsByBody.set(row.body_source, [...(postsByBody.get(row.body_source) ?? []), row]);
  const messagesByBody = new Map<string, typeof messages>();
  for (const row of messages) {
    messagesByBody.set(row.body_source, [...(messagesByBody.get(row.body_source) ?? []), row]);
  }

  const attempted = new Set(entries.map((e) => e.body));
  for (const row of [...posts, ...messages]) {
    if (!attempted.has(row.body_source)) note(`a row nobody wrote: ${row.id} "${row.body_source}"`);
  }

  let unknownCommitted = 0;
  for (const entry of entries) {
    const found = (entry.kind === 'reply' ? postsByBody : messagesByBody).get(entry.body) ?? [];
    if (found.length > 1) {
      duplicated += found.length - 1;
      note(`${entry.kind} "${entry.body}" (${entry.outcome}) is written ${found.length} times`);
    }
    if (entry.outcome === 'acknowledged') {
      if (found.length === 0) {
        lost += 1;
        note(`acknowledged ${entry.kind} "${entry.body}" (id ${entry.id}) is missing`);
      } else if (!found.some((row) => row.id === entry.id)) {
        lost += 1;
        note(
          `acknowledged ${entry.kind} "${entry.body}" was acknowledged as ${entry.id}, stored as ${found[0]?.id}`,
        );
      }
      if (entry.kind === 'message') {
        const row = found[0] as (typeof messages)[number] | undefined;
        if (row && (row.seq !== entry.seq || row.client_id !== entry.clientId)) {
          note(`message "${entry.body}" acknowledged with seq ${entry.seq}, stored with seq ${row.seq}`);
          outOfOrder += 1;
        }
      }
    } else if (entry.outcome === 'unknown' || entry.outcome === 'unavailable' || entry.outcome === 'failed') {
      if (found.length) unknownCommitted += 1;
      if (found.length && entry.neverReached) {
        note(`${entry.kind} "${entry.body}" never reached a server yet is written`);
      }
    } else if (entry.outcome === 'refused' && found.length && !entry.uncertain) {
      refusedButWritten += 1;
      note(`${entry.kind} "${entry.body}" was refused (${entry.status}) but is written`);
    }
  }

  // A sender's acknowledged messages, in the order the answers came, have increasing seqs.
  const lastSeq = new Map<string, number>();
  for (const entry of entries) {
    if (entry.kind !== 'message' || entry.outcome !== 'acknowledged') continue;
    const key = `${entry.conversationId}|${entry.authorId}`;
    const previous = lastSeq.get(key) ?? 0;
    if ((entry.seq ?? 0) <= previous) {
      outOfOrder += 1;
      note(`message "${entry.body}" has seq ${entry.seq} after seq ${previous} of the same sender`);
    }
    lastSeq.set(key, Math.max(previous, entry.seq ?? 0));
  }

  // Replies: every follower but the author hears of each; e-mail followers get one e-mail per reply.
  const replyGroup = `reply:${setup.threadId}`;
  for (const followerId of setup.followerIds) {
    const expected = posts.filter((p) => p.author_id !== followerId).length;
    const grown =
      (await groupSum(pool, followerId, replyGroup)) -
      (setup.notificationBaseline.get(`${followerId}|${replyGroup}`) ?? 0);
    if (grown !== expected) {
      missingSideEffects += Math.abs(expected - grown);
      note(`follower ${followerId}: notified of ${grown} replies, ${expected} were written by others`);
    }
  }
  const { rows: kinds } = await pool.query<{ kind: string; n: number }>(
    'select kind, count(*)::int as n from notifications where group_key = $1 group by kind',
    [replyGroup],
  );
  for (const { kind, n } of kinds) {
    if (!['reply_in_followed', 'reply_to_post', 'mention'].includes(kind)) {
      missingSideEffects += n;
      note(`${n} notifications of kind ${kind} for replies`);
    }
  }
  const { rows: replyMails } = await pool.query<{ member_id: string; link: string }>(
    `select member_id, data->>'link' as link from mail_outbox where member_id = any($1::uuid[]) and kind = 'reply_in_followed'`,
    [setup.emailFollowerIds],
  );
  for (const post of posts) {
    for (const followerId of setup.emailFollowerIds) {
      if (followerId === post.author_id) continue;
      const n = replyMails.filter(
        (m) => m.member_id === followerId && m.link.endsWith(`#post-${post.id}`),
      ).length;
      if (n !== 1) {
        missingSideEffects += Math.abs(n - 1);
        note(`reply ${post.id}: ${n} e-mails to follower ${followerId} (1 expected)`);
      }
    }
  }

  // Messages: the other member's notification count grows by one per message; one e-mail each.
  const { rows: messageMails } = await pool.query<{
    member_id: string;
    conversation_id: string;
    seq: number;
  }>(
    `select member_id, data->'params'->>'conversationId' as conversation_id, (data->'params'->>'seq')::int as seq
       from mail_outbox where kind in ('message', 'message_request')`,
  );
  const mailCount = new Map<string, number>();
  for (const m of messageMails) {
    const key = `${m.member_id}|${m.conversation_id}|${m.seq}`;
    mailCount.set(key, (mailCount.get(key) ?? 0) + 1);
  }
  for (const c of setup.conversations) {
    for (const memberId of c.memberIds) {
      const fromOther = messages.filter((m) => m.conversation_id === c.id && m.author_id !== memberId);
      const group = `conversation:${c.id}`;
      const grown =
        (await groupSum(pool, memberId, group)) -
        (setup.notificationBaseline.get(`${memberId}|${group}`) ?? 0);
      if (grown !== fromOther.length) {
        missingSideEffects += Math.abs(fromOther.length - grown);
        note(
          `member ${memberId}: notified of ${grown} messages in ${c.id}, ${fromOther.length} were written`,
        );
      }
      for (const m of fromOther) {
        const n = mailCount.get(`${memberId}|${c.id}|${m.seq}`) ?? 0;
        if (n !== 1) {
          missingSideEffects += Math.abs(n - 1);
          note(`message ${m.id} (seq ${m.seq}): ${n} e-mails to ${memberId} (1 expected)`);
        }
      }
    }
  }

  const percentiles = (kind: LedgerEntry['kind']): [number, number] => {
    const times = entries
      .filter((e) => e.kind === kind && e.outcome === 'acknowledged' && e.ms !== undefined)
      .map((e) => e.ms ?? 0)
      .sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
    return [at(0.5), at(0.95)];
  };
  const count = (outcome: WriteOutcome) => entries.filter((e) => e.outcome === outcome).length;
  const acknowledgedOf = (kind: LedgerEntry['kind']) =>
    entries.filter((e) => e.kind === kind && e.outcome === 'acknowledged').length;
  return {
    writes: entries.length,
    acknowledged: count('acknowledged'),
    refused: count('refused'),
    unavailable: count('unavailable'),
    failed: count('failed'),
    unknown: count('unknown'),
    unknownCommitted,
    unknownNeverReached: entries.filter((e) => e.outcome === 'unknown' && e.neverReached).length,
    replies: { acknowledged: acknowledgedOf('reply'), committed: posts.length },
    messages: {
      acknowledged: acknowledgedOf('message'),
      committed: messages.length,
      retried: entries.filter((e) => e.kind === 'message' && e.attempts > 1).length,
      replayed: entries.filter((e) => e.kind === 'message' && e.attempts > 1 && e.status === 200).length,
    },
    latency: { replies: percentiles('reply'), messages: percentiles('message') },
    cut: {
      replies: entries.filter((e) => e.kind === 'reply' && e.cut).length,
      messages: entries.filter((e) => e.kind === 'message' && e.cut).length,
    },
    crashes,
    lost,
    duplicated,
    outOfOrder,
    missingSideEffects,
    refusedButWritten,
    problems,
  };
}

/** The report as printed after a run. */
export function formatReport(
  report: LedgerReport,
  seconds: number,
  survived = 'crashes survived (kill -9 and restart)',
): string {
  return [
    `writes ${report.writes}: acknowledged ${report.acknowledged}, refused ${report.refused}, unavailable (503) ${report.unavailable}, failed (other 5xx) ${report.failed}, unknown ${report.unknown} (of which committed ${report.unknownCommitted}, never reached a server ${report.unknownNeverReached})`,
    `replies: acknowledged ${report.replies.acknowledged}, in the database ${report.replies.committed}`,
    `messages: acknowledged ${report.messages.acknowledged}, in the database ${report.messages.committed}, retried with the same clientId ${report.messages.retried} (already stored: ${report.messages.replayed})`,
    `cut in flight by a kill: replies ${report.cut.replies}, messages ${report.cut.messages}`,
    `answer times of acknowledged writes (median, 95th percentile): replies ${report.latency.replies.join(', ')} ms, messages ${report.latency.messages.join(', ')} ms`,
    `${survived}: ${report.crashes}`,
    `lost ${report.lost}, duplicated ${report.duplicated}, out of order ${report.outOfOrder}, missing or doubled notifications/e-mails ${report.missingSideEffects}, refused but written ${report.refusedButWritten}`,
    `run time ${seconds.toFixed(1)} s`,
    ...report.problems.map((p) => `  ! ${p}`),
  ].join('\n');
}
