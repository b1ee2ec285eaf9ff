import { existsSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import sharp from 'sharp';
import { CSRF_HEADER, LIMITS } from '@shared/constants';
import { getTestApp, type TestApp } from '../helpers/app';
import { buildMember } from '../helpers/factories';
import { ApiClient } from '../helpers/http';

/** A real image of the given format and size, made with the same library the server decodes with. */
function image(format: 'png' | 'jpeg' | 'webp' | 'gif', width = 600, height = 400): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 20, g: 120, b: 200 } } })
    .toFormat(format)
    .toBuffer();
}

describe('PUT /api/v1/me/avatar', () => {
  let app: TestApp;
  let client: ApiClient;

  before(async () => {
    app = await getTestApp();
    const member = await buildMember();
    client = new ApiClient(app.url);
    await client.signIn(member.email, member.password);
  });

  async function upload(data: Buffer, type: string, who = client) {
    if (!who.csrfToken) await who.session();
    return who.agent
      .put('/api/v1/me/avatar')
      .set('X-Forwarded-For', who.ip)
      .set(CSRF_HEADER, who.csrfToken ?? '')
      .set('Content-Type', type)
      .send(data);
  }

  it('refuses anonymous visitors with 401', async () => {
    const res = await upload(await image('png'), 'image/png', new ApiClient(app.url));
    expect(res.status).to.equal(401);
  });

  for (const format of ['png', 'jpeg', 'webp'] as const) {
    it(`accepts a ${format.toUpperCase()}, re-encodes it as a square WebP and serves it`, async () => {
      const res = await upload(await image(format), `image/${format}`);
      expect(res.status).to.equal(200);
      const url: string = res.body.profile.avatarUrl;
      expect(url).to.match(/^\/media\/avatars\/[a-f0-9]{32}\.webp$/);
      const served = await client
        .get(url)
        .buffer(true)
        .parse((r, done) => {
          const chunks: Buffer[] = [];
          r.on('data', (chunk: Buffer) => chunks.push(chunk));
          r.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expect(served.status).to.equal(200);
      expect(served.headers['content-type']).to.equal('image/webp');
      expect(served.headers['x-content-type-options']).to.equal('nosniff');
      const metadata = await sharp(served.body as Buffer).metadata();
      expect(metadata).to.include({ format: 'webp', width: 320, height: 320 });
    });
  }

  it('removes the previous file when the avatar is replaced or removed', async () => {
    const first = (await upload(await image('png'), 'image/png')).body.profile.avatarUrl as string;
    const second = (await upload(await image('jpeg'), 'image/jpeg')).body.profile.avatarUrl as string;
    const fileOf = (url: string) => path.join(app.config.dataDir, 'avatars', path.basename(url));
    expect(existsSync(fileOf(first))).to.equal(false);
    expect(existsSync(fileOf(second))).to.equal(true);
    await client.get(first).expect(404);
    const removed = await client.send('delete', '/api/v1/me/avatar');
    expect(removed.body.profile.avatarUrl).to.equal(null);
    expect(existsSync(fileOf(second))).to.equal(false);
  });

  it('refuses a wrong type (GIF, SVG, text) with 415', async () => {
    for (const [data, type] of [
      [await image('gif'), 'image/png'],
      [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'image/png'],
      [Buffer.from('just some text'), 'application/octet-stream'],
      [Buffer.alloc(0), 'image/png'],
    ] as const) {
      const res = await upload(data, type);
      expect(res.status).to.equal(415);
      expect(res.body.error.code).to.equal('avatar_invalid');
    }
  });

  it('refuses a disguised file: HTML with a PNG signature, or a truncated image', async () => {
    const html = Buffer.from(
      '<!doctype html><html><body><script>alert(document.cookie)</script></body></html>',
    );
    const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    for (const data of [html, Buffer.concat([pngSignature, html]), (await image('png')).subarray(0, 60)]) {
      const res = await upload(data, 'image/png');
      expect(res.status).to.equal(415);
    }
    const jpegAsPng = await upload(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), html]), 'image/png');
    expect(jpegAsPng.status).to.equal(415);
  });

  it('refuses files over 2 MB with 413', async () => {
    const big = Buffer.concat([await image('png'), Buffer.alloc(LIMITS.avatarBytesMax)]);
    const res = await upload(big, 'image/png');
    expect(res.status).to.equal(413);
    expect(res.body.error.code).to.equal('payload_too_large');
  });

  it('answers unknown avatar names with 404', async () => {
    await client.get(`/media/avatars/${'0'.repeat(32)}.webp`).expect(404);
    await client.get('/media/avatars/..%2F..%2Fetc%2Fpasswd').expect(404);
  });
});
