import { expect } from 'chai';
import type { SearchResponse } from '@shared/api/search';
import type { ThreadListResponse } from '@shared/api/threads';
import type { Ack } from '@shared/events';
import { getTestApp, type TestApp } from '../helpers/app';
import { buildCategory, buildReply, buildThread, unique } from '../helpers/factories';
import { ApiClient } from '../helpers/http';
import { signedInMember, type SignedIn } from '../helpers/messaging';
import { act, flag } from '../helpers/moderation';
import { connectSocket, type ClientSocket } from '../helpers/sockets';
import { signedInAs } from '../helpers/staff';

/** Words that occur only in this suite's thread, so searches see nothing of other suites. */
const titleWord = `alcachofa${unique()}`;
const replyWord = `pimiento${unique()}`;

describe('a thread removed by a moderator', function () {
  this.timeout(60_000);
  let app: TestApp;
  let category: { id: string; slug: string };
  let thread: { id: string; rootPostId: string };
  let reply: { id: string };
  let author: SignedIn;
  let member: SignedIn;
  let visitor: ApiClient;
  const sockets: ClientSocket[] = [];

  after(() => {
    for (const socket of sockets) socket.close();
  });

  /** What one reader finds of the thread through each way of reading it. */
  async function findings(client: ApiClient) {
    const listed = async (path: string) =>
      ((await client.get(path).expect(200)).body as ThreadListResponse).items.some((t) => t.id === thread.id);
    const searched = async (q: string, type: string) =>
      ((await client.get(`/api/v1/search?q=${q}&type=${type}`).expect(200)).body as SearchResponse).threads
        .length > 0;
    return {
      thread: (await client.get(`/api/v1/threads/${thread.id}`)).status,
      posts: (await client.get(`/api/v1/threads/${thread.id}/posts?afterSeq=0`)).status,
      category: await listed(`/api/v1/categories/${category.slug}/threads`),
      latest: await listed('/api/v1/threads?limit=50'),
      searchTitle: await searched(titleWord, 'threads'),
      searchReply: await searched(replyWord, 'posts'),
    };
  }

  const readable = {
    thread: 200,
    posts: 200,
    category: true,
    latest: true,
    searchTitle: true,
    searchReply: true,
  };
  const gone = {
    thread: 404,
    posts: 404,
    category: false,
    latest: false,
    searchTitle: false,
    searchReply: false,
  };

  before(async () => {
    app = await getTestApp();
    category = await buildCategory();
    author = await signedInMember();
    member = await signedInMember();
    visitor = new ApiClient(app.url);
    thread = await buildThread(author, { categoryId: category.id, title: `Sobre ${titleWord}`, lang: 'es' });
    reply = await buildReply(author, thread.id, { body: `Una respuesta con ${replyWord}.` });
    // Readable by everyone before: what follows is the removal's doing.
    for (const client of [visitor, member.client]) expect(await findings(client)).to.deep.equal(readable);
    const moderator = await signedInAs('moderator');
    await act(moderator.client, await flag(member.client, 'thread', thread.id), 'delete', { reason: 'Spam' });
  });

  it('is not found by a visitor, a member or its author: not the thread, its posts, lists or search', async () => {
    for (const [who, client] of [
      ['visitor', visitor],
      ['member', member.client],
      ['author', author.client],
    ] as const) {
      expect(await findings(client), who).to.deep.equal(gone);
    }
  });

  it('takes no replies, reactions, follows or read marks, and cannot be watched', async () => {
    const reply404 = await member.client.send('post', `/api/v1/threads/${thread.id}/posts`, { body: 'Hola' });
    expect(reply404.status).to.equal(404);
    const reaction = await member.client.send('post', `/api/v1/posts/${reply.id}/reactions`, {
      kind: 'like',
    });
    expect(reaction.status).to.equal(404);
    expect((await member.client.send('put', `/api/v1/threads/${thread.id}/follow`)).status).to.equal(404);
    expect(
      (await member.client.send('put', `/api/v1/threads/${thread.id}/read`, { seq: 1 })).status,
    ).to.equal(404);
    const { socket } = await connectSocket(app.url);
    sockets.push(socket);
    const ack = await new Promise<Ack>((resolve) =>
      socket.emit('thread:watch', { threadId: thread.id }, resolve),
    );
    expect(ack.ok).to.equal(false);
  });

  it('stays readable to a moderator, marked as deleted', async () => {
    const moderator = await signedInAs('moderator');
    const res = await moderator.client.get(`/api/v1/threads/${thread.id}`);
    expect(res.status).to.equal(200);
    expect(res.body.thread.deleted).to.equal(true);
  });
});
