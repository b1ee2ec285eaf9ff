import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { listIdentities, startLink, unlinkIdentity } from '@client/api/endpoints';
import { FormAlert } from '@client/components/FormAlert';
import { PATHS } from '@shared/routes';
import { queryKeys } from '@client/api/queryKeys';
import { useFreshProof } from './FreshProof';

/** Identity providers: link one (a full-page trip to the provider) or unlink it. */
export function IdentitiesSection() {
  const { t } = useTranslation('security');
  const queryClient = useQueryClient();
  const identities = useQuery({ queryKey: queryKeys.security.identities, queryFn: listIdentities });
  const [error, setError] = useState<string | null>(null);
  const proof = useFreshProof(PATHS.security);
  const link = useMutation({
    mutationFn: (provider: string) => proof.guard(() => startLink(provider)),
    onSuccess: ({ redirectTo }) => window.location.assign(redirectTo),
    onError: (failure) => setError(failure.message),
  });
  const unlink = useMutation({
    mutationFn: (provider: string) => proof.guard(() => unlinkIdentity(provider)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.security.identities }),
    onError: (failure) => setError(failure.message),
  });
  const items = identities.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="identities-title" className="settings-section">
      <h2 id="identities-title">{t('identities.title')}</h2>
      <FormAlert message={error} />
      {proof.dialog}
      <ul className="session-list">
        {items.map((item) => (
          <li key={item.provider} className="session-list__item">
            <strong>{item.name}</strong>{' '}
            <span>{item.linked ? t('identities.linked') : t('identities.notLinked')}</span>
            {item.identityVerified && <span className="badge">{t('identities.verified')}</span>}
            {item.linked ? (
              <button
                type="button"
                className="button button--secondary"
                onClick={() => unlink.mutate(item.provider)}
              >
                {t('identities.unlink', { name: item.name })}
              </button>
            ) : (
              <button
                type="button"
                className="button button--secondary"
                onClick={() => link.mutate(item.provider)}
              >
                {t('identities.link', { name: item.name })}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
