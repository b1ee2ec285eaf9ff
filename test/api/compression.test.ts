/**
 * Text goes over the wire compressed: the built client's files as the build compressed them (brotli
 * or gzip, whichever the browser takes), pages and API answers over a kilobyte on the fly; browsers
 * that ask for nothing get the plain bytes.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { clientDistDir } from '@server/http/client';
import { builtMainScript } from '../helpers/built-client';
import { getTestApp, type TestApp } from '../helpers/app';
import { buildCategory, buildThread, buildMember } from '../helpers/factories';

interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A GET that keeps the bytes as sent (no client-side decompression). */
function rawGet(url: string, acceptEncoding?: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      url,
      { headers: acceptEncoding ? { 'Accept-Encoding': acceptEncoding } : {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
  });
}

/** The body as the browser reads it, after undoing the declared encoding. */
function decoded(answer: RawAnswer): Buffer {
  switch (answer.headers['content-encoding']) {
    case 'br':
      return zlib.brotliDecompressSync(answer.body);
    case 'gzip':
      return zlib.gunzipSync(answer.body);
    case undefined:
      return answer.body;
    default:
      throw new Error(`unexpected encoding ${answer.headers['content-encoding']}`);
  }
}

describe('compressed responses', () => {
  let app: TestApp;
  let mainScript: string;

  before(async function () {
    this.timeout(300_000);
    mainScript = await builtMainScript();
    app = await getTestApp();
  });

  it('serves a built script as the build compressed it, brotli first, gzip next, plain otherwise', async () => {
    const original = readFileSync(path.join(clientDistDir(), mainScript));
    const br = await rawGet(`${app.url}${mainScript}`, 'gzip, deflate, br');
    expect(br.status).to.equal(200);
    expect(br.headers['content-encoding']).to.equal('br');
    expect(br.headers['content-type']).to.match(/javascript/);
    expect(br.headers.vary).to.match(/Accept-Encoding/i);
    expect(br.headers['cache-control']).to.contain('immutable');
    expect(br.body.length).to.be.lessThan(original.length / 2);
    expect(decoded(br).equals(original)).to.equal(true);
    // The file written at build, not compressed again per request.
    const written = readFileSync(path.join(clientDistDir(), `${mainScript}.br`));
    expect(br.body.equals(written)).to.equal(true);

    const gz = await rawGet(`${app.url}${mainScript}`, 'gzip');
    expect(gz.headers['content-encoding']).to.equal('gzip');
    expect(decoded(gz).equals(original)).to.equal(true);

    const plain = await rawGet(`${app.url}${mainScript}`);
    expect(plain.headers['content-encoding']).to.equal(undefined);
    expect(plain.body.equals(original)).to.equal(true);
  });

  it('never serves a precompressed file outside the client directory', async () => {
    const res = await rawGet(`${app.url}/assets/..%2f..%2fpackage.json`, 'br');
    expect(res.status).to.be.oneOf([400, 404]);
    expect(res.body.toString('utf8')).not.to.contain('"dependencies"');
  });

  it('compresses API answers over a kilobyte on the fly, and leaves small ones plain', async () => {
    const author = await buildMember();
    const category = await buildCategory();
    for (let i = 0; i < 6; i += 1) {
      await buildThread(author, { categoryId: category.id, title: `A thread long enough to weigh ${i}` });
    }
    const list = await rawGet(`${app.url}/api/v1/threads?limit=50`, 'br, gzip');
    expect(list.status).to.equal(200);
    const json = decoded(list);
    expect(json.length).to.be.greaterThan(1024);
    expect(list.headers['content-encoding']).to.equal('br');
    expect((JSON.parse(json.toString('utf8')) as { items: unknown[] }).items.length).to.be.greaterThan(5);

    const gz = await rawGet(`${app.url}/api/v1/threads?limit=50`, 'gzip');
    expect(gz.headers['content-encoding']).to.equal('gzip');
    expect(decoded(gz).equals(json)).to.equal(true);

    const small = await rawGet(`${app.url}/api/v1/session`, 'br, gzip');
    expect(small.status).to.equal(200);
    expect(small.body.length).to.be.lessThan(1024);
    expect(small.headers['content-encoding']).to.equal(undefined);
  });
});
