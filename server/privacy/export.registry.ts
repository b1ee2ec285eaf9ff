import type { Executor, Tx } from '@server/db/pool';

/**
 * One feature's part of a member's data: what it exports (only what the member wrote or chose, never
 * other members' private data) and, optionally, what it must erase itself when the account is deleted
 * (most data goes with the member row through foreign keys: CASCADE for private data, SET NULL for
 * public content kept as "former member").
 */
export interface PersonalDataContributor {
  /** The key of this part in the archive (`profile`, `posts`, `messages`, …). */
  key: string;
  collect(db: Executor, memberId: string): Promise<unknown>;
  erase?(tx: Tx, memberId: string): Promise<void>;
  /** Work after the deletion committed (files on disk). */
  afterErase?(memberId: string, collected: unknown): Promise<void>;
}

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
