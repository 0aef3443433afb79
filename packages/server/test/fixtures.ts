import type { TestPlatform } from './harness';

/** Small helpers that build records through the public API, for tests of later areas. */
export function fixtures(p: TestPlatform) {
  async function expectOk<T>(promise: Promise<{ body: any }>, field: string): Promise<T> {
    const res = await promise;
    if (res.body.errors) throw new Error(`${field}: ${JSON.stringify(res.body.errors)}`);
    const payload = res.body.data[field];
    if (payload.userErrors?.length)
      throw new Error(`${field}: ${JSON.stringify(payload.userErrors)}`);
    return payload;
  }

  return {
    async streetId(code: string): Promise<string> {
      const res = await p.gql<any>(`query($code: String!) { street(code: $code) { id } }`, {
        code,
      });
      return res.body.data.street.id;
    },

    async grid(input: Record<string, unknown>): Promise<{ id: string; code: string }> {
      const payload = await expectOk<any>(
        p.gql(
          `mutation($input: CreateGridInput!) { createGrid(input: $input) { grid { id code } userErrors { field message code } } }`,
          { input },
        ),
        'createGrid',
      );
      return payload.grid;
    },

    async person(input: Record<string, unknown>): Promise<{ id: string }> {
      const payload = await expectOk<any>(
        p.gql(
          `mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } userErrors { field message code } } }`,
          { input },
        ),
        'createPerson',
      );
      return payload.person;
    },

    /** A street grid, two community grids and a unit grid under the first, in street `code`. */
    async gridTree(code: string) {
      const streetId = await this.streetId(code);
      const root = await this.grid({ streetId, code, name: '街道网格' });
      const c1 = await this.grid({
        streetId,
        parentId: root.id,
        code: `${code}001`,
        name: '社区一',
      });
      const c2 = await this.grid({
        streetId,
        parentId: root.id,
        code: `${code}002`,
        name: '社区二',
      });
      const u1 = await this.grid({
        streetId,
        parentId: c1.id,
        code: `${code}001001`,
        name: '单元一',
      });
      return { streetId, root, c1, c2, u1 };
    },

    expectOk,
  };
}
