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

declare module 'express-session' {
  interface SessionData {
    device?: SessionDevice;
    pendingSignIn?: PendingSignIn;
    linkIntent?: LinkIntent;
  }
}
