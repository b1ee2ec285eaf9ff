import { expect } from 'chai';
import type { DirectoryResponse, MemberCard, MemberProfile, OwnProfile } from '@shared/api/directory';
import { PROFILE_FIELDS, VISIBILITIES, type ProfileField, type Visibility } from '@shared/constants';
import { getTestApp, type TestApp } from '../helpers/app';
import { buildCategory, buildMember, memberRow, unique, type BuiltMember } from '../helpers/factories';
import { text } from '../helpers/copy';
import { signedInAsScoped } from '../helpers/staff';
import { ApiClient } from '../helpers/http';
import { enrolTwoFactor } from '../helpers/totp';

/**
 * Whether the viewer got each DTO property a profile field controls. A field is shown when every one of
 * its properties is there and hidden when none is: a hidden field must not leak half of itself (a level
 * of government without the sector, a subregion without the country, tags without the themes).
 */
const properties: Record<ProfileField, (p: MemberProfile | MemberCard) => boolean[]> = {
  headline: (p) => [p.headline !== null],
  organization: (p) => [p.organization !== null],
  sector: (p) => [p.sector !== null, p.governmentLevel !== null],
  country: (p) => [p.country !== null, p.subregion !== null],
  city: (p) => [p.city !== null],
  expertise: (p) => [p.themes.length > 0, p.tags.length > 0],
  languages: (p) => [p.languages.length > 0],
  bio: (p) => ['bioHtml' in p && p.bioHtml !== null],
  links: (p) => ['links' in p && p.links.length > 0],
};

/** Checks that a field's properties are all shown or all hidden, as expected. */
function expectField(p: MemberProfile | MemberCard, field: ProfileField, shown: boolean, why: string): void {
  const got = properties[field](p);
  expect(got, why).to.deep.equal(got.map(() => shown));
}

const cardFields = PROFILE_FIELDS.filter((field) => field !== 'bio' && field !== 'links');

const seesAt: Record<'anonymous' | 'member' | 'self', Visibility[]> = {
  anonymous: ['public'],
  member: ['public', 'members'],
  self: ['public', 'members', 'private'],
};

