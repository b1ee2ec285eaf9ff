import { useState } from 'react';
import { Link, Navigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { AdminMemberDto } from '@shared/api/admin';
import type { Role } from '@shared/constants';
import { PATHS, memberPath } from '@shared/routes';
import { changeRole, changeScopes, listStaff } from '@client/api/admin';
import { listAdminCategories } from '@client/api/forum';
import { ApiError } from '@client/api/errors';
import { usePageTitle } from '@client/components/usePageTitle';
import { useSession } from '@client/features/session/useSession';
import { ConfirmDialog } from '@client/features/admin/ConfirmDialog';
import { MemberFinder } from '@client/features/admin/MemberFinder';
import { ScopeEditor } from '@client/features/admin/ScopeEditor';
import { ModerationNav } from '@client/features/moderation/ModerationNav';
import { queryKeys } from '@client/api/queryKeys';

/** A role change awaiting confirmation. */
interface PendingChange {
  member: AdminMemberDto;
  role: Role;
}

/** Staff roles: who moderates and administers, which categories each moderator looks after, and changes. */
export function AdminRolesPage() {
  const { t } = useTranslation('admin');
  const session = useSession();
  const queryClient = useQueryClient();
  const isAdmin = session.user?.role === 'admin';
  const staff = useQuery({ queryKey: queryKeys.admin.staff, queryFn: listStaff, enabled: isAdmin });
  const categories = useQuery({
    queryKey: queryKeys.categories.adminList(session.locale),
    queryFn: listAdminCategories,
    enabled: isAdmin,
  });
  const [pending, setPending] = useState<PendingChange | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  usePageTitle(t('roles.title'));
  if (!session.user) return <Navigate to={PATHS.signIn} replace />;
  if (!isAdmin) {
    return (
      <div className="page-intro">
        <h1>{t('roles.title')}</h1>
        <p className="lead">{t('roles.forbidden')}</p>
      </div>
    );
  }

  const categoryList = (categories.data?.items ?? []).map((c) => ({ id: c.id, name: c.name }));
  const categoryName = (id: string) => categoryList.find((c) => c.id === id)?.name ?? id;
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: queryKeys.admin.staff });
    await queryClient.invalidateQueries({ queryKey: queryKeys.admin.memberSearches });
  };

  const confirmTitle = (change: PendingChange) =>
    change.role === 'member'
      ? t('roles.confirmRemoveTitle', { name: change.member.displayName })
      : t(`roles.confirmGrantTitle_${change.role}`, { name: change.member.displayName });

  const apply = async (change: PendingChange, reason: string) => {
    await changeRole(change.member.id, { role: change.role, ...(reason && { reason }) });
    await refresh();
    setStatus(
      change.role === 'member'
        ? t('roles.removed', { name: change.member.displayName })
        : t(`roles.granted_${change.role}`, { name: change.member.displayName }),
    );
  };

  const saveScopes = (member: AdminMemberDto) => async (categoryIds: string[]) => {
    await changeScopes(member.id, { categoryIds });
    await refresh();
    setEditing(null);
    setStatus(t('roles.scopesSaved', { name: member.displayName }));
  };

  const items = staff.data?.items ?? [];
  return (
    <div className="admin-page">
      <h1>{t('roles.title')}</h1>
      <ModerationNav />
      <p className="lead">{t('roles.intro')}</p>
      <p role="status" className="admin-page__status">
        {status}
      </p>
      <section aria-labelledby="roles-staff">
        <h2 id="roles-staff">{t('roles.staffHeading')}</h2>
        {staff.isError && (
          <p role="alert" className="error-state">
            {staff.error instanceof ApiError ? staff.error.message : t('common:status.unexpected')}
          </p>
        )}
        {staff.isPending && <p className="loading">{t('roles.loading')}</p>}
        {staff.isSuccess && items.length === 0 && <p>{t('roles.empty')}</p>}
        <ul className="staff-list">
          {items.map((member) => (
            <li key={member.id} className="staff-card">
              <div className="staff-card__who">
                <Link to={memberPath(member.handle)} className="staff-card__name">
                  {member.displayName}
                </Link>{' '}
                <span className="staff-card__handle">@{member.handle}</span>{' '}
                <span className="badge">{t(`roles.role_${member.role}`)}</span>{' '}
                {!member.twoFactorEnabled && (
                  <span className="badge badge--warning">{t('roles.noSecondFactor')}</span>
                )}
              </div>
              {member.role === 'moderator' && (
                <p className="staff-card__scopes">
                  {member.scopes
                    ? t('roles.scopesSome', { categories: member.scopes.map(categoryName).join(', ') })
                    : t('roles.scopesAll')}
                </p>
              )}
              <div className="staff-card__actions" role="group" aria-label={member.displayName}>
                {member.role === 'moderator' && (
                  <button
                    type="button"
                    className="button button--small button--secondary"
                    aria-expanded={editing === member.id}
                    onClick={() => setEditing(editing === member.id ? null : member.id)}
                  >
                    {t('roles.editScopes')}
                  </button>
                )}
                <button
                  type="button"
                  className="button button--small button--secondary"
                  onClick={() =>
                    setPending({ member, role: member.role === 'admin' ? 'moderator' : 'admin' })
                  }
                >
                  {member.role === 'admin' ? t('roles.makeModerator') : t('roles.makeAdmin')}
                </button>
                <button
                  type="button"
                  className="button button--small button--secondary"
                  onClick={() => setPending({ member, role: 'member' })}
                >
                  {t('roles.remove')}
                </button>
              </div>
              {editing === member.id && (
                <ScopeEditor
                  member={member}
                  categories={categoryList}
                  onSave={saveScopes(member)}
                  onCancel={() => setEditing(null)}
                />
              )}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="roles-grant">
        <h2 id="roles-grant">{t('roles.grantHeading')}</h2>
        <p>{t('roles.grantIntro')}</p>
        <MemberFinder onGrant={(member, role) => setPending({ member, role })} />
      </section>
      {pending && (
        <ConfirmDialog
          title={confirmTitle(pending)}
          confirmLabel={pending.role === 'member' ? t('roles.confirmRemove') : t('roles.confirmGrant')}
          reasonLabel={t('roles.reason')}
          onConfirm={(reason) => apply(pending, reason)}
          onClose={() => setPending(null)}
        >
          <p>
            {pending.role === 'member'
              ? t('roles.confirmRemoveBody')
              : t(`roles.confirmGrantBody_${pending.role}`)}
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
