import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useInfiniteQuery } from '@tanstack/react-query';
import type { AdminMemberDto } from '@shared/api/admin';
import type { Role } from '@shared/constants';
import { LIMITS } from '@shared/constants';
import { findMembers } from '@client/api/admin';
import { ApiError } from '@client/api/errors';
import { queryKeys } from '@client/api/queryKeys';

interface MemberFinderProps {
  /** Asks to give `member` this role (the page confirms first). */
  onGrant: (member: AdminMemberDto, role: Role) => void;
}

/** Finds members by name, handle or e-mail and offers the staff roles they do not hold. */
export function MemberFinder({ onGrant }: MemberFinderProps) {
  const { t } = useTranslation('admin');
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState<string | null>(null);
  const results = useInfiniteQuery({
    queryKey: queryKeys.admin.memberSearch(q),
    queryFn: ({ pageParam }) => findMembers(q ?? '', pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: q !== null,
  });
  const items = results.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <div className="member-finder">
      <form
        role="search"
        className="member-finder__form"
        onSubmit={(event) => {
          event.preventDefault();
          setQ(draft.trim());
        }}
      >
        <div className="field">
          <label htmlFor="member-finder-q">{t('roles.findLabel')}</label>
          <p className="field__hint" id="member-finder-hint">
            {t('roles.findHint')}
          </p>
          <input
            id="member-finder-q"
            type="search"
            value={draft}
            maxLength={LIMITS.searchQueryMax}
            aria-describedby="member-finder-hint"
            onChange={(event) => setDraft(event.target.value)}
          />
        </div>
        <button type="submit" className="button">
          {t('roles.find')}
        </button>
      </form>
      {results.isError && (
        <p role="alert" className="error-state">
          {results.error instanceof ApiError ? results.error.message : t('common:status.unexpected')}
        </p>
      )}
      {q !== null && results.isPending && <p className="loading">{t('roles.searching')}</p>}
      {results.isSuccess && items.length === 0 && <p>{t('roles.noResults')}</p>}
      {items.length > 0 && (
        <ul className="staff-list" aria-label={t('roles.resultsLabel')}>
          {items.map((member) => (
            <li key={member.id} className="staff-card">
              <div className="staff-card__who">
                <span className="staff-card__name">{member.displayName}</span>{' '}
                <span className="staff-card__handle">@{member.handle}</span>{' '}
                <span className="staff-card__email">{member.email}</span>{' '}
                <span className="badge">{t(`roles.role_${member.role}`)}</span>
              </div>
              <div className="staff-card__actions" role="group" aria-label={member.displayName}>
                {member.role !== 'moderator' && (
                  <button
                    type="button"
                    className="button button--small"
                    onClick={() => onGrant(member, 'moderator')}
                  >
                    {t('roles.makeModerator')}
                  </button>
                )}
                {member.role !== 'admin' && (
                  <button
                    type="button"
                    className="button button--small button--secondary"
                    onClick={() => onGrant(member, 'admin')}
                  >
                    {t('roles.makeAdmin')}
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {results.hasNextPage && (
        <button
          type="button"
          className="button button--secondary"
          disabled={results.isFetchingNextPage}
          onClick={() => void results.fetchNextPage()}
        >
          {results.isFetchingNextPage ? t('roles.searching') : t('roles.more')}
        </button>
      )}
    </div>
  );
}
