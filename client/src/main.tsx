import { createRoot, hydrateRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { hydrate, type DehydratedState } from '@tanstack/react-query';
import { isLocale, type Locale } from '@shared/constants';
import { SERVER_STATE_ID, type ServerQueryError, type ServerState } from '@shared/server-state';
import { queryClient } from '@client/api/queryClient';
import { ApiError, type ApiErrorCode } from '@client/api/errors';
import { startI18n } from '@client/i18n/i18n';
import { Root } from './Root';
import './styles.css';

/** The data and language the server rendered the page with, if it did. */
function serverState(): ServerState | undefined {
  const text = document.getElementById(SERVER_STATE_ID)?.textContent;
  return text ? (JSON.parse(text) as ServerState) : undefined;
}

/** The best product language among the browser's (for a page the server did not render). */
function browserLocale(): Locale {
  for (const tag of navigator.languages) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return 'es';
}

const isServerError = (error: unknown): error is ServerQueryError =>
  typeof error === 'object' &&
  error !== null &&
  'status' in error &&
  'code' in error &&
  !(error instanceof ApiError);

/** Fills the query cache with the server's reads; a failed read becomes the `ApiError` the page expects. */
function restore(state: ServerState): void {
  hydrate(queryClient, state.queries as DehydratedState);
  for (const query of queryClient.getQueryCache().getAll()) {
    const { error } = query.state;
    if (isServerError(error)) {
      query.setState({
        error: new ApiError(error.status, { code: error.code as ApiErrorCode, message: error.message }),
      });
    }
  }
}

async function start(): Promise<void> {
  const container = document.getElementById('root');
  if (!container) throw new Error('the page has no #root element');
  const state = serverState();
  const i18n = await startI18n(state?.locale ?? browserLocale());
  const app = <Root i18n={i18n} queryClient={queryClient} router={BrowserRouter} />;
  if (state) {
    restore(state);
    hydrateRoot(container, app);
  } else {
    createRoot(container).render(app);
  }
}

void start();
