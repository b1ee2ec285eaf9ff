import { expect } from 'chai';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { clientDistDir, projectRoot } from '@server/http/client';
import { builtMainScript } from '../helpers/built-client';
import { getTestApp, type TestApp } from '../helpers/app';
import { ApiClient } from '../helpers/http';

describe('the built client serves no source maps', () => {
  let app: TestApp;
  let mainScript: string;

  before(async function () {
    this.timeout(300_000);
    mainScript = await builtMainScript();
    app = await getTestApp();
  });

  it('GET /assets/<main>.js.map is a 404 and the script names no map', async () => {
    const client = new ApiClient(app.url);
    const script = await client.get(mainScript).expect(200);
    expect(script.text).to.have.length.greaterThan(1000);
    expect(script.text).not.to.contain('sourceMappingURL');
    expect(script.headers).not.to.have.property('sourcemap');
    const map = await client.get(`${mainScript}.map`);
    expect(map.status).to.equal(404);
    expect(map.text).not.to.contain('"mappings"');
  });

  it('no served file is a map or links one; the maps are kept outside, in dist/sourcemaps', () => {
    const assets = path.join(clientDistDir(), 'assets');
    for (const name of readdirSync(assets)) {
      expect(name).not.to.match(/\.map$/);
      if (/\.(js|css)$/.test(name))
        expect(readFileSync(path.join(assets, name), 'utf8'), name).not.to.contain('sourceMappingURL');
    }
    const kept = path.join(projectRoot(), 'dist', 'sourcemaps', `${path.basename(mainScript)}.map`);
    expect(existsSync(kept), kept).to.equal(true);
  });
});
