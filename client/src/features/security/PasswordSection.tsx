import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { changePassword } from '@client/api/endpoints';
import { refreshSession } from '@client/api/session';
import { FormAlert } from '@client/components/FormAlert';
import { SubmitButton } from '@client/components/SubmitButton';
import { TextField } from '@client/components/TextField';
import { submitProblem } from '@client/features/forms/submitError';
import type { FieldMessages } from '@client/features/forms/validation';
import { LIMITS } from '@shared/constants';

/** Password change: the current password, then a new one; other sessions end. */
export function PasswordSection() {
  const { t } = useTranslation('security');
  const [values, setValues] = useState({ currentPassword: '', newPassword: '' });
  const [fields, setFields] = useState<FieldMessages>({});
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: async () => {
      await changePassword(values);
      await refreshSession();
    },
    onSuccess: () => {
      setValues({ currentPassword: '', newPassword: '' });
      setFields({});
      setError(null);
    },
    onError: (failure) => {
      const problem = submitProblem(failure, t('common:status.unexpected'));
      setFields(problem.fields);
      setError(problem.form);
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!mutation.isPending) mutation.mutate();
  };
  return (
    <section aria-labelledby="password-title" className="settings-section">
      <h2 id="password-title">{t('password.title')}</h2>
      <form className="form" noValidate onSubmit={onSubmit}>
        <FormAlert message={error} />
        <div role="status">{mutation.isSuccess ? t('password.changed') : ''}</div>
        <TextField
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          label={t('password.current')}
          value={values.currentPassword}
          onValueChange={(v) => setValues((s) => ({ ...s, currentPassword: v }))}
          error={fields.currentPassword}
        />
        <TextField
          name="newPassword"
          type="password"
          autoComplete="new-password"
          label={t('password.new')}
          hint={t('auth:field.passwordHint', { min: LIMITS.passwordMin })}
          value={values.newPassword}
          onValueChange={(v) => setValues((s) => ({ ...s, newPassword: v }))}
          error={fields.newPassword}
        />
        <SubmitButton pending={mutation.isPending} pendingLabel={t('password.pending')}>
          {t('password.submit')}
        </SubmitButton>
      </form>
    </section>
  );
}
