import { privacyApi } from '@shared/api/directory';
import { apiRoutes, type FeatureModule } from '@server/http/module';
import type { PrivacyService } from './privacy.service';
import { privacyHandlers } from './privacy.routes';

/** The member's own data: the archive download and account deletion. */
export function privacyModule(deps: { privacy: PrivacyService }): FeatureModule {
  return {
    name: 'privacy',
    routes: [apiRoutes(privacyApi, privacyHandlers(deps.privacy))],
  };
}
