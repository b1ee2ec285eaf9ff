import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PATHS } from '@shared/routes';

/** The site footer. */
export function Footer() {
  const { t } = useTranslation();
  return (
    <footer className="site-footer">
      <div className="site-footer__inner">
        <p>{t('footer.about')}</p>
        <p>
          <Link to={PATHS.moderationLog}>{t('moderation:log.footer')}</Link>
        </p>
      </div>
    </footer>
  );
}
