/**
 * Who is calling. Every service decides from this alone what the caller may read and write.
 * `streetIds` is the caller's street scope: `'all'` only for platform-wide roles.
 */
export interface Viewer {
  readonly kind: 'anonymous' | 'platform-admin';
  readonly id: string | null;
  readonly streetIds: 'all' | readonly string[];
}

export const anonymousViewer: Viewer = Object.freeze({
  kind: 'anonymous',
  id: null,
  streetIds: [],
});
export const platformAdmin: Viewer = Object.freeze({
  kind: 'platform-admin',
  id: 'platform-admin',
  streetIds: 'all',
});
