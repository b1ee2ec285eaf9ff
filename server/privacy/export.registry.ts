import type { PersonalDataContributor } from '@server/http/module';

export type { PersonalDataContributor };

/** The registry features contribute their part of a member's data to. */
export class PersonalDataRegistry {
  private readonly contributors: PersonalDataContributor[] = [];

  /** Adds a feature's part; keys are unique. */
  register(contributor: PersonalDataContributor): this {
    if (this.contributors.some((c) => c.key === contributor.key)) {
      throw new Error(`personal data key ${contributor.key} registered twice`);
    }
    this.contributors.push(contributor);
    return this;
  }

  /** Every contributor, in registration order. */
  all(): readonly PersonalDataContributor[] {
    return this.contributors;
  }
}
