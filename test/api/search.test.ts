import { expect } from 'chai';
import type { SearchResponse } from '@shared/api/search';
import { getTestApp, type TestApp } from '../helpers/app';
import { enrolTwoFactor } from '../helpers/totp';
import { ApiClient } from '../helpers/http';
import {
  buildCategory,
  buildMember,
  buildReply,
  buildThread,
  memberRow,
  testForum,
  type BuiltMember,
} from '../helpers/factories';
import { CORPUS } from './search.corpus';

describe('search across four languages', () => {
  let app: TestApp;
  let author: BuiltMember;
  let categorySlug: string;
  /** Corpus key → thread id. */
  const ids = new Map<string, string>();
  const keyOf = new Map<string, string>();

  /** Corpus keys of the threads found for a query (other suites' threads are ignored). */
  async function found(
    q: string,
    params: Record<string, string> = {},
    client?: ApiClient,
  ): Promise<string[]> {
    const query = new URLSearchParams({ q, limit: '50', ...params });
    const res = await (client ?? new ApiClient(app.url))
      .get(`/api/v1/search?${query.toString()}`)
      .expect(200);
    const body = res.body as SearchResponse;
    return body.threads.flatMap((thread) => keyOf.get(thread.id) ?? []);
  }

  before(async function () {
    this.timeout(120_000);
    app = await getTestApp();
    author = await buildMember();
    const category = await buildCategory();
    categorySlug = category.slug;
    for (const doc of CORPUS) {
      const thread = await buildThread(author, {
        categoryId: category.id,
        title: doc.title,
        body: doc.body,
        lang: doc.lang,
        kind: doc.kind,
        tags: doc.tags,
      });
      ids.set(doc.key, thread.id);
      keyOf.set(thread.id, doc.key);
    }
  });

  describe('stemming in each language', () => {
    it('Spanish: plural query finds singular text, verb forms match', async () => {
      const keys = await found('gobiernos abiertos');
      expect(keys).to.include('es-cocreacion');
      expect(keys).not.to.include.members(['en-government', 'pt-governo', 'fr-gouvernement']);
      expect(await found('municipio abierto')).to.include('es-gobierno');
      expect(await found('votar proyecto vecino')).to.include('es-presupuesto');
      expect(await found('publicar declaraciones')).to.include('es-publicar');
    });

    it('Portuguese: plural query finds singular text, verb forms match', async () => {
      const keys = await found('governos abertos');
      expect(keys).to.include('pt-governo');
      expect(keys).not.to.include('es-gobierno');
      expect(await found('publicando relatório')).to.include('pt-publicar');
    });

    it('English: plural query finds singular text, verb forms match', async () => {
      const keys = await found('open governments');
      expect(keys).to.include('en-government');
      expect(keys).not.to.include('fr-gouvernement');
      expect(await found('published contracts')).to.include('en-publishing');
    });

    it('French: plural query finds singular text, verb forms match', async () => {
      const keys = await found('gouvernements ouverts');
      expect(keys).to.include('fr-gouvernement');
      expect(keys).not.to.include('pt-governo');
      expect(await found('publierons rapport annuel')).to.include('fr-publier');
      expect(await found('participer citoyen')).to.include('fr-participation');
    });
  });

  describe('accents', () => {
    it('"informacion" finds "información", and the accented query too', async () => {
      expect(await found('informacion publica')).to.include('es-informacion');
      expect(await found('información pública')).to.include('es-informacion');
    });

    it('"participacao" finds "participação"', async () => {
      expect(await found('participacao')).to.include('pt-participacao');
    });

    it('"societe civile" finds "société civile"', async () => {
      expect(await found('societe civile')).to.include.members(['fr-societe', 'fr-gouvernement']);
    });
  });

  describe('across languages', () => {
    it('a shared acronym finds content in every language', async () => {
      expect(await found('OCDE')).to.include.members(['es-ocde', 'pt-ocde', 'fr-ocde', 'en-oecd']);
    });

    it('a shared name finds content in English and French', async () => {
      expect(await found('Chile')).to.include.members(['en-chile', 'fr-chile', 'es-ocde']);
    });
  });

  describe('query syntax', () => {
    it('excludes words with -', async () => {
      const keys = await found('transparencia -municipales');
      expect(keys).to.include('es-transparencia-fiscal');
      expect(keys).not.to.include('es-transparencia-municipal');
    });

    it('matches quoted phrases only when the words are adjacent', async () => {
      const loose = await found('datos abiertos');
      expect(loose).to.include.members(['es-datos', 'es-datos-separados']);
      const phrase = await found('"datos abiertos"');
      expect(phrase).to.include('es-datos');
      expect(phrase).not.to.include('es-datos-separados');
    });

    it('accepts "or"', async () => {
      expect(await found('lobbying or ouvidorias')).to.include.members(['en-lobbying', 'pt-ouvidoria']);
    });

    it('ranks a title match above a body match', async () => {
      const keys = await found('transparencia fiscal');
      expect(keys[0]).to.equal('es-transparencia-fiscal');
    });

    it('re-indexes a thread in the same transaction when its title or tags change', async () => {
      const thread = await buildThread(author, { title: 'Título provisional del hilo', lang: 'es' });
      keyOf.set(thread.id, 'retitled');
      expect(await found('alcachofas')).to.deep.equal([]);
      await (
        await testForum()
      ).threads.update(await memberRow(author.id), thread.id, {
        title: 'Alcachofas en la plaza',
        tags: ['mercados-locales'],
      });
      expect(await found('alcachofas')).to.deep.equal(['retitled']);
      expect(await found('provisional')).not.to.include('retitled');
      expect(await found('mercados locales')).to.include('retitled');
    });

    it('indexes tags', async () => {
      expect(await found('hacienda')).to.include('es-transparencia-fiscal');
    });
  });

  describe('filters', () => {
    it('by language, kind and category', async () => {
      const fr = await found('OCDE', { lang: 'fr' });
      expect(fr).to.deep.equal(['fr-ocde']);
      const discussions = await found('publicar OR publishing OR publier OR publicar', {
        kind: 'discussion',
      });
      expect(discussions).to.include.members(['es-publicar', 'en-publishing']);
      expect(await found('OCDE', { category: 'no-such-category' })).to.deep.equal([]);
      expect(await found('OCDE', { category: categorySlug })).to.have.length(4);
    });

    it('by author and date range', async () => {
      const other = await buildMember();
      const thread = await buildThread(other, { title: 'Integridad municipal en Bogotá', lang: 'es' });
      keyOf.set(thread.id, 'other-author');
      expect(await found('integridad', { author: other.handle })).to.deep.equal(['other-author']);
      await app.pool.query(`update posts set created_at = '2020-03-10' where thread_id = $1`, [thread.id]);
      expect(
        await found('integridad', { author: other.handle, from: '2020-03-01', to: '2020-03-10' }),
      ).to.deep.equal(['other-author']);
      expect(await found('integridad', { author: other.handle, from: '2020-03-11' })).to.deep.equal([]);
    });

    it('answered and unanswered questions', async () => {
      const asker = await buildMember();
      const thread = await buildThread(asker, { title: 'Pregunta sobre lobby y ética', lang: 'es' });
      keyOf.set(thread.id, 'question');
      const reply = await buildReply(author, thread.id, {
        body: 'Respuesta sobre lobby con ejemplos de ética.',
      });
      expect(await found('lobby ética', { answered: 'false' })).to.include('question');
      await (await testForum()).threads.accept(await memberRow(asker.id), thread.id, reply.id);
      expect(await found('lobby ética', { answered: 'true' })).to.include('question');
      expect(await found('lobby ética', { answered: 'false' })).not.to.include('question');
    });
  });

  describe('language of content', () => {
    it('detects the language of a reply and searches it with that stemming', async () => {
      const thread = await buildThread(author, { title: 'Hilo en español sobre pepinos', lang: 'es' });
      keyOf.set(thread.id, 'detected');
      const reply = await buildReply(author, thread.id, {
        body: 'The cucumbers were harvested by the volunteers of the community garden last weekend.',
      });
      const short = await buildReply(author, thread.id, { body: 'Gracias!' });
      const res = await new ApiClient(app.url).get(`/api/v1/threads/${thread.id}`).expect(200);
      const posts = (res.body as { posts: { id: string; lang: string }[] }).posts;
      expect(posts.find((p) => p.id === reply.id)?.lang).to.equal('en');
      expect(posts.find((p) => p.id === short.id)?.lang).to.equal('es');
      // English stemming: "harvesting volunteer" matches "harvested volunteers".
      expect(await found('harvesting volunteer', { type: 'posts' })).to.include('detected');
      expect(await found('harvesting', { type: 'posts', lang: 'en' })).to.include('detected');
      expect(await found('harvesting', { type: 'posts', lang: 'es' })).not.to.include('detected');
    });

    it('marks text in other languages as "other", searched without stemming', async () => {
      const thread = await buildThread(author, { title: 'Hilo con una respuesta en alemán', lang: 'es' });
      keyOf.set(thread.id, 'german');
      await buildReply(author, thread.id, {
        body: 'Die Bundesregierung veröffentlicht offene Daten über Haushaltsplanungen jedes Jahr.',
      });
      expect(await found('Haushaltsplanungen', { lang: 'other' })).to.deep.equal(['german']);
      expect(await found('haushaltsplanungen veroffentlicht')).to.include('german');
    });
  });

  describe('visibility', () => {
    it('never shows threads of categories the reader cannot read', async () => {
      const membersOnly = await buildCategory({ readAccess: 'members' });
      const staff = await buildCategory({ readAccess: 'moderators' });
      const moderator = await buildMember({ role: 'moderator' });
      const a = await buildThread(author, {
        categoryId: membersOnly.id,
        title: 'Zanahoria reservada a miembros',
        lang: 'es',
      });
      const b = await buildThread(moderator, {
        categoryId: staff.id,
        title: 'Zanahoria reservada a moderación',
        lang: 'es',
      });
      keyOf.set(a.id, 'members-only');
      keyOf.set(b.id, 'staff-only');
      expect(await found('zanahoria')).to.deep.equal([]);
      const member = await buildMember();
      const client = new ApiClient(app.url);
      await client.signIn(member.email, member.password);
      expect(await found('zanahoria', {}, client)).to.deep.equal(['members-only']);
      const staffClient = new ApiClient(app.url);
      await staffClient.signIn(moderator.email, moderator.password);
      // Staff powers come with a second factor: until then a moderator finds what a member finds.
      expect(await found('zanahoria', {}, staffClient)).to.deep.equal(['members-only']);
      await enrolTwoFactor(staffClient);
      expect(await found('zanahoria', {}, staffClient)).to.have.members(['members-only', 'staff-only']);
    });

    it('never shows a deleted post', async () => {
      const thread = await buildThread(author, {
        title: 'Berenjenas y compras públicas',
        lang: 'es',
        body: 'Texto inicial.',
      });
      keyOf.set(thread.id, 'deleted-case');
      const reply = await buildReply(author, thread.id, { body: 'Un comentario sobre calabacines.' });
      expect(await found('calabacines')).to.deep.equal(['deleted-case']);
      await (await testForum()).posts.remove(await memberRow(author.id), reply.id);
      expect(await found('calabacines')).to.deep.equal([]);
    });
  });

  describe('results', () => {
    it('groups posts by thread, with escaped highlighted snippets and the post language', async () => {
      const thread = await buildThread(author, { title: 'Rábanos en la huerta pública', lang: 'es' });
      await buildReply(author, thread.id, {
        body: 'Los <script>alert(1)</script> rábanos & <b>coles</b> crecen rápido.',
      });
      const res = await new ApiClient(app.url).get('/api/v1/search?q=rabanos&type=posts').expect(200);
      const body = res.body as SearchResponse;
      expect(body.threads).to.have.length(1);
      const [hit] = body.threads;
      expect(hit?.titleHtml).to.equal('<mark>Rábanos</mark> en la huerta pública');
      expect(hit?.posts).to.have.length(2);
      const snippets = hit?.posts.map((p) => p.snippetHtml).join(' ') ?? '';
      expect(snippets).to.contain('&amp;');
      expect(snippets).not.to.match(/<(script|b)\b/);
      expect(snippets).to.contain('<mark>rábanos</mark>');
      expect(hit?.posts.every((p) => p.lang === 'es')).to.equal(true);
    });

    it('pages with a cursor without repeating results', async () => {
      const client = new ApiClient(app.url);
      const first = (await client.get('/api/v1/search?q=OCDE&limit=2&category=' + categorySlug).expect(200))
        .body as SearchResponse;
      expect(first.threads).to.have.length(2);
      expect(first.nextCursor).to.be.a('string');
      const second = (
        await client
          .get(`/api/v1/search?q=OCDE&limit=2&category=${categorySlug}&cursor=${first.nextCursor}`)
          .expect(200)
      ).body as SearchResponse;
      expect(second.threads).to.have.length(2);
      expect(second.nextCursor).to.equal(null);
      const all = [...first.threads, ...second.threads].map((t) => keyOf.get(t.id));
      expect(all).to.have.members(['es-ocde', 'pt-ocde', 'fr-ocde', 'en-oecd']);
    });

    it('finds members through the directory', async () => {
      const member = await buildMember({ displayName: 'Ximena Quiroga Search' });
      const res = await new ApiClient(app.url).get('/api/v1/search?q=quiroga&type=members').expect(200);
      const body = res.body as SearchResponse;
      expect(body.members.map((m) => m.handle)).to.include(member.handle);
      expect(body.threads).to.deep.equal([]);
    });

    it('suggests threads and members', async () => {
      const res = await new ApiClient(app.url).get('/api/v1/search/suggest?q=lobbying').expect(200);
      const body = res.body as { threads: { id: string }[] };
      expect(body.threads.map((t) => keyOf.get(t.id))).to.include('en-lobbying');
    });

    it('rejects bad input', async () => {
      const client = new ApiClient(app.url);
      await client.get('/api/v1/search').expect(400);
      await client.get('/api/v1/search?q=a&type=everything').expect(400);
      await client.get('/api/v1/search?q=a&lang=de').expect(400);
      await client.get('/api/v1/search?q=a&cursor=nonsense').expect(400);
      await client.get('/api/v1/search?q=a&from=2024-02-01&to=2024-01-01').expect(400);
      await client.get(`/api/v1/search?q=${'x'.repeat(101)}`).expect(400);
    });
  });
});
