import { expect } from 'chai';
import { eq } from 'drizzle-orm';
import { categories } from '@server/db/schema';
import { createCategoryService } from '@server/forum/category.service';
import { getTestApp, type TestApp } from '../helpers/app';
import { buildMember, unique } from '../helpers/factories';
import { ApiClient } from '../helpers/http';
import { enrolTwoFactor } from '../helpers/totp';

describe('GET /api/v1/categories', () => {
  let app: TestApp;
  let fullSlug: string;
  let partialSlug: string;
  let archivedSlug: string;

  before(async () => {
    app = await getTestApp();
    const service = createCategoryService(app.db);
    fullSlug = `transparencia-${unique()}`;
    partialSlug = `solo-espanol-${unique()}`;
    archivedSlug = `archivada-${unique()}`;
    await service.create({
      slug: fullSlug,
      position: 1,
      defaultLocale: 'es',
      translations: [
        { locale: 'es', name: 'Transparencia', description: 'Acceso a la información' },
        { locale: 'pt', name: 'Transparência', description: 'Acesso à informação' },
        { locale: 'en', name: 'Transparency', description: 'Access to information' },
        { locale: 'fr', name: 'Transparence', description: "Accès à l'information" },
      ],
    });
    await service.create({
      slug: partialSlug,
      position: 2,
      defaultLocale: 'es',
      translations: [{ locale: 'es', name: 'Sólo en español', description: 'Sin traducción todavía' }],
    });
    await service.create({
      slug: archivedSlug,
      position: 3,
      defaultLocale: 'es',
      translations: [{ locale: 'es', name: 'Archivada', description: '' }],
    });
    await app.db.update(categories).set({ archivedAt: new Date() }).where(eq(categories.slug, archivedSlug));
  });

  const expected = {
    es: 'Transparencia',
    pt: 'Transparência',
    en: 'Transparency',
    fr: 'Transparence',
  } as const;

  for (const [lang, name] of Object.entries(expected)) {
    it(`names categories in ${lang}`, async () => {
      const res = await new ApiClient(app.url, undefined, lang).get('/api/v1/categories').expect(200);
      const category = res.body.items.find((c: { slug: string }) => c.slug === fullSlug);
      expect(category).to.include({ name, lang });
    });
  }

  it('falls back to the category’s default language when a translation is missing', async () => {
    const res = await new ApiClient(app.url, undefined, 'fr').get('/api/v1/categories').expect(200);
    const category = res.body.items.find((c: { slug: string }) => c.slug === partialSlug);
    expect(category).to.include({ name: 'Sólo en español', lang: 'es' });
  });

  it('lists categories in their order and leaves archived ones out', async () => {
    const res = await new ApiClient(app.url).get('/api/v1/categories').expect(200);
    const slugs: string[] = res.body.items.map((c: { slug: string }) => c.slug);
    expect(slugs.indexOf(fullSlug)).to.be.lessThan(slugs.indexOf(partialSlug));
    expect(slugs).not.to.include(archivedSlug);
  });
});

