import {
  curationApi,
  type EditThreadRequest,
  type MergeThreadRequest,
  type MoveThreadRequest,
  type PinThreadRequest,
  type SlowModeRequest,
} from '@shared/api/curation';
import { call } from './call';

/** Curation actions that take only an optional reason. */
export type SimpleCuration = 'unpin' | 'feature' | 'unfeature' | 'lock' | 'unlock' | 'close' | 'reopen';

/** Runs a curation action that takes only an optional reason. */
export const curate = (id: string, action: SimpleCuration, reason?: string) =>
  call(curationApi[action], { params: { id }, body: { reason } });

/** Pins a thread in its category or everywhere. */
export const pinThread = (id: string, body: PinThreadRequest) =>
  call(curationApi.pin, { params: { id }, body });

/** Sets a thread's slow mode. */
export const setSlowMode = (id: string, body: SlowModeRequest) =>
  call(curationApi.slowMode, { params: { id }, body });

/** Retitles or retags a thread. */
export const editThread = (id: string, body: EditThreadRequest) =>
  call(curationApi.edit, { params: { id }, body });

/** Moves a thread to another category. */
export const moveThread = (id: string, body: MoveThreadRequest) =>
  call(curationApi.move, { params: { id }, body });

/** Merges a thread into another; answers with the target thread. */
export const mergeThread = (id: string, body: MergeThreadRequest) =>
  call(curationApi.merge, { params: { id }, body });

/** Featured threads, a page at a time. */
export const listFeatured = (cursor?: string) => call(curationApi.featured, { query: { cursor } });
