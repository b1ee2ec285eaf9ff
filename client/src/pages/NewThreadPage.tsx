import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LOCALES, type Locale } from '@shared/constants';
import type { ThreadKind } from '@shared/api/threads';
import { PATHS, threadPath } from '@shared/routes';
import { createThread } from '@client/api/forum';
import { ApiError } from '@client/api/errors';
import { usePageTitle } from '@client/components/usePageTitle';
import { FormAlert } from '@client/components/FormAlert';
import { useSession } from '@client/features/session/useSession';
import { useCategories } from '@client/features/categories/useCategories';
import { Composer } from '@client/features/forum/Composer';

/** The composer of a new question or discussion. */
export function NewThreadPage() {
  const { t } = useTranslation('forum');
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const categories = useCategories(session.locale);
  const [slug, setSlug] = useState(params.get('category') ?? '');
  const [kind, setKind] = useState<ThreadKind>('question');
  const [title, setTitle] = useState('');
  const [tags, setTags] = useState('');
  const [lang, setLang] = useState<Locale>(session.user?.locale ?? session.locale);
  const [body, setBody] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  usePageTitle(t('new.title'));
  if (!session.user) return <Navigate to={PATHS.signIn} replace />;
  const items = categories.data?.items ?? [];
  const selected = items.find((c) => c.slug === slug) ?? items[0];
  const field = (name: string) => error?.fields[name]?.message;

  return (
    <div className="form-page">
      <h1>{t('new.title')}</h1>
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!selected) return;
          setError(null);
          createThread({
            categoryId: selected.id,
            kind,
            title,
            body,
            lang,
            tags: tags
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean),
          }).then(
            (res) => void navigate(threadPath(res.thread.id)),
            (err: unknown) => setError(err instanceof ApiError ? err : null),
          );
        }}
      >
        <FormAlert message={error?.message ?? null} />
        <div className="field">
          <label htmlFor="new-category">{t('new.category')}</label>
          <select id="new-category" value={selected?.slug ?? ''} onChange={(e) => setSlug(e.target.value)}>
            {items.map((c) => (
              <option key={c.id} value={c.slug}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="field">
          <legend>{t('new.kind')}</legend>
          {(['question', 'discussion'] as const).map((k) => (
            <label key={k} className="choice">
              <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />{' '}
              {t(`kind.${k}`)}
            </label>
          ))}
        </fieldset>
        <div className={field('title') ? 'field field--invalid' : 'field'}>
          <label htmlFor="new-title">{t('new.titleLabel')}</label>
          <input
            id="new-title"
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            aria-invalid={field('title') ? true : undefined}
            aria-describedby={field('title') ? 'new-title-error' : undefined}
          />
          {field('title') && (
            <p id="new-title-error" className="field__error">
              {field('title')}
            </p>
          )}
        </div>
        <div className={field('tags') ? 'field field--invalid' : 'field'}>
          <label htmlFor="new-tags">{t('new.tags')}</label>
          <input
            id="new-tags"
            value={tags}
            onChange={(e) => setTags(e.target.value)}
            aria-describedby="new-tags-hint"
          />
          <p id="new-tags-hint" className="field__hint">
            {field('tags') ?? t('new.tagsHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor="new-lang">{t('new.lang')}</label>
          <select id="new-lang" value={lang} onChange={(e) => setLang(e.target.value as Locale)}>
            {LOCALES.map((l) => (
              <option key={l} value={l}>
                {t(`common:endonym.${l}`)}
              </option>
            ))}
          </select>
        </div>
        <Composer label={t('new.body')} value={body} onChange={setBody} error={field('body')} />
        <button type="submit" className="button">
          {t('new.submit')}
        </button>
      </form>
    </div>
  );
}
