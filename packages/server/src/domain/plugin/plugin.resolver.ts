import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { inputId } from '../../graphql/relay/global-id';
import { mutate } from '../../graphql/relay/payload';
import type { Context } from '../shared/context';
import { streetService } from '../street/street.service';
import { Street } from '../street/street.type';
import { pluginService, type PluginStreetRecord } from './plugin.service';
import {
  ConfigurePluginInput,
  DisablePluginInput,
  EnablePluginInput,
  Plugin,
  PluginHookStatus,
  PluginState,
  PluginStreet,
  PluginStreetPayload,
} from './plugin.type';

const toStreet = (r: PluginStreetRecord) => Object.assign(new PluginStreet(), r);
const payload = (r: PluginStreetRecord | null) => ({ pluginStreet: r && toStreet(r) });
const streetOf = (id: string) => inputId(id, 'Street', ['input', 'streetId']);

@Resolver(() => Plugin)
export class PluginResolver {
  @Query(() => [Plugin], {
    description:
      'The plugins this server was configured with, running or refused, with their state in your streets and their hooks (administrators; others get an empty list).',
  })
  pluginStatus(@Ctx() ctx: Context): Plugin[] {
    return pluginService.list(ctx).map((p) =>
      Object.assign(new Plugin(), {
        ...p,
        state: p.state as PluginState,
        capabilities: [...p.capabilities],
      }),
    );
  }

  @FieldResolver(() => [PluginStreet], {
    description: 'Its state in each of your streets where it was ever enabled.',
  })
  async streets(@Ctx() ctx: Context, @Root() plugin: Plugin): Promise<PluginStreet[]> {
    return (await pluginService.streets(ctx, plugin.name)).map(toStreet);
  }

  @FieldResolver(() => [PluginHookStatus], {
    description: 'Its hooks: how far each has come through the event stream, and its failures.',
  })
  async hooks(@Ctx() ctx: Context, @Root() plugin: Plugin): Promise<PluginHookStatus[]> {
    const states = (await ctx.plugins?.hooks(plugin.name)) ?? [];
    return states.map((s) =>
      Object.assign(new PluginHookStatus(), { ...s, eventTypes: [...s.eventTypes] }),
    );
  }

  @Mutation(() => PluginStreetPayload, {
    description:
      "Enables a plugin in a street (its administrators): its fields answer there and its hooks run for the street's events.",
  })
  enablePlugin(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The plugin, the street and its configuration.' })
    input: EnablePluginInput,
  ): Promise<PluginStreetPayload> {
    return mutate(
      ctx,
      (tx) => pluginService.set(tx, { ...input, streetId: streetOf(input.streetId) }, 'enable'),
      payload,
    );
  }

  @Mutation(() => PluginStreetPayload, {
    description: "Replaces a plugin's configuration in a street where it is enabled.",
  })
  configurePlugin(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The plugin, the street and the new configuration.' })
    input: ConfigurePluginInput,
  ): Promise<PluginStreetPayload> {
    return mutate(
      ctx,
      (tx) => pluginService.set(tx, { ...input, streetId: streetOf(input.streetId) }, 'configure'),
      payload,
    );
  }

  @Mutation(() => PluginStreetPayload, {
    description:
      'Disables a plugin in a street: its fields answer PLUGIN_DISABLED there, its hooks skip the street’s events, its data is kept.',
  })
  disablePlugin(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The plugin and the street.' }) input: DisablePluginInput,
  ): Promise<PluginStreetPayload> {
    return mutate(
      ctx,
      (tx) => pluginService.set(tx, { ...input, streetId: streetOf(input.streetId) }, 'disable'),
      payload,
    );
  }
}

@Resolver(() => PluginStreet)
export class PluginStreetResolver {
  @FieldResolver(() => Street, { description: 'The street.' })
  async street(@Ctx() ctx: Context, @Root() row: PluginStreet): Promise<Street> {
    return Street.from((await streetService.get(ctx, row.streetId))!);
  }
}
