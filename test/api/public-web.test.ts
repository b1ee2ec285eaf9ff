import { expect } from 'chai';
import supertest from 'supertest';
import { LOCALES, type Locale } from '@shared/constants';
import { getTestApp, startTestApp, type TestApp } from '../helpers/app';
import { buildCategory, buildMember, buildReply, buildThread, unique } from '../helpers/factories';
import { signedInMember } from '../helpers/messaging';
import { ApiClient } from '../helpers/http';
import { act, flag } from '../helpers/moderation';
import { signedInAs } from '../helpers/staff';
import { enrolTwoFactor } from '../helpers/totp';

/** The parts of a page's HTML a crawler or a link preview reads. */
function headOf(html: string) {
  const attribute = (pattern: RegExp) =>
    pattern
      .exec(html)?.[1]
      ?.replace(/&amp;/g, '&')
      .replace(/&quot;/g, '"');
  const meta = (key: string) =>
    attribute(new RegExp(`<meta (?:name|property)="${key.replace(/[:.]/g, '\\$&')}" content="([^"]*)"`));
  const ld = /<script type="application\/ld\+json">([^<]*)<\/script>/.exec(html)?.[1];
  return {
    lang: attribute(/<html lang="([^"]*)"/),
    title: /<title>([^<]*)<\/title>/.exec(html)?.[1],
    description: meta('description'),
    canonical: attribute(/<link rel="canonical" href="([^"]*)"/),
    alternates: [...html.matchAll(/<link rel="alternate" hreflang="([^"]*)" href="([^"]*)"/g)].map(
      ([, hreflang, href]) => ({ hreflang, href: href?.replace(/&amp;/g, '&') }),
    ),
    og: {
      title: meta('og:title'),
      type: meta('og:type'),
      url: meta('og:url'),
      image: meta('og:image'),
      description: meta('og:description'),
    },
    twitter: meta('twitter:card'),
    robots: meta('robots'),
    structured: ld ? (JSON.parse(ld) as Record<string, unknown>) : undefined,
  };
}

/** The rendered app, without the head and the hydration state. */
function bodyOf(html: string): string {
  const start = html.indexOf('<div id="root">');
  const end = html.indexOf('<script id="agora-state"');
  return html.slice(start, end);
}

/**
 * Properties schema.org defines on the types the pages use (from https://schema.org, including the
 * properties each type inherits from Thing, CreativeWork, Comment, WebPage…), and what Google's rich
 * results require of some. A property outside its type's list is a mistake a validator would report.
 */
const THING = ['@type', '@context', 'name', 'description', 'url', 'image', 'identifier', 'alternateName'];
const CREATIVE_WORK = [
  ...THING,
  'author',
  'dateCreated',
  'dateModified',
  'datePublished',
  'inLanguage',
  'text',
  'headline',
  'comment',
  'interactionStatistic',
  'isPartOf',
  'mainEntity',
];
const SCHEMA: Record<string, { allowed: string[]; required: string[] }> = {
  QAPage: { allowed: CREATIVE_WORK, required: ['mainEntity'] },
  Question: {
    allowed: [...CREATIVE_WORK, 'answerCount', 'acceptedAnswer', 'suggestedAnswer', 'upvoteCount'],
    required: ['name', 'answerCount', 'text'],
  },
  Answer: { allowed: [...CREATIVE_WORK, 'upvoteCount', 'parentItem'], required: ['text', 'author', 'url'] },
  Comment: { allowed: [...CREATIVE_WORK, 'upvoteCount', 'parentItem'], required: ['text', 'author'] },
  DiscussionForumPosting: {
    allowed: [...CREATIVE_WORK, 'sharedContent'],
    required: ['headline', 'author', 'datePublished', 'text'],
  },
  InteractionCounter: {
    allowed: [...THING, 'interactionType', 'userInteractionCount'],
    required: ['interactionType', 'userInteractionCount'],
  },
  Person: {
    allowed: [...THING, 'worksFor', 'knowsLanguage', 'jobTitle'],
    required: ['name'],
  },
  Organization: { allowed: THING, required: ['name'] },
  ProfilePage: { allowed: CREATIVE_WORK, required: ['mainEntity'] },
  CollectionPage: { allowed: CREATIVE_WORK, required: ['name', 'url'] },
  WebSite: { allowed: [...CREATIVE_WORK, 'potentialAction'], required: ['name', 'url'] },
  SearchAction: { allowed: [...THING, 'target', 'query-input'], required: ['target'] },
  EntryPoint: { allowed: [...THING, 'urlTemplate'], required: ['urlTemplate'] },
};

