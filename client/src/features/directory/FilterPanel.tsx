import { useTranslation } from 'react-i18next';
import type { DirectoryFacets, FacetCount } from '@shared/api/directory';
import { LAC_SUBREGIONS } from '@shared/countries';
import { SECTORS, THEMES } from '@shared/constants';
import { countryName, languageName } from './labels';
import { chosen, FLAG_FACETS, type ListFacet } from './filters';

interface FilterPanelProps {
  id: string;
  params: URLSearchParams;
  facets: DirectoryFacets | undefined;
  open: boolean;
  onToggle: (facet: string, value: string) => void;
  onClear: () => void;
  onClose: () => void;
}

/** The facet filters with their counts: a sidebar on wide screens, a drawer on narrow ones. */
export function FilterPanel({ id, params, facets, open, onToggle, onClear, onClose }: FilterPanelProps) {
  const { t, i18n } = useTranslation('directory');
  const locale = i18n.language;

  const countOf = (list: FacetCount[] | undefined, value: string) =>
    list?.find((f) => f.value === value)?.count ?? 0;
  /** Values to offer: the vocabulary when fixed, else those with results, plus whatever is chosen. */
  const valuesOf = (facet: ListFacet): string[] => {
    const fixed: Partial<Record<ListFacet, readonly string[]>> = {
      subregion: LAC_SUBREGIONS,
      sector: SECTORS,
      expertise: THEMES,
    };
    const known = fixed[facet] ?? facets?.[facet].map((f) => f.value) ?? [];
    return [...new Set([...known, ...chosen(params, facet)])];
  };
  const labelOf = (facet: ListFacet, value: string): string => {
    switch (facet) {
      case 'country':
        return countryName(locale, value);
      case 'language':
        return languageName(locale, value);
      case 'subregion':
        return t(`subregion.${value}`);
      case 'sector':
        return t(`sector.${value}`);
      case 'expertise':
        return t(`theme.${value}`);
    }
  };
  const sorted = (facet: ListFacet, values: string[]) =>
    facet === 'country' || facet === 'language'
      ? [...values].sort((a, b) => labelOf(facet, a).localeCompare(labelOf(facet, b), locale))
      : values;

  const box = (facet: string, value: string, label: string, count: number) => {
    const checked = chosen(params, facet).includes(value);
    const inputId = `${id}-${facet}-${value}`;
    return (
      <li key={value}>
        <input type="checkbox" id={inputId} checked={checked} onChange={() => onToggle(facet, value)} />
        <label htmlFor={inputId}>
          {label} <span className="facet__count">({t('filters.count', { count })})</span>
        </label>
      </li>
    );
  };

  return (
    <aside id={id} className={open ? 'filters filters--open' : 'filters'} aria-labelledby={`${id}-title`}>
      <div className="filters__head">
        <h2 id={`${id}-title`}>{t('filters.title')}</h2>
        <button type="button" className="button button--secondary filters__close" onClick={onClose}>
          {t('filters.show')}
        </button>
      </div>
      <button type="button" className="link-button" onClick={onClear}>
        {t('filters.clear')}
      </button>
      {(['subregion', 'country', 'sector', 'expertise', 'language'] as const).map((facet) => (
        <fieldset key={facet} className="facet">
          <legend>{t(`facet.${facet}`)}</legend>
          <ul>
            {sorted(facet, valuesOf(facet)).map((value) =>
              box(facet, value, labelOf(facet, value), countOf(facets?.[facet], value)),
            )}
          </ul>
        </fieldset>
      ))}
      {FLAG_FACETS.map((facet) => (
        <fieldset key={facet} className="facet">
          <legend>{t(`facet.${facet}`)}</legend>
          <ul>{box(facet, 'true', t(`flag.${facet}`), countOf(facets?.[facet], 'true'))}</ul>
        </fieldset>
      ))}
    </aside>
  );
}
