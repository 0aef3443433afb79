import { Field, ObjectType } from 'type-graphql';
import { toGlobalId } from '../../graphql/relay/global-id';
import { Node } from '../../graphql/relay/node';
import type { DistrictRecord } from './district.service';

@ObjectType({
  implements: Node,
  description: 'A district (区), the administrative level above the streets, e.g. 西峰区.',
})
export class District extends Node {
  @Field({ description: 'Six-digit administrative division code, e.g. "621002".' })
  code!: string;

  @Field({ description: 'Name, e.g. "西峰区".' })
  name!: string;

  rowId!: string;

  static from(r: DistrictRecord): District {
    return Object.assign(new District(), r, { id: toGlobalId('District', r.id), rowId: r.id });
  }
}
