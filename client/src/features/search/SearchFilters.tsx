import { useTranslation } from 'react-i18next';
import { CONTENT_LANGS, isLocale } from '@shared/constants';
import { THREAD_KINDS } from '@shared/api/threads';
import { SEARCH_LIMITS } from '@shared/api/search';
import { useCategories } from '@client/features/categories/useCategories';
import { CONTENT_LANGUAGE_PARAM } from '@client/api/search';

/** The filters of the results page; each change rewrites the URL (`onChange(name, value)`). */
export function SearchFilters({
  params,
  onChange,
}: {
  params: URLSearchParams;
  onChange: (name: string, value: string) => void;
}) {
  const { t, i18n } = useTranslation('search');
  const categories = useCategories(isLocale(i18n.language) ? i18n.language : 'es');
  const select = (name: string, label: string, values: { value: string; label: string }[]) => (
    <div className="search-filters__field">
      <label htmlFor={`search-${name}`}>{label}</label>
      <select
        id={`search-${name}`}
        value={params.get(name) ?? ''}
        onChange={(e) => onChange(name, e.target.value)}
      >
        <option value="">{t('filters.any')}</option>
        {values.map((v) => (
          <option key={v.value} value={v.value}>
            {v.label}
          </option>
        ))}
      </select>
    </div>
  );
  const date = (name: 'from' | 'to') => (
    <div className="search-filters__field">
      <label htmlFor={`search-${name}`}>{t(`filters.${name}`)}</label>
      <input
        id={`search-${name}`}
        type="date"
        min={SEARCH_LIMITS.dayMin}
        max={SEARCH_LIMITS.dayMax}
        value={params.get(name) ?? ''}
        onChange={(e) => onChange(name, e.target.value)}
      />
    </div>
  );
  return (
    <fieldset className="search-filters">
      <legend>{t('filters.legend')}</legend>
      {select(
        CONTENT_LANGUAGE_PARAM,
        t('filters.lang'),
        CONTENT_LANGS.map((lang) => ({ value: lang, label: t(`lang.${lang}`) })),
      )}
      {select(
        'category',
        t('filters.category'),
        (categories.data?.items ?? []).map((c) => ({ value: c.slug, label: c.name })),
      )}
      {select(
        'kind',
        t('filters.kind'),
        THREAD_KINDS.map((kind) => ({ value: kind, label: t(`kind.${kind}`) })),
      )}
      {select('answered', t('filters.answered'), [
        { value: 'true', label: t('filters.answeredYes') },
        { value: 'false', label: t('filters.answeredNo') },
      ])}
      {date('from')}
      {date('to')}
      <div className="search-filters__field">
        <label htmlFor="search-author">{t('filters.author')}</label>
        <input
          id="search-author"
          type="text"
          defaultValue={params.get('author') ?? ''}
          key={params.get('author') ?? ''}
          placeholder={t('filters.authorPlaceholder')}
          onBlur={(e) => onChange('author', e.target.value.trim().replace(/^@/, '').toLowerCase())}
        />
      </div>
    </fieldset>
  );
}
