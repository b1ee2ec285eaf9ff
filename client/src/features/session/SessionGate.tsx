import type { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { sessionQuery } from '@client/api/session';

/** Waits for the first session answer (language, member, CSRF token) before showing the app. */
export function SessionGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const session = useQuery(sessionQuery);
  if (session.data) return children;
  if (session.isError) {
    return (
      <main className="gate" id="main">
        <p role="alert">{session.error.message}</p>
        <button type="button" className="button" onClick={() => void session.refetch()}>
          {t('action.retry')}
        </button>
      </main>
    );
  }
  return (
    <main className="gate" id="main" aria-busy="true">
      <p className="loading">{t('status.loading')}</p>
    </main>
  );
}
