import { expect } from 'chai';
import type { BrowserContext } from 'playwright-core';
import { getTestApp, type TestApp } from '../helpers/app';
import { expectNoSeriousA11yViolations, withBrowser } from '../helpers/browser';
import { buildCategory, buildMember } from '../helpers/factories';
import { ApiClient } from '../helpers/http';

describe('web client: notifications', function () {
  const browser = withBrowser(this);
  let app: TestApp;
  let context: BrowserContext | undefined;

  before(async () => {
    app = await getTestApp();
  });
  after(async () => {
    await context?.close();
  });

  it('shows a mention live in the header badge, lists it and saves preferences, in Spanish', async function () {
    this.timeout(120_000);
    const ana = await buildMember({ locale: 'es', displayName: 'Ana Torres' });
    const beto = await buildMember({ locale: 'es', displayName: 'Beto Ruiz' });
    const category = await buildCategory();

    context = await browser().newContext({ locale: 'es-ES', baseURL: app.url });
    const page = await context.newPage();
    await page.goto('/signin');
    await page.getByLabel('Correo electrónico').fill(beto.email);
    await page.getByLabel('Contraseña').fill(beto.password);
    await page.getByRole('button', { name: 'Iniciar sesión' }).click();
    await page.waitForURL(`${app.url}/`);
    await page.getByRole('link', { name: /^Notificaciones/ }).waitFor();

    // Another member mentions Beto; the badge appears without reloading.
    const client = new ApiClient(app.url);
    await client.signIn(ana.email, ana.password);
    const res = await client.send('post', '/api/v1/threads', {
      categoryId: category.id,
      kind: 'discussion',
      title: 'Presupuestos participativos en municipios',
      body: `@${beto.handle}, ¿puedes compartir la experiencia de tu ciudad?`,
    });
    expect(res.status).to.equal(201);
    await page.getByTestId('notification-badge').waitFor();
    expect(await page.getByTestId('notification-badge').innerText()).to.contain('1');
    await expectNoSeriousA11yViolations(page);

    await page.getByRole('link', { name: /^Notificaciones/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Notificaciones' }).waitFor();
    await page.getByText('Ana Torres te mencionó en «Presupuestos participativos en municipios»').waitFor();
    await expectNoSeriousA11yViolations(page);

    await page.getByLabel('Respuestas en hilos que sigo').selectOption('off');
    await page.getByLabel('Frecuencia del resumen').selectOption('weekly');
    await page.getByLabel('Zona horaria').selectOption('America/Lima');
    await page.getByRole('button', { name: 'Guardar preferencias' }).click();
    await page.getByText('Preferencias guardadas.').waitFor();
    const saved = await page.evaluate(async () => {
      const res = await fetch('/api/v1/notifications/preferences');
      return (await res.json()) as { digest: string; timeZone: string; kinds: Record<string, string> };
    });
    expect(saved).to.deep.include({ digest: 'weekly', timeZone: 'America/Lima' });
    expect(saved.kinds.reply_in_followed).to.equal('off');
    await page.getByRole('button', { name: 'Marcar todo como leído' }).click();
    await page.getByTestId('notification-badge').waitFor({ state: 'detached' });
    await expectNoSeriousA11yViolations(page);
  });
});
