import { useRef, useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { updateAccountSchema, type UpdateAccountRequest } from '@shared/api/account';
import type { SessionUser } from '@shared/api/session';
import type { Locale } from '@shared/constants';
import { updateAccount } from '@client/api/endpoints';
import { refreshSession } from '@client/api/session';
import { FormAlert } from '@client/components/FormAlert';
import { LanguageField } from '@client/components/LanguageField';
import { SubmitButton } from '@client/components/SubmitButton';
import { TextField } from '@client/components/TextField';
import { usePageTitle } from '@client/components/usePageTitle';
import { checkForm, type FieldMessages } from '@client/features/forms/validation';
import { submitProblem } from '@client/features/forms/submitError';
import { useFocusFirstInvalid } from '@client/features/forms/useFocusFirstInvalid';

/** Edits the signed-in member's display name and language (`PATCH /api/v1/me`). */
export function AccountSettingsForm({ user }: { user: SessionUser }) {
  const { t } = useTranslation('auth');
  usePageTitle(t('settings.title'));
  const formRef = useRef<HTMLFormElement>(null);
  const focusFirstInvalid = useFocusFirstInvalid(formRef);
  const [displayName, setDisplayName] = useState(user.displayName);
  const [locale, setLocale] = useState<Locale>(user.locale);
  const [fieldErrors, setFieldErrors] = useState<FieldMessages>({});
  const [formError, setFormError] = useState<string | null>(null);

  const mutation = useMutation({
    mutationFn: async (input: UpdateAccountRequest) => {
      await updateAccount(input);
      // The session answers in the member's new language and switches the interface to it.
      await refreshSession();
    },
    onError: (error) => {
      const problem = submitProblem(error, t('common:status.unexpected'));
      setFieldErrors(problem.fields);
      setFormError(problem.form);
      focusFirstInvalid();
    },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (mutation.isPending) return;
    mutation.reset();
    const checked = checkForm(updateAccountSchema, { displayName, locale }, t);
    setFormError(null);
    if (!checked.ok) {
      setFieldErrors(checked.errors);
      focusFirstInvalid();
      return;
    }
    setFieldErrors({});
    mutation.mutate(checked.data);
  };

  return (
    <div className="form-page">
      <h1>{t('settings.title')}</h1>
      <form ref={formRef} className="form" noValidate onSubmit={onSubmit}>
        <FormAlert message={formError} />
        <div role="status" className={mutation.isSuccess ? 'notice notice--success' : 'visually-hidden'}>
          {mutation.isSuccess ? t('settings.saved') : ''}
        </div>
        <TextField
          name="displayName"
          label={t('field.displayName')}
          hint={t('field.displayNameHint')}
          autoComplete="name"
          value={displayName}
          onValueChange={setDisplayName}
          error={fieldErrors.displayName}
        />
        <LanguageField
          name="locale"
          label={t('field.language')}
          hint={t('field.languageHint')}
          value={locale}
          onValueChange={setLocale}
          error={fieldErrors.locale}
        />
        <SubmitButton pending={mutation.isPending} pendingLabel={t('settings.pending')}>
          {t('settings.submit')}
        </SubmitButton>
      </form>
    </div>
  );
}
