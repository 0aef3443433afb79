import { DirectiveLocation, GraphQLDirective, GraphQLEnumType, GraphQLNonNull } from 'graphql';

export const PersonalDataKindEnum = new GraphQLEnumType({
  name: 'PersonalDataKind',
  description: 'Kinds of personal information (个人信息).',
  values: {
    PHONE: { description: 'A phone number.' },
    ID_NUMBER: { description: 'A resident identity number (身份证号).' },
  },
});

/**
 * Marks a field that holds personal information. Callers whose role does not need it get a
 * masked value (e.g. 138****5678); full reads by those who may see it are audited.
 */
export const personalDataDirective = new GraphQLDirective({
  name: 'personalData',
  description:
    "Personal information (个人信息): masked (e.g. 138****5678) unless the caller's role needs it; " +
    'full reads are written to the audit log.',
  locations: [DirectiveLocation.FIELD_DEFINITION],
  args: {
    kind: {
      type: new GraphQLNonNull(PersonalDataKindEnum),
      description: 'What kind of personal information.',
    },
  },
});
