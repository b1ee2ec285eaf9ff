import { everyone, membersOnly, probe, type AuthzRow } from '../matrix';

/** The member directory, one's own profile and avatar, and one's data. */
export const rows: AuthzRow[] = [
  // Visitors see the directory too, with only what members made public.
  probe('get', '/members', everyone(200)),
  // A profile of an active member (`owner`'s): visitors too, with only what the member made public.
  {
    method: 'get',
    path: '/api/v1/members/:handle',
    prepare: (ctx) => Promise.resolve({ url: `/api/v1/members/${ctx.owner.handle}` }),
    expect: everyone(200),
  },
  probe('get', '/me/profile', membersOnly(200)),
  probe('patch', '/me/profile', membersOnly(400), { headline: 7 }),
  // Without an image: 415, the body is not one of the accepted types.
  probe('put', '/me/avatar', membersOnly(415, { suspended: 403 })),
  probe('delete', '/me/avatar', membersOnly(200)),
  probe('get', '/me/export', membersOnly(200)),
  probe('delete', '/me', membersOnly(400), {}),
];
