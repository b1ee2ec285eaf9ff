import { staffOnly, type AuthzActor, type AuthzRow } from '../matrix';
import { buildCategory, buildMember, unique } from '../../helpers/factories';

/** Admins only: visitors are asked to sign in, everyone else is refused. */
const adminsOnly: Record<AuthzActor, number> = staffOnly(200, 403, { moderator: 403 });

/** Admins only, for a route that creates (201). */
const adminsCreate: Record<AuthzActor, number> = { ...adminsOnly, admin: 201 };

/**
 * The verified badge is member-wide, like a suspension: moderators of every category and admins set it;
 * a moderator scoped to some categories does not.
 */
const globalStaff: Record<AuthzActor, number> = { ...adminsOnly, moderator: 200 };

/** Category administration, staff roles and moderator scopes, and the verified badge. */
export const rows: AuthzRow[] = [
  {
    method: 'get',
    path: '/api/v1/admin/categories',
    prepare: () => Promise.resolve({ url: '/api/v1/admin/categories' }),
    expect: adminsOnly,
  },
  {
    method: 'post',
    path: '/api/v1/categories',
    prepare: () =>
      Promise.resolve({
        url: '/api/v1/categories',
        body: {
          slug: `matrix-${unique()}`,
          translations: { es: { name: 'Matriz', description: 'Categoría de la matriz' } },
        },
      }),
    expect: adminsCreate,
  },
  {
    method: 'patch',
    path: '/api/v1/categories/:id',
    prepare: async () => ({
      url: `/api/v1/categories/${(await buildCategory()).id}`,
      body: { position: 101 },
    }),
    expect: adminsOnly,
  },
  {
    method: 'put',
    path: '/api/v1/members/:handle/verification',
    prepare: async () => ({
      url: `/api/v1/members/${(await buildMember()).handle}/verification`,
      body: { roleText: 'Matrix lead', reason: 'Matrix' },
    }),
    expect: globalStaff,
  },
  {
    method: 'delete',
    path: '/api/v1/members/:handle/verification',
    prepare: async () => ({
      url: `/api/v1/members/${(await buildMember()).handle}/verification`,
      body: { reason: 'Matrix' },
    }),
    expect: globalStaff,
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
