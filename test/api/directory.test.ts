import { expect } from 'chai';
import type { DirectoryResponse } from '@shared/api/directory';
import type { ProfileChanges } from '@server/directory/profile.queries';
import { getTestApp, type TestApp } from '../helpers/app';
import { buildMember, unique, type BuiltMember } from '../helpers/factories';
import { ApiClient } from '../helpers/http';
import { enrolTwoFactor } from '../helpers/totp';

/** Marker words put in organizations so each suite searches only its own members. */
function marker(): string {
  return `zq${unique()}`;
}

describe('GET /api/v1/members (directory)', () => {
  let app: TestApp;
  let anonymous: ApiClient;
  let signedIn: ApiClient;
  const tag = marker();
  const people: Record<string, BuiltMember> = {};

  async function person(
    key: string,
    country: string,
    sector: 'government' | 'civil-society' | 'academia' | 'business',
    profile: ProfileChanges,
    extra: Parameters<typeof buildMember>[0] = {},
  ) {
    people[key] = await buildMember({
      displayName: `Person ${key} ${unique()}`,
      country,
      sector,
      profile: { organization: `Org ${tag} ${key}`, ...profile },
      ...extra,
    });
  }

  const list = async (client: ApiClient, query: string) =>
    (await client.get(`/api/v1/members?q=${tag}&${query}`).expect(200)).body as DirectoryResponse;
  const names = (body: DirectoryResponse) =>
    body.items.map((item) => item.displayName.split(' ')[1]).sort((a = '', b = '') => a.localeCompare(b));

  before(async () => {
    app = await getTestApp();
    await person('A', 'BR', 'government', {
      themes: ['digital-government-open-data'],
      languages: ['pt', 'es'],
      openToExchange: true,
    });
    await person('B', 'BR', 'civil-society', {
      themes: ['open-government'],
      languages: ['pt'],
      visibility: { country: 'members' },
    });
    await person('C', 'MX', 'government', {
      themes: ['digital-government-open-data', 'citizen-participation'],
      languages: ['es'],
    });
    await person('D', 'CL', 'academia', {
      themes: ['digital-government-open-data'],
      languages: ['es', 'en'],
      openToExchange: true,
    });
    await person('E', 'JM', 'government', { languages: ['en'], hiddenFromDirectory: true });
    await person(
      'F',
      'FR',
      'business',
      { themes: ['digital-government-open-data'] },
      { status: 'suspended' },
    );
    await person(
      'G',
      'BR',
      'government',
      { themes: ['digital-government-open-data'] },
      { status: 'pending' },
    );
    const moderator = await buildMember({ role: 'moderator' });
    const staff = new ApiClient(app.url);
    await staff.signIn(moderator.email, moderator.password);
    await enrolTwoFactor(staff);
    await staff
      .send('put', `/api/v1/members/${people.C?.handle}/verification`, { roleText: 'Digital lead, SFP' })
      .then((res) => expect(res.status).to.equal(200));

    anonymous = new ApiClient(app.url);
    const viewer = await buildMember();
    signedIn = new ApiClient(app.url);
    await signedIn.signIn(viewer.email, viewer.password);
  });

  it('lists active, listed members only: hidden, suspended and pending accounts are left out', async () => {
    expect(names(await list(anonymous, ''))).to.deep.equal(['A', 'B', 'C', 'D']);
    expect((await list(signedIn, '')).total).to.equal(4);
  });

  it('ORs values within one facet and ANDs across facets', async () => {
    expect(names(await list(signedIn, 'country=BR'))).to.deep.equal(['A', 'B']);
    expect(names(await list(signedIn, 'country=BR,MX'))).to.deep.equal(['A', 'B', 'C']);
    expect(names(await list(signedIn, 'country=BR&country=CL'))).to.deep.equal(['A', 'B', 'D']);
    expect(names(await list(signedIn, 'country=BR&expertise=digital-government-open-data'))).to.deep.equal([
      'A',
    ]);
    expect(
      names(await list(signedIn, 'expertise=digital-government-open-data&language=pt,en')),
    ).to.deep.equal(['A', 'D']);
    expect(names(await list(signedIn, 'subregion=south-america'))).to.deep.equal(['A', 'B', 'D']);
    expect(names(await list(signedIn, 'subregion=central-america&sector=government'))).to.deep.equal(['C']);
    expect(names(await list(signedIn, 'openToExchange=true'))).to.deep.equal(['A', 'D']);
    expect(names(await list(signedIn, 'verified=true'))).to.deep.equal(['C']);
    expect(names(await list(signedIn, 'verified=true&openToExchange=true'))).to.deep.equal([]);
  });

  it('counts each facet value as the number of results choosing it would give', async () => {
    for (const base of ['', 'country=BR', 'expertise=digital-government-open-data&language=es']) {
      const body = await list(signedIn, base);
      expect(body.total).to.equal(body.items.length);
      for (const [facet, values] of Object.entries(body.facets)) {
        for (const { value, count } of values) {
          // Disjunctive counts: the facet's own filter is replaced by this value, the others kept.
          const others = base
            .split('&')
            .filter((part) => part && !part.startsWith(`${facet}=`))
            .join('&');
          const result = await list(signedIn, `${others}&${facet}=${value}`);
          expect(result.total, `${base} → ${facet}=${value}`).to.equal(count);
        }
      }
    }
    const body = await list(signedIn, 'country=BR');
    expect(body.facets.country).to.deep.include.members([
      { value: 'BR', count: 2 },
      { value: 'MX', count: 1 },
      { value: 'CL', count: 1 },
    ]);
    expect(body.facets.sector).to.deep.include.members([
      { value: 'government', count: 1 },
      { value: 'civil-society', count: 1 },
    ]);
  });

  it('neither filters nor counts by a field the viewer may not see', async () => {
    expect(names(await list(anonymous, 'country=BR'))).to.deep.equal(['A']);
    const anonymousFacets = (await list(anonymous, '')).facets;
    expect(anonymousFacets.country).to.deep.include({ value: 'BR', count: 1 });
    const card = (await list(anonymous, '')).items.find((item) => item.id === people.B?.id);
    expect(card?.country).to.equal(null);
    expect(names(await list(signedIn, 'country=BR'))).to.deep.equal(['A', 'B']);
  });

  for (const sort of ['name', 'recent', 'relevance'] as const) {
    it(`pages through every result with a cursor, sorted by ${sort}`, async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = `sort=${sort}&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const body = await list(signedIn, query);
        seen.push(...body.items.map((item) => item.id));
        cursor = body.nextCursor;
        pages += 1;
      } while (cursor && pages < 10);
      expect(pages).to.equal(4);
      expect(new Set(seen).size).to.equal(4);
      if (sort === 'name') {
        const all = await list(signedIn, 'sort=name');
        expect(all.items.map((item) => item.id)).to.deep.equal(seen);
        expect(names(all)).to.deep.equal(all.items.map((item) => item.displayName.split(' ')[1]));
      }
    });
  }

  it('refuses unknown filter values, sorts and cursors with 400', async () => {
    for (const query of [
      'country=ZZ',
      'country=br',
      'sector=government,priests',
      'expertise=astrology',
      'language=xx',
      'subregion=europe',
      'sort=random',
      'limit=500',
      'limit=0',
      'cursor=not-a-cursor',
      'openToExchange=yes',
    ]) {
      const res = await anonymous.get(`/api/v1/members?${query}`);
      expect(res.status, query).to.equal(400);
      expect(res.body.error.code).to.equal('validation_failed');
    }
    const res = await anonymous.get(`/api/v1/members?sort=name&cursor=${'x'.repeat(600)}`);
    expect(res.status).to.equal(400);
  });
});

describe('directory search', () => {
  let app: TestApp;
  let anonymous: ApiClient;
  const tag = marker();

  before(async () => {
    app = await getTestApp();
    anonymous = new ApiClient(app.url);
  });

  const search = async (q: string, client = anonymous) =>
    (await client.get(`/api/v1/members?q=${encodeURIComponent(q)}`).expect(200)).body as DirectoryResponse;

  it('is accent-insensitive: "maria" finds "María" and "nunez" finds "Núñez"', async () => {
    const maria = await buildMember({ displayName: `María José Núñez ${tag}` });
    expect((await search(`maria ${tag}`)).items.map((i) => i.id)).to.include(maria.id);
    expect((await search(`MARÍA ${tag}`)).items.map((i) => i.id)).to.include(maria.id);
    expect((await search(`nunez ${tag}`)).items.map((i) => i.id)).to.include(maria.id);
    expect((await search(`Jose ${tag}`)).items.map((i) => i.id)).to.include(maria.id);
  });

  it('is typo-tolerant: "goverment" finds "government" in organizations, "Gonzales" finds "González"', async () => {
    const org = await buildMember({ profile: { organization: `Digital Government Office ${tag}` } });
    const name = await buildMember({ displayName: `Lucía González ${tag}` });
    expect((await search(`goverment ${tag}`)).items.map((i) => i.id)).to.include(org.id);
    expect((await search(`Gonzales ${tag}`)).items.map((i) => i.id)).to.include(name.id);
    expect((await search(`ministerio ${tag}`)).items).to.have.length(0);
  });

  it('matches handles, headlines, tags and bios, and ranks name matches first', async () => {
    const byHeadline = await buildMember({ profile: { headline: `Transparency advisor ${tag}` } });
    const byName = await buildMember({ displayName: `Transparency Person ${tag}` });
    const byBio = await buildMember({
      profile: { bioSource: `I work on procurement ${tag}`, visibility: { bio: 'public' } },
    });
    const byTag = await buildMember({ profile: { tags: [`beneficial-ownership-${tag}`] } });
    const ranked = (await search(`transparency ${tag}`)).items.map((i) => i.id);
    expect(ranked.slice(0, 2)).to.deep.equal([byName.id, byHeadline.id]);
    expect((await search(`procurement ${tag}`)).items.map((i) => i.id)).to.deep.equal([byBio.id]);
    expect((await search(`beneficial ${tag}`)).items.map((i) => i.id)).to.deep.equal([byTag.id]);
    expect((await search(byTag.handle)).items.map((i) => i.id)).to.deep.equal([byTag.id]);
  });

  it('excludes hidden profiles and non-active accounts, and never matches what the viewer may not see', async () => {
    const hidden = await buildMember({
      displayName: `Hidden Helena ${tag}`,
      profile: { hiddenFromDirectory: true },
    });
    const suspended = await buildMember({ displayName: `Suspended Helena ${tag}`, status: 'suspended' });
    const pending = await buildMember({ displayName: `Pending Helena ${tag}`, status: 'pending' });
    const shown = await buildMember({ displayName: `Shown Helena ${tag}` });
    const ids = (await search(`helena ${tag}`)).items.map((i) => i.id);
    expect(ids).to.deep.equal([shown.id]);
    expect(ids).not.to.include.members([hidden.id, suspended.id, pending.id]);

    const secret = await buildMember({
      profile: { organization: `Secret Agency ${tag}`, visibility: { organization: 'private' } },
    });
    expect((await search(`agency ${tag}`)).items).to.have.length(0);
    const other = await buildMember();
    const member = new ApiClient(app.url);
    await member.signIn(other.email, other.password);
    expect((await search(`agency ${tag}`, member)).items).to.have.length(0);
    const owner = new ApiClient(app.url);
    await owner.signIn(secret.email, secret.password);
    expect((await search(`agency ${tag}`, owner)).items.map((i) => i.id)).to.deep.equal([secret.id]);
  });
});
