import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Keys derived from the server secret (`SESSION_SECRET` or the generated one), one per purpose, so a key
 * that leaks through one use says nothing about the others. Changing the secret invalidates what they
 * protect: sessions, CSRF tokens, provider links and enrolled second factors.
 */
export function createSecrets(serverSecret: string) {
  const derive = (purpose: string) =>
    Buffer.from(hkdfSync('sha256', serverSecret, 'agora', `agora:${purpose}`, 32));
  const subjectKey = derive('oidc-subject');
  const totpKey = derive('totp-secret');
  const sessionIdKey = derive('session-public-id');
  const deviceKey = derive('known-device');

  return {
    /** HMAC of a provider's subject: links compare it, nobody can reverse it to a national ID number. */
    subjectHash(provider: string, subject: string): string {
      return createHmac('sha256', subjectKey).update(`${provider}\0${subject}`).digest('base64url');
    },

    /** An opaque identifier for a session, safe to show: the session id itself is a bearer secret. */
    sessionPublicId(sid: string): string {
      return createHmac('sha256', sessionIdKey).update(sid).digest('base64url').slice(0, 22);
    },

    /** The signature of a known-device cookie: its id, bound to the account (an e-mail, any case). */
    deviceSignature(account: string, deviceId: string): string {
      return createHmac('sha256', deviceKey)
        .update(`${account.toLowerCase()}\0${deviceId}`)
        .digest('base64url');
    },

    /** Encrypts a TOTP secret for storage (AES-256-GCM, random IV). */
    encrypt(plain: string): string {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', totpKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [iv, cipher.getAuthTag(), body].map((part) => part.toString('base64url')).join('.');
    },

    /** Decrypts what `encrypt` produced; throws when it was tampered with. */
    decrypt(sealed: string): string {
      const [iv = '', tag = '', body = ''] = sealed.split('.');
      const decipher = createDecipheriv('aes-256-gcm', totpKey, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
        'utf8',
      );
    },
  };
}

/** The derived keys. */
export type Secrets = ReturnType<typeof createSecrets>;

/** SHA-256 of a recovery code: the codes carry 50 bits of randomness, so a fast hash is enough. */
export function hashRecoveryCode(code: string): string {
  return createHash('sha256')
    .update(code.replace(/[^a-z0-9]/gi, '').toLowerCase())
    .digest('base64url');
}
