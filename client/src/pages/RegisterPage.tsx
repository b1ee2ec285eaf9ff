import { useRef, useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { registerSchema, type RegisterRequest } from '@shared/api/auth';
import { LIMITS, type Locale } from '@shared/constants';
import { PATHS } from '@shared/routes';
import { SAFEGUARD_LIMITS } from '@shared/api/safeguards';
import { register } from '@client/api/endpoints';
import { refreshSession } from '@client/api/session';
import { FormAlert } from '@client/components/FormAlert';
import { LanguageField } from '@client/components/LanguageField';
import { SubmitButton } from '@client/components/SubmitButton';
import { TextField } from '@client/components/TextField';
import { usePageTitle } from '@client/components/usePageTitle';
import { checkForm, type FieldMessages } from '@client/features/forms/validation';
import { submitProblem } from '@client/features/forms/submitError';
import { useFocusFirstInvalid } from '@client/features/forms/useFocusFirstInvalid';
import { useSession } from '@client/features/session/useSession';

interface RegisterValues {
  displayName: string;
  email: string;
  password: string;
  locale: Locale;
  /** Only while membership needs approval: why they want to join. */
  applicationNote: string;
}

/** Registration: display name, e-mail, password and language. */
export function RegisterPage() {
  const { t } = useTranslation('auth');
  usePageTitle(t('register.title'));
  const session = useSession();
  const navigate = useNavigate();
  const formRef = useRef<HTMLFormElement>(null);
  const focusFirstInvalid = useFocusFirstInvalid(formRef);
  const [values, setValues] = useState<RegisterValues>({
    displayName: '',
    email: '',
    password: '',
    locale: session.locale,
    applicationNote: '',
  });
  const approval = session.membership === 'approval';
  const [fieldErrors, setFieldErrors] = useState<FieldMessages>({});
  const [formError, setFormError] = useState<string | null>(null);

  const mutation = useMutation({
    mutationFn: async (input: RegisterRequest) => {
      await register(input);
      await refreshSession();
    },
    onSuccess: () => navigate(PATHS.home, { state: { notice: 'registered' } }),
    onError: (error) => {
      const problem = submitProblem(error, t('common:status.unexpected'));
      setFieldErrors(problem.fields);
      setFormError(problem.form);
      focusFirstInvalid();
    },
  });

  if (session.user && mutation.isIdle) return <Navigate to={PATHS.home} replace />;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (mutation.isPending) return;
    const { applicationNote, ...rest } = values;
    const checked = checkForm(registerSchema, approval ? { ...rest, applicationNote } : rest, t);
    setFormError(null);
    if (!checked.ok) {
      setFieldErrors(checked.errors);
      focusFirstInvalid();
      return;
    }
    setFieldErrors({});
    mutation.mutate(checked.data);
  };

  const set = (name: Exclude<keyof RegisterValues, 'locale'>) => (value: string) =>
    setValues((v) => ({ ...v, [name]: value }));

  return (
    <div className="form-page">
      <h1>{t('register.title')}</h1>
      <p className="lead">{t('register.intro')}</p>
      {session.membership === 'approval' && <p className="notice">{t('register.approvalNote')}</p>}
      <form ref={formRef} className="form" noValidate onSubmit={onSubmit}>
        <FormAlert message={formError} />
        <TextField
          name="displayName"
          label={t('field.displayName')}
          hint={t('field.displayNameHint')}
          autoComplete="name"
          value={values.displayName}
          onValueChange={set('displayName')}
          error={fieldErrors.displayName}
        />
        <TextField
          name="email"
          type="email"
          label={t('field.email')}
          autoComplete="email"
          spellCheck={false}
          value={values.email}
          onValueChange={set('email')}
          error={fieldErrors.email}
        />
        <TextField
          name="password"
          type="password"
          label={t('field.password')}
          hint={t('field.passwordHint', { min: LIMITS.passwordMin })}
          autoComplete="new-password"
          value={values.password}
          onValueChange={set('password')}
          error={fieldErrors.password}
        />
        {approval && (
          <div className={fieldErrors.applicationNote ? 'field field--invalid' : 'field'}>
            <label htmlFor="field-applicationNote">{t('safeguards:register.note')}</label>
            <p className="field__hint" id="field-applicationNote-hint">
              {t('safeguards:register.noteHint')}
            </p>
            {fieldErrors.applicationNote && (
              <p className="field__error" id="field-applicationNote-error">
                {fieldErrors.applicationNote}
              </p>
            )}
            <textarea
              id="field-applicationNote"
              name="applicationNote"
              rows={4}
              maxLength={SAFEGUARD_LIMITS.applicationNoteMax}
              value={values.applicationNote}
              onChange={(e) => set('applicationNote')(e.target.value)}
              aria-invalid={fieldErrors.applicationNote ? true : undefined}
              aria-describedby={
                fieldErrors.applicationNote
                  ? 'field-applicationNote-hint field-applicationNote-error'
                  : 'field-applicationNote-hint'
              }
            />
          </div>
        )}
        <LanguageField
          name="locale"
          label={t('field.language')}
          hint={t('field.languageHint')}
          value={values.locale}
          onValueChange={(locale) => setValues((v) => ({ ...v, locale }))}
          error={fieldErrors.locale}
        />
        <SubmitButton pending={mutation.isPending} pendingLabel={t('register.pending')}>
          {t('register.submit')}
        </SubmitButton>
      </form>
      <p className="form-page__aside">
        {t('register.haveAccount')} <Link to={PATHS.signIn}>{t('register.signInLink')}</Link>
      </p>
    </div>
  );
}
