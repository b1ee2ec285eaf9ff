import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LOCALES, type Locale } from '@shared/constants';
import {
  READ_ACCESS,
  type AdminCategoryDto,
  type CategoryText,
  type ReadAccess,
} from '@shared/api/categories';
import { ApiError } from '@client/api/errors';
import { FormAlert } from '@client/components/FormAlert';

/** What the category form submits: the fields an admin sets, with only the languages given a name. */
export interface CategoryFormValues {
  slug: string;
  defaultLocale: Locale;
  readAccess: ReadAccess;
  translations: Partial<Record<Locale, CategoryText>>;
}

interface CategoryFormProps {
  /** A prefix that keeps field ids unique when several forms are on the page. */
  idPrefix: string;
  /** The category being edited; without it the form creates one. */
  initial?: AdminCategoryDto;
  submitLabel: string;
  onSubmit: (values: CategoryFormValues) => Promise<void>;
  onCancel?: () => void;
}

const emptyTexts = (): Record<Locale, CategoryText> =>
  Object.fromEntries(LOCALES.map((l) => [l, { name: '', description: '' }])) as Record<Locale, CategoryText>;

/** The create / edit form of a category: address, default language, access, and its text in four languages. */
export function CategoryForm({ idPrefix, initial, submitLabel, onSubmit, onCancel }: CategoryFormProps) {
  const { t } = useTranslation('admin');
  const [slug, setSlug] = useState(initial?.slug ?? '');
  const [defaultLocale, setDefaultLocale] = useState<Locale>(initial?.defaultLocale ?? 'es');
  const [readAccess, setReadAccess] = useState<ReadAccess>(initial?.readAccess ?? 'public');
  const [texts, setTexts] = useState<Record<Locale, CategoryText>>(() => ({
    ...emptyTexts(),
    ...initial?.translations,
  }));
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const id = (name: string) => `${idPrefix}-${name}`;
  const fieldError = (name: string) => error?.fields[name]?.message;
  const setText = (locale: Locale, key: keyof CategoryText, value: string) =>
    setTexts((current) => ({ ...current, [locale]: { ...current[locale], [key]: value } }));

  const described = (name: string, hint?: boolean) =>
    [hint ? id(`${name}-hint`) : '', fieldError(name) ? id(`${name}-error`) : ''].filter(Boolean).join(' ') ||
    undefined;
  const errorText = (name: string) =>
    fieldError(name) && (
      <p id={id(`${name}-error`)} className="field__error">
        {fieldError(name)}
      </p>
    );

  return (
    <form
      className="form category-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const translations = Object.fromEntries(
          LOCALES.filter((l) => texts[l].name.trim()).map((l) => [l, texts[l]]),
        ) as Partial<Record<Locale, CategoryText>>;
        setError(null);
        setBusy(true);
        onSubmit({ slug, defaultLocale, readAccess, translations }).then(
          () => setBusy(false),
          (err: unknown) => {
            setBusy(false);
            setError(err instanceof ApiError ? err : null);
          },
        );
      }}
    >
      <FormAlert message={error?.message ?? null} />
      {!initial && (
        <div className={fieldError('slug') ? 'field field--invalid' : 'field'}>
          <label htmlFor={id('slug')}>{t('categories.slug')}</label>
          <p id={id('slug-hint')} className="field__hint">
            {t('categories.slugHint')}
          </p>
          {errorText('slug')}
          <input
            id={id('slug')}
            value={slug}
            onChange={(e) => setSlug(e.target.value)}
            aria-invalid={fieldError('slug') ? true : undefined}
            aria-describedby={described('slug', true)}
            autoCapitalize="none"
            spellCheck={false}
          />
        </div>
      )}
      <div className={fieldError('defaultLocale') ? 'field field--invalid' : 'field'}>
        <label htmlFor={id('defaultLocale')}>{t('categories.defaultLocale')}</label>
        <p id={id('defaultLocale-hint')} className="field__hint">
          {t('categories.defaultLocaleHint')}
        </p>
        {errorText('defaultLocale')}
        <select
          id={id('defaultLocale')}
          value={defaultLocale}
          onChange={(e) => setDefaultLocale(e.target.value as Locale)}
          aria-describedby={described('defaultLocale', true)}
        >
          {LOCALES.map((l) => (
            <option key={l} value={l}>
              {t(`common:endonym.${l}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={id('readAccess')}>{t('categories.readAccess')}</label>
        <select
          id={id('readAccess')}
          value={readAccess}
          onChange={(e) => setReadAccess(e.target.value as ReadAccess)}
        >
          {READ_ACCESS.map((a) => (
            <option key={a} value={a}>
              {t(`categories.access_${a}`)}
            </option>
          ))}
        </select>
      </div>
      {errorText('translations')}
      {LOCALES.map((l) => (
        <fieldset key={l} className="field category-form__language">
          <legend>{t('categories.textIn', { language: t(`common:endonym.${l}`) })}</legend>
          <div className="field">
            <label htmlFor={id(`name-${l}`)}>{t('categories.name')}</label>
            <input
              id={id(`name-${l}`)}
              lang={l}
              value={texts[l].name}
              maxLength={80}
              onChange={(e) => setText(l, 'name', e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={id(`description-${l}`)}>{t('categories.description')}</label>
            <textarea
              id={id(`description-${l}`)}
              lang={l}
              rows={2}
              maxLength={500}
              value={texts[l].description}
              onChange={(e) => setText(l, 'description', e.target.value)}
            />
          </div>
        </fieldset>
      ))}
      <div className="form__actions">
        <button type="submit" className="button" aria-disabled={busy || undefined}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t('categories.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
