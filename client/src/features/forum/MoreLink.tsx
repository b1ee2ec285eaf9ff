import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';

/**
 * "More" under a list: a real link to the next page's address, so it works without JavaScript and can be
 * opened in a new tab; a plain click loads the next page in place instead.
 */
export function MoreLink({
  to,
  loading,
  onMore,
  children,
}: {
  to: string;
  loading: boolean;
  onMore: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Link
      to={to}
      className="button button--secondary"
      aria-disabled={loading || undefined}
      onClick={(event) => {
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0) return;
        event.preventDefault();
        if (!loading) onMore();
      }}
    >
      {loading ? t('status.loading') : children}
    </Link>
  );
}
