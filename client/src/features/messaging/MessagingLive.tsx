import { useMessagingLive } from './useMessagingLive';

/** Renders nothing: keeps the messaging lists and badge in step with the socket. */
export function MessagingLive({ signedIn }: { signedIn: boolean }) {
  useMessagingLive(signedIn);
  return null;
}
