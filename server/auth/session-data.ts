/** What Ágora keeps in a session besides Passport's member id. */
export interface SessionDevice {
  userAgent: string;
  /** Approximate address (/24 or /48), never the full one. */
  approximateIp: string | null;
  signedInAt: string;
  lastSeenAt: string;
}

/** A password (or provider) sign-in that still needs its second factor. */
export interface PendingSignIn {
  memberId: string;
  /** Epoch milliseconds after which the code step must start over. */
  expiresAt: number;
}

/** Linking a provider that a signed-in member asked for, checked again at the callback. */
export interface LinkIntent {
  memberId: string;
  provider: string;
  expiresAt: number;
}

/** Signing in again through a provider to prove it is still the member, before a sensitive action. */
export interface ReauthIntent {
  memberId: string;
  provider: string;
  /** The settings page to come back to. */
  returnTo: string;
  expiresAt: number;
}

declare module 'express-session' {
  interface SessionData {
    device?: SessionDevice;
    pendingSignIn?: PendingSignIn;
    linkIntent?: LinkIntent;
    reauthIntent?: ReauthIntent;
    // `reauthenticatedAt` (the last full proof of identity) is declared by the HTTP kernel's fresh-proof
    // guard (server/http/guards.ts), which reads it.
    /** Epoch milliseconds when a provider-only member signed in again at the provider; the code may follow. */
    providerReauthAt?: number;
  }
}
