import type { AuthzActor, AuthzRow } from '../matrix';
import { buildMember } from '../../helpers/factories';

/** Admins only: visitors are asked to sign in, everyone else is refused. */
const adminsOnly: Record<AuthzActor, number> = {
  anonymous: 401,
  pending: 403,
  member: 403,
  suspended: 403,
  otherScope: 403,
  moderator: 403,
  admin: 200,
};

/** Category administration, staff roles and moderator scopes. */
export const rows: AuthzRow[] = [
  {
    method: 'get',
    path: '/api/v1/admin/categories',
    prepare: () => Promise.resolve({ url: '/api/v1/admin/categories' }),
    expect: adminsOnly,
  },
  {
    method: 'get',
    path: '/api/v1/admin/staff',
    prepare: () => Promise.resolve({ url: '/api/v1/admin/staff' }),
    expect: adminsOnly,
  },
  {
    method: 'get',
    path: '/api/v1/admin/members',
    prepare: () => Promise.resolve({ url: '/api/v1/admin/members?q=a&limit=5' }),
    expect: adminsOnly,
  },
  {
    method: 'put',
    path: '/api/v1/admin/members/:id/role',
    prepare: async () => {
      const target = await buildMember();
      return {
        url: `/api/v1/admin/members/${target.id}/role`,
        body: { role: 'moderator', reason: 'Matrix' },
      };
    },
    expect: adminsOnly,
  },
  {
    method: 'put',
    path: '/api/v1/admin/members/:id/scopes',
    prepare: async (ctx) => {
      const target = await buildMember({ role: 'moderator' });
      return {
        url: `/api/v1/admin/members/${target.id}/scopes`,
        body: { categoryIds: [ctx.category.id] },
      };
    },
    expect: adminsOnly,
  },
];
