// A contract case as a request: what comes back is the answer to judge, a redirect included.
import { createServer } from "node:http";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loadContractSpec } from "../../../tools/contract/contract-spec.js";
import { deriveCases } from "../../../tools/contract/derive.js";
import { toRequest } from "../../../tools/contract/send.js";
import { listen } from "../../../tools/shared/net.js";
import { SPEC_PATH } from "../../support/spec.js";

describe("toRequest", () => {
  let elsewhere = 0;
  const server = createServer((req, res) => {
    if (req.url?.startsWith("/elsewhere")) elsewhere++;
    res.writeHead(302, { location: "/elsewhere" }).end();
  });
  let base = "";
  beforeAll(async () => {
    base = await listen(server, 0);
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  test("gives back a redirect as the answer, and never follows it", async () => {
    const [c] = deriveCases(await loadContractSpec(SPEC_PATH));
    if (!c) throw new Error("no case derived");
    const { url, init } = toRequest(c, base, false);

    const response = await fetch(url, init);

    expect(response.status).toBe(302);
    expect(elsewhere).toBe(0);
  });
});
