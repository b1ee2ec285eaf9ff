import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PATHS } from '@shared/routes';
import { usePageTitle } from '@client/components/usePageTitle';

/** Shown for any path the client has no page for (the server answers those with status 404). */
export function NotFoundPage() {
  const { t } = useTranslation();
  usePageTitle(t('notFound.title'));
  return (
    <div className="page-intro">
      <h1>{t('notFound.title')}</h1>
      <p className="lead">{t('notFound.text')}</p>
      <p>
        <Link to={PATHS.home}>{t('notFound.home')}</Link>
      </p>
    </div>
  );
}
