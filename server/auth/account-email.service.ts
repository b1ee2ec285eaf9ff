import { createHash, randomBytes } from 'node:crypto';
import { AppError, validationError } from '@server/errors';
import type { Database } from '@server/db/pool';
import { recordEvent } from '@server/events';
import { isUniqueViolation } from '@server/db/errors';
import type { MailService } from '@server/mail';
import type { MemberRow, MemberService } from '@server/members';
import { hashPassword, passwordProblem } from './password';
import { consumeToken, insertToken, voidMemberTokens, type TokenPurpose } from './account-tokens.queries';
import { deleteOtherMemberSessions } from './sessions.queries';
import type { AdminBootstrap } from './admin-bootstrap';

const HOUR = 3600;
/** How long each kind of link stays valid. */
const TTL: Record<TokenPurpose, number> = { verify: 48 * HOUR, reset: HOUR, email_change: 24 * HOUR };

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const newToken = () => randomBytes(32).toString('base64url');

/**
 * Verification, password reset and e-mail change: single-use random tokens, stored only as SHA-256
 * hashes, each written with its e-mail in one transaction. The first proof that a member owns their
 * address may make them an admin (`ADMIN_EMAILS`).
 */
export function createAccountEmailService(
  db: Database,
  members: MemberService,
  mail: MailService,
  bootstrap: AdminBootstrap,
) {
  const issue = async (member: MemberRow, purpose: TokenPurpose, to: string, newEmail?: string) => {
    const token = newToken();
    const tokenHash = hashToken(token);
    const template = purpose === 'email_change' ? 'email_change' : purpose;
    const path = { verify: '/verify-email', reset: '/reset-password', email_change: '/confirm-email' }[
      purpose
    ];
    await db.transaction(async (tx) => {
      await insertToken(tx, { tokenHash, memberId: member.id, purpose, newEmail, ttlSeconds: TTL[purpose] });
      await mail.enqueue(tx, [
        {
          memberId: member.id,
          to,
          locale: member.locale,
          template,
          data: { name: member.displayName, link: `${path}?token=${token}`, params: { email: to } },
        },
      ]);
    });
  };

  const invalid = () => new AppError(400, 'token_invalid');

  return {
    /** Sends (again) the verification link to the member's address, unless it is verified already. */
    async sendVerification(member: MemberRow): Promise<void> {
      if (member.emailVerifiedAt) return;
      await issue(member, 'verify', member.email);
    },

    /**
     * Marks the address verified (the first time; a later link changes nothing). `signedInAs` is the
     * member whose session opened the link, if any: only the account's holder opening it also proves the
     * address for `ADMIN_EMAILS` (its owner may be opening a link sent to an account someone else made).
     */
    async verifyEmail(token: string, signedInAs?: string): Promise<void> {
      await db.transaction(async (tx) => {
        const used = await consumeToken(tx, hashToken(token), 'verify');
        if (!used) throw invalid();
        const member = await members.findInTx(tx, used.memberId);
        if (!member) throw invalid();
        if (member.emailVerifiedAt) return;
        const verified = await members.applyAccountChange(tx, member.id, { emailVerifiedAt: new Date() });
        if (signedInAs === member.id) await bootstrap.addressProven(tx, verified ?? member);
      });
    },

    /**
     * Sends a reset link if the address belongs to a member. The route has already answered (the same
     * either way) when this runs.
     */
    async forgotPassword(email: string): Promise<void> {
      const member = await members.findByEmail(email);
      if (member && member.status !== 'suspended') await issue(member, 'reset', member.email);
    },

    /**
     * Sets a new password from a reset link, ends every session and voids every other outstanding link
     * of the account (an e-mail change asked for by whoever held the account must not survive the
     * reset); returns the member's e-mail address.
     */
    async resetPassword(token: string, password: string): Promise<string> {
      const hash = hashToken(token);
      return db.transaction(async (tx) => {
        const used = await consumeToken(tx, hash, 'reset');
        if (!used) throw invalid();
        const member = await members.findInTx(tx, used.memberId);
        if (!member) throw invalid();
        const problem = passwordProblem(password, member.email);
        if (problem) throw validationError({ password: problem });
        const changed = await members.applyAccountChange(tx, member.id, {
          passwordHash: await hashPassword(password),
          // Whoever reads the mailbox owns the address.
          emailVerifiedAt: member.emailVerifiedAt ?? new Date(),
        });
        // The account is now whoever read the mailbox: every other session ends below.
        await bootstrap.addressProven(tx, changed ?? member);
        await deleteOtherMemberSessions(tx, member.id, undefined);
        await voidMemberTokens(tx, member.id);
        recordEvent(tx, { type: 'member.access.revoked', memberId: member.id });
        return member.email;
      });
    },

    /**
     * Asks to move the account to `email`: a confirmation link goes to the new address. The route has
     * answered already, alike whether the address is free or taken (a taken one gets no e-mail).
     */
    async requestEmailChange(member: MemberRow, email: string): Promise<void> {
      if (email === member.email || (await members.findByEmail(email))) return;
      await issue(member, 'email_change', email, email);
    },

    /** Moves the account to the confirmed address and tells the old one. */
    async confirmEmailChange(token: string): Promise<void> {
      try {
        await db.transaction(async (tx) => {
          const used = await consumeToken(tx, hashToken(token), 'email_change');
          if (!used?.newEmail) throw invalid();
          const member = await members.findInTx(tx, used.memberId);
          if (!member) throw invalid();
          await members.applyAccountChange(tx, member.id, {
            email: used.newEmail,
            emailVerifiedAt: new Date(),
          });
          await mail.enqueue(tx, [
            {
              memberId: member.id,
              to: member.email,
              locale: member.locale,
              template: 'email_changed_notice',
              data: { name: member.displayName, params: { email: used.newEmail } },
            },
          ]);
        });
      } catch (error) {
        if (isUniqueViolation(error, 'members_email_key')) throw new AppError(409, 'email_taken');
        throw error;
      }
    },
  };
}

/** Account e-mails. */
export type AccountEmailService = ReturnType<typeof createAccountEmailService>;
