import { useTranslation } from 'react-i18next';
import { LOCALES, isLocale, type Locale } from '@shared/constants';

interface LanguageFieldProps {
  name: string;
  label: string;
  value: Locale;
  onValueChange: (value: Locale) => void;
  hint?: string;
  error?: string;
}

/** A labelled choice among the product's languages, each named in itself. */
export function LanguageField({ name, label, value, onValueChange, hint, error }: LanguageFieldProps) {
  const { t } = useTranslation();
  const id = `field-${name}`;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      )}
      <select
        id={id}
        name={name}
        value={value}
        onChange={(event) => {
          if (isLocale(event.target.value)) onValueChange(event.target.value);
        }}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      >
        {LOCALES.map((locale) => (
          <option key={locale} value={locale} lang={locale}>
            {t(`endonym.${locale}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