describe('profile visibility (field × visibility × viewer)', () => {
  let app: TestApp;
  const tag = `zv${unique()}`;
  const owners: { member: BuiltMember; visibility: Record<ProfileField, Visibility> }[] = [];
  const clients: Record<'anonymous' | 'member', ApiClient> = {} as never;

  before(async () => {
    app = await getTestApp();
    // A Latin square: every field takes every visibility once across three owners, and neighbouring
    // fields differ, so a field read with another field's setting is caught.
    for (let k = 0; k < VISIBILITIES.length; k += 1) {
      const visibility = Object.fromEntries(
        PROFILE_FIELDS.map((field, i) => [field, VISIBILITIES[(i + k) % VISIBILITIES.length]]),
      ) as Record<ProfileField, Visibility>;
      const member = await buildMember({
        displayName: `Matrix ${k} ${tag}`,
        country: 'BR',
        sector: 'government',
        profile: {
          governmentLevel: 'national',
          headline: 'Open data lead',
          organization: 'Ministério da Gestão',
          city: 'Brasília',
          themes: ['digital-government-open-data'],
          tags: ['interoperability'],
          languages: ['pt', 'es'],
          bioSource: 'I build **open data** portals.',
          bioHtml: '<p>I build <strong>open data</strong> portals.</p>',
          links: [{ url: 'https://example.org/me', label: null }],
          visibility,
        },
      });
      owners.push({ member, visibility });
    }
    clients.anonymous = new ApiClient(app.url);
    const viewer = await buildMember();
    clients.member = new ApiClient(app.url);
    await clients.member.signIn(viewer.email, viewer.password);
  });

  async function clientFor(viewer: 'anonymous' | 'member' | 'self', owner: BuiltMember): Promise<ApiClient> {
    if (viewer !== 'self') return clients[viewer];
    const client = new ApiClient(app.url);
    await client.signIn(owner.email, owner.password);
    return client;
  }

  for (const viewer of ['anonymous', 'member', 'self'] as const) {
    it(`shows a ${viewer} viewer exactly the fields their audience may see, on profiles and cards`, async () => {
      for (const { member, visibility } of owners) {
        const client = await clientFor(viewer, member);
        const res = await client.get(`/api/v1/members/${member.handle}`).expect(200);
        const profile = (res.body as { profile: MemberProfile }).profile;
        for (const field of PROFILE_FIELDS) {
          const expected = seesAt[viewer].includes(visibility[field]);
          expectField(profile, field, expected, `${field}=${visibility[field]} seen by ${viewer}`);
        }
        expect(JSON.stringify(res.body)).not.to.contain(member.email);

        const list = (
          await client.get(`/api/v1/members?q=${encodeURIComponent(member.displayName)}`).expect(200)
        ).body as DirectoryResponse;
        const card = list.items.find((item) => item.id === member.id);
        expect(card, `card of ${member.displayName}`).to.not.equal(undefined);
        for (const field of cardFields) {
          const expected = seesAt[viewer].includes(visibility[field]);
          expectField(card as MemberCard, field, expected, `card ${field}=${visibility[field]} / ${viewer}`);
        }
        expect(JSON.stringify(list)).not.to.contain(member.email);
      }
    });
  }

  it('shows a profile hidden from the directory to members only, and no profile of a suspended account', async () => {
    const hidden = await buildMember({ profile: { hiddenFromDirectory: true } });
    await clients.anonymous.get(`/api/v1/members/${hidden.handle}`).expect(404);
    await clients.member.get(`/api/v1/members/${hidden.handle}`).expect(200);
    const suspended = await buildMember({ status: 'suspended' });
    await clients.anonymous.get(`/api/v1/members/${suspended.handle}`).expect(404);
    await clients.member.get(`/api/v1/members/${suspended.handle}`).expect(404);
    await clients.anonymous.get(`/api/v1/members/nobody_${unique()}`).expect(404);
  });

  it('shows a profile that is not shown to others to its owner and to staff (a suspended account)', async () => {
    const suspended = await buildMember({ status: 'suspended' });
    const own = new ApiClient(app.url);
    await own.signIn(suspended.email, suspended.password);
    await own.get(`/api/v1/members/${suspended.handle}`).expect(200);
    const admin = await buildMember({ role: 'admin' });
    const staff = new ApiClient(app.url);
    await staff.signIn(admin.email, admin.password);
    await staff.get(`/api/v1/members/${suspended.handle}`).expect(200);
  });

  it('offers "Message" to other active members only, and suggests peers with the same themes elsewhere', async () => {
    const [, second] = owners;
    const owner = await buildMember({
      country: 'BR',
      profile: { themes: ['digital-government-open-data', 'open-government'] },
    });
    const peer = await buildMember({ country: 'CO', profile: { themes: ['digital-government-open-data'] } });
    const sameCountry = await buildMember({
      country: 'BR',
      profile: { themes: ['digital-government-open-data'] },
    });
    const anonymousView = (await clients.anonymous.get(`/api/v1/members/${owner.handle}`).expect(200)).body
      .profile as MemberProfile;
    expect(anonymousView.abilities).to.deep.equal({ edit: false, message: false, verify: false });
    const memberView = (await clients.member.get(`/api/v1/members/${second?.member.handle}`).expect(200)).body
      .profile as MemberProfile;
    expect(memberView.abilities).to.deep.equal({ edit: false, message: true, verify: false });
    const ids = anonymousView.similar.map((card) => card.id);
    expect(ids).to.include(peer.id);
    expect(ids).not.to.include(sameCountry.id);
    expect(ids).not.to.include(owner.id);
  });
});

