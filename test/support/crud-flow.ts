// create → read → list → update → delete → read, through the generic client, on whatever operations a
// spec's stateful plan gives a resource: a transcript of each call and its answer (or the status and
// body of the error it rejected with), so that the mock server's and the MSW handlers' can be compared.
import type { OperationContract, StatefulOperation } from "../../generated/shared-types.js";
import { createClient, isApiError } from "../../src/client/index.js";
import type { Generated } from "../../src/mock/types.js";

export interface CrudStep {
  operationId: string;
  role: string;
  answer: unknown;
}

/** Runs the flow on the resource that `createOperationId` creates, with the body it is given. */
export async function crudFlow(
  generated: Generated,
  endpoint: string,
  createOperationId: string,
  body: Record<string, unknown>,
  changes: Record<string, unknown>,
): Promise<CrudStep[]> {
  const plan = generated.state?.operations ?? {};
  const create = plan[createOperationId] as StatefulOperation;
  const ops = Object.entries(plan).filter(([, op]) => op.resource === create.resource);
  const byRole = (role: string) => ops.find(([, op]) => op.role === role);
  const client = createClient(generated.operations, { endpoint, retry: false }) as unknown as Record<
    string,
    (input: object) => Promise<unknown>
  >;
  const steps: CrudStep[] = [];
  const call = async (entry: [string, StatefulOperation] | undefined, input: object) => {
    if (!entry) return undefined;
    const [operationId, op] = entry;
    const method = nameOf(generated, operationId);
    const answer = await (client[method] as (input: object) => Promise<unknown>)(input).catch(
      (error: unknown) => {
        if (isApiError(error)) return { status: error.status, body: error.body };
        throw error;
      },
    );
    steps.push({ operationId, role: op.role, answer });
    return answer;
  };
  const created = (await call([createOperationId, create], body)) as Record<string, unknown>;
  const keyName = create.keyField.slice(1);
  const itemPath = byRole("read")?.[1].key;
  const key = { [itemPath?.in === "path" ? itemPath.name : keyName]: created[keyName] };
  await call(byRole("read"), key);
  await call(byRole("list"), {});
  await call(byRole("update") ?? byRole("replace"), { ...key, ...body, ...changes });
  await call(byRole("read"), key);
  await call(byRole("delete"), key);
  await call(byRole("read"), key);
  return steps;
}

function nameOf(generated: Generated, operationId: string): string {
  const contract = Object.values(generated.operations).find(
    (c: OperationContract) => c.operationId === operationId,
  );
  if (!contract) throw new Error(`no operation ${operationId}`);
  return contract.name;
}
