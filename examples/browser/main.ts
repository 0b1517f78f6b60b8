// The client in a browser page: sends the spec's example request to the mock and shows the result.
// The scenarios are the spec's named response examples (from generated/, so never copied by hand);
// each one is selected on the mock with a Prefer header passed through the call's own headers.
import { examples } from "../../generated/image-search.examples.js";
import {
  addImage,
  checkImage,
  createInstance,
  deleteImage,
  modifyImage,
  searchImages,
} from "../../src/client/contracts.js";
import { createImageSearchClientFor, isImageSearchError } from "../../src/client/index.js";

const PROJECT_ID = "0123456789abcdef0123456789abcdef";
const { requestBody, responses } = examples.modifyImage;
const [exampleRequest] = Object.values(requestBody);

function element<T extends Element>(selector: string): T {
  const found = document.querySelector<T>(selector);
  if (!found) throw new Error(`the page has no ${selector}`);
  return found;
}

const form = element<HTMLFormElement>("#call");
const endpoint = element<HTMLInputElement>("#endpoint");
const token = element<HTMLInputElement>("#token");
const instance = element<HTMLInputElement>("#instance");
const scenario = element<HTMLSelectElement>("#scenario");
const result = element<HTMLOutputElement>("#result");

endpoint.value = new URLSearchParams(location.search).get("mock") ?? "http://127.0.0.1:4010";
for (const [status, named] of Object.entries(responses)) {
  for (const name of Object.keys(named)) {
    scenario.add(new Option(`${status} ${name}`, `code=${status}, example=${name}`));
  }
}

function show(state: "success" | "error" | "failure", lines: string[]): void {
  result.dataset.state = state;
  result.dataset.calls = String(Number(result.dataset.calls) + 1);
  result.textContent = lines.join("\n");
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  if (!exampleRequest) return show("failure", ["The spec has no example request."]);
  const prefer = `Prefer: ${scenario.value}`;
  try {
    // Each client is made of the operations it calls: the page ships their validators only.
    const client = createImageSearchClientFor([modifyImage], {
      endpoint: endpoint.value,
      projectId: PROJECT_ID,
      token: token.value,
      retry: false,
    });
    const answer = await client.modifyImage(
      { instanceName: instance.value, ...exampleRequest },
      { headers: { Prefer: scenario.value } },
    );
    show("success", [prefer, `200 ${answer.result}`]);
  } catch (error) {
    if (isImageSearchError(error)) {
      show("error", [prefer, `${error.status} ${error.code}`, error.errorMsg]);
    } else {
      show("failure", [prefer, error instanceof Error ? `${error.name}: ${error.message}` : String(error)]);
    }
  }
});

// The stateful mock's image library: the same client, one call after another, each answer shown.
const library = element<HTMLFormElement>("#library");
const libraryResult = element<HTMLOutputElement>("#library-result");
const libraryEndpoint = new URLSearchParams(location.search).get("library");

library.addEventListener("submit", async (event) => {
  event.preventDefault();
  libraryResult.dataset.state = "running";
  const lines: string[] = [];
  const client = createImageSearchClientFor(
    [createInstance, addImage, searchImages, deleteImage, checkImage],
    {
      endpoint: libraryEndpoint ?? endpoint.value,
      projectId: `page-${Date.now()}`,
      token: token.value,
      retry: false,
    },
  );
  const instanceName = "library";
  const path = "https://bucketName.obs.myhuaweicloud.com/image/cat.jpg";
  try {
    await client.createInstance({ name: instanceName, model: "common-search", tags: ["kind"] });
    lines.push("created instance library");
    await client.addImage({ instanceName, path, tags: { kind: "cat" } });
    lines.push("added cat.jpg with kind=cat");
    const found = await client.searchImages({ instanceName, tags: { kind: "cat" } });
    const first = found.result?.[0];
    lines.push(`search kind=cat: ${found.count} found${first ? `, first ${first.path}` : ""}`);
    await client.deleteImage({ instanceName, path });
    lines.push("deleted cat.jpg");
    const { exist } = await client.checkImage({ instanceName, path });
    lines.push(`check cat.jpg: exist ${exist}`);
    libraryResult.dataset.state = "success";
  } catch (error) {
    lines.push(isImageSearchError(error) ? `${error.code} ${error.errorMsg}` : String(error));
    libraryResult.dataset.state = "failure";
  }
  libraryResult.textContent = lines.join("\n");
});
