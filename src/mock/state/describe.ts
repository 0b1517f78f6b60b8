// What the stateful mode says at start-up: per operation, what it remembers (its role on which
// resource, and whether inferred or declared), and for every other operation why it answers from
// the examples.
import type { StatePlan } from "../types.js";

export interface StateLine {
  operationId: string;
  stateful: boolean;
  /** e.g. `create /pets (inferred)`, or the reason it is stateless. */
  text: string;
}

export function describeState(plan: StatePlan): StateLine[] {
  const stateful = Object.entries(plan.operations).map(([operationId, op]) => ({
    operationId,
    stateful: true,
    text: `${op.role} ${op.resource}${op.unkeyed ? ` (without its key: ${op.unkeyed.role})` : ""}${
      op.parent ? ` in ${op.parent.resource} {${op.parent.param}}` : ""
    }${op.scope.length > 0 ? `, per ${op.scope.join(", ")}` : ""} (${op.origin})`,
  }));
  const stateless = Object.entries(plan.stateless).map(([operationId, reason]) => ({
    operationId,
    stateful: false,
    text: `answers from the examples: ${reason}`,
  }));
  return [...stateful, ...stateless];
}
