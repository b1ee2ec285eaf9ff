import type { Adapter, AdapterPayload } from 'oidc-provider';

interface Entry {
  payload: AdapterPayload;
  expiresAt: number | null;
}

/**
 * Storage for one test provider's grants, codes, sessions and interactions, kept in this process's
 * memory for as long as the provider lives (a test provider has nothing to keep across restarts).
 * Each provider gets its own, so two providers in one run never see each other's codes.
 */
export function memoryAdapterFactory(): (model: string) => Adapter {
  const store = new Map<string, Entry>();
  const grantIndex = new Map<string, Set<string>>();

  const read = (key: string): AdapterPayload | undefined => {
    const entry = store.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt !== null && entry.expiresAt <= Date.now()) {
      store.delete(key);
      return undefined;
    }
    return entry.payload;
  };

  return (model: string): Adapter => {
    const key = (id: string) => `${model}:${id}`;
    const byReference = (reference: string) => {
      const ref = read(reference);
      return typeof ref?.id === 'string' ? read(key(ref.id)) : undefined;
    };
    return {
      upsert(id, payload, expiresIn) {
        store.set(key(id), { payload, expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : null });
        if (payload.grantId) {
          const keys = grantIndex.get(payload.grantId) ?? new Set<string>();
          keys.add(key(id));
          grantIndex.set(payload.grantId, keys);
        }
        if (payload.uid) store.set(`uid:${payload.uid}`, { payload: { id }, expiresAt: null });
        if (payload.userCode) store.set(`userCode:${payload.userCode}`, { payload: { id }, expiresAt: null });
        return Promise.resolve();
      },
      find: (id) => Promise.resolve(read(key(id))),
      findByUid: (uid) => Promise.resolve(byReference(`uid:${uid}`)),
      findByUserCode: (userCode) => Promise.resolve(byReference(`userCode:${userCode}`)),
      consume(id) {
        const payload = read(key(id));
        if (payload) payload.consumed = Math.floor(Date.now() / 1000);
        return Promise.resolve();
      },
      destroy(id) {
        store.delete(key(id));
        return Promise.resolve();
      },
      revokeByGrantId(grantId) {
        for (const entry of grantIndex.get(grantId) ?? []) store.delete(entry);
        grantIndex.delete(grantId);
        return Promise.resolve();
      },
    };
  };
}
