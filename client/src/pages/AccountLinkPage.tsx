import { useState, type FormEvent } from 'react';
import { useSearchParams, Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PATHS } from '@shared/routes';
import { accountEmailApi } from '@shared/api/auth';
import { call } from '@client/api/call';
import { ApiError } from '@client/api/errors';
import { FormAlert } from '@client/components/FormAlert';
import { SubmitButton } from '@client/components/SubmitButton';
import { TextField } from '@client/components/TextField';
import { usePageTitle } from '@client/components/usePageTitle';

/** Which e-mailed link the page completes. */
export type AccountLinkMode = 'verify' | 'reset' | 'confirmEmail';

/** Completes the link of each mode with the token (and, for a reset, the new password). */
const COMPLETE: Record<AccountLinkMode, (token: string, password: string) => Promise<undefined>> = {
  verify: (token) => call(accountEmailApi.verifyEmail, { body: { token } }),
  reset: (token, password) => call(accountEmailApi.resetPassword, { body: { token, password } }),
  confirmEmail: (token) => call(accountEmailApi.confirmEmailChange, { body: { token } }),
};

/**
 * Where the links of account e-mails lead: confirm an address, choose a new password, or confirm a new
 * address. Nothing happens until the member presses the button (mail scanners open links too).
 */
export function AccountLinkPage({ mode }: { mode: AccountLinkMode }) {
  const { t } = useTranslation('mail');
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  usePageTitle(t(`linkPage.${mode}.title`));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await COMPLETE[mode](token, password);
      setDone(true);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : t('linkPage.failed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="form-page">
      <h1>{t(`linkPage.${mode}.title`)}</h1>
      {done ? (
        <p role="status">
          {t(`linkPage.${mode}.done`)} <Link to={PATHS.signIn}>{t('linkPage.signIn')}</Link>
        </p>
      ) : (
        <form className="form" onSubmit={(event) => void submit(event)} noValidate>
          <FormAlert message={error} />
          {mode === 'reset' && (
            <TextField
              name="password"
              type="password"
              autoComplete="new-password"
              required
              label={t('linkPage.reset.password')}
              value={password}
              onValueChange={setPassword}
            />
          )}
          <SubmitButton pending={busy} pendingLabel={t(`linkPage.${mode}.submit`)}>
            {t(`linkPage.${mode}.submit`)}
          </SubmitButton>
        </form>
      )}
    </div>
  );
}
