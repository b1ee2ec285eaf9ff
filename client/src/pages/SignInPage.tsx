import { useRef, useState, type FormEvent } from 'react';
import { Link, Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { loginSchema, type LoginRequest } from '@shared/api/auth';
import { PATHS } from '@shared/routes';
import { signIn } from '@client/api/endpoints';
import { refreshSession } from '@client/api/session';
import { FormAlert } from '@client/components/FormAlert';
import { SubmitButton } from '@client/components/SubmitButton';
import { TextField } from '@client/components/TextField';
import { usePageTitle } from '@client/components/usePageTitle';
import { returnPath } from '@client/features/auth/redirect';
import { checkForm, type FieldMessages } from '@client/features/forms/validation';
import { submitProblem } from '@client/features/forms/submitError';
import { useFocusFirstInvalid } from '@client/features/forms/useFocusFirstInvalid';
import { useSession } from '@client/features/session/useSession';
import { SecondFactorForm } from '@client/features/auth/SecondFactorForm';

/** Sign-in with e-mail and password. */
export function SignInPage() {
  const { t } = useTranslation('auth');
  usePageTitle(t('signIn.title'));
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const formRef = useRef<HTMLFormElement>(null);
  const focusFirstInvalid = useFocusFirstInvalid(formRef);
  const [values, setValues] = useState<LoginRequest>({ email: '', password: '' });
  const [fieldErrors, setFieldErrors] = useState<FieldMessages>({});
  const [searchParams] = useSearchParams();
  const providerError = searchParams.get('error');
  // A provider round trip that failed comes back here with the code of what went wrong.
  const [formError, setFormError] = useState<string | null>(
    providerError ? t(`errors:${providerError}`, { defaultValue: t('errors:oidc_callback_invalid') }) : null,
  );

  const finish = async () => {
    const fresh = await refreshSession();
    // Moderators and admins without a second factor are sent to enrol before anything else.
    const mustEnrol = fresh.twoFactor?.required === true && !fresh.twoFactor.enabled;
    await navigate(mustEnrol ? PATHS.security : returnPath(location.state), { replace: true });
  };

  const mutation = useMutation({
    mutationFn: async (input: LoginRequest) => {
      const result = await signIn(input);
      await refreshSession();
      return result;
    },
    // With a second factor the refreshed session shows the code step instead of leaving the page.
    onSuccess: (result) => (result.secondFactorRequired ? undefined : finish()),
    onError: (error) => {
      const problem = submitProblem(error, t('common:status.unexpected'));
      setFieldErrors(problem.fields);
      setFormError(problem.form);
      focusFirstInvalid();
    },
  });

  if (session.user && mutation.isIdle) return <Navigate to={PATHS.home} replace />;
  if (session.secondFactorPending) {
    return (
      <div className="form-page">
        <h1>{t('signIn.title')}</h1>
        <SecondFactorForm onDone={() => void finish()} />
      </div>
    );
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (mutation.isPending) return;
    const checked = checkForm(loginSchema, values, t);
    setFormError(null);
    if (!checked.ok) {
      setFieldErrors(checked.errors);
      focusFirstInvalid();
      return;
    }
    setFieldErrors({});
    mutation.mutate(checked.data);
  };

  const set = (name: keyof LoginRequest) => (value: string) => setValues((v) => ({ ...v, [name]: value }));

  return (
    <div className="form-page">
      <h1>{t('signIn.title')}</h1>
      <form ref={formRef} className="form" noValidate onSubmit={onSubmit}>
        <FormAlert message={formError} />
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
          autoComplete="current-password"
          value={values.password}
          onValueChange={set('password')}
          error={fieldErrors.password}
        />
        <SubmitButton pending={mutation.isPending} pendingLabel={t('signIn.pending')}>
          {t('signIn.submit')}
        </SubmitButton>
      </form>
      {session.oidcProviders.length > 0 && (
        <ul className="provider-list">
          {session.oidcProviders.map((provider) => (
            <li key={provider.id}>
              <a className="button button--secondary" href={`/auth/oidc/${encodeURIComponent(provider.id)}`}>
                {t('signIn.withProvider', { name: provider.name })}
              </a>
            </li>
          ))}
        </ul>
      )}
      <p className="form-page__aside">
        {t('signIn.noAccount')} <Link to={PATHS.register}>{t('signIn.registerLink')}</Link>
      </p>
    </div>
  );
}
