import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ThreadDto } from '@shared/api/threads';
import type { Locale } from '@shared/constants';
import { searchContent } from '@client/api/search';
import { useCategories } from '@client/features/categories/useCategories';
import { queryKeys } from '@client/api/queryKeys';

/** The destination category of a move: every live category but the thread's own. */
export function CategoryPicker(props: {
  locale: Locale;
  thread: ThreadDto;
  value: string;
  onChange: (id: string) => void;
}) {
  const { t } = useTranslation('forum');
  const categories = useCategories(props.locale);
  const choices = (categories.data?.items ?? []).filter(
    (c) => c.id !== props.thread.categoryId && !c.archived,
  );
  return (
    <div className="field">
      <label htmlFor="curation-category">{t('curation.dialog.category')}</label>
      <select id="curation-category" value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        <option value="">{t('curation.dialog.chooseCategory')}</option>
        {choices.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Finds the thread to merge into by searching, and lets the moderator choose one result. */
export function TargetPicker(props: { thread: ThreadDto; value: string; onChange: (id: string) => void }) {
  const { t } = useTranslation('forum');
  const [q, setQ] = useState('');
  const [submitted, setSubmitted] = useState('');
  const results = useQuery({
    queryKey: queryKeys.threads.mergeTargets(submitted),
    queryFn: () => searchContent(new URLSearchParams({ q: submitted, type: 'threads' }).toString()),
    enabled: submitted.length > 0,
  });
  const hits = (results.data?.threads ?? []).filter((hit) => hit.id !== props.thread.id);
  return (
    <fieldset className="field curation-dialog__targets">
      <legend>{t('curation.dialog.target')}</legend>
      <label htmlFor="curation-target-search">{t('curation.dialog.search')}</label>
      <div className="curation-dialog__search">
        <input
          id="curation-target-search"
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              setSubmitted(q.trim());
            }
          }}
        />
        <button type="button" className="button button--secondary" onClick={() => setSubmitted(q.trim())}>
          {t('curation.dialog.searchButton')}
        </button>
      </div>
      <div aria-live="polite">
        {results.isFetching && <p className="loading">{t('common:status.loading')}</p>}
        {results.isError && <p role="alert">{results.error.message}</p>}
        {results.isSuccess && hits.length === 0 && (
          <p className="empty-state">{t('curation.dialog.noResults')}</p>
        )}
      </div>
      {hits.length > 0 && (
        <ul className="curation-dialog__hits">
          {hits.map((hit) => (
            <li key={hit.id}>
              <label>
                <input
                  type="radio"
                  name="merge-target"
                  value={hit.id}
                  checked={props.value === hit.id}
                  onChange={() => props.onChange(hit.id)}
                />
                <span lang={hit.lang}>{hit.title}</span>
              </label>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
