// The token every client test uses. It must never show up in an error, an event or any output;
// test/support/no-token-in-output.ts checks all output of every test file for it.
export const TEST_TOKEN = "tok-CANARY-3f9a1c7e5b";
