import { Field, InputType, registerEnumType } from 'type-graphql';

export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}

registerEnumType(OrderDirection, {
  name: 'OrderDirection',
  description: 'Direction of an ordering.',
  valuesConfig: {
    ASC: { description: 'Smallest first.' },
    DESC: { description: 'Largest first.' },
  },
});

/** An `orderBy` input type for one connection: a field of `fieldEnum` and a direction. */
export function orderInputOf<E extends Record<string, string>>(
  fieldEnum: E,
  name: string,
  what: string,
) {
  @InputType(`${name}Order`, { description: `How to order ${what}.` })
  class Order {
    @Field(() => fieldEnum, { description: 'The field to order by.' })
    field!: E[keyof E];

    // No schema default: graphql-jit does not apply input-field defaults, so null means ASC here.
    @Field(() => OrderDirection, {
      nullable: true,
      description: 'The direction; ASC when left out.',
    })
    direction?: OrderDirection | null;
  }
  return Order;
}

/** The service ordering for an `orderBy` argument, or `fallback` when none was given. */
export function orderingOf(
  orderBy: { field: string; direction?: OrderDirection | null } | null | undefined,
  fallback: string,
): { field: string; descending: boolean } {
  return {
    field: orderBy?.field ?? fallback,
    descending: orderBy?.direction === OrderDirection.DESC,
  };
}

/** Registers an enum of order fields with a description for each value. */
export function registerOrderFields(
  fieldEnum: Record<string, string>,
  name: string,
  what: string,
  values: Record<string, string>,
) {
  registerEnumType(fieldEnum, {
    name,
    description: `What ${what} can be ordered by.`,
    valuesConfig: Object.fromEntries(
      Object.entries(values).map(([k, d]) => [k, { description: d }]),
    ),
  });
}
