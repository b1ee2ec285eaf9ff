import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminMemberDto } from '@shared/api/admin';
import { ApiError } from '@client/api/errors';
import { FormAlert } from '@client/components/FormAlert';

/** A category as the scope editor lists it, named in the viewer's language. */
export interface ScopeCategory {
  id: string;
  name: string;
}

interface ScopeEditorProps {
  member: AdminMemberDto;
  categories: ScopeCategory[];
  onSave: (categoryIds: string[]) => Promise<void>;
  onCancel: () => void;
}

/** The categories a moderator moderates, as checkboxes; none ticked means every category. */
export function ScopeEditor({ member, categories, onSave, onCancel }: ScopeEditorProps) {
  const { t } = useTranslation('admin');
  const id = useId();
  const [chosen, setChosen] = useState<string[]>(member.scopes ?? []);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const toggle = (categoryId: string) =>
    setChosen((current) =>
      current.includes(categoryId) ? current.filter((c) => c !== categoryId) : [...current, categoryId],
    );

  return (
    <form
      className="scope-editor"
      onSubmit={(event) => {
        event.preventDefault();
        setBusy(true);
        setError(null);
        onSave(chosen).catch((err: unknown) => {
          setBusy(false);
          setError(err instanceof ApiError ? err.message : t('common:status.unexpected'));
        });
      }}
    >
      <fieldset className="checkbox-group" aria-describedby={`${id}-hint`}>
        <legend>{t('roles.scopesLegend', { name: member.displayName })}</legend>
        <p className="field__hint" id={`${id}-hint`}>
          {t('roles.scopesHint')}
        </p>
        {categories.length === 0 && <p>{t('roles.noCategories')}</p>}
        <div className="scope-editor__options">
          {categories.map((category) => (
            <div key={category.id} className="checkbox">
              <input
                type="checkbox"
                id={`${id}-${category.id}`}
                checked={chosen.includes(category.id)}
                onChange={() => toggle(category.id)}
              />
              <label htmlFor={`${id}-${category.id}`}>{category.name}</label>
            </div>
          ))}
        </div>
      </fieldset>
      <FormAlert message={error} />
      <div className="form__actions">
        <button type="submit" className="button button--small" disabled={busy}>
          {t('roles.saveScopes')}
        </button>
        <button type="button" className="button button--small button--secondary" onClick={onCancel}>
          {t('roles.cancel')}
        </button>
      </div>
    </form>
  );
}
