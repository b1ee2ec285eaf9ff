import type { Config, OidcProviderConfig } from '@server/config';
import type { Database } from '@server/db/pool';
import { AppError, notFound } from '@server/errors';
import type { MemberRow, MemberService } from '@server/members';
import { isLocale, LIMITS, type Locale } from '@shared/constants';
import type { IdentityListResponse } from '@shared/api/security';
import type { Secrets } from './secrets';
import type { AdminBootstrap } from './admin-bootstrap';
import {
  deleteIdentity,
  findIdentity,
  hasVerifiedIdentity,
  insertIdentity,
  listIdentities,
  touchIdentity,
} from './identity.queries';

/** The claims of a verified ID token that Ágora reads; everything else is dropped unread. */
export interface OidcClaims {
  sub: string;
  email?: unknown;
  email_verified?: unknown;
  name?: unknown;
  given_name?: unknown;
  family_name?: unknown;
  locale?: unknown;
  [claim: string]: unknown;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() ? value.trim() : undefined;

/** The configured assurance claim as sent (a list is joined), and whether it meets the verified level. */
function assuranceOf(provider: OidcProviderConfig, claims: OidcClaims) {
  const rule = provider.verifiedAssurance;
  if (!rule) return { assurance: null, identityVerified: false };
  const raw = claims[rule.claim];
  const values = (Array.isArray(raw) ? raw : [raw])
    .filter((v): v is string | number => typeof v === 'string' || typeof v === 'number')
    .map(String);
  if (values.length === 0) return { assurance: null, identityVerified: false };
  return {
    assurance: values.join(' ').slice(0, 200),
    identityVerified: values.some((value) => rule.values.includes(value)),
  };
}

/** A display name from the claims that fits the account's rules. */
function displayNameOf(claims: OidcClaims, email: string): string {
  const name =
    text(claims.name) ?? [text(claims.given_name), text(claims.family_name)].filter(Boolean).join(' ');
  const chosen = name || email.split('@')[0] || email;
  return chosen.padEnd(LIMITS.displayNameMin, '_').slice(0, LIMITS.displayNameMax);
}

/** The product language from a claim like `pt-BR`, if it is one we speak. */
function localeOf(claims: OidcClaims): Locale | undefined {
  const tag = text(claims.locale)?.toLowerCase().split(/[-_]/)[0];
  return isLocale(tag) ? tag : undefined;
}

/** Links between members and provider accounts: sign-in, sign-up from claims, link, unlink. */
export function createIdentityService(
  config: Config,
  db: Database,
  members: MemberService,
  secrets: Secrets,
  bootstrap: AdminBootstrap,
) {
  const factsOf = (provider: OidcProviderConfig, claims: OidcClaims) => ({
    provider: provider.id,
    subjectHash: secrets.subjectHash(provider.id, claims.sub),
    ...assuranceOf(provider, claims),
  });

  return {
    /**
     * The member a provider account signs in as. A linked account signs in; an unknown one creates an
     * account from the claims (to be reviewed by the member) — but never takes over an existing account
     * with the same e-mail: that member links the provider from their settings.
     */
    async signIn(provider: OidcProviderConfig, claims: OidcClaims, locale: Locale): Promise<MemberRow> {
      const facts = factsOf(provider, claims);
      const link = await findIdentity(db, facts.provider, facts.subjectHash);
      if (link) {
        await touchIdentity(db, link.id, facts.assurance, facts.identityVerified);
        const member = await members.findById(link.memberId);
        if (!member) throw notFound();
        return member;
      }
      const email = text(claims.email)?.toLowerCase();
      if (!email || claims.email_verified === false || email.length > LIMITS.emailMax) {
        throw new AppError(400, 'oidc_email_missing');
      }
      if (await members.findByEmail(email)) throw new AppError(409, 'oidc_email_taken');
      const emailVerified = claims.email_verified === true;
      const member = await members.create({
        email,
        passwordHash: null,
        displayName: displayNameOf(claims, email),
        role: 'member',
        status: config.membership === 'open' ? 'active' : 'pending',
        locale: localeOf(claims) ?? locale,
        profileCompletedAt: null,
        emailVerifiedAt: emailVerified ? new Date() : null,
      });
      await insertIdentity(db, member.id, facts);
      // The provider vouches for the address: as good a proof as the verification link (ADMIN_EMAILS).
      if (!emailVerified) return member;
      return db.transaction((tx) => bootstrap.addressProven(tx, member));
    },

    /** Links a provider account to the signed-in member, who asked for it. */
    async link(member: MemberRow, provider: OidcProviderConfig, claims: OidcClaims): Promise<void> {
      const facts = factsOf(provider, claims);
      const existing = await findIdentity(db, facts.provider, facts.subjectHash);
      if (existing && existing.memberId !== member.id) {
        throw new AppError(409, 'identity_already_linked', {
          params: { provider: provider.name[member.locale] },
        });
      }
      if (existing) return touchIdentity(db, existing.id, facts.assurance, facts.identityVerified);
      const mine = await listIdentities(db, member.id);
      if (mine.some((row) => row.provider === provider.id)) {
        throw new AppError(409, 'identity_already_linked', {
          params: { provider: provider.name[member.locale] },
        });
      }
      await insertIdentity(db, member.id, facts);
    },

    /** Whether the provider account of these claims is linked to this member (a re-sign-in proves it is them). */
    async isLinkedTo(member: MemberRow, provider: OidcProviderConfig, claims: OidcClaims): Promise<boolean> {
      const facts = factsOf(provider, claims);
      const link = await findIdentity(db, facts.provider, facts.subjectHash);
      return link?.memberId === member.id;
    },

    /** Removes a link, unless it is the member's last way to sign in. */
    async unlink(member: MemberRow, providerId: string): Promise<void> {
      const mine = await listIdentities(db, member.id);
      if (!mine.some((row) => row.provider === providerId)) throw notFound();
      const methods = mine.length + (member.passwordHash ? 1 : 0);
      if (methods <= 1) throw new AppError(409, 'last_sign_in_method');
      await deleteIdentity(db, member.id, providerId);
    },

    /**
     * Whether the member's identity is verified: a linked provider vouched for it at its configured
     * assurance level the last time the member signed in (or linked) through it.
     */
    isVerified(memberId: string): Promise<boolean> {
      return hasVerifiedIdentity(db, memberId);
    },

    /** Every configured provider, and whether the member linked it. */
    async list(member: MemberRow, locale: Locale): Promise<IdentityListResponse> {
      const mine = await listIdentities(db, member.id);
      return {
        hasPassword: Boolean(member.passwordHash),
        items: config.oidcProviders.map((provider) => {
          const row = mine.find((candidate) => candidate.provider === provider.id);
          return {
            provider: provider.id,
            name: provider.name[locale],
            linked: Boolean(row),
            identityVerified: row?.identityVerified ?? false,
            linkedAt: row ? row.createdAt.toISOString() : null,
          };
        }),
      };
    },
  };
}

/** The identity-link service. */
export type IdentityService = ReturnType<typeof createIdentityService>;