describe('category administration', () => {
  let app: TestApp;
  let admin: ApiClient;
  let member: ApiClient;
  let moderator: ApiClient;

  const names = {
    es: { name: 'Justicia abierta', description: 'Tribunales y datos judiciales' },
    pt: { name: 'Justiça aberta', description: 'Tribunais e dados judiciais' },
    en: { name: 'Open justice', description: 'Courts and judicial data' },
    fr: { name: 'Justice ouverte', description: 'Tribunaux et données judiciaires' },
  };

  async function as(role: 'admin' | 'moderator' | 'member'): Promise<ApiClient> {
    const built = await buildMember({ role });
    const client = new ApiClient(app.url, undefined, 'en');
    await client.signIn(built.email, built.password);
    // Staff tools need a second factor.
    if (role !== 'member') await enrolTwoFactor(client);
    return client;
  }

  async function created(translations: object = names): Promise<{ id: string; slug: string }> {
    const slug = `cat-${unique()}`;
    const res = await admin.send('post', '/api/v1/categories', { slug, translations });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return { id: res.body.category.id as string, slug };
  }

  before(async () => {
    app = await getTestApp();
    [admin, member, moderator] = await Promise.all([as('admin'), as('member'), as('moderator')]);
  });

  describe('POST /api/v1/categories', () => {
    const body = () => ({ slug: `cat-${unique()}`, translations: { es: names.es } });

    it('refuses an admin without a second factor (403 second_factor_required) on every category tool', async () => {
      const built = await buildMember({ role: 'admin' });
      const unenrolled = new ApiClient(app.url, undefined, 'en');
      await unenrolled.signIn(built.email, built.password);
      const { id } = await created();
      const answers = [
        await unenrolled.send('post', '/api/v1/categories', body()),
        await unenrolled.send('patch', `/api/v1/categories/${id}`, { archived: true }),
        await unenrolled.get('/api/v1/admin/categories'),
      ];
      for (const res of answers) {
        expect(res.status, JSON.stringify(res.body)).to.equal(403);
        expect(res.body.error.code).to.equal('second_factor_required');
      }
      const { rows } = await app.pool.query('select archived_at from categories where id = $1', [id]);
      expect(rows[0].archived_at).to.equal(null);
    });

    it('refuses visitors (401), members and moderators (403), and creates nothing', async () => {
      const attempt = body();
      expect((await new ApiClient(app.url).send('post', '/api/v1/categories', attempt)).status).to.equal(401);
      const refused = await member.send('post', '/api/v1/categories', attempt);
      expect(refused.status).to.equal(403);
      expect(refused.body.error.code).to.equal('forbidden');
      expect((await moderator.send('post', '/api/v1/categories', attempt)).status).to.equal(403);
      const { rows } = await app.pool.query('select 1 from categories where slug = $1', [attempt.slug]);
      expect(rows).to.have.length(0);
    });

    it('refuses bad slugs, missing names, unknown languages and a default language without a name (400)', async () => {
      const bad = [
        { slug: 'Not A Slug', translations: { es: names.es } },
        { slug: `cat-${unique()}`, translations: {} },
        { slug: `cat-${unique()}`, translations: { es: { name: '' } } },
        { slug: `cat-${unique()}`, translations: { de: { name: 'Offene Justiz' } } },
        { slug: `cat-${unique()}`, defaultLocale: 'fr', translations: { es: names.es } },
        { slug: `cat-${unique()}`, translations: { es: { name: 'x'.repeat(81) } } },
        { slug: `cat-${unique()}`, translations: { es: names.es }, position: -1 },
        { slug: `cat-${unique()}`, translations: { es: names.es }, readAccess: 'everyone' },
      ];
      for (const attempt of bad) {
        const res = await admin.send('post', '/api/v1/categories', attempt);
        expect(res.status, JSON.stringify(attempt)).to.equal(400);
        expect(res.body.error.code).to.equal('validation_failed');
      }
    });

    it('creates a category named in four languages; a taken slug is 409', async () => {
      const { id, slug } = await created();
      for (const [lang, text] of Object.entries(names)) {
        const res = await new ApiClient(app.url, undefined, lang)
          .get(`/api/v1/categories/${slug}`)
          .expect(200);
        expect(res.body.category).to.include({ id, lang, name: text.name, description: text.description });
      }
      const again = await admin.send('post', '/api/v1/categories', { slug, translations: { es: names.es } });
      expect(again.status).to.equal(409);
      expect(again.body.error.code).to.equal('category_slug_taken');
    });

    it('falls back to the default language for names it was not given', async () => {
      const slug = `cat-${unique()}`;
      const res = await admin.send('post', '/api/v1/categories', {
        slug: `${slug}-x`,
        defaultLocale: 'fr',
        translations: { fr: names.fr },
      });
      expect(res.status).to.equal(201);
      const read = await new ApiClient(app.url, undefined, 'pt')
        .get(`/api/v1/categories/${slug}-x`)
        .expect(200);
      expect(read.body.category).to.include({ name: names.fr.name, lang: 'fr' });
    });
  });

  describe('GET /api/v1/admin/categories', () => {
    it('refuses visitors (401), members and moderators (403)', async () => {
      expect((await new ApiClient(app.url).get('/api/v1/admin/categories')).status).to.equal(401);
      expect((await member.get('/api/v1/admin/categories')).status).to.equal(403);
      expect((await moderator.get('/api/v1/admin/categories')).status).to.equal(403);
    });

    it('lists every category with its text in every language it has, archived ones included', async () => {
      const full = await created();
      const partial = await created({ es: names.es });
      await admin.send('patch', `/api/v1/categories/${partial.id}`, { archived: true });
      const res = await admin.get('/api/v1/admin/categories').expect(200);
      const items = res.body.items as {
        id: string;
        defaultLocale: string;
        archived: boolean;
        translations: object;
      }[];
      const fullItem = items.find((c) => c.id === full.id);
      expect(fullItem).to.deep.include({ defaultLocale: 'es', archived: false, translations: names });
      const partialItem = items.find((c) => c.id === partial.id);
      expect(partialItem).to.deep.include({ archived: true, translations: { es: names.es } });
    });
  });

  describe('PATCH /api/v1/categories/:id', () => {
    it('refuses visitors (401), members and moderators (403), unknown ids (404)', async () => {
      const { id } = await created();
      const change = { archived: true };
      expect(
        (await new ApiClient(app.url).send('patch', `/api/v1/categories/${id}`, change)).status,
      ).to.equal(401);
      expect((await member.send('patch', `/api/v1/categories/${id}`, change)).status).to.equal(403);
      expect((await moderator.send('patch', `/api/v1/categories/${id}`, change)).status).to.equal(403);
      expect(
        (await admin.send('patch', '/api/v1/categories/00000000-0000-4000-8000-000000000000', change)).status,
      ).to.equal(404);
      const { rows } = await app.pool.query('select archived_at from categories where id = $1', [id]);
      expect(rows[0].archived_at).to.equal(null);
    });

    it('refuses empty changes, bad values and a default language the category has no name in (400)', async () => {
      const { id, slug } = await created({ es: names.es, pt: names.pt });
      for (const attempt of [
        {},
        { position: 'first' },
        { archived: 'yes' },
        { translations: { es: { name: '' } } },
      ]) {
        const res = await admin.send('patch', `/api/v1/categories/${id}`, attempt);
        expect(res.status, JSON.stringify(attempt)).to.equal(400);
      }
      const res = await admin.send('patch', `/api/v1/categories/${id}`, { defaultLocale: 'en' });
      expect(res.status).to.equal(400);
      expect(res.body.error.fields.defaultLocale.code).to.equal('invalid_value');
      const { rows } = await app.pool.query('select default_locale from categories where id = $1', [id]);
      expect(rows[0].default_locale).to.equal('es');
      const allowed = await admin.send('patch', `/api/v1/categories/${id}`, { defaultLocale: 'pt' });
      expect(allowed.status).to.equal(200);
      const withName = await admin.send('patch', `/api/v1/categories/${id}`, {
        defaultLocale: 'en',
        translations: { en: names.en },
      });
      expect(withName.status).to.equal(200);
      const read = await new ApiClient(app.url, undefined, 'fr')
        .get(`/api/v1/categories/${slug}`)
        .expect(200);
      expect(read.body.category).to.include({ name: names.en.name, lang: 'en' });
    });

    it('edits names and descriptions in four languages', async () => {
      const { id, slug } = await created({ es: names.es });
      const edited = {
        es: { name: 'Justicia abierta y datos', description: 'Nueva descripción' },
        pt: { name: 'Justiça aberta e dados', description: 'Nova descrição' },
        en: { name: 'Open justice and data', description: 'New description' },
        fr: { name: 'Justice ouverte et données', description: 'Nouvelle description' },
      };
      const res = await admin.send('patch', `/api/v1/categories/${id}`, { translations: edited });
      expect(res.status).to.equal(200);
      for (const [lang, text] of Object.entries(edited)) {
        const read = await new ApiClient(app.url, undefined, lang)
          .get(`/api/v1/categories/${slug}`)
          .expect(200);
        expect(read.body.category).to.include({ lang, name: text.name, description: text.description });
      }
    });

    it('reorders categories', async () => {
      const first = await created();
      const second = await created();
      await admin.send('patch', `/api/v1/categories/${first.id}`, { position: 9001 }).then((r) => {
        expect(r.status).to.equal(200);
      });
      await admin.send('patch', `/api/v1/categories/${second.id}`, { position: 9000 }).then((r) => {
        expect(r.status).to.equal(200);
      });
      const slugs = (await new ApiClient(app.url).get('/api/v1/categories').expect(200)).body.items.map(
        (c: { slug: string }) => c.slug,
      ) as string[];
      expect(slugs.indexOf(second.slug)).to.be.lessThan(slugs.indexOf(first.slug));
    });

    it('archives and restores a category: gone from lists, still listed to admins who ask', async () => {
      const { id, slug } = await created();
      const archived = await admin.send('patch', `/api/v1/categories/${id}`, { archived: true });
      expect(archived.status).to.equal(200);
      expect(archived.body.category.archived).to.equal(true);
      const publicSlugs = (await new ApiClient(app.url).get('/api/v1/categories').expect(200)).body.items.map(
        (c: { slug: string }) => c.slug,
      );
      expect(publicSlugs).not.to.include(slug);
      const adminList = await admin.get('/api/v1/categories?archived=true').expect(200);
      expect(adminList.body.items.map((c: { slug: string }) => c.slug)).to.include(slug);
      const memberList = await member.get('/api/v1/categories?archived=true').expect(200);
      expect(memberList.body.items.map((c: { slug: string }) => c.slug)).not.to.include(slug);
      const restored = await admin.send('patch', `/api/v1/categories/${id}`, { archived: false });
      expect(restored.body.category.archived).to.equal(false);
      const again = (await new ApiClient(app.url).get('/api/v1/categories').expect(200)).body.items.map(
        (c: { slug: string }) => c.slug,
      );
      expect(again).to.include(slug);
    });
  });
});
