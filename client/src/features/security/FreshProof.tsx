import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { REAUTH_RETURN_PATHS } from '@shared/api/security';
import { reauthenticate, reauthenticationStatus, startProviderReauth } from '@client/api/endpoints';
import { ApiError } from '@client/api/errors';
import { FormAlert } from '@client/components/FormAlert';
import { ModalDialog } from '@client/components/ModalDialog';
import { SubmitButton } from '@client/components/SubmitButton';
import { TextField } from '@client/components/TextField';
import { submitProblem } from '@client/features/forms/submitError';
import { queryKeys } from '@client/api/queryKeys';

/** A settings page a provider re-sign-in may come back to. */
type ReturnPath = (typeof REAUTH_RETURN_PATHS)[number];

interface Pending {
  resolve(): void;
  /** Cancelling fails the action with the server's own answer (asking for the proof). */
  cancel(): void;
}

/**
 * Sensitive actions ask for a fresh proof of identity. `guard(action)` runs the action; when the server
 * answers `reauthentication_required` it shows the dialog (password, code, or the provider) and, once
 * the proof is accepted, runs the action again. Render `dialog` somewhere on the page.
 */
export function useFreshProof(returnTo: ReturnPath): {
  guard<T>(action: () => Promise<T>): Promise<T>;
  dialog: ReactNode;
} {
  const { t } = useTranslation('security');
  const pending = useRef<Pending | null>(null);
  const [open, setOpen] = useState(false);

  const guard = async <T,>(action: () => Promise<T>): Promise<T> => {
    try {
      return await action();
    } catch (error) {
      if (!(error instanceof ApiError && error.code === 'reauthentication_required')) throw error;
      await new Promise<void>((resolve, reject) => {
        pending.current = { resolve, cancel: () => reject(error) };
        setOpen(true);
      });
      return action();
    }
  };

  const close = (proved: boolean) => {
    setOpen(false);
    const waiting = pending.current;
    pending.current = null;
    if (proved) waiting?.resolve();
    else waiting?.cancel();
  };

  return {
    guard,
    dialog: (
      <ModalDialog title={t('reauth.title')} open={open} onClose={() => close(false)}>
        <FreshProof returnTo={returnTo} onDone={() => close(true)} onCancel={() => close(false)} />
      </ModalDialog>
    ),
  };
}

/** The proof itself: the password and, when enrolled, the second factor; or the provider. */
function FreshProof(props: { returnTo: ReturnPath; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation('security');
  const status = useQuery({ queryKey: queryKeys.security.reauthentication, queryFn: reauthenticationStatus });
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [fields, setFields] = useState<Record<string, string | undefined>>({});
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const methods = status.data;
  const usesProvider = methods ? !methods.password && !methods.providerConfirmed : false;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (submitting) return;
    setSubmitting(true);
    try {
      const trimmed = code.replace(/\s+/g, '');
      await reauthenticate({
        ...(methods?.password && { password }),
        ...(methods?.secondFactor && (/^\d+$/.test(trimmed) ? { code: trimmed } : { recoveryCode: trimmed })),
      });
      props.onDone();
    } catch (failure) {
      const problem = submitProblem(failure, t('common:status.unexpected'));
      setFields(problem.fields);
      setError(problem.form ?? null);
    } finally {
      setSubmitting(false);
    }
  };

  const viaProvider = async (provider: string) => {
    try {
      const { redirectTo } = await startProviderReauth(provider, props.returnTo);
      window.location.assign(redirectTo);
    } catch (failure) {
      setError(submitProblem(failure, t('common:status.unexpected')).form ?? null);
    }
  };

  return (
    <>
      <p>{usesProvider ? t('reauth.providerIntro') : t('reauth.intro')}</p>
      <FormAlert message={error} />
      {usesProvider ? (
        <ul className="session-list">
          {methods?.providers.map((provider) => (
            <li key={provider.id}>
              <button type="button" className="button" onClick={() => void viaProvider(provider.id)}>
                {t('reauth.provider', { name: provider.name })}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        methods && (
          <form className="form" noValidate onSubmit={(event) => void onSubmit(event)}>
            {methods.password && (
              <TextField
                name="reauthPassword"
                type="password"
                label={t('reauth.password')}
                autoComplete="current-password"
                value={password}
                error={fields.password}
                onValueChange={setPassword}
                autoFocus
              />
            )}
            {methods.secondFactor && (
              <TextField
                name="reauthCode"
                label={t('reauth.code')}
                autoComplete="one-time-code"
                value={code}
                error={fields.code ?? fields.recoveryCode}
                onValueChange={setCode}
              />
            )}
            <SubmitButton pending={submitting} pendingLabel={t('reauth.pending')}>
              {t('reauth.submit')}
            </SubmitButton>
          </form>
        )
      )}
      <button type="button" className="button button--secondary" onClick={props.onCancel}>
        {t('reauth.cancel')}
      </button>
    </>
  );
}
