import { everyone, membersOnly, probe, probeAlone, type AuthzRow } from '../matrix';
import { ApiClient } from '../../helpers/http';

/**
 * The session, sign-in and the account's security. Routes that end or change the asking session are
 * asked by a client of their own; ending one session asks about another session of `owner`'s; the others
 * are asked with bodies that fail validation, so that nothing changes.
 */
export const rows: AuthzRow[] = [
  probe('get', '/session', everyone(200)),
  probe('put', '/session/locale', everyone(400), {}),
  probe('post', '/auth/register', everyone(400), {}),
  probe('post', '/auth/login', everyone(400), {}),
  probe('post', '/auth/login/second-factor', everyone(400), {}),
  probeAlone('post', '/auth/logout', everyone(204)),
  probe('patch', '/me', membersOnly(400), { locale: 'xx' }),
  probe('post', '/auth/email/verify', everyone(400), {}),
  probe('post', '/auth/email/verify/resend', membersOnly(202)),
  probe('post', '/auth/password/forgot', everyone(400), {}),
  probe('post', '/auth/password/reset', everyone(400), {}),
  probe('post', '/me/email', membersOnly(400), {}),
  probe('post', '/auth/email/change/confirm', everyone(400), {}),
  probe('get', '/me/sessions', membersOnly(200)),
  // Another session of `owner`'s: only its member may end it; to anyone else it does not exist.
  {
    method: 'delete',
    path: '/api/v1/me/sessions/:id',
    async prepare(ctx) {
      const elsewhere = new ApiClient(ctx.app.url);
      const signIn = await elsewhere.signIn(ctx.owner.email, ctx.owner.password);
      if (signIn.status !== 200) throw new Error(`sign-in answered ${signIn.status}`);
      const list = await elsewhere.get('/api/v1/me/sessions');
      const current = (list.body as { items: { id: string; current: boolean }[] }).items.find(
        (s) => s.current,
      );
      if (!current) throw new Error('no current session');
      return { url: `/api/v1/me/sessions/${current.id}` };
    },
    expect: membersOnly(404, { owner: 204 }),
  },
  probeAlone('post', '/me/sessions/revoke-others', membersOnly(200)),
  probe('post', '/me/password', membersOnly(400), {}),
  probe('get', '/me/two-factor', membersOnly(200)),
  // Staff have a second factor already (409); members start enrolling.
  probe('post', '/me/two-factor/setup', membersOnly(200, { otherScope: 409, moderator: 409, admin: 409 })),
  probe('post', '/me/two-factor/confirm', membersOnly(400), {}),
  probe(
    'post',
    '/me/two-factor/recovery-codes',
    membersOnly(409, { otherScope: 200, moderator: 200, admin: 200 }),
  ),
  // Staff may not go without a second factor (403), even one who has none yet; members have none to
  // disable (409).
  probe(
    'post',
    '/me/two-factor/disable',
    membersOnly(409, { otherScope: 403, moderator: 403, admin: 403, noSecondFactor: 403 }),
  ),
  probe('get', '/me/reauthentication', membersOnly(200)),
  probe('post', '/me/reauthentication', membersOnly(400), {}),
  probe('post', '/me/reauthentication/:provider', membersOnly(400), {}),
  probe('get', '/me/identities', membersOnly(200)),
  probe('post', '/me/identities/:provider/link', membersOnly(404)),
  probe('delete', '/me/identities/:provider', membersOnly(404)),
  probe('post', '/me/profile/complete', membersOnly(400), {}),
];
