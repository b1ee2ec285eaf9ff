import { byNamespace } from './namespaces';

// This language's strings in one chunk: a page loads its own language and no other.
export const namespaces = byNamespace(
  import.meta.glob('@locales/es/*.json', { eager: true, import: 'default' }),
);
