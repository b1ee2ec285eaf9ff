import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets `document.title` to the page's title followed by the product name. */
export function usePageTitle(title: string): void {
  const { t } = useTranslation();
  const product = t('brand.name');
  useEffect(() => {
    document.title = `${title} · ${product}`;
  }, [title, product]);
}
