// What the commands that talk to a server take for its address.
import { expect, test } from "vitest";
import { isHttpUrl } from "../../../tools/shared/net.js";

test.for(["http://127.0.0.1:4010", "https://imagesearch.example/base"])("takes an http(s) URL: %s", (url) => {
  expect(isHttpUrl(url)).toBe(true);
});

test.for(["", "127.0.0.1:4010", "ftp://example.com", "file:///etc/passwd", "/relative"])(
  "refuses what is not an http(s) URL: %s",
  (text) => {
    expect(isHttpUrl(text)).toBe(false);
  },
);
