import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { signInSecondFactor } from '@client/api/endpoints';
import { refreshSession } from '@client/api/session';
import { FormAlert } from '@client/components/FormAlert';
import { SubmitButton } from '@client/components/SubmitButton';
import { TextField } from '@client/components/TextField';
import { submitProblem } from '@client/features/forms/submitError';

/** The second step of signing in: a code from the authenticator app, or a recovery code. */
export function SecondFactorForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation('security');
  const [useRecovery, setUseRecovery] = useState(false);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: async () => {
      await signInSecondFactor(useRecovery ? { recoveryCode: value } : { code: value.replace(/\s+/g, '') });
      await refreshSession();
    },
    onSuccess: onDone,
    onError: (failure) =>
      setError(submitProblem(failure, t('common:status.unexpected')).form ?? failure.message),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!mutation.isPending) mutation.mutate();
  };
  return (
    <form className="form" noValidate onSubmit={onSubmit} aria-labelledby="second-factor-title">
      <h2 id="second-factor-title">{t('secondFactor.title')}</h2>
      <p>{useRecovery ? t('secondFactor.recoveryIntro') : t('secondFactor.intro')}</p>
      <FormAlert message={error} />
      <TextField
        key={useRecovery ? 'recovery' : 'code'}
        name={useRecovery ? 'recoveryCode' : 'code'}
        label={useRecovery ? t('secondFactor.recoveryLabel') : t('secondFactor.codeLabel')}
        autoComplete="one-time-code"
        inputMode={useRecovery ? 'text' : 'numeric'}
        spellCheck={false}
        value={value}
        onValueChange={setValue}
      />
      <SubmitButton pending={mutation.isPending} pendingLabel={t('secondFactor.pending')}>
        {t('secondFactor.submit')}
      </SubmitButton>
      <button
        type="button"
        className="button button--link"
        onClick={() => {
          setUseRecovery((v) => !v);
          setValue('');
          setError(null);
        }}
      >
        {useRecovery ? t('secondFactor.useApp') : t('secondFactor.useRecovery')}
      </button>
    </form>
  );
}