describe('PATCH /api/v1/me/profile', () => {
  let app: TestApp;
  let member: BuiltMember;
  let client: ApiClient;

  before(async () => {
    app = await getTestApp();
  });
  beforeEach(async () => {
    member = await buildMember({ sector: null, country: null });
    client = new ApiClient(app.url, undefined, 'en');
    await client.signIn(member.email, member.password);
  });

  const patch = (body: unknown) => client.send('patch', '/api/v1/me/profile', body);

  it('refuses anonymous visitors with 401', async () => {
    const res = await new ApiClient(app.url).send('patch', '/api/v1/me/profile', { headline: 'x' });
    expect(res.status).to.equal(401);
    await new ApiClient(app.url).get('/api/v1/me/profile').expect(401);
  });

  it('saves every field, renders the bio through the sanitizer and reads back the same', async () => {
    const res = await patch({
      displayName: 'Camila Rocha',
      headline: 'Head of open data',
      organization: 'Controladoria-Geral da União',
      sector: 'government',
      governmentLevel: 'national',
      country: 'BR',
      city: 'Brasília',
      themes: ['digital-government-open-data', 'open-government', 'open-government'],
      tags: ['Interoperability', 'LGPD'],
      languages: ['pt', 'es', 'en'],
      bio: 'Working on **open data**. <script>alert(1)</script> [x](javascript:alert(1))',
      links: [{ url: 'https://gov.br/cgu', label: 'CGU' }],
      openToExchange: true,
      visibility: { city: 'private', bio: 'public' },
    });
    expect(res.status).to.equal(200);
    const profile = res.body.profile as OwnProfile;
    expect(profile).to.include({ displayName: 'Camila Rocha', country: 'BR', governmentLevel: 'national' });
    expect(profile.themes).to.deep.equal(['digital-government-open-data', 'open-government']);
    expect(profile.tags).to.deep.equal(['interoperability', 'lgpd']);
    expect(profile.visibility).to.include({ city: 'private', bio: 'public', headline: 'public' });
    expect(profile.bioHtml).to.contain('<strong>open data</strong>');
    expect(profile.bioHtml).not.to.contain('<script');
    expect(profile.bioHtml).not.to.match(/href="javascript/i);
    const again = (await client.get('/api/v1/me/profile').expect(200)).body.profile as OwnProfile;
    expect(again).to.deep.equal(profile);

    const cleared = (await patch({ sector: 'academia' })).body.profile as OwnProfile;
    expect(cleared).to.include({ sector: 'academia', governmentLevel: null });
  });

  it('refuses invalid country, sector, theme, language, link and visibility values with 400, changing nothing', async () => {
    const before = (await client.get('/api/v1/me/profile').expect(200)).body.profile as OwnProfile;
    for (const [body, field] of [
      [{ country: 'ZZ' }, 'country'],
      [{ country: 'br' }, 'country'],
      [{ sector: 'church' }, 'sector'],
      [{ themes: ['astrology'] }, 'themes.0'],
      [{ languages: ['klingon'] }, 'languages.0'],
      [{ links: [{ url: 'javascript:alert(1)' }] }, 'links.0.url'],
      [{ links: [{ url: 'ftp://example.org' }] }, 'links.0.url'],
      [{ visibility: { city: 'friends' } }, 'visibility.city'],
      [{ governmentLevel: 'galactic' }, 'governmentLevel'],
      [{ headline: 'x'.repeat(121) }, 'headline'],
      [{ handle: 'No Spaces!' }, 'handle'],
      [{ handle: 'admin' }, 'handle'],
      [{ email: 'new@example.org' }, 'email'],
      [{ headline: 'ok', country: 'XX' }, 'country'],
    ] as const) {
      const res = await patch(body);
      expect(res.status, JSON.stringify(body)).to.equal(400);
      expect(res.body.error.fields, JSON.stringify(body)).to.have.property(field);
      expect(res.body.error.fields[field].message).to.be.a('string').and.not.equal('');
    }
    const res = await patch({ governmentLevel: 'local' });
    expect(res.status).to.equal(400);
    expect(res.body.error.fields).to.have.property('governmentLevel');
    expect((await client.get('/api/v1/me/profile').expect(200)).body.profile).to.deep.equal(before);
  });

  it('localizes field errors in the request’s language', async () => {
    const french = new ApiClient(app.url, undefined, 'fr');
    await french.signIn(member.email, member.password);
    const res = await french.send('patch', '/api/v1/me/profile', { handle: 'x' });
    expect(res.status).to.equal(400);
    expect(res.body.error.fields.handle.message).to.match(/caract/i);
  });

  it('changes the handle, and refuses one already taken with 409', async () => {
    const handle = `new_${unique()}`;
    const ok = await patch({ handle: handle.toUpperCase() });
    expect(ok.status).to.equal(200);
    expect(ok.body.profile.handle).to.equal(handle);
    await new ApiClient(app.url).get(`/api/v1/members/${handle}`).expect(200);
    const other = await buildMember();
    const taken = await patch({ handle: other.handle, headline: 'should not be saved' });
    expect(taken.status).to.equal(409);
    expect(taken.body.error.code).to.equal('handle_taken');
    expect(taken.body.error.fields.handle.code).to.equal('handle_taken');
    expect((await client.get('/api/v1/me/profile').expect(200)).body.profile.headline).to.equal(null);
  });

  it('refuses a suspended member with 403', async () => {
    const suspended = await buildMember({ status: 'suspended' });
    const own = new ApiClient(app.url);
    await own.signIn(suspended.email, suspended.password);
    const res = await own.send('patch', '/api/v1/me/profile', { headline: 'x' });
    expect(res.status).to.equal(403);
  });

  it('lets a pending member prepare their profile but not rename themselves (the name shows beside what they write)', async () => {
    const pending = await buildMember({ status: 'pending' });
    const own = new ApiClient(app.url, undefined, 'es');
    await own.signIn(pending.email, pending.password);
    const renamed = await own.send('patch', '/api/v1/me/profile', { displayName: 'Otro Nombre' });
    expect(renamed.status).to.equal(403);
    expect(renamed.body.error).to.include({
      code: 'account_pending',
      message: text('es', 'errors:account_pending'),
    });
    const rehandled = await own.send('patch', '/api/v1/me/profile', { handle: `otro_${unique()}` });
    expect(rehandled.status).to.equal(403);
    const row = await memberRow(pending.id);
    expect({ displayName: row.displayName, handle: row.handle }).to.deep.equal({
      displayName: pending.displayName,
      handle: pending.handle,
    });
    // Their profile is theirs to prepare, and sending their own name unchanged is no rename.
    const prepared = await own.send('patch', '/api/v1/me/profile', {
      displayName: pending.displayName,
      headline: 'Analista de datos',
    });
    expect(prepared.status).to.equal(200);
  });
});

describe('POST /api/v1/me/profile/complete', () => {
  let app: TestApp;

  before(async () => {
    app = await getTestApp();
  });

  const signedInWith = async (status: 'pending' | 'suspended') => {
    const built = await buildMember({ status, profile: { organization: 'Before' } });
    const client = new ApiClient(app.url, undefined, 'en');
    await client.signIn(built.email, built.password);
    return { built, client };
  };

  for (const status of ['pending', 'suspended'] as const) {
    it(`refuses a ${status} member's new name or organization, changing nothing`, async () => {
      const { built, client } = await signedInWith(status);
      const renamed = await client.send('post', '/api/v1/me/profile/complete', {
        displayName: 'Someone Else',
      });
      expect(renamed.status).to.equal(403);
      expect(renamed.body.error).to.include({
        code: `account_${status}`,
        message: text('es', `errors:account_${status}`),
      });
      const row = await memberRow(built.id);
      expect(row.displayName).to.equal(built.displayName);
      if (status === 'suspended') {
        const moved = await client.send('post', '/api/v1/me/profile/complete', {
          displayName: built.displayName,
          organization: 'Elsewhere',
        });
        expect(moved.status).to.equal(403);
        expect(moved.body.error.code).to.equal('account_suspended');
      }
      const profile = await app.pool.query('select organization from profiles where member_id = $1', [
        built.id,
      ]);
      expect(profile.rows[0]?.organization).to.equal('Before');
    });
  }

  it('lets a pending member review their profile: the same name, and the organization they prepare', async () => {
    const { built, client } = await signedInWith('pending');
    const res = await client.send('post', '/api/v1/me/profile/complete', {
      displayName: built.displayName,
      organization: 'Prefeitura de Recife',
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.user).to.include({ profileComplete: true });
    const profile = await app.pool.query('select organization from profiles where member_id = $1', [
      built.id,
    ]);
    expect(profile.rows[0]?.organization).to.equal('Prefeitura de Recife');
  });
});

describe('verified badge', () => {
  let app: TestApp;

  before(async () => {
    app = await getTestApp();
  });

  it('is set and removed by moderators of every category and admins only, shown on profile and card, and recorded in the audit log', async () => {
    const target = await buildMember({ displayName: `Verified ${unique()}` });
    const plain = await buildMember();
    const moderator = await buildMember({ role: 'moderator' });
    const body = { roleText: 'Open data lead, Ministry of Economy', reason: 'Confirmed by the ministry' };

    expect(
      (await new ApiClient(app.url).send('put', `/api/v1/members/${target.handle}/verification`, body))
        .status,
    ).to.equal(401);
    const member = new ApiClient(app.url);
    await member.signIn(plain.email, plain.password);
    expect((await member.send('put', `/api/v1/members/${target.handle}/verification`, body)).status).to.equal(
      403,
    );

    const staff = new ApiClient(app.url);
    await staff.signIn(moderator.email, moderator.password);
    // Staff tools need a second factor first.
    const unenrolled = await staff.send('put', `/api/v1/members/${target.handle}/verification`, body);
    expect(unenrolled.status).to.equal(403);
    expect(unenrolled.body.error.code).to.equal('second_factor_required');
    await enrolTwoFactor(staff);
    // A badge is member-wide: a moderator limited to some categories may not set or remove it.
    const scoped = await signedInAsScoped([(await buildCategory()).id]);
    const url = `/api/v1/members/${target.handle}/verification`;
    expect((await scoped.client.send('put', url, body)).status).to.equal(403);
    expect((await scoped.client.send('delete', url, { reason: body.reason })).status).to.equal(403);
    const seen = await scoped.client.get(`/api/v1/members/${target.handle}`).expect(200);
    expect(seen.body.profile.abilities.verify).to.equal(false);
    expect(
      (await app.pool.query('select 1 from audit_log where target_id = $1', [target.id])).rowCount,
    ).to.equal(0);
    expect(
      (await staff.send('put', `/api/v1/members/${target.handle}/verification`, { roleText: '' })).status,
    ).to.equal(400);
    expect(
      (await staff.send('put', `/api/v1/members/nobody_${unique()}/verification`, body)).status,
    ).to.equal(404);
    const res = await staff.send('put', `/api/v1/members/${target.handle}/verification`, body);
    expect(res.status).to.equal(200);
    expect(res.body.profile.abilities.verify).to.equal(true);

    const profile = (await new ApiClient(app.url).get(`/api/v1/members/${target.handle}`).expect(200)).body
      .profile as MemberProfile;
    expect(profile.verified?.roleText).to.equal(body.roleText);
    const list = (
      await new ApiClient(app.url).get(
        `/api/v1/members?q=${encodeURIComponent(target.displayName)}&verified=true`,
      )
    ).body as DirectoryResponse;
    expect(list.items.map((item) => item.verified?.roleText)).to.deep.equal([body.roleText]);

    expect(
      (
        await staff.send('delete', `/api/v1/members/${target.handle}/verification`, {
          reason: 'Left the post',
        })
      ).status,
    ).to.equal(200);
    const { rows } = await app.pool.query(
      `select actor_id, action, reason, before, after from audit_log where target_type = 'member' and target_id = $1 order by id`,
      [target.id],
    );
    expect(rows).to.deep.equal([
      {
        actor_id: moderator.id,
        action: 'profile.verify',
        reason: body.reason,
        before: { roleText: null },
        after: { roleText: body.roleText },
      },
      {
        actor_id: moderator.id,
        action: 'profile.unverify',
        reason: 'Left the post',
        before: { roleText: body.roleText },
        after: { roleText: null },
      },
    ]);
  });

  it('keeps the audit log append-only in the database itself', async () => {
    const target = await buildMember();
    const moderator = await buildMember({ role: 'moderator' });
    const staff = new ApiClient(app.url);
    await staff.signIn(moderator.email, moderator.password);
    await enrolTwoFactor(staff);
    const verified = await staff.send('put', `/api/v1/members/${target.handle}/verification`, {
      roleText: 'Auditor general',
    });
    expect(verified.status).to.equal(200);
    const refused = async (statement: string) => {
      let failed = false;
      try {
        await app.pool.query(statement, [target.id]);
      } catch {
        failed = true;
      }
      expect(failed, statement).to.equal(true);
    };
    await refused(`update audit_log set reason = 'rewritten' where target_id = $1`);
    await refused(`update audit_log set action = 'profile.other' where target_id = $1`);
    await refused(`delete from audit_log where target_id = $1`);
  });
});
