import { useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { startConversationSchema } from '@shared/api/messaging';
import { PATHS, conversationPath } from '@shared/routes';
import { startConversation } from '@client/api/messaging';
import { FormAlert } from '@client/components/FormAlert';
import { SubmitButton } from '@client/components/SubmitButton';
import { TextField } from '@client/components/TextField';
import { usePageTitle } from '@client/components/usePageTitle';
import { checkForm, type FieldMessages } from '@client/features/forms/validation';
import { submitProblem } from '@client/features/forms/submitError';
import { useSession } from '@client/features/session/useSession';

/** Starts a conversation: `?to=<handle>` comes from a profile's or the directory's "Message" link. */
export function NewMessagePage() {
  const { t } = useTranslation('messaging');
  usePageTitle(t('new.title'));
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [to, setTo] = useState(params.get('to') ?? '');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [clientId] = useState(() => crypto.randomUUID());
  const [errors, setErrors] = useState<FieldMessages>({});
  const [formError, setFormError] = useState<string | null>(null);

  const mutation = useMutation({
    mutationFn: startConversation,
    onSuccess: (result) => navigate(conversationPath(result.conversation.id)),
    onError: (error) => {
      const problem = submitProblem(error, t('common:status.unexpected'));
      setErrors(problem.fields);
      setFormError(problem.form);
    },
  });

  if (!session.user)
    return <Navigate to={PATHS.signIn} replace state={{ from: location.pathname + location.search }} />;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (mutation.isPending) return;
    const handles = to
      .split(/[\s,]+/)
      .map((h) => h.replace(/^@/, '').trim())
      .filter(Boolean);
    const input = { handles, body, clientId, ...(title.trim() ? { title } : {}) };
    const checked = checkForm(startConversationSchema, input, t);
    setFormError(null);
    if (!checked.ok) {
      setErrors({
        ...checked.errors,
        to: checked.errors.handles ?? checked.errors['handles.0'] ?? checked.errors.memberIds ?? '',
      });
      return;
    }
    setErrors({});
    mutation.mutate(checked.data);
  };

  return (
    <div className="form-page">
      <h1>{t('new.title')}</h1>
      <form className="form" noValidate onSubmit={onSubmit}>
        <FormAlert message={formError} />
        <TextField
          name="to"
          label={t('new.to')}
          hint={t('new.toHint')}
          value={to}
          onValueChange={setTo}
          error={errors.to || errors.handles || undefined}
          autoComplete="off"
          spellCheck={false}
        />
        <TextField
          name="title"
          label={t('new.groupTitle')}
          hint={t('new.groupTitleHint')}
          value={title}
          onValueChange={setTitle}
          error={errors.title}
        />
        <div className={errors.body ? 'field field--invalid' : 'field'}>
          <label htmlFor="field-body">{t('new.body')}</label>
          {errors.body && (
            <p className="field__error" id="field-body-error">
              {errors.body}
            </p>
          )}
          <textarea
            id="field-body"
            name="body"
            rows={5}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            aria-invalid={errors.body ? true : undefined}
            aria-describedby={errors.body ? 'field-body-error' : undefined}
          />
        </div>
        <SubmitButton pending={mutation.isPending} pendingLabel={t('new.pending')}>
          {t('new.submit')}
        </SubmitButton>
      </form>
    </div>
  );
}
