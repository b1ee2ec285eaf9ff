import { useTranslation } from 'react-i18next';

/** The site footer. */
export function Footer() {
  const { t } = useTranslation();
  return (
    <footer className="site-footer">
      <div className="site-footer__inner">
        <p>{t('footer.about')}</p>
      </div>
    </footer>
  );
}
