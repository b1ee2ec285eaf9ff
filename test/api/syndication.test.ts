import { expect } from 'chai';
import sharp from 'sharp';
import supertest from 'supertest';
import { eq } from 'drizzle-orm';
import { categories, posts, threads } from '@server/db/schema';
import { createForum, type Forum } from '@server/forum/forum';
import { createMemberService } from '@server/members/member.service';
import { createDirectoryService } from '@server/directory/directory.service';
import { findMemberById, type MemberRow } from '@server/members/member.queries';
import { createLogger } from '@server/logger';
import { loadResources } from '@server/i18n/i18n';
import { LOCALES, type Locale } from '@shared/constants';
import { startTestApp, type TestApp } from '../helpers/app';
import { buildCategory, buildMember, quietDatabase, unique, type BuiltMember } from '../helpers/factories';
import { countQueries } from '../helpers/database';

/** Threads per sitemap page in this suite's app: small, so that the list spans several pages. */
const PAGE_SIZE = 2;

// ---- A strict reading of the XML documents, without a parser of our own to trust ----

const NAME = '[A-Za-z_][\\w.:-]*';
const ATTRIBUTE = new RegExp(`^\\s+(${NAME})\\s*=\\s*("[^"<]*"|'[^'<]*')`);
const REFERENCE = /&(?:#\d+|#x[0-9a-f]+|amp|lt|gt|quot|apos);/gi;

/** A parsed element: its name, attributes (entity references resolved), children and text. */
interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

function decode(text: string): string {
  return text.replace(REFERENCE, (ref) => {
    const body = ref.slice(1, -1);
    if (body.startsWith('#x') || body.startsWith('#X'))
      return String.fromCodePoint(parseInt(body.slice(2), 16));
    if (body.startsWith('#')) return String.fromCodePoint(Number(body.slice(1)));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[body.toLowerCase()] ?? '';
  });
}

/** Character data may hold no `<` and no `&` that does not start a known reference. */
function checkText(text: string): void {
  if (text.includes('<')) throw new Error(`raw < in text: ${text.slice(0, 60)}`);
  if (text.replace(REFERENCE, '').includes('&')) throw new Error(`bare & in text: ${text.slice(0, 60)}`);
}

/**
 * Reads a whole document strictly: the declaration, then exactly one root element, every tag closed in
 * order, attributes quoted and unique, text and attribute values escaped. Throws on the first fault.
 */
function parseXml(document: string): XmlElement {
  let rest = document;
  const declaration = /^<\?xml version="1\.0" encoding="UTF-8"\?>\s*/.exec(rest);
  if (!declaration) throw new Error('no XML declaration');
  rest = rest.slice(declaration[0].length);
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  while (rest.length > 0) {
    if (rest.startsWith('</')) {
      const close = new RegExp(`^</(${NAME})\\s*>`).exec(rest);
      const open = stack.pop();
      if (!close || !open || close[1] !== open.name)
        throw new Error(`mismatched close near ${rest.slice(0, 40)}`);
      open.text = decode(open.text);
      rest = rest.slice(close[0].length);
      if (stack.length === 0) root = open;
    } else if (rest.startsWith('<')) {
      if (root) throw new Error('content after the root element');
      const start = new RegExp(`^<(${NAME})`).exec(rest);
      if (!start?.[1]) throw new Error(`bad tag near ${rest.slice(0, 40)}`);
      rest = rest.slice(start[0].length);
      const element: XmlElement = { name: start[1], attributes: {}, children: [], text: '' };
      for (let match = ATTRIBUTE.exec(rest); match; match = ATTRIBUTE.exec(rest)) {
        const [all, key = '', quoted = ''] = match;
        if (key in element.attributes) throw new Error(`duplicate attribute ${key}`);
        checkText(quoted.slice(1, -1));
        element.attributes[key] = decode(quoted.slice(1, -1));
        rest = rest.slice(all.length);
      }
      const end = /^\s*(\/?)>/.exec(rest);
      if (!end) throw new Error(`unterminated tag <${element.name}`);
      rest = rest.slice(end[0].length);
      stack.at(-1)?.children.push(element);
      if (end[1] === '/') {
        if (stack.length === 0) root = element;
      } else stack.push(element);
    } else {
      const text = /^[^<]*/.exec(rest)?.[0] ?? '';
      checkText(text);
      const parent = stack.at(-1);
      if (parent) parent.text += text;
      else if (text.trim()) throw new Error('text outside the root element');
      rest = rest.slice(text.length);
    }
  }
  if (stack.length > 0 || !root) throw new Error('unclosed elements');
  return root;
}

const childrenNamed = (element: XmlElement, name: string) => element.children.filter((c) => c.name === name);
function child(element: XmlElement, name: string): XmlElement {
  const [found, ...more] = childrenNamed(element, name);
  if (!found || more.length)
    throw new Error(`<${element.name}> has ${more.length + (found ? 1 : 0)} <${name}>`);
  return found;
}

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Checks what RFC 4287 requires of a feed and its entries; returns the entries. */
function checkAtom(feed: XmlElement): XmlElement[] {
  expect(feed.name).to.equal('feed');
  expect(feed.attributes.xmlns).to.equal('http://www.w3.org/2005/Atom');
  expect(child(feed, 'id').text).to.match(/^https?:\/\//);
  expect(child(feed, 'title').text).to.not.equal('');
  expect(child(feed, 'updated').text).to.match(ISO_8601);
  expect(child(child(feed, 'author'), 'name').text).to.equal('Ágora');
  const self = childrenNamed(feed, 'link').find((link) => link.attributes.rel === 'self');
  expect(self?.attributes.href).to.equal(child(feed, 'id').text);
  const entries = childrenNamed(feed, 'entry');
  for (const entry of entries) {
    expect(child(entry, 'id').text).to.match(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(child(entry, 'title').text).to.not.equal('');
    expect(child(entry, 'updated').text).to.match(ISO_8601);
    expect(child(entry, 'published').text).to.match(ISO_8601);
    const alternate = childrenNamed(entry, 'link').find((link) => link.attributes.rel === 'alternate');
    expect(alternate?.attributes.href).to.match(/^https?:\/\//);
    for (const content of childrenNamed(entry, 'content')) expect(content.attributes.type).to.equal('html');
  }
  const ids = entries.map((entry) => child(entry, 'id').text);
  expect(new Set(ids).size, 'entry ids are unique').to.equal(ids.length);
  return entries;
}

// ---- robots.txt, read as a crawler does (RFC 9309: the longest matching rule wins, `$` anchors) ----

function robotsAllows(robots: string, path: string): boolean {
  let best: { length: number; allow: boolean } = { length: -1, allow: true };
  for (const line of robots.split('\n')) {
    const rule = /^(Allow|Disallow):\s*(\S*)$/.exec(line.trim());
    if (!rule?.[2]) continue;
    const pattern = rule[2];
    const anchored = pattern.endsWith('$');
    const body = anchored ? pattern.slice(0, -1) : pattern;
    const matches = anchored ? path === body : path.startsWith(body);
    const allow = rule[1] === 'Allow';
    if (matches && (pattern.length > best.length || (pattern.length === best.length && allow))) {
      best = { length: pattern.length, allow };
    }
  }
  return best.allow;
}

describe('Syndication: robots.txt, sitemaps, feeds and link previews', () => {
  let app: TestApp;
  let forum: Forum;
  let author: BuiltMember;
  let authorRow: MemberRow;
  let base: string;
  const http = () => supertest(app.url);

  const fixtures = {} as {
    publicCategory: { id: string; slug: string };
    membersCategory: { id: string; slug: string };
    staffCategory: { id: string; slug: string };
    archivedCategory: { id: string; slug: string };
    escaped: string;
    plain: string;
    question: string;
    hidden: string;
    held: string;
    merged: string;
    removed: string;
    membersOnly: string;
    staffOnly: string;
    inArchived: string;
  };
  const escapedTitle = `Q&A <b>Tom & "Jerry"</b> ${unique()}`;

  const newThread = async (
    categoryId: string,
    overrides: { title?: string; body?: string; kind?: 'question' | 'discussion'; lang?: Locale } = {},
  ) => {
    const { thread } = await forum.threads.create(
      authorRow,
      {
        categoryId,
        title: overrides.title ?? `Thread ${unique()}`,
        body: overrides.body ?? 'The opening **post**.',
        kind: overrides.kind ?? 'discussion',
        tags: [],
        lang: overrides.lang ?? 'es',
      },
      { rateLimit: false },
    );
    return thread.id;
  };
  const setThread = (id: string, changes: Partial<typeof threads.$inferInsert>) =>
    app.db.update(threads).set(changes).where(eq(threads.id, id));

  before(async function () {
    this.timeout(60_000);
    app = await startTestApp({}, { sitemapPageSize: PAGE_SIZE });
    base = app.config.baseUrl;
    forum = createForum(
      quietDatabase(app.db),
      createMemberService(app.db),
      createDirectoryService(app.db),
      createLogger('silent'),
      { postLimits: { intervalSeconds: 0, newMemberIntervalSeconds: 0 } },
    );
    // An admin writes everywhere (the staff-only category included), with a second factor.
    author = await buildMember({ displayName: `Autora ${unique()}`, role: 'admin', secondFactor: true }, app);
    const row = await findMemberById(app.db, author.id);
    if (!row) throw new Error('no author');
    authorRow = { ...row, twoFactorEnabled: true };

    fixtures.publicCategory = await buildCategory({}, app);
    fixtures.membersCategory = await buildCategory({ readAccess: 'members' }, app);
    fixtures.staffCategory = await buildCategory({ readAccess: 'moderators' }, app);
    fixtures.archivedCategory = await buildCategory({}, app);
    const publicId = fixtures.publicCategory.id;

    fixtures.escaped = await newThread(publicId, { title: escapedTitle, body: 'Uses **bold** & <i>' });
    fixtures.plain = await newThread(publicId, { lang: 'pt' });
    fixtures.question = await newThread(publicId, {
      kind: 'question',
      title: `Which law first? ${unique()}`,
    });
    fixtures.hidden = await newThread(publicId);
    fixtures.held = await newThread(publicId);
    fixtures.merged = await newThread(publicId);
    fixtures.removed = await newThread(publicId);
    fixtures.membersOnly = await newThread(fixtures.membersCategory.id);
    fixtures.staffOnly = await newThread(fixtures.staffCategory.id);
    fixtures.inArchived = await newThread(fixtures.archivedCategory.id);

    await setThread(fixtures.hidden, { hiddenAt: new Date(), hiddenReason: 'moderator' });
    await setThread(fixtures.held, { hiddenAt: new Date(), hiddenReason: 'pending_review' });
    await setThread(fixtures.merged, { mergedIntoId: fixtures.plain });
    await setThread(fixtures.removed, { deletedAt: new Date() });
    await app.db
      .update(categories)
      .set({ archivedAt: new Date() })
      .where(eq(categories.id, fixtures.archivedCategory.id));
  });

  after(async function () {
    this.timeout(30_000);
    await app.dispose();
  });

  const listed = () => [fixtures.escaped, fixtures.plain, fixtures.question];
  const unlisted = () => [
    fixtures.hidden,
    fixtures.held,
    fixtures.merged,
    fixtures.removed,
    fixtures.membersOnly,
    fixtures.staffOnly,
    fixtures.inArchived,
  ];

  describe('GET /robots.txt', () => {
    it('opens the public pages, closes staff, account, sign-in and API paths, and names the sitemap', async () => {
      const res = await http().get('/robots.txt').expect(200);
      expect(res.headers['content-type']).to.match(/^text\/plain/);
      const robots = res.text;
      expect(robots).to.match(/^User-agent: \*$/m);
      expect(robots).to.include(`Sitemap: ${base}/sitemap.xml`);
      for (const path of [
        '/',
        '/latest',
        '/c/open-government',
        `/t/${fixtures.plain}`,
        `/t/${fixtures.plain}/preview.png`,
        '/moderation-log',
        '/members/someone',
        '/feeds/latest.atom',
        '/sitemaps/threads-1.xml',
      ]) {
        expect(robotsAllows(robots, path), `${path} allowed`).to.equal(true);
      }
      for (const path of [
        '/api/v1/session',
        '/admin/categories',
        '/moderation',
        '/moderation/items/1',
        '/moderation/audit',
        '/settings',
        '/settings/profile',
        '/messages',
        '/messages/new',
        '/notifications',
        '/notices',
        '/welcome',
        '/signin',
        '/register',
        '/verify-email',
        '/reset-password',
        '/confirm-email',
        '/auth/oidc/govbr',
      ]) {
        expect(robotsAllows(robots, path), `${path} disallowed`).to.equal(false);
      }
    });
  });

  describe('sitemaps', () => {
    it('indexes the categories’ sitemap and one sitemap per page of threads, each with its last change', async () => {
      const res = await http().get('/sitemap.xml').expect(200);
      expect(res.headers['content-type']).to.match(/^application\/xml/);
      const index = parseXml(res.text);
      expect(index.name).to.equal('sitemapindex');
      expect(index.attributes.xmlns).to.equal('http://www.sitemaps.org/schemas/sitemap/0.9');
      const sitemaps = childrenNamed(index, 'sitemap');
      const locs = sitemaps.map((s) => child(s, 'loc').text);
      const pages = Math.ceil(listed().length / PAGE_SIZE);
      expect(locs).to.deep.equal([
        `${base}/sitemaps/categories.xml`,
        ...Array.from({ length: pages }, (_, i) => `${base}/sitemaps/threads-${i + 1}.xml`),
      ]);
      for (const sitemap of sitemaps) expect(child(sitemap, 'lastmod').text).to.match(ISO_8601);
    });

    it('lists in its pages exactly the threads a visitor may read, each once, with its last change', async () => {
      const seen: string[] = [];
      for (let n = 1; n <= Math.ceil(listed().length / PAGE_SIZE); n += 1) {
        const res = await http().get(`/sitemaps/threads-${n}.xml`).expect(200);
        const urlset = parseXml(res.text);
        expect(urlset.name).to.equal('urlset');
        expect(urlset.attributes.xmlns).to.equal('http://www.sitemaps.org/schemas/sitemap/0.9');
        const urls = childrenNamed(urlset, 'url');
        expect(urls.length).to.be.at.most(PAGE_SIZE).and.at.least(1);
        for (const url of urls) {
          expect(child(url, 'lastmod').text).to.match(ISO_8601);
          seen.push(child(url, 'loc').text);
        }
      }
      expect([...seen].sort()).to.deep.equal(
        listed()
          .map((id) => `${base}/t/${id}`)
          .sort(),
      );
      for (const id of unlisted()) expect(seen).to.not.include(`${base}/t/${id}`);
    });

    it('gives a thread’s last activity as its last change', async () => {
      const reply = await forum.posts.reply(
        authorRow,
        fixtures.plain,
        { body: 'A reply' },
        { rateLimit: false },
      );
      await http().get('/sitemap.xml').expect(200);
      const pages = await Promise.all([1, 2].map((n) => http().get(`/sitemaps/threads-${n}.xml`)));
      const url = pages
        .flatMap((page) => childrenNamed(parseXml(page.text), 'url'))
        .find((u) => child(u, 'loc').text === `${base}/t/${fixtures.plain}`);
      expect(url).to.not.equal(undefined);
      expect(new Date(child(url as XmlElement, 'lastmod').text).getTime()).to.equal(
        reply.post.createdAt.getTime(),
      );
    });

    it('lists the home page, the latest threads and the categories a visitor may read', async () => {
      const res = await http().get('/sitemaps/categories.xml').expect(200);
      const urls = childrenNamed(parseXml(res.text), 'url');
      const locs = urls.map((u) => child(u, 'loc').text);
      expect(locs).to.include.members([
        `${base}/`,
        `${base}/latest`,
        `${base}/c/${fixtures.publicCategory.slug}`,
      ]);
      for (const hidden of [fixtures.membersCategory, fixtures.staffCategory, fixtures.archivedCategory]) {
        expect(locs).to.not.include(`${base}/c/${hidden.slug}`);
      }
      for (const url of urls) expect(child(url, 'lastmod').text).to.match(ISO_8601);
    });

    it('cuts the list in one pass for the index, and reads a page with one query', async () => {
      // The categories, and the cut (unless one made in the last minute is reused).
      const indexQueries = await countQueries(app.pool, () => http().get('/sitemap.xml').expect(200));
      expect(indexQueries).to.be.within(1, 2);
      const pageQueries = await countQueries(app.pool, () =>
        http().get('/sitemaps/threads-2.xml').expect(200),
      );
      expect(pageQueries).to.equal(1);
    });

    it('answers 404 past the last page and for names it does not serve', async () => {
      for (const path of [
        '/sitemaps/threads-99.xml',
        '/sitemaps/threads-0.xml',
        '/sitemaps/threads-x.xml',
        '/sitemaps/other.xml',
      ]) {
        await http().get(path).expect(404);
      }
    });
  });

  describe('Atom feeds', () => {
    it('lists the latest threads a visitor may read, escaped, with their opening post as HTML', async () => {
      const res = await http().get('/feeds/latest.atom?lang=en').expect(200);
      expect(res.headers['content-type']).to.match(/^application\/atom\+xml/);
      expect(res.headers.vary).to.match(/Accept-Language/);
      const entries = checkAtom(parseXml(res.text));
      const ids = entries.map((e) => child(e, 'id').text);
      expect([...ids].sort()).to.deep.equal(
        listed()
          .map((id) => `urn:uuid:${id}`)
          .sort(),
      );
      const escaped = entries.find((e) => child(e, 'id').text === `urn:uuid:${fixtures.escaped}`);
      if (!escaped) throw new Error('no entry for the escaped title');
      expect(child(escaped, 'title').text).to.equal(escapedTitle);
      expect(child(escaped, 'title').attributes['xml:lang']).to.equal('es');
      const content = child(escaped, 'content');
      expect(content.attributes['xml:lang']).to.equal('es');
      expect(content.text).to.include('<strong>bold</strong>');
      expect(content.text).to.not.include('<i>');
      expect(child(escaped, 'category').attributes.term).to.equal(fixtures.publicCategory.slug);
      const link = childrenNamed(escaped, 'link')[0];
      expect(link?.attributes.href).to.equal(`${base}/t/${fixtures.escaped}`);
      // Open data names no member.
      expect(res.text).to.not.include(author.displayName);
      expect(res.text).to.not.include(author.handle);
    });

    it('serves a category a visitor may read, and 404 for the others', async () => {
      const res = await http().get(`/feeds/c/${fixtures.publicCategory.slug}.atom`).expect(200);
      const entries = checkAtom(parseXml(res.text));
      expect(entries.map((e) => child(e, 'id').text).sort()).to.deep.equal(
        listed()
          .map((id) => `urn:uuid:${id}`)
          .sort(),
      );
      for (const category of [fixtures.membersCategory, fixtures.staffCategory]) {
        await http().get(`/feeds/c/${category.slug}.atom`).expect(404);
      }
      await http().get('/feeds/c/no-such-category.atom').expect(404);
      await http().get('/feeds/c/Bad_Slug.atom').expect(404);
    });

    it('serves a thread’s published posts, newest first, and 404 for a thread a visitor may not read', async () => {
      const visible = await forum.posts.reply(
        authorRow,
        fixtures.question,
        { body: 'Visible *answer*' },
        { rateLimit: false },
      );
      const hiddenReply = await forum.posts.reply(
        authorRow,
        fixtures.question,
        { body: 'Hidden reply' },
        { rateLimit: false },
      );
      await app.db
        .update(posts)
        .set({ hiddenAt: new Date(), hiddenReason: 'flags' })
        .where(eq(posts.id, hiddenReply.post.id));
      const res = await http().get(`/feeds/t/${fixtures.question}.atom`).expect(200);
      const feed = parseXml(res.text);
      const entries = checkAtom(feed);
      // The reply, then the opening post (titled as the thread); the hidden reply is left out.
      expect(entries).to.have.length(2);
      const [reply, opening] = entries as [XmlElement, XmlElement];
      expect(child(reply, 'id').text).to.equal(`urn:uuid:${visible.post.id}`);
      expect(child(reply, 'content').text).to.include('<em>answer</em>');
      expect(child(reply, 'link').attributes.href).to.equal(
        `${base}/t/${fixtures.question}#post-${visible.post.id}`,
      );
      expect(child(opening, 'title').text).to.match(/^Which law first\?/);
      expect(res.text).to.not.include('Hidden reply');
      expect(
        childrenNamed(feed, 'link').find((l) => l.attributes.rel === 'alternate')?.attributes.href,
      ).to.equal(`${base}/t/${fixtures.question}`);

      for (const id of [
        fixtures.hidden,
        fixtures.held,
        fixtures.removed,
        fixtures.membersOnly,
        fixtures.staffOnly,
      ]) {
        await http().get(`/feeds/t/${id}.atom`).expect(404);
      }
      await http().get('/feeds/t/00000000-0000-4000-8000-000000000000.atom').expect(404);
      await http().get('/feeds/t/not-a-thread.atom').expect(404);
    });

    it('leads a merged thread’s feed to the thread it was merged into', async () => {
      const res = await http().get(`/feeds/t/${fixtures.merged}.atom`).expect(301);
      expect(res.headers.location).to.equal(`/feeds/t/${fixtures.plain}.atom`);
    });

    describe('in the reader’s language', () => {
      const resources = loadResources();
      const expectedTitle = (locale: Locale) =>
        (
          resources[locale].syndication as { feeds: { latest: { title: string } } }
        ).feeds.latest.title.replace('{{site}}', 'Ágora');
      const tag = (locale: Locale) => (locale === 'pt' ? 'pt-BR' : locale);

      for (const locale of LOCALES) {
        it(`is titled in ${locale} when ?lang=${locale} asks`, async () => {
          const res = await http()
            .get(`/feeds/latest.atom?lang=${locale}`)
            .set('Accept-Language', 'de')
            .expect(200);
          const feed = parseXml(res.text);
          expect(child(feed, 'title').text).to.equal(expectedTitle(locale));
          expect(feed.attributes['xml:lang']).to.equal(tag(locale));
        });

        it(`is titled in ${locale} when Accept-Language prefers it`, async () => {
          const res = await http()
            .get('/feeds/latest.atom')
            .set('Accept-Language', `${locale};q=0.9, de;q=1`)
            .expect(200);
          expect(child(parseXml(res.text), 'title').text).to.equal(expectedTitle(locale));
        });
      }

      it('prefers ?lang over Accept-Language, and ignores a language it does not have', async () => {
        const chosen = await http()
          .get('/feeds/latest.atom?lang=fr')
          .set('Accept-Language', 'pt')
          .expect(200);
        expect(child(parseXml(chosen.text), 'title').text).to.equal(expectedTitle('fr'));
        const unknown = await http()
          .get('/feeds/latest.atom?lang=de')
          .set('Accept-Language', 'pt')
          .expect(200);
        expect(child(parseXml(unknown.text), 'title').text).to.equal(expectedTitle('pt'));
      });

      it('titles a thread’s replies in the reader’s language', async () => {
        const res = await http().get(`/feeds/t/${fixtures.question}.atom?lang=fr`).expect(200);
        const titles = childrenNamed(parseXml(res.text), 'entry').map((e) => child(e, 'title').text);
        expect(titles[0]).to.match(/^Message n° \d+ dans « Which law first\?/);
      });
    });
  });

  describe('GET /t/:id/preview.png', () => {
    const png = async (id: string) => {
      const res = await http()
        .get(`/t/${id}/preview.png`)
        .buffer(true)
        .parse((response, done) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      return { res, body: res.body as Buffer };
    };

    it('draws a 1200×630 PNG, cached by browsers and revalidated by its tag', async () => {
      const { res, body } = await png(fixtures.escaped);
      expect(res.headers['content-type']).to.equal('image/png');
      expect(
        body.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
      ).to.equal(true);
      const meta = await sharp(body).metadata();
      expect({ format: meta.format, width: meta.width, height: meta.height }).to.deep.equal({
        format: 'png',
        width: 1200,
        height: 630,
      });
      expect(res.headers['cache-control']).to.match(/^public, max-age=\d+/);
      expect(res.headers.etag).to.be.a('string');
      await http()
        .get(`/t/${fixtures.escaped}/preview.png`)
        .set('If-None-Match', res.headers.etag as string)
        .expect(304);
    });

    it('draws anew when the title changes or an answer is accepted', async () => {
      const first = await png(fixtures.question);
      await forum.threads.update(authorRow, fixtures.question, {
        title: `Which law first? Renamed ${unique()}`,
      });
      const renamed = await png(fixtures.question);
      expect(renamed.res.headers.etag).to.not.equal(first.res.headers.etag);
      expect(renamed.body.equals(first.body)).to.equal(false);

      const answer = await forum.posts.reply(
        authorRow,
        fixtures.question,
        { body: 'This one' },
        { rateLimit: false },
      );
      await forum.threads.accept(authorRow, fixtures.question, answer.post.id);
      const answered = await png(fixtures.question);
      expect(answered.res.headers.etag).to.not.equal(renamed.res.headers.etag);
      expect(answered.body.equals(renamed.body)).to.equal(false);
    });

    it('answers 404 for a thread a visitor may not read', async () => {
      for (const id of [
        fixtures.hidden,
        fixtures.held,
        fixtures.removed,
        fixtures.membersOnly,
        fixtures.staffOnly,
      ]) {
        await http().get(`/t/${id}/preview.png`).expect(404);
      }
      await http().get('/t/00000000-0000-4000-8000-000000000000/preview.png').expect(404);
      await http().get('/t/not-a-thread/preview.png').expect(404);
    });
  });
});
