import type { Request } from 'express';
import { freshUntil, type Clock } from '@server/http/guards';
import './session-data';

// The fresh-proof guard (`requireFreshProof`) and the window it reads belong to the HTTP kernel, which
// runs it on the contract's `freshProof` routes; this feature records the proof.
export { freshUntil, type Clock };

/** How long a provider re-sign-in waits for the second factor that completes the proof. */
export const PROVIDER_REAUTH_WINDOW_MS = 5 * 60 * 1000;

/** Records a full proof of identity on the session: the password (or provider) and the second factor. */
export function recordProof(req: Request, now: Clock = Date.now): void {
  req.session.reauthenticatedAt = now();
  delete req.session.providerReauthAt;
}

/** Whether a provider-only member signed in again at their provider moments ago (first factor only). */
export function providerConfirmed(req: Request, now: Clock = Date.now): boolean {
  const at = req.session.providerReauthAt;
  return typeof at === 'number' && at + PROVIDER_REAUTH_WINDOW_MS > now();
}
