import { createContext, useContext, useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Where a page rendered on the server writes its title, for the server to put in `<title>`. */
export interface TitleSink {
  title?: string;
}

/** Provided by the server renderer only: in the browser, the title is set on the document. */
export const TitleSinkContext = createContext<TitleSink | null>(null);

/** Sets `document.title` to the page's title followed by the product name (and tells the server's render). */
export function usePageTitle(title: string): void {
  const { t } = useTranslation();
  const product = t('brand.name');
  const sink = useContext(TitleSinkContext);
  if (sink) sink.title = title;
  useEffect(() => {
    document.title = `${title} · ${product}`;
  }, [title, product]);
}
