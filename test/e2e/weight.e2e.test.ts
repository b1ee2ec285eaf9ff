import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { clientDistDir } from '@server/http/client';
import { builtMainScript } from '../helpers/built-client';
import { getTestApp, type TestApp } from '../helpers/app';
import { withBrowser } from '../helpers/browser';
import { text } from '../helpers/copy';
import { buildMember, buildThread } from '../helpers/factories';
import { ApiClient } from '../helpers/http';

/** The served path of the chunk that holds socket.io-client, read from the build's manifest. */
function socketClientChunk(): string {
  const manifest = JSON.parse(
    readFileSync(path.join(clientDistDir(), '.vite', 'manifest.json'), 'utf8'),
  ) as Record<string, { file: string; src?: string }>;
  const chunk = Object.values(manifest).find((c) => c.src?.includes('node_modules/socket.io-client/'));
  if (!chunk) throw new Error('the manifest has no socket.io-client chunk: is it bundled into another one?');
  return `/${chunk.file}`;
}

/** Waits until `done()` holds, checking every 100 ms, for at most `ms`. */
async function until(done: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`not done within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('web client: what a visitor downloads', function () {
  const browser = withBrowser(this);
  let app: TestApp;
  let context: BrowserContext | undefined;

  before(async function () {
    this.timeout(300_000);
    await builtMainScript();
    app = await getTestApp();
  });
  afterEach(async () => {
    await context?.close();
  });

  it('reads the home page without the Socket.IO client or a socket; a thread page loads it and shows a reply live', async function () {
    this.timeout(60_000);
    const author = await buildMember({ locale: 'es' });
    const thread = await buildThread(author, { lang: 'es' });
    const chunk = socketClientChunk();
    context = await browser().newContext({ locale: 'es-ES', baseURL: app.url });
    const page = await context.newPage();
    const requested: string[] = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));

    await page.goto('/');
    await page.waitForLoadState('networkidle');
    expect(requested).not.to.include(chunk);
    expect(requested.filter((p) => p.startsWith('/socket.io/'))).to.deep.equal([]);

    await page.goto(`/t/${thread.id}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.waitForFunction(() => document.querySelector('h1') !== null);
    await until(() => requested.some((p) => p.startsWith('/socket.io/')));
    expect(requested).to.include(chunk);

    const replier = new ApiClient(app.url);
    await replier.signIn(author.email, author.password);
    const reply = await replier.send('post', `/api/v1/threads/${thread.id}/posts`, {
      body: 'Llega sin recargar.',
    });
    expect(reply.status, reply.text).to.equal(201);
    const banner = page.getByRole('button', {
      name: text('es', 'forum:thread.newReplies_one', { count: '1' }),
    });
    await banner.waitFor({ timeout: 10_000 });
    await banner.click();
    await page.getByText('Llega sin recargar.').waitFor();
  });
});
