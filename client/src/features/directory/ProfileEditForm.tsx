import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { updateProfileSchema, type OwnProfile, type ProfileLink } from '@shared/api/directory';
import {
  GOVERNMENT_LEVELS,
  PROFILE_FIELDS,
  SECTORS,
  THEMES,
  VISIBILITIES,
  WORKING_LANGUAGES,
  type ProfileField,
  type Visibility,
} from '@shared/constants';
import { memberPath } from '@shared/routes';
import { updateProfile } from '@client/api/directory';
import { refreshSession } from '@client/api/session';
import { FormAlert } from '@client/components/FormAlert';
import { SubmitButton } from '@client/components/SubmitButton';
import { TextField } from '@client/components/TextField';
import { checkForm, type FieldMessages } from '@client/features/forms/validation';
import { submitProblem } from '@client/features/forms/submitError';
import { useFocusFirstInvalid } from '@client/features/forms/useFocusFirstInvalid';
import { queryKeys } from '@client/api/queryKeys';
import { AvatarField } from './AvatarField';
import { SelectField } from './SelectField';
import { countryOptions, languageName } from './labels';

/** The profile edit form (`PATCH /api/v1/me/profile`), checked in the browser with the shared schema first. */
export function ProfileEditForm({ initial }: { initial: OwnProfile }) {
  const { t, i18n } = useTranslation('directory');
  const locale = i18n.language;
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const focusFirstInvalid = useFocusFirstInvalid(formRef);
  const [v, setV] = useState(() => ({
    displayName: initial.displayName,
    handle: initial.handle,
    headline: initial.headline ?? '',
    organization: initial.organization ?? '',
    sector: initial.sector ?? '',
    governmentLevel: initial.governmentLevel ?? '',
    country: initial.country ?? '',
    city: initial.city ?? '',
    themes: [...initial.themes] as string[],
    tags: initial.tags.join(', '),
    languages: initial.languages,
    bio: initial.bio,
    links: initial.links.map((link) => ({ url: link.url, label: link.label ?? '' })),
    openToExchange: initial.openToExchange,
    hiddenFromDirectory: initial.hiddenFromDirectory,
    visibility: initial.visibility,
  }));
  const [errors, setErrors] = useState<FieldMessages>({});
  const [formError, setFormError] = useState<string | null>(null);
  const set = <K extends keyof typeof v>(key: K, value: (typeof v)[K]) =>
    setV((old) => ({ ...old, [key]: value }));
  const toggle = (key: 'themes' | 'languages', value: string) =>
    set(key, v[key].includes(value) ? v[key].filter((x) => x !== value) : [...v[key], value]);

  const mutation = useMutation({
    mutationFn: updateProfile,
    onSuccess: async (result) => {
      queryClient.setQueryData(queryKeys.directory.ownProfile, result);
      await queryClient.invalidateQueries({ queryKey: queryKeys.directory.profiles });
      await refreshSession();
    },
    onError: (error) => {
      const problem = submitProblem(error, t('common:status.unexpected'));
      setErrors(problem.fields);
      setFormError(problem.form);
      focusFirstInvalid();
    },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (mutation.isPending) return;
    mutation.reset();
    setFormError(null);
    const body = {
      ...v,
      sector: v.sector || null,
      governmentLevel: v.sector === 'government' && v.governmentLevel ? v.governmentLevel : null,
      country: v.country || null,
      tags: v.tags
        .split(',')
        .map((tag) => tag.trim())
        .filter(Boolean),
      links: v.links
        .filter((link) => link.url.trim())
        .map((link): ProfileLink => ({ url: link.url, label: link.label })),
    };
    const checked = checkForm(updateProfileSchema, body, t);
    if (!checked.ok) {
      setErrors(checked.errors);
      focusFirstInvalid();
      return;
    }
    setErrors({});
    mutation.mutate(checked.data);
  };

  const countries = countryOptions(locale);
  const visibilitySelect = (field: ProfileField) => (
    <SelectField
      name={`visibility.${field}`}
      label={`${t(`visibility.label`)} — ${fieldLabel(field)}`}
      value={v.visibility[field]}
      onValueChange={(value) => set('visibility', { ...v.visibility, [field]: value as Visibility })}
    >
      {VISIBILITIES.map((value) => (
        <option key={value} value={value}>
          {t(`visibility.${value}`)}
        </option>
      ))}
    </SelectField>
  );
  function fieldLabel(field: ProfileField): string {
    const key = { expertise: 'themes', bio: 'bio' } as Partial<Record<ProfileField, string>>;
    return t(`field.${key[field] ?? field}`);
  }

  return (
    <div className="form-page form-page--wide">
      <h1>{t('edit.title')}</h1>
      <p>
        <Link to={memberPath(initial.handle)}>{t('edit.view')}</Link>
      </p>
      <AvatarField profile={initial} />
      <form ref={formRef} className="form" noValidate onSubmit={onSubmit}>
        <FormAlert message={formError} />
        <div role="status" className={mutation.isSuccess ? 'notice notice--success' : 'visually-hidden'}>
          {mutation.isSuccess ? t('edit.saved') : ''}
        </div>
        <fieldset className="form-section">
          <legend>{t('edit.section.identity')}</legend>
          <TextField
            name="displayName"
            label={t('field.displayName')}
            autoComplete="name"
            value={v.displayName}
            onValueChange={(x) => set('displayName', x)}
            error={errors.displayName}
          />
          <TextField
            name="handle"
            label={t('field.handle')}
            hint={t('field.handleHint')}
            value={v.handle}
            onValueChange={(x) => set('handle', x)}
            error={errors.handle}
          />
          <TextField
            name="headline"
            label={t('field.headline')}
            value={v.headline}
            onValueChange={(x) => set('headline', x)}
            error={errors.headline}
          />
        </fieldset>
        <fieldset className="form-section">
          <legend>{t('edit.section.work')}</legend>
          <TextField
            name="organization"
            label={t('field.organization')}
            autoComplete="organization"
            value={v.organization}
            onValueChange={(x) => set('organization', x)}
            error={errors.organization}
          />
          <SelectField
            name="sector"
            label={t('field.sector')}
            value={v.sector}
            onValueChange={(x) => set('sector', x)}
            error={errors.sector}
          >
            <option value="">{t('edit.noSector')}</option>
            {SECTORS.map((s) => (
              <option key={s} value={s}>
                {t(`sector.${s}`)}
              </option>
            ))}
          </SelectField>
          {v.sector === 'government' && (
            <SelectField
              name="governmentLevel"
              label={t('field.governmentLevel')}
              value={v.governmentLevel}
              onValueChange={(x) => set('governmentLevel', x)}
              error={errors.governmentLevel}
            >
              <option value="">{t('edit.noSector')}</option>
              {GOVERNMENT_LEVELS.map((level) => (
                <option key={level} value={level}>
                  {t(`level.${level}`)}
                </option>
              ))}
            </SelectField>
          )}
          <SelectField
            name="country"
            label={t('field.country')}
            value={v.country}
            onValueChange={(x) => set('country', x)}
            error={errors.country}
          >
            <option value="">{t('edit.noCountry')}</option>
            <optgroup label={t('edit.lacCountries')}>
              {countries.lac.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </optgroup>
            <optgroup label={t('edit.otherCountries')}>
              {countries.other.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </optgroup>
          </SelectField>
          <TextField
            name="city"
            label={t('field.city')}
            autoComplete="address-level2"
            value={v.city}
            onValueChange={(x) => set('city', x)}
            error={errors.city}
          />
        </fieldset>
        <fieldset className="form-section">
          <legend>{t('edit.section.expertise')}</legend>
          <fieldset className="checkbox-group">
            <legend>{t('field.themes')}</legend>
            {THEMES.map((theme) => (
              <div key={theme} className="checkbox">
                <input
                  type="checkbox"
                  id={`theme-${theme}`}
                  checked={v.themes.includes(theme)}
                  onChange={() => toggle('themes', theme)}
                />
                <label htmlFor={`theme-${theme}`}>{t(`theme.${theme}`)}</label>
              </div>
            ))}
          </fieldset>
          <TextField
            name="tags"
            label={t('field.tags')}
            hint={t('field.tagsHint')}
            value={v.tags}
            onValueChange={(x) => set('tags', x)}
            error={errors.tags ?? Object.entries(errors).find(([k]) => k.startsWith('tags.'))?.[1]}
          />
          <fieldset className="checkbox-group checkbox-group--columns">
            <legend>{t('field.languages')}</legend>
            {WORKING_LANGUAGES.map((code) => (
              <div key={code} className="checkbox">
                <input
                  type="checkbox"
                  id={`language-${code}`}
                  checked={v.languages.includes(code)}
                  onChange={() => toggle('languages', code)}
                />
                <label htmlFor={`language-${code}`}>{languageName(locale, code)}</label>
              </div>
            ))}
          </fieldset>
        </fieldset>
        <fieldset className="form-section">
          <legend>{t('edit.section.about')}</legend>
          <div className={errors.bio ? 'field field--invalid' : 'field'}>
            <label htmlFor="field-bio">{t('field.bio')}</label>
            <p className="field__hint" id="field-bio-hint">
              {t('field.bioHint')}
            </p>
            {errors.bio && (
              <p className="field__error" id="field-bio-error">
                {errors.bio}
              </p>
            )}
            <textarea
              id="field-bio"
              rows={6}
              value={v.bio}
              onChange={(e) => set('bio', e.target.value)}
              aria-invalid={errors.bio ? true : undefined}
              aria-describedby={errors.bio ? 'field-bio-hint field-bio-error' : 'field-bio-hint'}
            />
          </div>
          <fieldset className="checkbox-group">
            <legend>{t('field.links')}</legend>
            {v.links.map((link, i) => (
              <div key={i} className="link-row">
                <TextField
                  name={`links.${i}.url`}
                  type="url"
                  label={t('edit.linkUrl', { number: i + 1 })}
                  value={link.url}
                  onValueChange={(x) =>
                    set(
                      'links',
                      v.links.map((l, j) => (j === i ? { ...l, url: x } : l)),
                    )
                  }
                  error={errors[`links.${i}.url`]}
                />
                <TextField
                  name={`links.${i}.label`}
                  label={t('edit.linkLabel', { number: i + 1 })}
                  value={link.label}
                  onValueChange={(x) =>
                    set(
                      'links',
                      v.links.map((l, j) => (j === i ? { ...l, label: x } : l)),
                    )
                  }
                  error={errors[`links.${i}.label`]}
                />
                <button
                  type="button"
                  className="link-button"
                  onClick={() =>
                    set(
                      'links',
                      v.links.filter((_, j) => j !== i),
                    )
                  }
                >
                  {t('edit.removeLink', { number: i + 1 })}
                </button>
              </div>
            ))}
            {v.links.length < 5 && (
              <button
                type="button"
                className="button button--secondary"
                onClick={() => set('links', [...v.links, { url: '', label: '' }])}
              >
                {t('edit.addLink')}
              </button>
            )}
          </fieldset>
        </fieldset>
        <fieldset className="form-section">
          <legend>{t('edit.section.privacy')}</legend>
          <div className="checkbox">
            <input
              type="checkbox"
              id="field-openToExchange"
              checked={v.openToExchange}
              onChange={(e) => set('openToExchange', e.target.checked)}
            />
            <label htmlFor="field-openToExchange">{t('edit.openToExchange')}</label>
          </div>
          <div className="checkbox">
            <input
              type="checkbox"
              id="field-hiddenFromDirectory"
              aria-describedby="hidden-hint"
              checked={v.hiddenFromDirectory}
              onChange={(e) => set('hiddenFromDirectory', e.target.checked)}
            />
            <label htmlFor="field-hiddenFromDirectory">{t('edit.hidden')}</label>
            <p className="field__hint" id="hidden-hint">
              {t('edit.hiddenHint')}
            </p>
          </div>
          {PROFILE_FIELDS.map((field) => (
            <div key={field}>{visibilitySelect(field)}</div>
          ))}
        </fieldset>
        <SubmitButton pending={mutation.isPending} pendingLabel={t('edit.pending')}>
          {t('edit.submit')}
        </SubmitButton>
      </form>
    </div>
  );
}
