import type { NodeFetcher } from '../../graphql/relay/node';
import { BrandEntity } from './brand.entity';
import {
  BrandResolver,
  OrganizationBrandsResolver,
  StreetBrandsResolver,
  brandNode,
} from './brand.resolver';

/** What the brand area adds to the server (wired in src/modules.ts). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const entities: Function[] = [BrandEntity];
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const resolvers: Function[] = [
  BrandResolver,
  OrganizationBrandsResolver,
  StreetBrandsResolver,
];
export const nodeFetchers: NodeFetcher[] = [brandNode];
