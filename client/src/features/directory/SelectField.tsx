import type { ReactNode } from 'react';

interface SelectFieldProps {
  name: string;
  label: string;
  value: string;
  onValueChange: (value: string) => void;
  children: ReactNode;
  error?: string;
  hint?: string;
}

/** A labelled select with an optional hint and error tied to it. */
export function SelectField({ name, label, value, onValueChange, children, error, hint }: SelectFieldProps) {
  const id = `field-${name}`;
  const describedBy =
    [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
      <select
        id={id}
        name={name}
        value={value}
        onChange={(e) => onValueChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      >
        {children}
      </select>
    </div>
  );
}
