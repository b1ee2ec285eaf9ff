import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { addMembersSchema, type ConversationDto } from '@shared/api/messaging';
import { addMembers } from '@client/api/messaging';
import { FormAlert } from '@client/components/FormAlert';
import { SubmitButton } from '@client/components/SubmitButton';
import { TextField } from '@client/components/TextField';
import { checkForm, type FieldMessages } from '@client/features/forms/validation';
import { submitProblem } from '@client/features/forms/submitError';
import { ModalDialog } from '@client/components/ModalDialog';

/**
 * "Add people" for a group: a dialog that says, before anything happens, that those added see the
 * messages sent from then on and not the earlier ones (the server's rule).
 */
export function AddMembersButton({
  conversationId,
  onAdded,
}: {
  conversationId: string;
  onAdded: (conversation: ConversationDto) => void;
}) {
  const { t } = useTranslation('messaging');
  const [open, setOpen] = useState(false);
  const [to, setTo] = useState('');
  const [errors, setErrors] = useState<FieldMessages>({});
  const [formError, setFormError] = useState<string | null>(null);

  const close = () => {
    setOpen(false);
    setTo('');
    setErrors({});
    setFormError(null);
  };
  const mutation = useMutation({
    mutationFn: (handles: string[]) => addMembers(conversationId, { handles }),
    onSuccess: (result) => {
      onAdded(result.conversation);
      close();
    },
    onError: (error) => {
      const problem = submitProblem(error, t('common:status.unexpected'));
      setErrors(problem.fields);
      setFormError(problem.form);
    },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (mutation.isPending) return;
    const handles = to
      .split(/[\s,]+/)
      .map((h) => h.replace(/^@/, '').trim())
      .filter(Boolean);
    const checked = checkForm(addMembersSchema, { handles }, t);
    setFormError(null);
    if (!checked.ok) {
      setErrors({
        to: checked.errors.handles ?? checked.errors['handles.0'] ?? checked.errors.memberIds ?? '',
      });
      return;
    }
    setErrors({});
    mutation.mutate(handles);
  };

  return (
    <>
      <button type="button" className="button button--secondary" onClick={() => setOpen(true)}>
        {t('addMembers.open')}
      </button>
      <ModalDialog title={t('addMembers.title')} open={open} onClose={close}>
        <form className="form" noValidate onSubmit={onSubmit}>
          <FormAlert message={formError} />
          <p className="notice" id="add-members-history">
            {t('addMembers.history')}
          </p>
          <TextField
            name="add-members"
            label={t('addMembers.to')}
            hint={t('addMembers.toHint')}
            value={to}
            onValueChange={setTo}
            error={errors.to || errors.handles || undefined}
            autoComplete="off"
            spellCheck={false}
          />
          <div className="modal__buttons">
            <SubmitButton pending={mutation.isPending} pendingLabel={t('addMembers.pending')}>
              {t('addMembers.submit')}
            </SubmitButton>
            <button type="button" className="button button--secondary" onClick={close}>
              {t('addMembers.cancel')}
            </button>
          </div>
        </form>
      </ModalDialog>
    </>
  );
}
