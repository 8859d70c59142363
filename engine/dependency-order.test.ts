import { deleteInReverseOrder, sortByDependencies } from "./dependency-order";
import { limiter } from "./limiter";
import type { ResourceState } from "./types";

const res = (name: string, deps: Partial<ResourceState> = {}): ResourceState => ({
  urn: `urn:pulumi:dev::p::t::${name}`,
  custom: true,
  type: "t",
  ...deps,
});
const urn = (name: string) => `urn:pulumi:dev::p::t::${name}`;

describe("dependency order", () => {
  const a = res("a");
  const b = res("b", { dependencies: [urn("a")] });
  const c = res("c", { propertyDependencies: { x: [urn("b")] } });
  const d = res("d", { parent: urn("a") });

  test("sorts dependencies before dependents, otherwise keeping the order", () => {
    expect(sortByDependencies([c, d, b, a]).map((r) => r.urn)).toEqual([urn("a"), urn("b"), urn("c"), urn("d")]);
  });

  test("deletes dependents first, at most `parallel` at once", async () => {
    const order: string[] = [];
    let running = 0;
    let most = 0;
    const deleted = await deleteInReverseOrder(
      [a, b, c, d],
      async (r) => {
        running += 1;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        order.push(r.urn);
        running -= 1;
        return true;
      },
      limiter(2),
    );
    expect(deleted.size).toBe(4);
    expect(most).toBe(2);
    expect(order.indexOf(urn("c"))).toBeLessThan(order.indexOf(urn("b")));
    expect(order.indexOf(urn("b"))).toBeLessThan(order.indexOf(urn("a")));
    expect(order.indexOf(urn("d"))).toBeLessThan(order.indexOf(urn("a")));
  });

  test("starts no delete after a failure", async () => {
    const attempted: string[] = [];
    const deleted = await deleteInReverseOrder(
      [a, b, c],
      async (r) => {
        attempted.push(r.urn);
        return r !== c;
      },
      limiter(1),
    );
    expect(attempted).toEqual([urn("c")]);
    expect(deleted.size).toBe(0);
  });

  test("a kept resource (protected) stops nothing but what it depends on", async () => {
    const e = res("e");
    const attempted: string[] = [];
    const deleted = await deleteInReverseOrder(
      [a, b, c, e],
      async (r) => {
        attempted.push(r.urn);
        return r === c ? "kept" : true;
      },
      limiter(1),
    );
    expect(attempted.sort()).toEqual([urn("c"), urn("e")]);
    expect([...deleted].map((r) => r.urn)).toEqual([urn("e")]);
  });
});
