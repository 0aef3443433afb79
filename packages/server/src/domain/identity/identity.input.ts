import { Field, ID, InputType } from 'type-graphql';
import type { Role } from '../shared/viewer';
import { RoleEnum } from './identity.type';

@InputType({ description: 'Username and password.' })
export class LoginInput {
  @Field({ description: 'Sign-in name.' })
  username!: string;

  @Field({ description: 'Password.' })
  password!: string;
}

@InputType({ description: 'A refresh token.' })
export class RefreshTokenInput {
  @Field({ description: 'The refresh token from login or the last refresh.' })
  refreshToken!: string;
}

@InputType({ description: 'A new staff account.' })
export class CreateUserInput {
  @Field({
    description: 'Sign-in name: 3–64 lowercase letters, digits, dots, dashes or underscores.',
  })
  username!: string;

  @Field({ description: 'Name shown to others.' })
  displayName!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Password (at least 10 characters); leave out for accounts that sign in through the OpenID provider.',
  })
  password?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Identity at the OpenID provider, as "<issuer>|<subject>".',
  })
  externalSubject?: string | null;

  @Field(() => RoleEnum, { description: 'The role.' })
  role!: Role;

  @Field(() => ID, { nullable: true, description: 'District (district admins).' })
  districtId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Street (every role below district admin).' })
  streetId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Community organization (community staff).' })
  communityId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Grid whose subtree the user serves (grid workers).',
  })
  gridId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Department organization (department staff).' })
  departmentId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The person the user is (required for volunteers and residents).',
  })
  personId?: string | null;
}

@InputType({ description: 'The user to disable.' })
export class DisableUserInput {
  @Field(() => ID, { description: 'The user.' })
  id!: string;
}

@InputType({ description: 'A new API key.' })
export class CreateApiKeyInput {
  @Field(() => ID, {
    nullable: true,
    description: 'The street the key works in; leave out for every street (platform admins only).',
  })
  streetId?: string | null;

  @Field({ description: 'What the key is for, e.g. "12345 hotline bridge".' })
  name!: string;

  @Field(() => [String], {
    description:
      'What the key may do: "<area>:read" or "<area>:write" for grid, person, organization, volunteer, serviceRecord, brand, activity; "*:read", "*:write", "personal-data:read".',
  })
  scopes!: string[];

  @Field(() => Date, { nullable: true, description: 'When the key stops working.' })
  expiresAt?: Date | null;
}

@InputType({ description: 'The API key to revoke.' })
export class RevokeApiKeyInput {
  @Field(() => ID, { description: 'The key.' })
  id!: string;
}
