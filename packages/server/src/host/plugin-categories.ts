import { categoryService } from '../domain/case/category.service';
import { query, type Context } from '../domain/shared/context';
import { InputError } from '../domain/shared/errors';
import type { LoadedPlugin } from './plugin';

/**
 * Adds the plugin's case categories to `streetId`, in the caller's transaction, through the
 * core's category service (its checks, its rules versions, its events): each one once, by code.
 * A category the service refuses is the plugin's mistake, named with the service's reason.
 */
export async function addPluginCategories(
  ctx: Context,
  plugin: LoadedPlugin,
  streetId: string,
): Promise<void> {
  for (const c of plugin.spec.categories ?? []) {
    const [exists] = await query<{ id: string }>(
      ctx,
      `SELECT id::text AS id FROM case_category WHERE street_id = $1 AND code = $2`,
      [streetId, c.code],
    );
    if (exists) continue;
    try {
      await categoryService.create(ctx, {
        streetId,
        code: c.code,
        name: c.name,
        nameEn: c.nameEn ?? null,
        serviceCode: c.serviceCode,
        acceptanceCriteria: c.acceptanceCriteria,
        closureCriteria: c.closureCriteria,
        timeLimits: c.timeLimits,
        departments: [...c.departments],
      });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      throw new Error(
        `Plugin "${plugin.manifest.name}": its case category ${c.code} cannot be added: ${error.problems
          .map((p) => `${p.field.slice(1).join('.')}: ${p.message}`)
          .join('; ')}`,
      );
    }
  }
}
