import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { UserError } from '../../graphql/relay/payload';
import { JSONObject } from '../../graphql/relay/scalars';
import { Street } from '../street/street.type';

export enum PluginState {
  ACTIVE = 'ACTIVE',
  INCOMPATIBLE = 'INCOMPATIBLE',
  FAILED = 'FAILED',
}

registerEnumType(PluginState, {
  name: 'PluginState',
  description: 'Whether the server runs a configured plugin.',
  valuesConfig: {
    ACTIVE: { description: 'Loaded, migrated and serving.' },
    INCOMPATIBLE: { description: 'Refused: it does not support this platform version.' },
    FAILED: {
      description: 'Refused: it could not be loaded, checked or migrated (see `reason`).',
    },
  },
});

@ObjectType({ description: 'A name in Chinese and in English.' })
export class LocalizedName {
  @Field({ description: 'Chinese.' })
  zh!: string;

  @Field({ description: 'English.' })
  en!: string;
}

@ObjectType({ description: "A plugin's state in one street." })
export class PluginStreet {
  @Field({ description: 'The plugin.' })
  plugin!: string;

  @Field(() => Street, { description: 'The street.' })
  street!: Street;

  @Field({ description: 'Whether the plugin is enabled there.' })
  enabled!: boolean;

  @Field(() => JSONObject, {
    description:
      "The plugin's configuration there, as stored (its defaults apply to what is left out).",
  })
  config!: Record<string, unknown>;

  @Field(() => Int, { description: 'Bumped by every change.' })
  version!: number;

  @Field({ description: 'When it last changed.' })
  updatedAt!: Date;

  streetId!: string;
}

@ObjectType({ description: "A plugin hook's progress through the event stream." })
export class PluginHookStatus {
  @Field({ description: 'The hook, unique in its plugin.' })
  name!: string;

  @Field(() => [String], { description: 'The event types it runs on (`area.*`: all of an area).' })
  eventTypes!: string[];

  @Field(() => Int, {
    description:
      'Failures in a row of the event at its position; 0 when healthy. It is retried with a growing delay (1 s to 60 s).',
  })
  failures!: number;

  @Field(() => String, { nullable: true, description: 'The last failure, as logged.' })
  lastError!: string | null;

  @Field(() => Date, { nullable: true, description: 'When it last failed.' })
  lastErrorAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it last ran successfully.' })
  lastSuccessAt!: Date | null;

  @Field(() => Int, {
    description: 'Events in the stream past its position (of every type; at most 100,000 counted).',
  })
  behind!: number;
}

@ObjectType({ description: 'A plugin this server was configured with.' })
export class Plugin {
  @Field({ description: 'Its name, e.g. "micro-wish".' })
  name!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Its version; null when it could not be loaded.',
  })
  version!: string | null;

  @Field(() => LocalizedName, { nullable: true, description: 'Its display name.' })
  displayName!: LocalizedName | null;

  @Field(() => String, { nullable: true, description: 'What it does.' })
  description!: string | null;

  @Field(() => [String], { description: 'What it may read or do (its manifest’s capabilities).' })
  capabilities!: string[];

  @Field(() => PluginState, { description: 'Whether the server runs it.' })
  state!: PluginState;

  @Field(() => String, { nullable: true, description: 'Why it is not running; null when ACTIVE.' })
  reason!: string | null;
}

@InputType({ description: 'Enables a plugin in a street.' })
export class EnablePluginInput {
  @Field({ description: 'The plugin’s name, e.g. "micro-wish".' })
  plugin!: string;

  @Field(() => ID, { description: 'The street.' })
  streetId!: string;

  @Field(() => JSONObject, {
    nullable: true,
    description:
      "Its configuration there, checked by the plugin's schema; its defaults when left out.",
  })
  config?: Record<string, unknown> | null;
}

@InputType({ description: "Changes a plugin's configuration in a street where it is enabled." })
export class ConfigurePluginInput {
  @Field({ description: 'The plugin’s name.' })
  plugin!: string;

  @Field(() => ID, { description: 'The street.' })
  streetId!: string;

  @Field(() => JSONObject, {
    description: "The whole new configuration, checked by the plugin's schema.",
  })
  config!: Record<string, unknown>;
}

@InputType({ description: 'Disables a plugin in a street.' })
export class DisablePluginInput {
  @Field({ description: 'The plugin’s name.' })
  plugin!: string;

  @Field(() => ID, { description: 'The street.' })
  streetId!: string;
}

@ObjectType({ description: 'The result of enabling, configuring or disabling a plugin.' })
export class PluginStreetPayload {
  @Field(() => PluginStreet, {
    nullable: true,
    description: "The plugin's state in the street after the mutation; null when it failed.",
  })
  pluginStreet!: PluginStreet | null;

  @Field(() => [UserError], { description: 'Problems with the input; empty on success.' })
  userErrors!: UserError[];
}
