import type { CaseDuty } from './identity.entity';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { ConnectionArgs } from '../../graphql/relay/connection';
import { rowIdOf } from '../../graphql/relay/global-id';
import { orderInputOf, registerOrderFields } from '../../graphql/relay/order';
import type { Role } from '../shared/viewer';
import { CaseDutyEnum, RoleEnum } from './identity.type';
import type { UserFilter } from './user.service';

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

  @Field(() => [CaseDutyEnum], {
    nullable: true,
    description:
      'Case duties beside the role (staff only): INTAKE, SHIFT_LEAD, DISPATCHER, INSPECTOR.',
  })
  caseDuties?: CaseDuty[] | null;

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
      'What the key may do: "<area>:read" or "<area>:write" for grid, person, organization, volunteer, serviceRecord, brand, activity, case; "*:read", "*:write", "personal-data:read".',
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

export const UserOrderField = {
  USERNAME: 'USERNAME',
  DISPLAY_NAME: 'DISPLAY_NAME',
  CREATED_AT: 'CREATED_AT',
} as const;
registerOrderFields(UserOrderField, 'UserOrderField', 'users', {
  USERNAME: 'By username.',
  DISPLAY_NAME: 'By display name.',
  CREATED_AT: 'By when the account was created.',
});
export const UserOrder = orderInputOf(UserOrderField, 'User', 'users');

@InputType({ description: 'Which accounts to list.' })
export class UserFilterInput {
  @Field(() => [RoleEnum], {
    nullable: true,
    description: 'Only accounts with one of these roles.',
  })
  roles?: Role[] | null;

  @Field(() => ID, { nullable: true, description: 'Only accounts of this street.' })
  streetId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Only accounts serving this grid: grid workers of it or of a grid above it.',
  })
  gridId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only staff of this community.' })
  communityId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only staff of this department.' })
  departmentId?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Only disabled accounts (true) or only enabled ones (false); both when left out.',
  })
  disabled?: boolean | null;

  @Field(() => String, {
    nullable: true,
    description: 'Accounts whose username or display name contains this text.',
  })
  search?: string | null;
}

/** Service filter from a `users` filter; IDs of the wrong type are BAD_USER_INPUT. */
export const userFilterOf = (f: UserFilterInput | null | undefined): UserFilter => ({
  roles: f?.roles,
  streetId: f?.streetId ? rowIdOf(f.streetId, 'Street', 'filter.streetId') : null,
  gridId: f?.gridId ? rowIdOf(f.gridId, 'Grid', 'filter.gridId') : null,
  communityId: f?.communityId ? rowIdOf(f.communityId, 'Organization', 'filter.communityId') : null,
  departmentId: f?.departmentId
    ? rowIdOf(f.departmentId, 'Organization', 'filter.departmentId')
    : null,
  disabled: f?.disabled,
  search: f?.search,
});

@ArgsType()
export class UsersArgs extends ConnectionArgs {
  @Field(() => UserFilterInput, { nullable: true, description: 'Which accounts to list.' })
  filter?: UserFilterInput | null;

  @Field(() => UserOrder, { nullable: true, description: 'Ordering (default: by username).' })
  orderBy?: InstanceType<typeof UserOrder> | null;
}

@InputType({
  description:
    "Changes to an account; fields left out stay as they are. A new role takes the scope it needs from the fields given, else from the account's current ones.",
})
export class UpdateUserInput {
  @Field(() => ID, { description: 'The account to change.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'New display name.' })
  displayName?: string | null;

  @Field(() => RoleEnum, { nullable: true, description: 'New role: one below your own.' })
  role?: Role | null;

  @Field(() => ID, { nullable: true, description: 'New district (district admins).' })
  districtId?: string | null;

  @Field(() => ID, { nullable: true, description: 'New street (every role below district admin).' })
  streetId?: string | null;

  @Field(() => ID, { nullable: true, description: 'New community organization (community staff).' })
  communityId?: string | null;

  @Field(() => ID, { nullable: true, description: 'New grid (grid workers).' })
  gridId?: string | null;

  @Field(() => [CaseDutyEnum], {
    nullable: true,
    description: 'New case duties (the whole list; [] for none).',
  })
  caseDuties?: CaseDuty[] | null;

  @Field(() => ID, {
    nullable: true,
    description: 'New department organization (department staff).',
  })
  departmentId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The person the user is.' })
  personId?: string | null;
}

@InputType({ description: 'The user to enable.' })
export class EnableUserInput {
  @Field(() => ID, { description: 'The user.' })
  id!: string;
}

@InputType({ description: 'Your current password and the new one.' })
export class ChangePasswordInput {
  @Field({ description: 'Your current password.' })
  currentPassword!: string;

  @Field({
    description:
      'The new password: at least 10 characters, not one of the most common passwords, not containing your username.',
  })
  newPassword!: string;
}

@InputType({ description: 'The account whose password to reset.' })
export class ResetPasswordInput {
  @Field(() => ID, { description: 'The user.' })
  id!: string;
}

@InputType({ description: 'A reset token and the new password it is swapped for.' })
export class CompletePasswordResetInput {
  @Field({ description: 'The one-time reset token (lxr_…) an administrator gave you.' })
  token!: string;

  @Field({
    description:
      'The new password: at least 10 characters, not one of the most common passwords, not containing your username.',
  })
  newPassword!: string;
}

@InputType({ description: 'The sign-in to end.' })
export class EndSessionInput {
  @Field(() => ID, { description: 'The sign-in (a UserSession ID).' })
  id!: string;
}
