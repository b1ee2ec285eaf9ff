import { StrictMode, type ReactNode } from 'react';
import type { i18n as I18n } from 'i18next';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { I18nextProvider } from 'react-i18next';
import { SessionGate } from '@client/features/session/SessionGate';
import { TitleSinkContext, type TitleSink } from '@client/components/usePageTitle';
import { App } from './App';

/**
 * The whole app under one router: the browser's (`BrowserRouter`) or, on the server, a fixed address
 * (`StaticRouter`). The server renders this very tree and the browser hydrates it, so the two agree.
 */
export function Root({
  i18n,
  queryClient,
  router: Router,
  titleSink = null,
}: {
  i18n: I18n;
  queryClient: QueryClient;
  router: (props: { children: ReactNode }) => ReactNode;
  /** On the server: receives the page's title as it renders. */
  titleSink?: TitleSink | null;
}) {
  return (
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <QueryClientProvider client={queryClient}>
          <TitleSinkContext.Provider value={titleSink}>
            <Router>
              <SessionGate>
                <App />
              </SessionGate>
            </Router>
          </TitleSinkContext.Provider>
        </QueryClientProvider>
      </I18nextProvider>
    </StrictMode>
  );
}
