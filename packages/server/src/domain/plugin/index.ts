import { defineModule } from '../../graphql/relay/module';
import { Plugins1732600000020 } from './migrations/1732600000020-plugins';
import { pluginEvents } from './plugin.events';
import { PluginResolver, PluginStreetResolver } from './plugin.resolver';
import {
  PLUGIN_AREA,
  PLUGIN_PERSON_AREA,
  PLUGIN_STAFF_AREA,
  PLUGIN_SHARED_AREA,
  pluginPersonPolicy,
  pluginStaffPolicy,
  pluginPolicy,
  pluginSharedPolicy,
} from './plugin.rules';

/**
 * Plugins as the core sees them: which is enabled in which street, with what configuration
 * (administrators' mutations), and their status. The plugins themselves are run by the host
 * (src/host), which lends the core `ctx.plugins`.
 */
export default defineModule({
  name: 'plugin',
  entities: [],
  resolvers: [PluginResolver, PluginStreetResolver],
  nodeFetchers: [],
  migrations: [Plugins1732600000020],
  events: pluginEvents,
  policyAreas: {
    [PLUGIN_AREA]: pluginPolicy,
    [PLUGIN_SHARED_AREA]: pluginSharedPolicy,
    [PLUGIN_PERSON_AREA]: pluginPersonPolicy,
    [PLUGIN_STAFF_AREA]: pluginStaffPolicy,
  },
});
