import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { MAIL_KINDS, type MailKind } from '@shared/api/notifications';

const payloadSchema = z.tuple([z.uuid(), z.enum(MAIL_KINDS)]);

/**
 * Signed one-click unsubscribe tokens: `<memberId>.<kind>.<mac>`. They carry no expiry (an old e-mail's
 * link must still work) and are good for one member and one kind only (a notification kind, or the digest).
 */
export function createUnsubscribeTokens(serverSecret: string) {
  const key = Buffer.from(hkdfSync('sha256', serverSecret, 'agora', 'agora:unsubscribe', 32));
  const mac = (memberId: string, kind: string) =>
    createHmac('sha256', key).update(`${memberId}\0${kind}`).digest('base64url');
  return {
    /** The token for a member and kind. */
    sign: (memberId: string, kind: MailKind): string => `${memberId}.${kind}.${mac(memberId, kind)}`,
    /** The member and kind of a valid token, or null. */
    verify(token: string): { memberId: string; kind: MailKind } | null {
      const [memberId, kind, given = ''] = token.split('.');
      const parsed = payloadSchema.safeParse([memberId, kind]);
      if (!parsed.success) return null;
      const expected = Buffer.from(mac(parsed.data[0], parsed.data[1]));
      const actual = Buffer.from(given);
      if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
      return { memberId: parsed.data[0], kind: parsed.data[1] };
    },
  };
}

/** The unsubscribe token signer. */
export type UnsubscribeTokens = ReturnType<typeof createUnsubscribeTokens>;
