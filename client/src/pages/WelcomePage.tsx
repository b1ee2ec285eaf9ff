import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PATHS } from '@shared/routes';
import type { SessionUser } from '@shared/api/session';
import { completeProfile } from '@client/api/endpoints';
import { refreshSession } from '@client/api/session';
import { FormAlert } from '@client/components/FormAlert';
import { SubmitButton } from '@client/components/SubmitButton';
import { TextField } from '@client/components/TextField';
import { usePageTitle } from '@client/components/usePageTitle';
import { submitProblem } from '@client/features/forms/submitError';
import type { FieldMessages } from '@client/features/forms/validation';
import { useSession } from '@client/features/session/useSession';

/** After a first sign-in through a provider: the member reviews what the provider told us. */
export function WelcomePage() {
  const session = useSession();
  if (!session.user) return <Navigate to={PATHS.signIn} replace />;
  return <ProfileReview user={session.user} />;
}

function ProfileReview({ user }: { user: SessionUser }) {
  const { t } = useTranslation('security');
  usePageTitle(t('welcome.title'));
  const navigate = useNavigate();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [organization, setOrganization] = useState('');
  const [fields, setFields] = useState<FieldMessages>({});
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: async () => {
      await completeProfile({ displayName, ...(organization.trim() ? { organization } : {}) });
      await refreshSession();
    },
    onSuccess: () => navigate(PATHS.home, { replace: true }),
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
    <div className="form-page">
      <h1>{t('welcome.title')}</h1>
      <p>{t('welcome.intro')}</p>
      <form className="form" noValidate onSubmit={onSubmit}>
        <FormAlert message={error} />
        <TextField
          name="displayName"
          label={t('auth:field.displayName')}
          hint={t('auth:field.displayNameHint')}
          autoComplete="name"
          value={displayName}
          onValueChange={setDisplayName}
          error={fields.displayName}
        />
        <TextField
          name="organization"
          label={t('welcome.organization')}
          autoComplete="organization"
          value={organization}
          onValueChange={setOrganization}
          error={fields.organization}
        />
        <SubmitButton pending={mutation.isPending} pendingLabel={t('welcome.pending')}>
          {t('welcome.submit')}
        </SubmitButton>
      </form>
    </div>
  );
}
