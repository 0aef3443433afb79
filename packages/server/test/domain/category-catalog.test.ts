/**
 * The shipped case categories (no database): the invariants the case module relies on when it
 * loads them — two-level codes, every minor under a major, Open311 service codes, sane limits.
 */
import {
  ACKNOWLEDGE_LIMITS,
  INTAKE_LIMITS,
  STANDARD_CATEGORIES,
  type CategorySeed,
} from '../../src/domain/case/category.catalog';

const majors = STANDARD_CATEGORIES.filter((c) => c.code.length === 2);
const minors = STANDARD_CATEGORIES.filter((c) => c.code.length === 4);
const urgencies = ['A', 'B', 'C'] as const;

describe('standard case categories', () => {
  it('has two-level codes only, each unique', () => {
    for (const c of STANDARD_CATEGORIES) expect(c.code).toMatch(/^\d{2}(\d{2})?$/);
    expect(majors.length + minors.length).toBe(STANDARD_CATEGORIES.length);
    expect(new Set(STANDARD_CATEGORIES.map((c) => c.code)).size).toBe(STANDARD_CATEGORIES.length);
  });

  it('puts every minor under an existing major, and every major has minors', () => {
    const majorCodes = new Set(majors.map((m) => m.code));
    for (const m of minors) expect(majorCodes).toContain(m.code.slice(0, 2));
    for (const m of majors) expect(minors.some((c) => c.code.startsWith(m.code))).toBe(true);
    expect(majors.length).toBeGreaterThanOrEqual(8);
    expect(minors.length).toBeGreaterThanOrEqual(25);
  });

  it('gives each a unique Open311 service code, a minor under its major', () => {
    for (const c of STANDARD_CATEGORIES)
      expect(c.serviceCode).toMatch(/^[a-z0-9]+([.-][a-z0-9]+)*$/);
    expect(new Set(STANDARD_CATEGORIES.map((c) => c.serviceCode)).size).toBe(
      STANDARD_CATEGORIES.length,
    );
    const byCode = new Map(majors.map((m) => [m.code, m]));
    for (const m of minors)
      expect(m.serviceCode.startsWith(`${byCode.get(m.code.slice(0, 2))!.serviceCode}.`)).toBe(
        true,
      );
  });

  it('names each in Chinese and English, names unique within a major', () => {
    for (const c of STANDARD_CATEGORIES) {
      expect(c.name).toMatch(/^[\u4e00-\u9fff]{2,10}$/);
      expect(c.nameEn.trim()).not.toBe('');
    }
    const names = STANDARD_CATEGORIES.map(
      (c) => `${c.code.slice(0, 2)}|${c.code.length}|${c.name}`,
    );
    expect(new Set(names).size).toBe(names.length);
  });

  it('gives every minor criteria, departments and positive limits A ≤ B ≤ C', () => {
    for (const m of minors) {
      const where = `${m.code} ${m.name}`;
      // The code rides along so that a failure names the category.
      expect([where, (m.acceptanceCriteria ?? '').trim().length > 5]).toEqual([where, true]);
      expect([where, (m.closureCriteria ?? '').trim().length > 5]).toEqual([where, true]);
      expect([where, (m.departments ?? []).length > 0]).toEqual([where, true]);
      expect([where, m.departments?.every((d) => d.trim() !== '')]).toEqual([where, true]);
      const { A, B, C } = m.timeLimits ?? { A: 0, B: 0, C: 0 };
      expect([where, [A, B, C].every((v) => Number.isInteger(v) && v > 0)]).toEqual([where, true]);
      expect([where, A <= B && B <= C]).toEqual([where, true]);
    }
  });

  it('keeps rules off the majors', () => {
    const rules: (keyof CategorySeed)[] = [
      'acceptanceCriteria',
      'closureCriteria',
      'timeLimits',
      'departments',
    ];
    for (const m of majors) for (const r of rules) expect(m[r]).toBeUndefined();
  });

  it("covers the seeds' cases", () => {
    const pairs = minors.map(
      (m) => `${majors.find((j) => j.code === m.code.slice(0, 2))!.name}/${m.name}`,
    );
    expect(pairs).toEqual(
      expect.arrayContaining([
        '市容环境/店外经营',
        '街面秩序/占道经营',
        '交通秩序/乱停乱放',
        '违法建设/两违建筑',
        '环境保护/环保信访',
        '突发事件/路面塌陷',
        '突发事件/雨后溢污',
        '社会矛盾/邻里纠纷',
        '民生服务/民生诉求',
      ]),
    );
    // Road subsidence is urgent: its limits are no longer than the catalog's typical ones.
    const subsidence = minors.find((m) => m.name === '路面塌陷')!;
    expect(subsidence.timeLimits!.A).toBeLessThanOrEqual(120);
  });

  it('has positive intake and acknowledgement limits, urgent first', () => {
    for (const limits of [INTAKE_LIMITS, ACKNOWLEDGE_LIMITS]) {
      for (const u of urgencies) expect(limits[u]).toBeGreaterThan(0);
      expect(limits.A <= limits.B && limits.B <= limits.C).toBe(true);
    }
  });
});
