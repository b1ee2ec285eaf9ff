import { useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PATHS } from '@shared/routes';
import { EXPORT_URL, deleteAccount } from '@client/api/directory';
import { refreshSession } from '@client/api/session';
import { FormAlert } from '@client/components/FormAlert';
import { SubmitButton } from '@client/components/SubmitButton';
import { TextField } from '@client/components/TextField';
import { usePageTitle } from '@client/components/usePageTitle';
import { submitProblem } from '@client/features/forms/submitError';
import { useSession } from '@client/features/session/useSession';
import { useFreshProof } from '@client/features/security/FreshProof';

/** "Your data": download everything as JSON, or delete the account after typing the handle. */
export function YourDataPage() {
  const { t } = useTranslation('directory');
  usePageTitle(t('data.title'));
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const proof = useFreshProof(PATHS.yourData);
  const mutation = useMutation({
    mutationFn: (handle: string) => proof.guard(() => deleteAccount(handle)),
    onSuccess: async () => {
      await refreshSession();
      await navigate(PATHS.home);
    },
    onError: (failure) => {
      const problem = submitProblem(failure, t('common:status.unexpected'));
      setError(problem.fields.confirmHandle);
      setFormError(problem.form);
    },
  });
  if (!session.user) return <Navigate to={PATHS.signIn} replace state={{ from: location.pathname }} />;
  const handle = session.user.handle;
  const reauthNotice = new URLSearchParams(location.search).get('reauth')
    ? t('security:reauth.providerDone')
    : '';

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (mutation.isPending) return;
    if (confirm.trim().toLowerCase() !== handle) {
      setError(t('errors:field.confirmation_mismatch'));
      return;
    }
    setError(undefined);
    mutation.mutate(confirm.trim());
  };

  return (
    <div className="form-page">
      <h1>{t('data.title')}</h1>
      <section aria-labelledby="data-export">
        <h2 id="data-export">{t('data.exportTitle')}</h2>
        <p>{t('data.exportText')}</p>
        <a className="button" href={EXPORT_URL} download>
          {t('data.exportButton')}
        </a>
      </section>
      <section aria-labelledby="data-delete" className="danger-zone">
        <h2 id="data-delete">{t('data.deleteTitle')}</h2>
        <p>{t('data.deleteText')}</p>
        <form className="form" noValidate onSubmit={onSubmit}>
          <FormAlert message={formError} />
          <div role="status">{reauthNotice}</div>
          <TextField
            name="confirmHandle"
            label={t('data.deleteConfirm', { handle })}
            autoComplete="off"
            value={confirm}
            onValueChange={setConfirm}
            error={error}
          />
          <SubmitButton pending={mutation.isPending} pendingLabel={t('data.deletePending')}>
            {t('data.deleteButton')}
          </SubmitButton>
        </form>
      </section>
      {proof.dialog}
    </div>
  );
}
