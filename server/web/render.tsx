import { Writable } from 'node:stream';
import type { ReactNode } from 'react';
import { renderToPipeableStream } from 'react-dom/server';
import { StaticRouter } from 'react-router';
import type { i18n as I18n } from 'i18next';
import type { QueryClient } from '@tanstack/react-query';
import { Root } from '@client/Root';
import type { TitleSink } from '@client/components/usePageTitle';

/** How long a render may take before it is abandoned (a page that never settles must not hang a request). */
const RENDER_TIMEOUT_MS = 10_000;

/**
 * Renders the app at `url` to HTML with React's streaming renderer, from a query cache the page's reads
 * were answered into. The whole page is waited for (`onAllReady`): crawlers and readers without
 * JavaScript get every part, and the HTML can be cached and compressed whole.
 */
export function renderApp(
  url: string,
  i18n: I18n,
  queryClient: QueryClient,
): Promise<{ html: string; title: string | undefined }> {
  const titleSink: TitleSink = {};
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer | string, _encoding, callback) {
        chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
        callback();
      },
    });
    sink.on('finish', () => clearTimeout(timer));
    sink.on('finish', () =>
      resolve({ html: Buffer.concat(chunks).toString('utf8'), title: titleSink.title }),
    );
    const router = ({ children }: { children: ReactNode }) => (
      <StaticRouter location={url}>{children}</StaticRouter>
    );
    let failure: unknown;
    const stream = renderToPipeableStream(
      <Root i18n={i18n} queryClient={queryClient} router={router} titleSink={titleSink} />,
      {
        // Every part in place, in document order: React would otherwise move a large part (a long
        // thread) out of place and put it back with an inline script, which readers without JavaScript
        // and the Content-Security-Policy (no inline scripts) would never run.
        progressiveChunkSize: Number.MAX_SAFE_INTEGER,
        onAllReady() {
          if (failure)
            reject(failure instanceof Error ? failure : new Error('rendering failed', { cause: failure }));
          else stream.pipe(sink);
        },
        onShellError: reject,
        onError(error) {
          failure ??= error;
        },
      },
    );
    const timer = setTimeout(
      () => stream.abort(new Error(`rendering ${url} took over ${RENDER_TIMEOUT_MS} ms`)),
      RENDER_TIMEOUT_MS,
    );
    timer.unref();
  });
}
