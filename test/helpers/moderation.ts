import { expect } from 'chai';
import { eq } from 'drizzle-orm';
import { moderationItems, moderatorScopes } from '@server/db/schema';
import type { CreateFlagRequest, QueueItemDetail, QueuePage } from '@shared/api/moderation';
import type { FlagTarget } from '@shared/moderation';
import { getTestApp, type TestApp } from './app';
import type { ApiClient } from './http';

/** Flags a target and expects it accepted; returns the open item's id (read from the database). */
export async function flag(
  client: ApiClient,
  targetType: FlagTarget,
  targetId: string,
  reason: CreateFlagRequest['reason'] = 'spam',
  note?: string,
): Promise<string> {
  const res = await client.send('post', '/api/v1/flags', { targetType, targetId, reason, note });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return itemIdOf(targetId);
}

/** The id of the newest queue item about a target. */
export async function itemIdOf(targetId: string, app?: TestApp): Promise<string> {
  const { db } = app ?? (await getTestApp());
  const rows = await db.select().from(moderationItems).where(eq(moderationItems.targetId, targetId));
  const row = rows.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
  if (!row) throw new Error(`no item for ${targetId}`);
  return row.id;
}

/** Limits a moderator to some categories. */
export async function scopeModerator(memberId: string, categoryIds: string[], app?: TestApp): Promise<void> {
  const { db } = app ?? (await getTestApp());
  await db.insert(moderatorScopes).values(categoryIds.map((categoryId) => ({ memberId, categoryId })));
}

/** An item's page as a staff client sees it. */
export async function itemDetail(client: ApiClient, id: string): Promise<QueueItemDetail> {
  const res = await client.get(`/api/v1/moderation/items/${id}`);
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  return (res.body as { detail: QueueItemDetail }).detail;
}

/** A queue page. */
export async function queue(client: ApiClient, query = ''): Promise<QueuePage> {
  const res = await client.get(`/api/v1/moderation/queue${query}`);
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  return res.body as QueuePage;
}

/** Takes an action on an item and expects success. */
export async function act(
  client: ApiClient,
  id: string,
  action: string,
  body: object = {},
): Promise<QueueItemDetail> {
  const res = await client.send('post', `/api/v1/moderation/items/${id}/${action}`, body);
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  return (res.body as { detail: QueueItemDetail }).detail;
}
