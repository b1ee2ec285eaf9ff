import { expect } from 'chai';
import { eq } from 'drizzle-orm';
import { categories } from '@server/db/schema';
import { createCategoryService } from '@server/forum/category.service';
import { getTestApp, type TestApp } from '../helpers/app';
import { unique } from '../helpers/factories';
import { ApiClient } from '../helpers/http';

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
