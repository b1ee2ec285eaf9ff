import { expect } from 'chai';
import { eq } from 'drizzle-orm';
import { profiles, threads, watchedWords } from '@server/db/schema';
import type { CreateThreadResponse, PostResponse, ThreadResponse } from '@shared/api/threads';
import type { WatchedWordDto, WatchedWordListResponse } from '@shared/api/safeguards';
import { findWatchedWords } from '@server/moderation/watched-words.match';
import { startTestApp, type TestApp } from '../helpers/app';
import { buildCategory, unique } from '../helpers/factories';
import { ApiClient } from '../helpers/http';
import { text } from '../helpers/copy';
import { auditEntries, openItemFor, personOn, type Person } from '../helpers/safeguards';

describe('safeguards: watched words', function () {
  this.timeout(60_000);
  let app: TestApp;
  let category: { id: string; slug: string };
  let admin: Person;
  let moderator: Person;
  let scoped: Person;
  let member: Person;
  let writer: Person;

  before(async () => {
    app = await startTestApp({ NEW_MEMBER_REVIEW_POSTS: '0', REQUIRE_EMAIL_VERIFICATION: 'false' });
    category = await buildCategory({}, app);
    admin = await personOn(app, { role: 'admin' });
    moderator = await personOn(app, { role: 'moderator' });
    scoped = await personOn(app, { role: 'moderator', scopes: [category.id] });
    member = await personOn(app);
    writer = await personOn(app, { locale: 'pt', ageHours: 72 });
  });
  after(async () => {
    await app.dispose();
  });

  const addWord = async (client: ApiClient, body: Record<string, unknown>) =>
    client.send('post', '/api/v1/moderation/watched-words', body);
  const words = async (client: ApiClient, lang?: string) => {
    const res = await client.get(`/api/v1/moderation/watched-words${lang ? `?lang=${lang}` : ''}`);
    expect(res.status).to.equal(200);
    return (res.body as WatchedWordListResponse).items;
  };
  const thread = (author: Person, lang: string, title: string, body: string) =>
    author.client.send('post', '/api/v1/threads', {
      categoryId: category.id,
      kind: 'discussion',
      title,
      body,
      lang,
    });

  describe('the list', () => {
    it('is managed by global moderators and admins, per language, audited', async () => {
      const res = await addWord(moderator.client, { lang: 'es', word: '  Cohecho ', action: 'flag' });
      expect(res.status).to.equal(201);
      const word = (res.body as { word: WatchedWordDto }).word;
      expect(word).to.include({ lang: 'es', word: 'cohecho', action: 'flag' });
      expect((await words(admin.client, 'es')).map((w) => w.id)).to.include(word.id);
      expect((await words(admin.client, 'fr')).map((w) => w.id)).not.to.include(word.id);
      const twice = await addWord(admin.client, { lang: 'es', word: 'cohecho', action: 'block' });
      expect(twice.status).to.equal(409);
      expect(await auditEntries(app, 'watched_word.add', word.id)).to.have.length(1);
      const removed = await admin.client.send('delete', `/api/v1/moderation/watched-words/${word.id}`);
      expect(removed.status).to.equal(204);
      expect(await auditEntries(app, 'watched_word.remove', word.id)).to.deep.equal([
        { actor_id: admin.id, reason: null },
      ]);
      expect(await app.db.select().from(watchedWords).where(eq(watchedWords.id, word.id))).to.have.length(0);
      const gone = await admin.client.send('delete', `/api/v1/moderation/watched-words/${word.id}`);
      expect(gone.status).to.equal(404);
    });

    it('refuses members, scoped moderators and visitors, and bad input with 400', async () => {
      const body = { lang: 'en', word: 'bribe', action: 'block' };
      expect((await addWord(member.client, body)).status).to.equal(403);
      expect((await addWord(scoped.client, body)).status).to.equal(403);
      expect((await scoped.client.get('/api/v1/moderation/watched-words')).status).to.equal(403);
      expect((await new ApiClient(app.url).get('/api/v1/moderation/watched-words')).status).to.equal(401);
      for (const bad of [
        { lang: 'de', word: 'x', action: 'block' },
        { lang: 'en', word: '', action: 'block' },
        { lang: 'en', word: 'ok', action: 'delete' },
        { lang: 'en', word: '<script>', action: 'flag' },
      ]) {
        expect((await addWord(admin.client, bad)).status).to.equal(400);
      }
      expect((await admin.client.get('/api/v1/moderation/watched-words?lang=xx')).status).to.equal(400);
    });
  });

  describe('matching', () => {
    it('matches whole words, ignoring case and accents', () => {
      const list = [
        { word: 'corrupção', action: 'flag' as const },
        { word: 'gato', action: 'flag' as const },
        { word: 'pot de vin', action: 'flag' as const },
      ];
      expect(findWatchedWords(list, ['Casos de CORRUPCAO no município']).map((w) => w.word)).to.deep.equal([
        'corrupção',
      ]);
      expect(findWatchedWords(list, ['O gatopardo e o engato'])).to.have.length(0);
      expect(findWatchedWords(list, ['Un POT-DE-VIN ?'])).to.have.length(0);
      expect(findWatchedWords(list, ['Un  pot de  vin versé'])).to.have.length(1);
      expect(findWatchedWords(list, ['gato.'])).to.have.length(1);
    });
  });

  describe('on posts, titles and profiles', () => {
    before(async () => {
      for (const [lang, word, action] of [
        ['es', 'estafa', 'block'],
        ['fr', 'arnaque', 'block'],
        ['pt', 'propina', 'require_approval'],
        ['en', 'kickback', 'require_approval'],
        ['fr', 'fraude', 'flag'],
        ['es', 'soborno', 'flag'],
      ] as const) {
        expect((await addWord(admin.client, { lang, word, action })).status).to.equal(201);
      }
    });

    it('blocks a text with a localized 422 naming nothing, saving nothing, in two languages', async () => {
      const title = `Hilo bloqueado ${unique()}`;
      const es = await thread(writer, 'es', title, 'Esto es una ESTAFA clara.');
      expect(es.status).to.equal(422);
      expect(es.body.error).to.deep.equal({
        code: 'watched_word_blocked',
        message: text('pt', 'errors:watched_word_blocked'),
      });
      expect(es.body.error.message).not.to.match(/estafa/i);
      expect(await app.db.select().from(threads).where(eq(threads.title, title))).to.have.length(0);
      const fr = await thread(writer, 'fr', 'Une arnaque évidente', 'Rien à voir.');
      expect(fr.status).to.equal(422);
      // The same word in another language's thread is not watched there.
      expect((await thread(writer, 'pt', 'Uma estafa?', 'Só cansaço.')).status).to.equal(201);
    });

    it('blocks a reply whose language is detected, accent- and case-insensitively', async () => {
      const created = (await thread(writer, 'fr', `Fil ${unique()}`, 'Bonjour.'))
        .body as CreateThreadResponse;
      const res = await writer.client.send('post', `/api/v1/threads/${created.thread.id}/posts`, {
        body: 'Je pense que cette procédure est une véritable ARNAQUE pour les citoyens de la commune.',
      });
      expect(res.status).to.equal(422);
      expect(res.body.error.code).to.equal('watched_word_blocked');
    });

    it('holds a text for approval in two languages: hidden, queued as watched_word, approved like the rest', async () => {
      const pt = await thread(writer, 'pt', `Pagamento de própina ${unique()}`, 'Relato de um caso.');
      expect(pt.status).to.equal(201);
      const created = pt.body as CreateThreadResponse;
      expect(created.thread.hidden).to.equal('pending_review');
      await member.client.get(`/api/v1/threads/${created.thread.id}`).expect(404);
      const item = await openItemFor(app, created.post.id);
      expect(item).to.include({ kind: 'watched_word', categoryId: category.id });
      expect(item?.snapshot).to.deep.include({ words: ['propina'], held: true });
      const en = await thread(writer, 'en', `Procurement ${unique()}`, 'A Kickback was offered.');
      expect((en.body as CreateThreadResponse).post.hidden).to.equal('pending_review');
      const approve = await scoped.client.send('post', `/api/v1/moderation/items/${item!.id}/approve`, {
        version: 1,
      });
      expect(approve.status).to.equal(200);
      const page = (await member.client.get(`/api/v1/threads/${created.thread.id}`).expect(200))
        .body as ThreadResponse;
      expect(page.thread.hidden).to.equal(null);
    });

    it('flags a text: published as written, and queued for moderators', async () => {
      const res = await thread(writer, 'fr', `Soupçon de Fraudé ${unique()}`, 'Un texte.');
      expect(res.status).to.equal(201);
      const created = res.body as CreateThreadResponse;
      expect(created.thread.hidden).to.equal(null);
      await member.client.get(`/api/v1/threads/${created.thread.id}`).expect(200);
      const item = await openItemFor(app, created.post.id);
      expect(item).to.include({ kind: 'watched_word' });
      expect(item?.snapshot).to.deep.include({ held: false, words: ['fraude'] });

      const reply = await writer.client.send('post', `/api/v1/threads/${created.thread.id}/posts`, {
        body: 'Hubo un intento de SOBORNO en la licitación del municipio, según los documentos.',
      });
      expect(reply.status).to.equal(201);
      expect((reply.body as PostResponse).post.hidden).to.equal(null);
      const flaggedReply = (reply.body as PostResponse).post;
      const replyItem = await openItemFor(app, flaggedReply.id);
      expect(replyItem).to.include({ kind: 'watched_word' });
      const before = (await member.client.get(`/api/v1/threads/${created.thread.id}`).expect(200))
        .body as ThreadResponse;
      expect(before.thread.replyCount).to.equal(1);
      // Rejecting a flagged post readers saw removes it and its count.
      const rejected = await moderator.client.send(
        'post',
        `/api/v1/moderation/items/${replyItem!.id}/reject`,
        {
          reason: 'Acusación sin pruebas',
        },
      );
      expect(rejected.status).to.equal(200);
      const after = (await member.client.get(`/api/v1/threads/${created.thread.id}`).expect(200))
        .body as ThreadResponse;
      expect(after.thread.replyCount).to.equal(0);
      expect(after.posts.map((p) => p.id)).not.to.include(flaggedReply.id);
    });

    it('checks profiles in every language: block refuses the edit, flag queues the profile', async () => {
      const blocked = await writer.client.send('patch', '/api/v1/me/profile', {
        headline: 'Nada de arnaque',
      });
      expect(blocked.status).to.equal(422);
      expect(blocked.body.error.code).to.equal('watched_word_blocked');
      const [row] = await app.db.select().from(profiles).where(eq(profiles.memberId, writer.id));
      expect(row?.headline ?? '').not.to.contain('arnaque');
      const flagged = await writer.client.send('patch', '/api/v1/me/profile', {
        bio: 'Investigo casos de soborno.',
      });
      expect(flagged.status).to.equal(200);
      const item = await openItemFor(app, writer.id);
      expect(item).to.include({ kind: 'watched_word', targetType: 'profile', categoryId: null });
    });

    it('checks the organization given when completing the profile, as every profile write', async () => {
      const newcomer = await personOn(app, { locale: 'fr', ageHours: 72 });
      const blocked = await newcomer.client.send('post', '/api/v1/me/profile/complete', {
        displayName: newcomer.displayName,
        organization: 'Arnaque et compagnie',
      });
      expect(blocked.status).to.equal(422);
      expect(blocked.body.error.code).to.equal('watched_word_blocked');
      expect(blocked.body.error.message).to.equal(text('fr', 'errors:watched_word_blocked'));
      const [row] = await app.db.select().from(profiles).where(eq(profiles.memberId, newcomer.id));
      expect(row?.organization ?? '').not.to.contain('Arnaque');
      const flagged = await newcomer.client.send('post', '/api/v1/me/profile/complete', {
        displayName: newcomer.displayName,
        organization: 'Observatoire de la fraude',
      });
      expect(flagged.status).to.equal(200);
      const item = await openItemFor(app, newcomer.id);
      expect(item).to.include({ kind: 'watched_word', targetType: 'profile', categoryId: null });
    });

    it('does not apply to staff', async () => {
      expect((await thread(moderator, 'es', 'Sobre la estafa', 'Aviso del equipo.')).status).to.equal(201);
    });
  });
});
