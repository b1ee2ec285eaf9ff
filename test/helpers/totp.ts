import { Secret, TOTP } from 'otpauth';
import type { TwoFactorSetupResponse } from '@shared/api/security';
import type { ApiClient } from './http';

/** The code an authenticator app shows for `secret`, `offsetSteps` periods from now. */
export function totpCode(secret: string, offsetSteps = 0): string {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate({
    timestamp: Date.now() + offsetSteps * 30_000,
  });
}

/** Enrols the signed-in client's member in TOTP, returning the secret and the recovery codes. */
export async function enrolTwoFactor(
  client: ApiClient,
): Promise<{ secret: string; recoveryCodes: string[] }> {
  const setup = await client.send('post', '/api/v1/me/two-factor/setup');
  if (setup.status !== 200) throw new Error(`setup answered ${setup.status}`);
  const { secret } = setup.body as TwoFactorSetupResponse;
  const confirm = await client.send('post', '/api/v1/me/two-factor/confirm', { code: totpCode(secret) });
  if (confirm.status !== 200) throw new Error(`confirm answered ${confirm.status}`);
  await client.session();
  return { secret, recoveryCodes: (confirm.body as { recoveryCodes: string[] }).recoveryCodes };
}
