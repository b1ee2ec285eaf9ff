import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './errors';

/** The app's query cache. Client errors (4xx) are answers, not glitches, so they are not retried. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      retry: (failures, error) =>
        failures < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
    },
  },
});