/** Checks a JSON-LD graph against the schema.org types above, recursively; returns the problems. */
function schemaProblems(node: unknown, path = '$'): string[] {
  if (Array.isArray(node)) return node.flatMap((item, i) => schemaProblems(item, `${path}[${i}]`));
  if (typeof node !== 'object' || node === null) return [];
  const record = node as Record<string, unknown>;
  const type = record['@type'];
  const problems: string[] = [];
  if (typeof type === 'string') {
    const schema = SCHEMA[type];
    if (!schema) return [`${path}: unknown type ${type}`];
    for (const key of Object.keys(record)) {
      if (!schema.allowed.includes(key)) problems.push(`${path}: ${type} has no property "${key}"`);
    }
    for (const key of schema.required) {
      if (record[key] === undefined || record[key] === '') problems.push(`${path}: ${type} needs "${key}"`);
    }
  }
  for (const [key, value] of Object.entries(record))
    problems.push(...schemaProblems(value, `${path}.${key}`));
  return problems;
}

describe('server-rendered pages', function () {
  this.timeout(60_000);
  let app: TestApp;
  let category: { id: string; slug: string };
  let question: { id: string; rootPostId: string };
  let answer: { id: string };
  const title = `¿Cómo secuenciar la ley de acceso ${unique()}?`;

  before(async () => {
    app = await getTestApp();
    category = await buildCategory();
    const asker = await signedInMember();
    question = await buildThread(asker, {
      categoryId: category.id,
      title,
      body: 'Queremos **aprender** de la secuencia entre la ley y el portal de datos abiertos. ¿Qué funcionó?',
      lang: 'es',
    });
    answer = await buildReply(asker, question.id, { body: 'Primero la ley, después el portal.' });
    await buildReply(asker, question.id, { body: 'En paralelo, con un equipo pequeño.' });
    const res = await asker.client.send('post', `/api/v1/threads/${question.id}/accept`, {
      postId: answer.id,
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
  });

  const page = (path: string, headers: Record<string, string> = {}) => {
    const request = supertest(app.url).get(path);
    for (const [name, value] of Object.entries(headers)) void request.set(name, value);
    return request;
  };

  for (const locale of LOCALES) {
    describe(`in ${locale}`, () => {
      it('a thread: its content, title, description, canonical, alternates, OpenGraph and QAPage data', async () => {
        const res = await page(`/t/${question.id}?lang=${locale}`).expect(200).expect('content-type', /html/);
        const head = headOf(res.text);
        expect(head.lang).to.equal(locale);
        expect(head.title).to.equal(`${title} · Ágora`);
        expect(head.description).to.match(/^Queremos aprender de la secuencia entre la ley/);
        expect(head.canonical).to.equal(`${app.config.baseUrl}/t/${question.id}?lang=${locale}`);
        expect(head.alternates.map((a) => a.hreflang)).to.deep.equal([...LOCALES, 'x-default']);
        expect(head.alternates.at(-1)?.href).to.equal(`${app.config.baseUrl}/t/${question.id}`);
        expect(head.og).to.deep.include({ title, type: 'article', url: head.canonical });
        expect(head.og.image).to.equal(`${app.config.baseUrl}/t/${question.id}/preview.png`);
        expect(head.twitter).to.equal('summary_large_image');
        const body = bodyOf(res.text);
        expect(body).to.include('<strong>aprender</strong>');
        expect(body).to.include('Primero la ley, después el portal.');
        expect(body).to.match(new RegExp(`<article class="thread-page" lang="es"`));
        const data = head.structured as { '@type': string; mainEntity: Record<string, unknown> };
        expect(data['@type']).to.equal('QAPage');
        expect(data.mainEntity).to.include({ '@type': 'Question', name: title, answerCount: 2 });
        expect((data.mainEntity.acceptedAnswer as { text: string }).text).to.equal(
          'Primero la ley, después el portal.',
        );
        expect(data.mainEntity.suggestedAnswer).to.have.length(1);
        expect(schemaProblems(data)).to.deep.equal([]);
      });

      it('a category: its name in the language, its threads, and CollectionPage data', async () => {
        const res = await page(`/c/${category.slug}?lang=${locale}`).expect(200);
        const head = headOf(res.text);
        const name = { es: 'Tema', pt: 'Tema pt', en: 'Topic', fr: 'Thème' }[locale];
        expect(head.lang).to.equal(locale);
        expect(head.title).to.equal(`${name} ${category.slug} · Ágora`);
        expect(head.canonical).to.equal(`${app.config.baseUrl}/c/${category.slug}?lang=${locale}`);
        expect(head.og.title).to.equal(`${name} ${category.slug}`);
        expect(bodyOf(res.text)).to.include(title);
        expect(head.structured?.['@type']).to.equal('CollectionPage');
        expect(schemaProblems(head.structured)).to.deep.equal([]);
      });

      it('the home page: the site, its categories and WebSite data with the search', async () => {
        const res = await page(`/?lang=${locale}`).expect(200);
        const head = headOf(res.text);
        expect(head.lang).to.equal(locale);
        expect(head.description).to.be.a('string').with.length.greaterThan(20);
        expect(head.canonical).to.equal(`${app.config.baseUrl}/?lang=${locale}`);
        expect(head.structured?.['@type']).to.equal('WebSite');
        expect(schemaProblems(head.structured)).to.deep.equal([]);
        expect(bodyOf(res.text)).to.include(`/c/${category.slug}`);
      });
    });
  }

  it('a profile shows what visitors may see of it, as ProfilePage data, and nothing else', async () => {
    const member = await buildMember({
      displayName: 'Ana Beatriz Souza',
      profile: { headline: 'Coordenadora de dados abertos' },
    });
    const res = await page(`/members/${member.handle}?lang=pt`).expect(200);
    const head = headOf(res.text);
    expect(head.title).to.equal('Ana Beatriz Souza · Ágora');
    expect(head.description).to.equal('Coordenadora de dados abertos');
    expect(head.og.type).to.equal('profile');
    expect(head.structured?.['@type']).to.equal('ProfilePage');
    expect(schemaProblems(head.structured)).to.deep.equal([]);
    expect(bodyOf(res.text)).to.include('Ana Beatriz Souza');
    expect(res.text).not.to.include(member.email);
    // A profile is never cached for others: what it shows depends on who looks.
    expect(res.headers['cache-control']).to.equal('private, no-cache');
  });

  it('search results: found threads in the page, content language as `in=`, not indexed', async () => {
    const word = title.split(' ').at(-1)?.replace('?', '') ?? '';
    const res = await page(`/search?q=${encodeURIComponent(word)}&lang=fr`).expect(200);
    const head = headOf(res.text);
    expect(head.lang).to.equal('fr');
    expect(head.robots).to.equal('noindex');
    expect(bodyOf(res.text)).to.include(`href="/t/${question.id}"`);
    // `lang` is the interface; the content-language filter is `in`, and nothing matches in Portuguese.
    const none = await page(`/search?q=${encodeURIComponent(word)}&in=pt&lang=fr`).expect(200);
    expect(bodyOf(none.text)).not.to.include(`href="/t/${question.id}"`);
  });

  it('answers an API read again with 304 when the reader already has it (ETag)', async () => {
    const first = await supertest(app.url).get(`/api/v1/threads/${question.id}`).expect(200);
    const etag = first.headers.etag as string;
    expect(etag).to.match(/^W\//);
    await supertest(app.url).get(`/api/v1/threads/${question.id}`).set('If-None-Match', etag).expect(304);
  });

  it('a discussion is DiscussionForumPosting data with its replies as comments', async () => {
    const author = await buildMember();
    const discussion = await buildThread(author, { categoryId: category.id, kind: 'discussion', lang: 'pt' });
    await buildReply(author, discussion.id, { body: 'Um comentário.' });
    const head = headOf((await page(`/t/${discussion.id}`).expect(200)).text);
    const data = head.structured as { '@type': string; comment: { text: string }[] };
    expect(data['@type']).to.equal('DiscussionForumPosting');
    expect(data.comment.map((c) => c.text)).to.deep.equal(['Um comentário.']);
    expect(schemaProblems(data)).to.deep.equal([]);
  });

  it('answers 404 for a thread, category or member that does not exist or may not be read, with the page', async () => {
    const staffOnly = await buildCategory({ readAccess: 'moderators' });
    const hidden = await buildThread(await buildMember({ role: 'moderator', secondFactor: true }), {
      categoryId: staffOnly.id,
    });
    for (const path of [
      `/t/${crypto.randomUUID()}`,
      `/t/${hidden.id}`,
      `/c/no-such-${unique()}`,
      `/c/${staffOnly.slug}`,
      `/members/nobody_${unique()}`,
      '/no/such/page',
    ]) {
      const res = await page(`${path}${path.includes('?') ? '&' : '?'}lang=en`);
      expect(res.status, path).to.equal(404);
      expect(headOf(res.text).robots, path).to.equal('noindex');
      expect(res.text, path).to.include('Page not found');
    }
  });

  it('answers 410 Gone for a removed thread, and 301 from a merged thread to where its replies went', async () => {
    const author = await signedInMember();
    const removed = await buildThread(author, { categoryId: category.id });
    const moderator = await signedInAs('moderator');
    const reporter = await signedInMember();
    await act(moderator.client, await flag(reporter.client, 'thread', removed.id), 'delete', {
      reason: 'Spam',
    });
    const gone = await page(`/t/${removed.id}?lang=fr`).expect(410);
    expect(headOf(gone.text).robots).to.equal('noindex');

    const from = await buildThread(author, { categoryId: category.id });
    const into = await buildThread(author, { categoryId: category.id });
    const merged = await moderator.client.send('post', `/api/v1/moderation/threads/${from.id}/merge`, {
      targetId: into.id,
    });
    expect(merged.status, JSON.stringify(merged.body)).to.equal(200);
    await page(`/t/${from.id}?lang=pt`).expect(301).expect('location', `/t/${into.id}?lang=pt`);
  });

  it('shows the second page of a long thread at its own address, linked from the first', async () => {
    const author = await buildMember();
    const long = await buildThread(author, { categoryId: category.id, kind: 'discussion' });
    for (let i = 1; i <= 101; i += 1) await buildReply(author, long.id, { body: `Resposta número ${i}.` });
    const first = await page(`/t/${long.id}?view=chronological`).expect(200);
    expect(bodyOf(first.text)).to.include('Resposta número 99.');
    expect(bodyOf(first.text)).not.to.include('Resposta número 100.');
    const next = /<a [^>]*href="([^"]*)"[^>]*rel="next"|<a [^>]*rel="next"[^>]*href="([^"]*)"/.exec(
      first.text,
    );
    const href = (next?.[1] ?? next?.[2])?.replace(/&amp;/g, '&');
    expect(href).to.match(new RegExp(`^/t/${long.id}\\?view=chronological&cursor=`));
    const second = await page(href ?? '').expect(200);
    expect(bodyOf(second.text)).to.include('Resposta número 101.');
    expect(bodyOf(second.text)).not.to.include('Resposta número 50.');
    // The second page is its own page, in every language.
    expect(headOf(second.text).canonical).to.include('cursor=');
  });

  it('opens in the language an address names and keeps it for the visitor; a member keeps their own', async () => {
    const res = await page(`/t/${question.id}?lang=fr`, { 'Accept-Language': 'pt-BR' }).expect(200);
    expect(headOf(res.text).lang).to.equal('fr');
    expect(String(res.headers['set-cookie'])).to.match(/agora\.lang=fr/);
    const plain = await page(`/t/${question.id}`, { 'Accept-Language': 'pt-BR' }).expect(200);
    expect(headOf(plain.text).lang).to.equal('pt');

    const member = await signedInMember(undefined, 'en');
    const cookie = member.cookie;
    const own = await page(`/t/${question.id}?lang=fr`, { Cookie: cookie }).expect(200);
    expect(headOf(own.text).lang).to.equal('en');
    // The member's page carries their session for hydration, and is never cached for anyone else.
    expect(own.headers['cache-control']).to.equal('private, no-cache');
    expect(own.text).to.include(`"handle":"${member.handle}"`);
  });

  it('carries its styles at the top of the head, so no stylesheet request holds back the first paint', async () => {
    const res = await page('/').expect(200);
    const head = res.text.slice(0, res.text.indexOf('</head>'));
    expect(head).not.to.match(/<link rel="stylesheet"/);
    const style = head.indexOf('<style>');
    expect(style, 'an inline <style> in the head').to.be.above(0);
    expect(style).to.be.below(head.indexOf('<title>'));
    expect(style).to.be.below(head.indexOf('<script'));
    expect(head).to.match(/<style>[^]*?\.skip-link[^]*?<\/style>/);
  });

  it('hands the page its reads, and no CSRF token to a visitor (whose page is shared by all)', async () => {
    const res = await page(`/t/${question.id}`).expect(200);
    const state = JSON.parse(
      /<script id="agora-state" type="application\/json">([^<]*)<\/script>/.exec(res.text)?.[1] ?? '{}',
    ) as { locale: Locale; queries: { queries: { queryKey: unknown[]; state: { data: unknown } }[] } };
    const keys = state.queries.queries.map((q) => q.queryKey[0]);
    expect(keys).to.include.members(['session', 'threads']);
    const session = state.queries.queries.find((q) => q.queryKey[0] === 'session')?.state.data as {
      csrfToken: string;
      user: unknown;
    };
    expect(session).to.include({ csrfToken: '', user: null });
  });
});

describe('the visitors’ page cache', function () {
  this.timeout(60_000);
  let app: TestApp;

  before(async () => {
    app = await startTestApp({}, { pageCache: { maxEntries: 100, ttlMs: 60_000 } });
  });
  after(async () => {
    await app?.dispose();
  });

  it('serves a page again from memory, compressed, with 304 for a fresh copy, until a reply changes it', async () => {
    const category = await buildCategory({}, app);
    const member = await buildMember({}, app);
    const asker = { client: new ApiClient(app.url) };
    expect((await asker.client.signIn(member.email, member.password)).status).to.equal(200);
    const created = await asker.client.send('post', '/api/v1/threads', {
      categoryId: category.id,
      title: `Cache ${unique()}`,
      body: 'Uma pergunta.',
      kind: 'question',
    });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    const id = (created.body as { thread: { id: string } }).thread.id;
    const first = await supertest(app.url).get(`/t/${id}`).set('Accept-Encoding', 'br').expect(200);
    expect(first.headers['content-encoding']).to.equal('br');
    const etag = first.headers.etag as string;
    expect(etag).to.match(/^W\/"/);
    await supertest(app.url).get(`/t/${id}`).set('If-None-Match', etag).expect(304);

    const reply = await asker.client.send('post', `/api/v1/threads/${id}/posts`, { body: 'Resposta nova.' });
    expect(reply.status, JSON.stringify(reply.body)).to.equal(201);
    const after = await supertest(app.url).get(`/t/${id}`).set('If-None-Match', etag).expect(200);
    expect(after.text).to.include('Resposta nova.');
    expect(after.headers.etag).not.to.equal(etag);
  });

  it('shows a category’s new name at once on the cached pages that name it', async () => {
    const category = await buildCategory({}, app);
    const built = await buildMember({ role: 'admin' }, app);
    const admin = new ApiClient(app.url);
    expect((await admin.signIn(built.email, built.password)).status).to.equal(200);
    await enrolTwoFactor(admin);
    const before = await supertest(app.url).get('/').expect(200);
    expect(before.text).to.include(`Tema ${category.slug}`);
    const cached = await supertest(app.url).get(`/c/${category.slug}`).expect(200);
    const etag = cached.headers.etag as string;
    await supertest(app.url).get(`/c/${category.slug}`).set('If-None-Match', etag).expect(304);

    const renamed = `Transparencia fiscal ${unique()}`;
    const edit = await admin.send('patch', `/api/v1/categories/${category.id}`, {
      translations: { es: { name: renamed, description: 'Presupuestos abiertos' } },
    });
    expect(edit.status, JSON.stringify(edit.body)).to.equal(200);
    expect((await supertest(app.url).get('/').expect(200)).text).to.include(renamed);
    const page = await supertest(app.url).get(`/c/${category.slug}`).set('If-None-Match', etag).expect(200);
    expect(page.text).to.include(renamed);
  });
});
