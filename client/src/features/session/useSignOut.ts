import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { signOut } from '@client/api/endpoints';
import { refreshSession } from '@client/api/session';

/** Signs out, refreshes the session (new CSRF token, no member) and goes home. */
export function useSignOut() {
  const navigate = useNavigate();
  return useMutation({
    mutationFn: async () => {
      await signOut();
      await refreshSession();
    },
    onSuccess: () => navigate('/', { state: { notice: 'signedOut' } }),
  });
}
