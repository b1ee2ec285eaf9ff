import { directoryApi, privacyApi, type UpdateProfileRequest } from '@shared/api/directory';
import { call, type CallInput } from './call';

/** The directory's URL parameters as a query: a parameter given more than once becomes a list. */
export function directoryQuery(search: string): CallInput<typeof directoryApi.list>['query'] {
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(search)) {
    const previous = query[key];
    query[key] =
      previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
  }
  return query;
}

/** Searches the directory with its URL parameters as they are. */
export const listMembers = (search: string) => call(directoryApi.list, { query: directoryQuery(search) });

/** A member's profile. */
export const getMember = (handle: string) => call(directoryApi.profile, { params: { handle } });

/** The signed-in member's own profile. */
export const getOwnProfile = () => call(directoryApi.ownProfile);

/** Saves changes to the member's own profile. */
export const updateProfile = (body: UpdateProfileRequest) => call(directoryApi.updateProfile, { body });

/** Removes the member's avatar. */
export const removeAvatar = () => call(directoryApi.removeAvatar);

/** Deletes the account for good. */
export const deleteAccount = (confirmHandle: string) =>
  call(privacyApi.deleteAccount, { body: { confirmHandle } });

/** The address of the data archive download (a link, not a call: the browser saves the file). */
export const EXPORT_URL = `/api/v1${privacyApi.exportData.path}`;

/** Uploads an image file as the member's avatar. */
export const uploadAvatar = (file: File) => call(directoryApi.setAvatar, { body: file });
