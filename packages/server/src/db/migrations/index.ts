import { Foundation1732600000000 } from './1732600000000-foundation';

/** Every migration, oldest first. A new migration is appended here. */
export const migrations = [Foundation1732600000000];
