import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TwoFactorSetupResponse } from '@shared/api/security';
import {
  confirmTwoFactor,
  disableTwoFactor,
  regenerateRecoveryCodes,
  setUpTwoFactor,
  twoFactorStatus,
} from '@client/api/endpoints';
import { refreshSession } from '@client/api/session';
import { FormAlert } from '@client/components/FormAlert';
import { SubmitButton } from '@client/components/SubmitButton';
import { TextField } from '@client/components/TextField';
import { submitProblem } from '@client/features/forms/submitError';
import { PATHS } from '@shared/routes';
import { queryKeys } from '@client/api/queryKeys';
import { useFreshProof } from './FreshProof';

/** Two-factor authentication: enrol with a QR code, keep the recovery codes, turn it off. */
export function TwoFactorSection() {
  const { t } = useTranslation('security');
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: queryKeys.security.twoFactor, queryFn: twoFactorStatus });
  const [setup, setSetup] = useState<TwoFactorSetupResponse | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const proof = useFreshProof(PATHS.security);
  const onError = (failure: Error) =>
    setError(submitProblem(failure, t('common:status.unexpected')).form ?? failure.message);
  const done = async () => {
    setCode('');
    setError(null);
    await refreshSession();
    await queryClient.invalidateQueries({ queryKey: queryKeys.security.all });
  };
  const begin = useMutation({
    mutationFn: () => proof.guard(setUpTwoFactor),
    onSuccess: setSetup,
    onError,
  });
  const confirm = useMutation({
    mutationFn: () => confirmTwoFactor(code.replace(/\s+/g, '')),
    onSuccess: async (result) => {
      setSetup(null);
      setCodes(result.recoveryCodes);
      await done();
    },
    onError,
  });
  const disable = useMutation({ mutationFn: () => proof.guard(disableTwoFactor), onSuccess: done, onError });
  const renew = useMutation({
    mutationFn: () => proof.guard(regenerateRecoveryCodes),
    onSuccess: async (result) => {
      setCodes(result.recoveryCodes);
      await done();
    },
    onError,
  });
  const submit = (run: () => void) => (event: FormEvent) => {
    event.preventDefault();
    run();
  };
  const enabled = status.data?.enabled === true;

  return (
    <section aria-labelledby="two-factor-title" className="settings-section">
      <h2 id="two-factor-title">{t('twoFactor.title')}</h2>
      {status.data?.required && !enabled && <p className="notice">{t('twoFactor.requiredNotice')}</p>}
      <p>
        {enabled ? t('twoFactor.on', { count: status.data?.recoveryCodesLeft ?? 0 }) : t('twoFactor.off')}
      </p>
      <FormAlert message={error} />
      {proof.dialog}
      {codes && (
        <div className="recovery-codes">
          <h3>{t('twoFactor.codesTitle')}</h3>
          <p>{t('twoFactor.codesIntro')}</p>
          <ul>
            {codes.map((c) => (
              <li key={c}>
                <code>{c}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
      {!enabled && !setup && (
        <button type="button" className="button" onClick={() => begin.mutate()}>
          {t('twoFactor.start')}
        </button>
      )}
      {!enabled && setup && (
        <form className="form" noValidate onSubmit={submit(() => confirm.mutate())}>
          <p>{t('twoFactor.scan')}</p>
          <img src={setup.qrCode} alt={t('twoFactor.qrAlt')} width={200} height={200} />
          <p>
            {t('twoFactor.manual')} <code>{setup.secret}</code>
          </p>
          <TextField
            name="code"
            label={t('secondFactor.codeLabel')}
            autoComplete="one-time-code"
            inputMode="numeric"
            value={code}
            onValueChange={setCode}
          />
          <SubmitButton pending={confirm.isPending} pendingLabel={t('twoFactor.pending')}>
            {t('twoFactor.confirm')}
          </SubmitButton>
        </form>
      )}
      {enabled && (
        <button type="button" className="button button--secondary" onClick={() => renew.mutate()}>
          {t('twoFactor.renewCodes')}
        </button>
      )}
      {enabled && !status.data?.required && (
        <form className="form" noValidate onSubmit={submit(() => disable.mutate())}>
          <SubmitButton pending={disable.isPending} pendingLabel={t('twoFactor.pending')}>
            {t('twoFactor.disable')}
          </SubmitButton>
        </form>
      )}
    </section>
  );
}
